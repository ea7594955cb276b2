// The content status page, worked out in the reader's browser: which pages are overdue for review
// today (not on the day the site was built), with the table sortable and filterable by owner and
// state. Without this script the page is the plain table the build wrote.
(function () {
  "use strict";
  var doc = document;
  var table = doc.querySelector(".status-table");
  if (!table || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, index) { row.setAttribute("data-order", String(index)); });

  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var soon = new Date(now.getFullYear(), now.getMonth() + 3, now.getDate());
  var soonText = soon.getFullYear() + "-" + pad(soon.getMonth() + 1) + "-" + pad(soon.getDate());
  var longDate = function (iso) {
    var parts = iso.split("-");
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  };

  function stateOf(row) {
    var due = row.getAttribute("data-review-by") || "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return "none";
    if (due < today) return "overdue";
    if (due <= soonText) return "soon";
    return "current";
  }

  // Overdue as of today.
  var overdue = 0;
  rows.forEach(function (row) {
    var state = stateOf(row);
    row.setAttribute("data-state", state);
    row.classList.toggle("overdue", state === "overdue");
    var cell = row.querySelector(".review-cell");
    if (!cell) return;
    var mark = cell.querySelector("strong");
    if (mark) { if (mark.previousSibling && mark.previousSibling.nodeType === 3) mark.previousSibling.nodeValue = mark.previousSibling.nodeValue.replace(/ $/, ""); mark.remove(); }
    if (state === "overdue") {
      overdue++;
      cell.appendChild(doc.createTextNode(" "));
      cell.appendChild(el("strong", "(overdue)"));
    } else if (state === "soon") {
      cell.appendChild(doc.createTextNode(" "));
      cell.appendChild(el("span", "(due soon)"));
    }
  });
  var summary = doc.querySelector(".status-overdue-text");
  if (summary) summary.textContent = overdue + " overdue for review today, " + longDate(today);

  function el(name, text, attributes) {
    var node = doc.createElement(name);
    if (text) node.textContent = text;
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    return node;
  }

  // Filters: owner and state.
  var owners = [];
  rows.forEach(function (row) {
    var owner = row.getAttribute("data-owner") || "";
    if (owners.indexOf(owner) === -1) owners.push(owner);
  });
  owners.sort(function (a, b) { return a.localeCompare(b); });
  var filters = el("div", "", { "class": "status-filters" });
  var ownerField = el("div");
  ownerField.appendChild(el("label", "Owner", { "for": "status-owner" }));
  var ownerSelect = el("select", "", { id: "status-owner" });
  ownerSelect.appendChild(el("option", "All owners", { value: "*" }));
  owners.forEach(function (owner) { ownerSelect.appendChild(el("option", owner || "No owner", { value: owner })); });
  ownerField.appendChild(ownerSelect);
  var stateField = el("div");
  stateField.appendChild(el("label", "Review", { "for": "status-state" }));
  var stateSelect = el("select", "", { id: "status-state" });
  [["*", "All pages"], ["overdue", "Overdue"], ["soon", "Due in the next 3 months"], ["current", "Not due yet"], ["none", "No review date"]]
    .forEach(function (option) { stateSelect.appendChild(el("option", option[1], { value: option[0] })); });
  stateField.appendChild(stateSelect);
  var count = el("p", "", { "class": "status-count", role: "status" });
  filters.appendChild(ownerField);
  filters.appendChild(stateField);
  filters.appendChild(count);
  var region = table.closest(".table-scroll") || table;
  region.parentNode.insertBefore(filters, region);

  function applyFilters() {
    var owner = ownerSelect.value, state = stateSelect.value, shown = 0;
    rows.forEach(function (row) {
      var visible = (owner === "*" || row.getAttribute("data-owner") === owner) && (state === "*" || row.getAttribute("data-state") === state);
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " pages";
  }
  ownerSelect.addEventListener("change", applyFilters);
  stateSelect.addEventListener("change", applyFilters);
  applyFilters();

  // Sorting: a button in each sortable column heading; aria-sort on the sorted one.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var keyOf = { order: "data-order", owner: "data-owner", reviewed: "data-reviewed", updated: "data-updated", review: "data-review-by" };
  headers.forEach(function (th) {
    var key = th.getAttribute("data-sort-key");
    if (!key) return;
    var button = el("button", th.textContent, { type: "button", "class": "status-sort" });
    th.textContent = "";
    th.appendChild(button);
    if (key === "order") th.setAttribute("aria-sort", "ascending");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var attribute = keyOf[key];
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.getAttribute(attribute) || "", y = b.getAttribute(attribute) || "";
        var result = key === "order" ? Number(x) - Number(y) : (x === y ? 0 : (x === "" ? 1 : (y === "" ? -1 : x.localeCompare(y))));
        if (result === 0) result = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        return ascending || x === "" || y === "" ? result : -result;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      var caption = table.caption;
      if (caption) caption.textContent = "Pages sorted by " + button.textContent.toLowerCase() + (ascending ? "" : ", reversed");
    });
  });
})();
