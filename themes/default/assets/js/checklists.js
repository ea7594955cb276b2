/*
 * Guidebook checklists.
 *
 * Turns the task lists the generator writes (div.checklist with disabled
 * checkboxes) into checklists a reader can tick, keeps the ticks in
 * localStorage under keys that carry the guide's id, and fills in the
 * "My checklists" page (progress, export and import).
 *
 * A classic script with no dependencies: it must work from a web server and
 * from a page opened straight from disk (file://), so it never loads anything.
 * Text from the page, from storage or from an imported file is only ever
 * inserted with textContent / createElement.
 */
(function () {
  "use strict";

  var FORMAT_VERSION = 1;
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  var MAX_SEEN = 1000;
  var hasOwn = Object.prototype.hasOwnProperty;
  var script = document.currentScript;

  // ---------------------------------------------------------------- helpers

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function squash(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    if (attributes) {
      for (var name in attributes) {
        if (hasOwn.call(attributes, name)) node.setAttribute(name, attributes[name]);
      }
    }
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function doneText(done, total) {
    return done + " of " + total + " done";
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function localDate(date) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function guideTitle() {
    var title = document.documentElement.getAttribute("data-guide-title");
    if (title) return squash(title);
    var link = document.querySelector(".site-title");
    return link ? squash(link.textContent) : "";
  }

  function guideId() {
    var id = document.documentElement.getAttribute("data-guide-id");
    if (!id) {
      var holder = document.querySelector("[data-guide-id]");
      id = holder ? holder.getAttribute("data-guide-id") : "";
    }
    return id || "guide";
  }

  function pageTitle() {
    var heading = document.querySelector("main h1") || document.querySelector("h1");
    return heading ? squash(heading.textContent) : squash(document.title);
  }

  function downloadFile(name, text, type) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // Sets a live region's text; an identical message is re-announced too.
  function say(region, text, isError) {
    if (!region) return;
    region.classList.toggle("is-error", !!isError);
    if (region.textContent === text) region.textContent = "";
    region.textContent = text;
  }

  // ---------------------------------------------------------------- storage

  var GUIDE = guideId();
  var PREFIX = "guidebook:" + GUIDE + ":";
  var CHECKLIST_PREFIX = PREFIX + "checklist:";
  var SEEN_KEY = PREFIX + "seen";

  var storage = {
    works: (function () {
      try {
        var ls = window.localStorage;
        if (!ls) return false;
        var probe = PREFIX + "probe";
        ls.setItem(probe, "1");
        ls.removeItem(probe);
        return true;
      } catch (e) {
        return false;
      }
    })(),
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); return true; } catch (e) { return false; }
    },
    keys: function () {
      var keys = [];
      try {
        var ls = window.localStorage;
        for (var i = 0; i < ls.length; i++) {
          var key = ls.key(i);
          if (key !== null) keys.push(key);
        }
      } catch (e) { /* no storage: no keys */ }
      return keys;
    }
  };

  // The stored ticks of one checklist as {itemId: boolean}, or null when
  // nothing usable is stored (absent, not JSON, another shape or version).
  function readState(checklistId) {
    var raw = storage.get(CHECKLIST_PREFIX + checklistId);
    if (raw === null || raw === undefined) return null;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return null; }
    if (!isObject(data) || data.v !== FORMAT_VERSION || !isObject(data.items)) return null;
    var items = Object.create(null);
    Object.keys(data.items).forEach(function (itemId) {
      if (typeof data.items[itemId] === "boolean") items[itemId] = data.items[itemId];
    });
    return items;
  }

  function writeState(checklistId, items) {
    var copy = {};
    Object.keys(items).forEach(function (itemId) { copy[itemId] = items[itemId]; });
    return storage.set(CHECKLIST_PREFIX + checklistId, JSON.stringify({
      v: FORMAT_VERSION, items: copy, updated: new Date().toISOString()
    }));
  }

  function readSeen() {
    var raw = storage.get(SEEN_KEY);
    if (!raw) return [];
    try {
      var list = JSON.parse(raw);
      return Array.isArray(list) ? list.filter(function (p) { return typeof p === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  // This page's path from the site's root ("governance.html",
  // "building-the-work-group/induction.html"), found from where this script
  // is (root/assets/js/checklists.js); else the last two path segments.
  function pagePath() {
    var path = location.pathname;
    try { path = decodeURIComponent(path); } catch (e) { /* keep it encoded */ }
    if (path.charAt(path.length - 1) === "/") path += "index.html";
    try {
      if (script && script.src) {
        var src = new URL(script.src, location.href);
        var srcPath = decodeURIComponent(src.pathname);
        var match = /^(.*\/)assets\/js\/[^\/]+$/.exec(srcPath);
        if (match && src.protocol === location.protocol && src.host === location.host &&
            path.indexOf(match[1]) === 0) {
          return path.slice(match[1].length);
        }
      }
    } catch (e) { /* fall through */ }
    return path.split("/").filter(Boolean).slice(-2).join("/");
  }

  function recordSeen(path) {
    if (!storage.works) return;
    var seen = readSeen();
    if (seen.indexOf(path) !== -1) return;
    seen.push(path);
    if (seen.length > MAX_SEEN) seen = seen.slice(seen.length - MAX_SEEN);
    storage.set(SEEN_KEY, JSON.stringify(seen));
  }

  var NO_STORAGE_NOTE = "This browser isn’t letting the guide keep your ticks, " +
    "so they will be lost when you leave or reload this page.";

  // ---------------------------------------------------------------- a checklist on a page

  function Checklist(root) {
    this.root = root;
    this.id = root.getAttribute("data-checklist");
    var title = root.getAttribute("data-checklist-title");
    if (!title) {
      var heading = document.getElementById(root.getAttribute("aria-labelledby") || "");
      title = heading ? heading.textContent : "Checklist";
    }
    this.title = squash(title);
    this.inputs = Array.prototype.filter.call(
      root.querySelectorAll("input[type=checkbox][data-item]"),
      function (input) { return input.closest(".checklist") === root; });
  }

  Checklist.prototype.setUp = function () {
    var self = this;
    var root = this.root;
    if (!this.id || !this.inputs.length || root.hasAttribute("data-checklist-ready")) return;

    var controls = el("div", { "class": "checklist-controls" });
    var progressLine = el("p", { "class": "checklist-progress" });
    this.progress = el("progress", { max: String(this.inputs.length), value: "0" });
    this.count = el("span", { "class": "checklist-count" });
    progressLine.appendChild(this.progress);
    progressLine.appendChild(document.createTextNode(" "));
    progressLine.appendChild(this.count);
    controls.appendChild(progressLine);

    var actions = el("div", { "class": "checklist-actions" });
    var clear = el("button", { type: "button", "class": "checklist-button checklist-clear" }, "Clear");
    var copy = el("button", { type: "button", "class": "checklist-button checklist-copy" }, "Copy as text");
    var download = el("button", { type: "button", "class": "checklist-button checklist-download" }, "Download as text");
    // Clear last, and drawn as the one button that loses something.
    actions.appendChild(copy);
    actions.appendChild(download);
    actions.appendChild(clear);
    controls.appendChild(actions);

    if (!storage.works) {
      controls.appendChild(el("p", { "class": "checklist-note" }, NO_STORAGE_NOTE));
    }
    // Messages (copied, cleared, could not save) for everyone to see and hear;
    // the count is announced through a hidden region so it is not said twice.
    this.message = el("p", { "class": "checklist-message", role: "status" });
    this.live = el("span", { "class": "checklist-live visually-hidden", "aria-live": "polite" });
    controls.appendChild(this.message);
    controls.appendChild(this.live);
    root.appendChild(controls);

    this.sync();
    this.inputs.forEach(function (input) { input.disabled = false; });
    root.setAttribute("data-checklist-ready", "");

    root.addEventListener("change", function (event) {
      if (self.inputs.indexOf(event.target) === -1) return;
      self.save();
      self.update(true);
    });
    clear.addEventListener("click", function () { self.clear(); });
    copy.addEventListener("click", function () { self.copy(copy); });
    download.addEventListener("click", function () { self.download(); });
  };

  // Ticks from storage where there are some for an item on the page,
  // otherwise the source's ticks (the checked attribute).
  Checklist.prototype.sync = function () {
    var stored = storage.works ? readState(this.id) : null;
    this.inputs.forEach(function (input) {
      var itemId = input.getAttribute("data-item");
      input.checked = stored && hasOwn.call(stored, itemId) ? stored[itemId] : input.defaultChecked;
    });
    this.update(false);
  };

  Checklist.prototype.done = function () {
    return this.inputs.filter(function (input) { return input.checked; }).length;
  };

  Checklist.prototype.update = function (announce) {
    var text = doneText(this.done(), this.inputs.length);
    this.progress.max = this.inputs.length;
    this.progress.value = this.done();
    this.progress.setAttribute("aria-label", this.title + ": " + text);
    this.count.textContent = text;
    if (announce) say(this.live, text);
  };

  Checklist.prototype.save = function () {
    if (!storage.works) return;
    var items = {};
    this.inputs.forEach(function (input) { items[input.getAttribute("data-item")] = input.checked; });
    if (!writeState(this.id, items)) {
      say(this.message, "Your ticks couldn’t be saved (the browser’s storage may be full), " +
        "so they will be lost when you leave this page.", true);
    }
  };

  Checklist.prototype.clear = function () {
    var sure = false;
    try {
      sure = window.confirm("Clear your ticks in “" + this.title + "”? This can’t be undone.");
    } catch (e) {
      sure = false;
    }
    if (!sure) return;
    this.inputs.forEach(function (input) { input.checked = input.defaultChecked; });
    if (storage.works) storage.remove(CHECKLIST_PREFIX + this.id);
    this.update(false);
    say(this.message, "Ticks cleared: " + doneText(this.done(), this.inputs.length) + ".");
  };

  Checklist.prototype.markdown = function () {
    var page = pageTitle();
    var guide = guideTitle();
    var first = page && guide && page !== guide ? page + " – " + guide : (page || guide);
    var lines = [];
    if (first) lines.push("# " + first, "");
    lines.push("## " + this.title, "");
    this.inputs.forEach(function (input) {
      var label = input.closest("label");
      var text = squash(label ? label.textContent : "");
      lines.push("- [" + (input.checked ? "x" : " ") + "] " + text);
    });
    return lines.join("\n") + "\n";
  };

  // Plain text for the clipboard (pasted into an email or minutes): "[x] item", no Markdown.
  Checklist.prototype.plainText = function () {
    var page = pageTitle();
    var guide = guideTitle();
    var first = page && guide && page !== guide ? page + " – " + guide : (page || guide);
    var lines = [];
    if (first) lines.push(first, "");
    lines.push(this.title, "");
    this.inputs.forEach(function (input) {
      var label = input.closest("label");
      lines.push("[" + (input.checked ? "x" : " ") + "] " + squash(label ? label.textContent : ""));
    });
    return lines.join("\n") + "\n";
  };

  Checklist.prototype.copy = function (button) {
    var self = this;
    var text = this.plainText();
    var copied = function () {
      say(self.message, "Copied “" + self.title + "” as text: paste it into an email or minutes.");
    };
    var fallback = function () {
      if (copyWithTextarea(text, button)) copied();
      else say(self.message, "The browser didn’t allow copying: use “Download as text” instead.", true);
    };
    try {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
        navigator.clipboard.writeText(text).then(copied, fallback);
        return;
      }
    } catch (e) { /* fall back */ }
    fallback();
  };

  Checklist.prototype.download = function () {
    // Checklist ids of nested pages hold "/", which a file name can't.
    var name = this.id.replace(/[^A-Za-z0-9._-]+/g, "-") + ".md";
    try {
      downloadFile(name, this.markdown(), "text/markdown;charset=utf-8");
      say(this.message, "Downloaded “" + this.title + "” as " + name + ".");
    } catch (e) {
      say(this.message, "The browser didn’t allow the download: use “Copy as text” instead.", true);
    }
  };

  function copyWithTextarea(text, returnFocusTo) {
    var area = el("textarea", { readonly: "", "aria-hidden": "true", tabindex: "-1", "class": "checklist-copy-area" });
    area.value = text;
    document.body.appendChild(area);
    var ok = false;
    try {
      area.select();
      area.setSelectionRange(0, text.length);
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    if (returnFocusTo) returnFocusTo.focus();
    return !!ok;
  }

  // ---------------------------------------------------------------- My checklists

  function MyChecklists(container) {
    var self = this;
    this.container = container;
    this.imported = false;
    this.entries = Array.prototype.map.call(
      container.querySelectorAll("li.checklist-entry[data-checklist]"),
      function (li, index) {
        var link = li.querySelector("a");
        var items = squash(li.getAttribute("data-items")).split(" ").filter(Boolean);
        var defaults = squash(li.getAttribute("data-checked-by-default")).split(" ").filter(Boolean);
        var slot = li.querySelector(".checklist-entry-progress");
        if (!slot) {
          slot = el("span", { "class": "checklist-entry-progress" });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(slot);
        }
        return {
          li: li, index: index, id: li.getAttribute("data-checklist"),
          title: squash(link ? link.textContent : li.getAttribute("data-checklist")),
          items: items, defaults: defaults, slot: slot, original: slot.textContent, progress: null
        };
      });
    this.byId = Object.create(null);
    this.entries.forEach(function (entry) { self.byId[entry.id] = entry; });
  }

  MyChecklists.prototype.setUp = function (thisPage) {
    var self = this;
    this.thisPage = thisPage;
    this.note = el("p", { "class": "my-checklists-note", hidden: "" });
    this.container.parentNode.insertBefore(this.note, this.container);
    // A summary, and the checklists part-way through from the whole guide, above the sections.
    this.summary = el("div", { "class": "my-checklists-summary", hidden: "" });
    this.container.parentNode.insertBefore(this.summary, this.container);
    this.buildTools();
    this.render();
  };

  // True when this page can see the progress other pages keep.
  MyChecklists.prototype.canSeeProgress = function () {
    if (!storage.works) return false;
    if (location.protocol !== "file:" || this.imported) return true;
    var thisPage = this.thisPage;
    if (readSeen().some(function (path) { return path !== thisPage; })) return true;
    return storage.keys().some(function (key) { return key.indexOf(CHECKLIST_PREFIX) === 0; });
  };

  MyChecklists.prototype.count = function (entry) {
    var stored = readState(entry.id);
    return entry.items.filter(function (itemId) {
      return stored && hasOwn.call(stored, itemId) ? stored[itemId] : entry.defaults.indexOf(itemId) !== -1;
    }).length;
  };

  MyChecklists.prototype.render = function () {
    var visible = this.canSeeProgress();
    var self = this;
    if (visible) {
      this.note.hidden = true;
      this.note.textContent = "";
    } else {
      this.note.textContent = storage.works
        ? "This browser keeps each page’s progress separately when the guide is opened from a file " +
          "(or no checklist has been opened in it yet), so progress can’t be shown here. " +
          "Open each checklist to see its progress."
        : "This browser isn’t letting the guide keep progress, so it can’t be shown here. " +
          "Open each checklist to see it.";
      this.note.hidden = false;
    }
    this.entries.forEach(function (entry) {
      entry.category = 1;
      if (!visible) {
        entry.slot.textContent = entry.original;
        if (entry.progress) {
          entry.progress.parentNode.removeChild(entry.progress);
          entry.progress = null;
        }
        return;
      }
      var total = entry.items.length;
      var done = self.count(entry);
      var text = doneText(done, total);
      entry.category = done > 0 && done < total ? 0 : (done === 0 ? 1 : 2);
      entry.slot.textContent = text;
      if (!entry.progress) {
        entry.progress = el("progress");
        entry.li.appendChild(entry.progress);
      }
      entry.progress.max = total || 1;
      entry.progress.value = done;
      entry.progress.setAttribute("aria-label", entry.title + ": " + text);
    });
    this.order(visible);
    this.summarise(visible);
  };

  // "3 of 30 checklists started, 1 of them done", and links to those in progress, in guide order.
  MyChecklists.prototype.summarise = function (visible) {
    var summary = this.summary;
    while (summary.firstChild) summary.removeChild(summary.firstChild);
    if (!visible || !this.entries.length) { summary.hidden = true; return; }
    var inProgress = this.entries.filter(function (entry) { return entry.category === 0; });
    var done = this.entries.filter(function (entry) { return entry.category === 2; }).length;
    var started = inProgress.length + done;
    summary.appendChild(el("p", { "class": "my-checklists-count" },
      started + " of " + plural(this.entries.length, "checklist", "checklists") + " started: " +
      inProgress.length + " in progress, " + done + " done."));
    if (inProgress.length) {
      summary.appendChild(el("h2", { id: "mc-in-progress" }, "Carry on where you left off"));
      var list = el("ul", { "class": "my-checklists-progress-list" });
      inProgress.forEach(function (entry) {
        var link = entry.li.querySelector("a");
        var item = el("li");
        item.appendChild(el("a", { href: link ? link.getAttribute("href") : "#" }, entry.title));
        var page = entry.li.querySelector(".checklist-entry-page");
        item.appendChild(document.createTextNode(" (" + (page ? squash(page.textContent) + ", " : "") + entry.slot.textContent + ")"));
        list.appendChild(item);
      });
      summary.appendChild(list);
    }
    summary.hidden = false;
  };

  // In each list: checklists in progress, then not started, then done;
  // document order within each group (and everywhere when nothing is shown).
  MyChecklists.prototype.order = function (byProgress) {
    var lists = [];
    this.entries.forEach(function (entry) {
      if (lists.indexOf(entry.li.parentNode) === -1) lists.push(entry.li.parentNode);
    });
    var entries = this.entries;
    lists.forEach(function (list) {
      var mine = entries.filter(function (entry) { return entry.li.parentNode === list; });
      var wanted = mine.slice().sort(function (a, b) {
        return byProgress && a.category !== b.category ? a.category - b.category : a.index - b.index;
      });
      var current = Array.prototype.filter.call(list.children, function (child) {
        return child.classList.contains("checklist-entry");
      });
      var same = wanted.every(function (entry, i) { return current[i] === entry.li; });
      if (same) return;
      var focused = document.activeElement;
      var hadFocus = focused && list.contains(focused);
      wanted.forEach(function (entry) { list.appendChild(entry.li); });
      if (hadFocus && typeof focused.focus === "function") focused.focus();
    });
  };

  MyChecklists.prototype.buildTools = function () {
    var self = this;
    var tools = document.querySelector(".checklist-tools");
    if (!tools) {
      tools = el("div", { "class": "checklist-tools" });
      this.container.parentNode.insertBefore(tools, this.container.nextSibling);
    }
    tools.appendChild(el("h2", { id: "checklist-tools-title" }, "Move your progress to another computer"));
    tools.appendChild(el("p", null,
      "Your ticks are kept in this browser only. To carry on in another browser or on another computer, " +
      "download your progress as a file and load that file there."));
    var exportLine = el("p");
    var exportButton = el("button", { type: "button", "class": "checklist-button checklist-export" },
      "Download my progress");
    exportLine.appendChild(exportButton);
    tools.appendChild(exportLine);

    var importLine = el("p", { "class": "checklist-import" });
    var label = el("label", { "for": "checklist-import-file" }, "Load progress from a file");
    var input = el("input", { type: "file", id: "checklist-import-file", accept: ".json,application/json" });
    importLine.appendChild(label);
    importLine.appendChild(input);
    tools.appendChild(importLine);

    this.status = el("p", { "class": "checklist-tools-status", role: "status" });
    tools.appendChild(this.status);

    exportButton.addEventListener("click", function () { self.exportProgress(); });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (file) self.importFile(file, input);
    });
  };

  MyChecklists.prototype.exportProgress = function () {
    if (!storage.works) {
      say(this.status, "This browser isn’t keeping progress, so there is nothing to download.", true);
      return;
    }
    var out = { guide: guideTitle(), guideId: GUIDE, exported: new Date().toISOString(), checklists: {} };
    var count = 0;
    this.entries.forEach(function (entry) {
      var stored = readState(entry.id);
      if (!stored) return;
      var items = {};
      var any = false;
      entry.items.forEach(function (itemId) {
        if (hasOwn.call(stored, itemId)) { items[itemId] = stored[itemId]; any = true; }
      });
      if (any) { out.checklists[entry.id] = { items: items }; count++; }
    });
    var name = GUIDE + "-progress-" + localDate(new Date()) + ".json";
    try {
      downloadFile(name, JSON.stringify(out, null, 2) + "\n", "application/json");
      say(this.status, "Downloaded your progress on " + plural(count, "checklist", "checklists") +
        " as " + name + ".");
    } catch (e) {
      say(this.status, "The browser didn’t allow the download.", true);
    }
  };

  MyChecklists.prototype.importFile = function (file, input) {
    var self = this;
    var done = function (text, isError) {
      say(self.status, text, isError);
      try { input.value = ""; } catch (e) { /* leave it */ }
    };
    if (file.size > MAX_IMPORT_BYTES) {
      done("Not loaded: “" + file.name + "” is too large to be a progress file. Nothing was changed.", true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var result;
      try {
        result = self.importText(String(reader.result), file.name);
      } catch (e) {
        result = { text: "Not loaded: “" + file.name + "” couldn’t be read as a progress file. Nothing was changed.", error: true };
      }
      done(result.text, result.error);
    };
    reader.onerror = function () {
      done("Not loaded: “" + file.name + "” couldn’t be read. Nothing was changed.", true);
    };
    reader.readAsText(file);
  };

  MyChecklists.prototype.importText = function (text, fileName) {
    var self = this;
    var refuse = function (why) { return { text: "Not loaded: " + why + " Nothing was changed.", error: true }; };
    if (!storage.works) {
      return refuse("this browser isn’t letting the guide keep progress, so the file can’t be loaded.");
    }
    var data;
    try { data = JSON.parse(text.replace(/^\uFEFF/, "")); } catch (e) { data = null; }
    if (!isObject(data) || typeof data.guideId !== "string" || !isObject(data.checklists)) {
      return refuse("“" + fileName + "” isn’t a progress file from a guide.");
    }
    if (data.guideId !== GUIDE) {
      var from = typeof data.guide === "string" && squash(data.guide) ? squash(data.guide) : data.guideId;
      return refuse("“" + fileName + "” holds progress for another guide, “" + from + "”, not for “" +
        guideTitle() + "”.");
    }
    var writes = [];
    var ignored = 0;
    Object.keys(data.checklists).forEach(function (checklistId) {
      var saved = data.checklists[checklistId];
      var items = isObject(saved) && isObject(saved.items) ? saved.items : null;
      var entry = hasOwn.call(self.byId, checklistId) ? self.byId[checklistId] : null;
      if (!entry || !items) {
        ignored += items ? Math.max(Object.keys(items).length, 1) : 1;
        return;
      }
      var stored = readState(checklistId) || {};
      var merged = {};
      var changed = false;
      entry.items.forEach(function (itemId) {
        if (hasOwn.call(stored, itemId)) merged[itemId] = stored[itemId];
      });
      Object.keys(items).forEach(function (itemId) {
        if (entry.items.indexOf(itemId) !== -1 && typeof items[itemId] === "boolean") {
          merged[itemId] = items[itemId];
          changed = true;
        } else {
          ignored++;
        }
      });
      if (changed) writes.push({ id: checklistId, items: merged });
    });
    var failed = writes.filter(function (w) { return !writeState(w.id, w.items); }).length;
    this.imported = this.imported || writes.length > failed;
    this.render();
    var message = "Loaded your progress on " + plural(writes.length - failed, "checklist", "checklists") +
      " from “" + fileName + "”.";
    if (ignored) {
      message += " Ignored " + plural(ignored, "item", "items") + " that this guide no longer has.";
    }
    if (failed) {
      message += " " + plural(failed, "checklist", "checklists") +
        " couldn’t be saved: the browser’s storage may be full.";
    }
    return { text: message, error: failed > 0 };
  };

  // ---------------------------------------------------------------- start

  function start() {
    var thisPage = pagePath();
    recordSeen(thisPage);

    var checklists = [];
    Array.prototype.forEach.call(document.querySelectorAll(".checklist[data-checklist]"), function (root) {
      try {
        var checklist = new Checklist(root);
        checklist.setUp();
        if (checklist.progress) checklists.push(checklist);
      } catch (e) { /* leave this one as the generator wrote it */ }
    });

    var index = null;
    var container = document.querySelector(".my-checklists");
    if (container) {
      try {
        index = new MyChecklists(container);
        index.setUp(thisPage);
      } catch (e) {
        index = null;
      }
    }

    var refresh = function (key) {
      checklists.forEach(function (checklist) {
        if (key === null || key === undefined || key === CHECKLIST_PREFIX + checklist.id) checklist.sync();
      });
      if (index) index.render();
    };
    // Ticks made in another tab, or on another page before "Back".
    window.addEventListener("storage", function (event) {
      try {
        if (event.key === null || event.key.indexOf(PREFIX) === 0) refresh(event.key);
      } catch (e) { /* ignore */ }
    });
    window.addEventListener("pageshow", function (event) {
      try {
        if (event.persisted) refresh(null);
      } catch (e) { /* ignore */ }
    });
  }

  function safeStart() {
    try { start(); } catch (e) { /* the page stays as the generator wrote it */ }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", safeStart);
  } else {
    safeStart();
  }
})();
