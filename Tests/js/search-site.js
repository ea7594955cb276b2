// search.js on a site `guidebook build` wrote: loaded into a vm context whose document loads the
// site's index files (classic scripts, as a browser would) from the site folder, so that node runs
// the real script on the real index, with no second implementation of either.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { REPO_ROOT } = require("./theme-script.js");

function loadSearch(siteFolder) {
  const manifestPath = "search/manifest.js";
  const root = { hasAttribute: (n) => n === "data-root", getAttribute: (n) => (n === "data-root" ? "" : n === "data-search-manifest" ? manifestPath : null) };
  const context = { console, module: { exports: {} }, setTimeout, clearTimeout };
  const document = {
    documentElement: root,
    currentScript: null,
    readyState: "loading",
    head: null,
    addEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
    createElement: () => ({ setAttribute() {} }),
  };
  // A script element's file runs in the page's context, then its onload fires, a turn later as in a browser.
  root.appendChild = (element) => {
    setImmediate(() => {
      const file = path.join(siteFolder, element.src);
      if (!fs.existsSync(file)) { element.onerror(); return; }
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
      element.onload();
    });
  };
  context.document = document;
  context.window = context;
  vm.createContext(context);
  const file = path.join(REPO_ROOT, "themes", "default", "assets", "js", "search.js");
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return context.module.exports;
}

module.exports = { loadSearch };
