// search.js against the shared table of text-rule cases, Tests/Fixtures/rules/cases.json (its
// "about" says what each section means; the Swift implementation is the truth it was written from).
"use strict";
const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { REPO_ROOT, loadThemeScript, plain } = require("./theme-script.js");

const table = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "Tests", "Fixtures", "rules", "cases.json"), "utf8"));
const search = loadThemeScript("search.js");

// A case's name in the output: its input with invisible characters shown as \u escapes.
function label(c) {
  const shown = JSON.stringify(c.input).replace(/[^\x20-\x7e]/gu, (ch) => {
    return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) && !/[\u2010-\u2015\u2212]/.test(ch)
      ? ch : "\\u{" + ch.codePointAt(0).toString(16) + "}";
  });
  return c.note ? `${shown} (${c.note})` : shown;
}

function sortedUnique(list) {
  return [...new Set(list)].sort();
}

// Every form a query looks up: its words' whole forms and the parts of hyphenated ones.
function lookedUp(query) {
  const words = plain(search.parseQuery(query));
  return { words, forms: sortedUnique(words.flatMap((word) => word.forms.concat(word.parts))) };
}

describe("the shared table", () => {
  it("has every section", () => {
    for (const section of ["fold", "tokens", "slug", "ids"]) {
      assert.ok(Array.isArray(table[section]) && table[section].length > 0, section);
    }
  });
});

describe("fold: search.js folds as the index does", () => {
  for (const c of table.fold) {
    it(label(c), () => assert.equal(search.fold(c.input), c.expected));
  }
});

describe("tokens: search.js looks up the forms the index holds", () => {
  for (const c of table.tokens) {
    it(label(c), (t) => {
      assert.ok(c.input.length <= search.MAX_QUERY_CHARS, "the case is longer than a query may be");
      const { words, forms } = lookedUp(c.input);
      assert.ok(words.length < search.MAX_WORDS, "the case has more words than a query may have");
      if (c.knownDifference) {
        t.diagnostic(`known difference from Swift: ${c.knownDifference.why}`);
        assert.notDeepEqual(sortedUnique(c.knownDifference.js), sortedUnique(c.expected),
          "search.js now agrees with Swift: remove the case's knownDifference");
        assert.deepEqual(forms, sortedUnique(c.knownDifference.js));
      } else {
        assert.deepEqual(forms, sortedUnique(c.expected));
      }
    });
  }
});

// search.js makes a result's fragment from its heading only where the index left the anchor out,
// which it does only for ASCII headings: other inputs are not search.js's to slug.
describe("slug: search.js's asciiSlug gives an ASCII heading's id", () => {
  for (const c of table.slug.filter((c) => /^[\x00-\x7f]*$/.test(c.input))) {
    it(label(c), () => assert.equal(search.asciiSlug(c.input), c.expected));
  }
});

// Typo matching: optimal string alignment distance, cut off above the allowed number of edits.
describe("editDistance: search.js's typo rule", () => {
  const cases = [
    ["apraisel", "appraisal", 2, 2], ["appraisal", "appraisal", 2, 0], ["recruting", "recruiting", 2, 1],
    ["safegaurding", "safeguarding", 2, 1], ["remote", "remove", 1, 1], ["tac", "tackling", 2, 3],
    ["form", "from", 1, 1], ["abc", "", 2, 3], ["secondmant", "secondment", 1, 1],
  ];
  for (const [a, b, max, expected] of cases) {
    it(`${a} / ${b} (at most ${max})`, () => assert.equal(search.editDistance(a, b, max), expected));
  }
});
