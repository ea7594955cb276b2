// Small enhancements of every page, each optional: without this script the navigation is shown
// in full above the content on narrow screens, and everything else still works.
// - the "Menu" button: a disclosure for the section navigation below the desktop width
//   (aria-expanded kept in step; Escape closes it and returns focus to the button);
// - "/" anywhere outside a text field moves focus to the search box (said in its hint);
// - "Print this page" buttons.
(function () {
  "use strict";
  var doc = document;
  // Set before the body is drawn, so a phone never sees the full list flash past.
  doc.documentElement.classList.add("js");

  function isTyping(target) {
    if (!target || !target.closest) return false;
    return !!target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])");
  }

  function setUpMenu() {
    var button = doc.querySelector(".menu-button");
    var menu = doc.getElementById("site-menu");
    if (!menu) return;
    if (!button || menu.querySelectorAll("a").length < 2) {
      menu.classList.add("is-open");  // nothing worth a button: the list stays in view
      return;
    }
    var open = false;
    var set = function (value) {
      open = value;
      button.setAttribute("aria-expanded", value ? "true" : "false");
      menu.classList.toggle("is-open", value);
    };
    button.hidden = false;
    menu.classList.add("is-collapsible");
    set(false);
    button.addEventListener("click", function () { set(!open); });
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !open) return;
      var active = doc.activeElement;
      if (active === button || menu.contains(active) || active === doc.body) {
        set(false);
        button.focus();
      }
    });
  }

  function setUpSearchShortcut() {
    var input = doc.getElementById("site-search-input");
    var hint = doc.getElementById("site-search-hint");
    if (!input) return;
    input.setAttribute("aria-keyshortcuts", "/");
    if (hint) {
      hint.hidden = false;
      input.setAttribute("aria-describedby", hint.id);
    }
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target) || input.offsetParent === null) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  function setUpPrintButtons() {
    var buttons = doc.querySelectorAll(".print-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  function start() {
    setUpMenu();
    setUpSearchShortcut();
    setUpPrintButtons();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();
