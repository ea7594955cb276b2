#!/usr/bin/env node
// Runs every *.test.js beside this file with node's own test runner (node:test), no npm packages:
//   node Tests/js/run.js        (make js-test; part of make test)
"use strict";
const fs = require("node:fs");
const path = require("node:path");

for (const name of fs.readdirSync(__dirname).filter((n) => n.endsWith(".test.js")).sort()) {
  require(path.join(__dirname, name));
}
