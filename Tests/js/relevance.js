#!/usr/bin/env node
// The relevance set (Tests/Fixtures/search/relevance.json) on a built guide's real index:
//   node Tests/js/relevance.js SITE_FOLDER [--min N] [--verbose]
// Prints each query's first three rows and the share that has an answer among them; fails (exit 1)
// when fewer than N queries succeed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { REPO_ROOT } = require("./theme-script.js");
const { loadSearch } = require("./search-site.js");

const args = process.argv.slice(2);
const site = args[0];
const min = args.includes("--min") ? Number(args[args.indexOf("--min") + 1]) : 0;
const verbose = args.includes("--verbose");
const set = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "Tests", "Fixtures", "search", "relevance.json"), "utf8"));
const search = loadSearch(path.resolve(site));

function rowsOf(query) {
  return new Promise((resolve) => {
    search.search(query, (result) => {
      if (result.unavailable) throw new Error("no search index in " + site);
      if (search.resultRows) { search.resultRows(result, 3, resolve); return; }
      const ids = result.hits.slice(0, 3).map((h) => h.id);
      search.documents(ids, (docs) => resolve(docs.filter(Boolean).map((d) => ({ url: d.url, sections: [] }))));
    });
  });
}

function answers(row, answer) {
  const urls = [row.url].concat(row.sections.map((s) => s.url));
  return urls.some((url) => (answer.includes("#") ? url === answer : url.split("#")[0] === answer));
}

(async () => {
  let passed = 0;
  for (const q of set.queries) {
    const rows = await rowsOf(q.query);
    const ok = rows.some((row) => q.answers.some((a) => answers(row, a)));
    if (ok) passed++;
    if (verbose || !ok) {
      console.log(`${ok ? "ok  " : "MISS"} [${q.kind}] ${q.query}`);
      rows.forEach((r) => console.log("       " + r.url + (r.sections.length ? "  + " + r.sections.map((s) => s.url.split("#")[1] || "(top)").join(", ") : "")));
    }
  }
  console.log(`relevance: ${passed} of ${set.queries.length} queries have an answer in the top 3`);
  if (passed < min) { console.log(`fewer than ${min}`); process.exit(1); }
})();
