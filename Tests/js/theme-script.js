// Loads one of the default theme's classic scripts into its own vm context, as a page would, with
// only what the script touches while it loads stubbed (no DOM: the page's start is left waiting
// for DOMContentLoaded). Scripts hand their pure functions to tests through a `module.exports`
// they fill in only where a `module` exists (never in a browser).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const THEME_JS = path.join(REPO_ROOT, "themes", "default", "assets", "js");

function loadThemeScript(name) {
  const file = path.join(THEME_JS, name);
  const root = { hasAttribute: () => false, getAttribute: () => null };
  const document = {
    documentElement: root,
    currentScript: null,
    readyState: "loading",
    addEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
  };
  const exported = { exports: {} };
  const context = vm.createContext({ window: {}, document, module: exported, console });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  if (!Object.keys(exported.exports).length) throw new Error(`${name} exported nothing to module.exports`);
  return exported.exports;
}

// Values made in the script's context (its own Array and Object) as plain values of this one,
// so that assert's deep equality, which compares prototypes, compares only the contents.
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

module.exports = { REPO_ROOT, loadThemeScript, plain };
