/*
 * Guidebook search.
 *
 * Adds results-as-you-type to the search form in the site header, and fills
 * in search.html?q=... with every result. The index is written by
 * `guidebook build` into search/ in format version 3 (README, "Search index
 * format"), as classic scripts that call the register functions below on
 * window.Guidebook:
 *
 *   manifest.js              registerSearchManifest({version: 3, score, shards: [[firstForm, hash]],
 *                              chunkSize, directorySize, directories: [hash], docCount, ...})
 *   terms-<hash>.js          registerSearchShard(firstForm, [["form form ...", "postings", df], ...])
 *   chunks-<j>-<hash>.js     registerSearchChunkDirectory(j, [hash of chunk, ...])
 *   docs-<c>-<hash>.js       registerSearchDocs(c, [[url, pageTitle, breadcrumb]], [[page, anchor, heading, text]])
 *
 * Term shards hold the sorted word forms from their first form up to the
 * next shard's, so a word's shard is found by binary search in the manifest;
 * a shard names itself by its first form. Postings are strings of base-91
 * digits (a varint document delta, then a score code for BM25's term-frequency
 * part) decoded only for the forms a query matches, and multiplied then by the
 * stem's idf from its document count df. A result's text is found through its
 * chunk's directory, then its chunk.
 *
 * Those files are loaded only by inserting <script src> elements (fetch() and
 * XHR of local files are blocked on file://), and only once the reader
 * focuses a search box or opens the search page: a query loads the term
 * shards its words need, then the chunks of the results it shows.
 *
 * A classic script with no dependencies. Index data and what the reader types
 * are only ever inserted with textContent / createElement / text nodes.
 */
(function () {
  "use strict";

  var G = window.Guidebook = window.Guidebook || {};
  if (G.searchStarted) return;
  G.searchStarted = true;

  var doc = document;
  var htmlEl = doc.documentElement;
  var script = doc.currentScript;
  var hasOwn = Object.prototype.hasOwnProperty;

  var MAX_QUERY_CHARS = 200;   // longer queries are cut here
  var MAX_WORDS = 12;          // and at this many words
  var MIN_PREFIX = 2;          // the last word matches as a prefix from this many characters
  var MIN_TYPO = 5;            // words this long also match one typo
  var MAX_PREFIX_SHARDS = 3;   // a prefix spanning more term shards reads only its own
  var MIN_TWO_TYPOS = 8;       // and words this long two
  // What a match is worth: the word or its stem, then a longer word it starts, then a word one or two
  // typos away; a short word's typos only where the word itself is nowhere, and below all else.
  var WEIGHT_EXACT = 1;
  var WEIGHT_PREFIX = 0.6;
  var WEIGHT_TYPO = 0.35;
  var WEIGHT_TWO_TYPOS = 0.25;
  var WEIGHT_SHORT_TYPO = 0.02;
  var WEIGHT_PARTS = 0.9;      // "multi-agency" found as "multi" and "agency" apart
  var WEIGHT_SYNONYM = 0.9;    // a phrase the guide declares a synonym of the query's words
  var WEIGHT_STOP = 0.1;       // a question or function word ("how", "do", "the")
  var MAX_SYNONYM_WORDS = 6;   // the longest query phrase looked up as a synonym
  var SUB_RESULTS = 3;         // sections of a page shown under its row
  var MAX_HIGHLIGHT_WORDS = 10; // words a result's link asks its page to mark
  // Words a question is made of: they neither decide which sections match all the query's words nor
  // weigh much, unless the query has no other words.
  var STOP_WORDS = ("a an and are as at be by can could do does for from has have how i if in into is it its " +
    "me my of on or our should so that the their them there these they this to up us was we were what when " +
    "where which who why will with would you your").split(" ");
  var DROPDOWN_LIMIT = 8;
  var DROPDOWN_HITS = 12;      // results read for the dropdown's rows: a page's sections share a row
  var PAGE_BATCH = 50;
  var SNIPPET_WORDS = 25;
  var SNIPPET_BEFORE = 8;
  var MAX_MARKS = 60;
  var ANNOUNCE_DELAY = 600;    // ms of quiet typing before the count is announced
  var SLOW_LOAD = 300;         // ms before "Searching…" is shown

  // ---------------------------------------------------------------- text

  var UNICODE_RE = (function () {
    try { return new RegExp("\\p{L}", "u").test("é"); } catch (e) { return false; }
  })();
  var WORD_CHAR = UNICODE_RE ? "[\\p{L}\\p{N}]" : "[0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF\\u0400-\\u052F]";
  var TEXT_CHAR = UNICODE_RE ? "[\\p{L}\\p{N}\\p{M}]" : "[0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u052F]";
  var HYPHEN = "[-\\u2010\\u2011]";
  var FLAGS = UNICODE_RE ? "gu" : "g";
  var MARKS_RE = UNICODE_RE ? new RegExp("\\p{Mn}", "gu") : /[\u0300-\u036F]/g;
  var LETTER_RE = UNICODE_RE ? new RegExp("^\\p{L}$", "u") : /^[A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u052F]$/;
  var HYPHENS_RE = new RegExp(HYPHEN, "g");

  function runsRe() { return new RegExp(WORD_CHAR + "+(?:" + HYPHEN + WORD_CHAR + "+)*", FLAGS); }
  function textRunsRe() { return new RegExp(TEXT_CHAR + "+(?:" + HYPHEN + TEXT_CHAR + "+)*", FLAGS); }

  // The Swift side's folding: NFD, drop nonspacing marks, lowercase each
  // scalar on its own (so capital sigma is always σ: toLowerCase alone would
  // give ς at the end of a word).
  function fold(text) {
    var s = String(text);
    if (s.normalize) s = s.normalize("NFD");
    return s.replace(MARKS_RE, "").replace(/\u03A3/g, "\u03C3").toLowerCase();
  }

  function chars(text) { return Array.from ? Array.from(text) : text.split(""); }
  function charCount(text) { return chars(text).length; }
  function isSingleLetter(token) { return charCount(token) === 1 && LETTER_RE.test(token); }
  function squash(text) { return String(text == null ? "" : text).replace(/\s+/g, " ").trim(); }

  // Query words: {text, forms: [forms to look up whole], parts: [parts of a hyphenated word]}.
  function parseQuery(raw) {
    var folded = fold(String(raw == null ? "" : raw).slice(0, MAX_QUERY_CHARS));
    var re = runsRe();
    var words = [];
    var seen = {};
    var match;
    while ((match = re.exec(folded)) && words.length < MAX_WORDS) {
      var run = match[0].replace(HYPHENS_RE, "-");
      if (hasOwn.call(seen, run)) continue;
      var parts = run.split(HYPHENS_RE);
      var word;
      if (parts.length > 1) {
        var kept = [];
        for (var i = 0; i < parts.length; i++) {
          if (!isSingleLetter(parts[i]) && kept.indexOf(parts[i]) < 0) kept.push(parts[i]);
        }
        word = { text: run, forms: [run, parts.join("")], parts: kept };
      } else {
        if (isSingleLetter(run)) continue;
        word = { text: run, forms: [run], parts: [] };
      }
      seen[run] = true;
      words.push(word);
    }
    return words;
  }

  // Damerau-Levenshtein distance of exactly one (a !== b).
  function oneEditApart(a, b) {
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la && i === lb) return false;
    var ja = la - 1, jb = lb - 1;
    while (ja >= i && jb >= i && a.charCodeAt(ja) === b.charCodeAt(jb)) { ja--; jb--; }
    // What differs is a[i..ja] against b[i..jb].
    var da = ja - i + 1, db = jb - i + 1;
    if (da <= 1 && db <= 1) return true; // one substitution, insertion or deletion
    return da === 2 && db === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
  }

  // Optimal string alignment distance, or max + 1 once it is sure to be more than max.
  function editDistance(a, b, max) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max) return max + 1;
    var before = null, previous = [], row;
    for (var j = 0; j <= lb; j++) previous.push(j);
    for (var i = 1; i <= la; i++) {
      row = [i];
      var smallest = i;
      for (j = 1; j <= lb; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        if (d < smallest) smallest = d;
      }
      if (smallest > max) return max + 1;
      before = previous;
      previous = row;
    }
    return previous[lb];
  }

  function isStopWord(text) { return STOP_WORDS.indexOf(text) >= 0; }

  // ---------------------------------------------------------------- where things are

  function siteRoot() {
    var root = null;
    if (htmlEl.hasAttribute("data-root")) root = htmlEl.getAttribute("data-root") || "";
    else if (script && script.src) {
      var m = /assets\/js\/search\.js(?:[?#].*)?$/.exec(script.src);
      if (m) root = script.src.slice(0, m.index);
    }
    root = root || "";
    if (root && root.charAt(root.length - 1) !== "/") root += "/";
    return root;
  }

  var ROOT = siteRoot();
  var MANIFEST_PATH = htmlEl.getAttribute("data-search-manifest") || "";
  var INDEX_DIR = MANIFEST_PATH.slice(0, MANIFEST_PATH.lastIndexOf("/") + 1);

  function isRelative(path) {
    return typeof path === "string" && path !== "" && !/^[a-z][a-z0-9+.\-]*:/i.test(path) &&
      path.charAt(0) !== "/" && path.charAt(0) !== "\\";
  }

  function searchPageURL(query) {
    return ROOT + "search.html" + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  // ---------------------------------------------------------------- errors

  function report(error) {
    try { window.console && console.warn("Guidebook search: " + (error && error.stack || error)); } catch (e) { /* nothing */ }
  }

  function guard(fn) {
    return function () {
      try { return fn.apply(this, arguments); } catch (e) { report(e); }
    };
  }

  // ---------------------------------------------------------------- the index (format 3)

  var manifest = null;
  var manifestFailed = false;
  var synonyms = null;   // {phrases, abbreviations}, once search/synonyms.js has run
  var termShards = {};   // i -> {entries, forms (built on first use), decoded: [per entry]}
  var directories = {};  // j -> [chunk hash, ...]
  var chunks = {};       // c -> {pages, docs}
  var files = {};        // path -> {state, waiters}

  // Hashes become parts of file names: anything but plain letters and digits is refused.
  var HASH_RE = /^[0-9A-Za-z]{1,64}$/;
  var MAX_ID = 2147483647;     // document, shard and chunk numbers stay below this
  var DIGIT_COUNT = 91;        // postings digits, so score codes are 0..90
  var MORE_DIGITS = 45;        // digit values from here up mean "more digits follow"

  function isIndex(n) { return typeof n === "number" && n >= 0 && n <= MAX_ID && Math.floor(n) === n; }
  function isHash(h) { return typeof h === "string" && HASH_RE.test(h); }

  // The manifest as this script uses it, or null if it is not a valid format 3 manifest.
  // docCount is needed: every score's idf is worked out from it.
  function readManifest(data) {
    if (!data || typeof data !== "object" || data.version !== 3) return null;
    var score = data.score && typeof data.score === "object" ? data.score : {};
    var min = Number(score.min), step = Number(score.step);
    var chunkSize = Number(data.chunkSize), directorySize = Number(data.directorySize);
    var docCount = data.docCount;
    var shardList = readShardList(data.shards);
    if (!(min > 0) || !isFinite(min) || !isFinite(step) || !isIndex(chunkSize) || !(chunkSize >= 1) ||
        !isIndex(directorySize) || !(directorySize >= 1) || !isIndex(docCount) || !shardList ||
        !Array.isArray(data.directories)) {
      return null;
    }
    // The term-frequency part t of every score code, worked out once.
    var scores = [];
    for (var q = 0; q < DIGIT_COUNT; q++) scores.push(min * Math.exp(step * q));
    return {
      scores: scores,
      firstForms: shardList.firstForms,
      shardHashes: shardList.hashes,
      shardNumbers: shardList.numbers,
      chunkSize: chunkSize,
      directorySize: directorySize,
      directories: data.directories,
      docCount: docCount
    };
  }

  // [[firstForm, hash], ...] -> {firstForms, hashes, numbers: Map firstForm -> shard number};
  // null unless it starts at "" and is sorted, which the binary search below relies on.
  function readShardList(list) {
    if (!Array.isArray(list) || !list.length) return null;
    var firstForms = [], hashes = [], numbers = new Map();
    for (var i = 0; i < list.length; i++) {
      var shard = list[i];
      if (!Array.isArray(shard) || typeof shard[0] !== "string") return null;
      if (i === 0 ? shard[0] !== "" : !(firstForms[i - 1] < shard[0])) return null;
      firstForms.push(shard[0]);
      hashes.push(shard[1]);
      numbers.set(shard[0], i);
    }
    return { firstForms: firstForms, hashes: hashes, numbers: numbers };
  }

  G.registerSearchManifest = guard(function (data) {
    var read = readManifest(data);
    if (read) manifest = read; else manifestFailed = true;
  });

  // search/synonyms.js: {synonyms: {phrase: [phrase, ...]}, abbreviations: [word, ...]}, folded.
  // Anything malformed is left out; the query then runs without it.
  G.registerSearchSynonyms = guard(function (data) {
    var table = data && typeof data.synonyms === "object" && data.synonyms ? data.synonyms : {};
    synonyms = { phrases: {}, abbreviations: {} };
    Object.keys(table).forEach(function (key) {
      if (!Array.isArray(table[key])) return;
      synonyms.phrases[key] = table[key].filter(function (p) { return typeof p === "string" && p; });
    });
    (Array.isArray(data && data.abbreviations) ? data.abbreviations : []).forEach(function (a) {
      if (typeof a === "string") synonyms.abbreviations[a] = true;
    });
  });

  // A term shard names itself by its first form; a name the manifest does not list is ignored.
  G.registerSearchShard = guard(function (firstForm, entries) {
    if (!manifest || typeof firstForm !== "string" || !Array.isArray(entries)) return;
    var i = manifest.shardNumbers.get(firstForm);
    if (i === undefined) return;
    termShards[i] = { entries: entries, forms: null, decoded: [] };
  });

  G.registerSearchChunkDirectory = guard(function (j, hashes) {
    if (!isIndex(j) || !Array.isArray(hashes)) return;
    directories[j] = hashes;
  });

  G.registerSearchDocs = guard(function (c, pages, docs) {
    if (!isIndex(c) || !Array.isArray(pages) || !Array.isArray(docs)) return;
    chunks[c] = { pages: pages, docs: docs };
  });

  // ---------------------------------------------------------------- loading files

  // Loads ROOT + path with a <script> element; done(ok) once it has run.
  function loadScript(path, isLoaded, done) {
    var file = files[path];
    if (file) {
      if (file.state === "loading") file.waiters.push(done);
      else done(file.state === "loaded");
      return;
    }
    file = files[path] = { state: "loading", waiters: [done] };
    function finish(ok) {
      file.state = ok ? "loaded" : "failed";
      var waiters = file.waiters;
      file.waiters = [];
      for (var i = 0; i < waiters.length; i++) guard(waiters[i])(ok);
    }
    var element = doc.createElement("script");
    element.async = true;
    element.setAttribute("data-guidebook-search", "");
    element.onload = function () { finish(!!isLoaded()); };
    element.onerror = function () { finish(false); };
    element.src = ROOT + path;
    (doc.head || htmlEl).appendChild(element);
  }

  // Runs done(failures) once every job [path, isLoaded] has loaded or failed.
  // A job that is null (no valid file to load) counts as a failure.
  function loadAll(jobs, done) {
    var left = jobs.length, failures = 0;
    if (!left) { done(0); return; }
    jobs.forEach(function (job) {
      function finished(ok) {
        if (!ok) failures++;
        if (--left === 0) done(failures);
      }
      if (job) loadScript(job[0], job[1], finished);
      else finished(false);
    });
  }

  // [path, isLoaded] of an index file, or null if its hash is not a plain name.
  function indexJob(name, hash, isLoaded) {
    if (!isHash(hash)) return null;
    var path = INDEX_DIR + name + "-" + hash + ".js";
    return isRelative(path) ? [path, isLoaded] : null;
  }

  // The manifest and the synonyms beside it (a fixed name too); search runs without synonyms
  // if theirs does not load.
  function ensureManifest(done) {
    if (manifest && synonyms) { done(true); return; }
    if (manifestFailed || !isRelative(MANIFEST_PATH)) { done(false); return; }
    loadAll([[MANIFEST_PATH, function () { return manifest; }],
             [INDEX_DIR + "synonyms.js", function () { return synonyms; }]], function () {
      if (!manifest) manifestFailed = true;
      if (!synonyms) synonyms = { phrases: {}, abbreviations: {} };
      done(!!manifest);
    });
  }

  // Runs done(failures) once the term shards numbered in `list` are loaded or failed.
  function loadTermShards(list, done) {
    loadAll(list.filter(function (i) { return !hasOwn.call(termShards, i); }).map(function (i) {
      return indexJob("terms", manifest.shardHashes[i], function () { return hasOwn.call(termShards, i); });
    }), done);
  }

  // ---------------------------------------------------------------- finding word forms

  function lowerBound(sorted, term) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // The number of shards whose first form is below `key`, or at most `key` with `orEqual`.
  function shardsBelow(key, orEqual) {
    var first = manifest.firstForms;
    var lo = 0, hi = first.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (first[mid] < key || (orEqual && first[mid] === key)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // The shard whose range holds `form` (shard 0 starts at "", so there always is one).
  function shardOf(form) { return Math.max(0, shardsBelow(form, true) - 1); }

  // The shards a lookup reads: its term's own shard, and for a prefix every shard whose
  // range meets [term, term + "\uffff"), unless there are more than MAX_PREFIX_SHARDS of
  // them: then the own shard alone, so a short prefix in a big guide loads one file, not dozens.
  function shardsFor(term, prefix) {
    var own = shardOf(term);
    if (!prefix) return [own];
    var last = shardsBelow(term + "\uffff", false) - 1;
    if (last - own + 1 > MAX_PREFIX_SHARDS) return [own];
    var list = [];
    for (var i = own; i <= last; i++) list.push(i);
    return list;
  }

  // A shard's word forms, sorted, with the entry of each: {names: [form], entries: [entry index]}.
  // Built when a query first reads the shard; malformed entries are left out.
  function formsOf(shard) {
    if (shard.forms) return shard.forms;
    var pairs = [];
    shard.entries.forEach(function (entry, e) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") return;
      entry[0].split(" ").forEach(function (form) { if (form) pairs.push([form, e]); });
    });
    pairs.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    shard.forms = {
      names: pairs.map(function (p) { return p[0]; }),
      entries: pairs.map(function (p) { return p[1]; })
    };
    return shard.forms;
  }

  // ---------------------------------------------------------------- postings

  // The value of a postings digit: "#" (35) to "~" (126) without "\" (92); -1 for anything else.
  function digitValue(code) {
    if (code < 35 || code > 126 || code === 92) return -1;
    return code > 92 ? code - 36 : code - 35;
  }

  // {docs: [id], scores: [t]} of a postings string, in document order, t being BM25's
  // term-frequency part. A malformed or cut off string keeps the postings before the fault
  // rather than failing the query.
  function decodePostings(text) {
    var docs = [], scores = [];
    var at = 0, docId = 0, n = text.length;
    function next() { return at < n ? digitValue(text.charCodeAt(at++)) : -1; }
    while (at < n) {
      var delta = 0, v;
      while ((v = next()) >= MORE_DIGITS) delta = delta * MORE_DIGITS + (v - MORE_DIGITS);
      var q = next();
      if (v < 0 || q < 0 || q >= DIGIT_COUNT) break;
      docId += delta * MORE_DIGITS + v;
      if (!(docId <= MAX_ID)) break;
      docs.push(docId);
      scores.push(manifest.scores[q]);
    }
    return { docs: docs, scores: scores };
  }

  // BM25's idf of a stem found in df of the docCount documents. A df that is not a positive
  // number counts the postings instead; one above docCount counts as docCount, so that an
  // idf is never negative.
  function idf(df, postingCount) {
    var n = manifest.docCount;
    if (typeof df !== "number" || !(df > 0) || !isFinite(df)) df = postingCount;
    if (df > n) df = n;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // An entry's postings with their query-time scores (idf * t), decoded on first use and then
  // kept with the shard.
  function postingsOf(shard, e) {
    if (!shard.decoded[e]) {
      var entry = shard.entries[e];
      var postings = decodePostings(entry[1]);
      var weight = idf(entry[2], postings.docs.length);
      for (var i = 0; i < postings.scores.length; i++) postings.scores[i] *= weight;
      shard.decoded[e] = postings;
    }
    return shard.decoded[e];
  }

  // ---------------------------------------------------------------- matching and ranking

  // The query's concepts: the longest run of words from each word that the guide's synonyms list
  // (with the phrases it also finds), else the word alone. A concept of only question and function
  // words is `stop` (unless the whole query is): it weighs little and need not match.
  // [{words, alternatives: [[word]], stop}]
  function concepts(words, raw) {
    var capitals = {};
    String(raw).replace(runsRe(), function (run) {
      if (charCount(run) > 1 && run === run.toUpperCase() && run !== run.toLowerCase()) capitals[fold(run)] = true;
      return run;
    });
    var list = [];
    for (var i = 0; i < words.length;) {
      var found = null;
      for (var j = Math.min(words.length, i + MAX_SYNONYM_WORDS); j > i && !found; j--) {
        var key = words.slice(i, j).map(function (w) { return w.text; }).join(" ");
        if (hasOwn.call(synonyms.phrases, key)) {
          found = { words: words.slice(i, j), alternatives: synonyms.phrases[key].map(parseQuery) };
        }
      }
      if (!found) found = { words: [words[i]], alternatives: [] };
      found.stop = found.words.every(function (w) { return isStopWord(w.text); });
      list.push(found);
      i += found.words.length;
    }
    if (list.every(function (c) { return c.stop; })) list.forEach(function (c) { c.stop = false; });
    // An abbreviation typed in capitals (TAC) is that abbreviation, not the start of longer words.
    words.forEach(function (w) { w.isAbbreviation = !!capitals[w.text] && hasOwn.call(synonyms.abbreviations, w.text); });
    return list;
  }

  // Every (word or part) term a query looks up, with how it may match and the shards it reads.
  // The last word is also a prefix; words of MIN_TYPO letters and more may have typos, two from
  // MIN_TWO_TYPOS. A synonym's words match as they are.
  function lookups(list) {
    var all = [];
    var queryWords = [].concat.apply([], list.map(function (c) { return c.words; }));
    function typos(text) { return charCount(text) >= MIN_TWO_TYPOS ? 2 : charCount(text) >= MIN_TYPO ? 1 : 0; }
    function add(word, last, exactOnly) {
      word.lookups = [];
      word.partLookups = [];
      var prefix = !exactOnly && last && !word.isAbbreviation;
      word.forms.forEach(function (form) {
        word.lookups.push(lookup(form, prefix && charCount(form) >= MIN_PREFIX, 0));
      });
      if (!word.parts.length && !exactOnly) word.lookups[0].typo = typos(word.text);
      word.parts.forEach(function (part, p) {
        word.partLookups.push(lookup(part, prefix && p === word.parts.length - 1 && charCount(part) >= MIN_PREFIX,
          exactOnly ? 0 : typos(part)));
      });
      all = all.concat(word.lookups, word.partLookups);
    }
    queryWords.forEach(function (word, index) { add(word, index === queryWords.length - 1, false); });
    list.forEach(function (c) {
      c.alternatives.forEach(function (phrase) { phrase.forEach(function (word) { add(word, false, true); }); });
    });
    return all;
  }

  function lookup(term, prefix, typo) {
    return { term: term, prefix: prefix, typo: typo, shards: shardsFor(term, prefix) };
  }

  function neededShards(list) {
    var needed = [];
    list.forEach(function (l) {
      l.shards.forEach(function (i) { if (needed.indexOf(i) < 0) needed.push(i); });
    });
    return needed;
  }

  // The forms a lookup matches: [{shard, entry, weight, form, typo}]. Prefixes and typos are looked
  // for only in the shards the lookup loaded (no extra files for typos), so a typo that moves
  // a word into another shard's range goes unfound.
  function matchLookup(l) {
    var found = [];
    l.shards.forEach(function (i) {
      var shard = termShards[i];
      if (!shard) return;
      var forms = formsOf(shard);
      var names = forms.names;
      function add(k, weight, typo) { found.push({ shard: shard, entry: forms.entries[k], weight: weight, form: names[k], typo: typo }); }
      var k = lowerBound(names, l.term);
      for (var e = k; names[e] === l.term; e++) add(e, WEIGHT_EXACT, false);  // once, unless the shard repeats it
      if (l.prefix) {
        for (var p = k; p < names.length && names[p].lastIndexOf(l.term, 0) === 0; p++) {
          if (names[p] !== l.term) add(p, WEIGHT_PREFIX, false);
        }
      }
      if (l.typo) {
        for (var t = 0; t < names.length; t++) {
          if (names[t] === l.term) continue;
          var edits = editDistance(l.term, names[t], l.typo);
          if (edits <= l.typo) add(t, edits === 1 ? WEIGHT_TYPO : WEIGHT_TWO_TYPOS, true);
        }
      }
    });
    return found;
  }

  // doc -> best weighted score over the matched forms; adds the forms to `forms`.
  function scoresOf(found, forms, scale) {
    var best = new Map();
    var usedEntries = new Map(); // shard -> [weight by entry]
    found.forEach(function (f) {
      var weight = f.weight * (scale || 1);
      forms.add(f.form);
      var used = usedEntries.get(f.shard);
      if (!used) usedEntries.set(f.shard, used = []);
      if (used[f.entry] >= weight) return;
      used[f.entry] = weight;
      var postings = postingsOf(f.shard, f.entry);
      for (var i = 0; i < postings.docs.length; i++) {
        var d = postings.docs[i], s = postings.scores[i] * weight;
        var old = best.get(d);
        if (old === undefined || s > old) best.set(d, s);
      }
    });
    return best;
  }

  function keepBest(into, scores, why, reason) {
    scores.forEach(function (s, d) {
      var old = into.get(d);
      if (old === undefined || s > old) {
        into.set(d, s);
        if (why) { if (reason) why.set(d, reason); else why.delete(d); }
      }
    });
  }

  // One word's scores: its forms and stem, a longer word it starts, typos (a short word's only
  // where it has no other match, and then last); a hyphenated word also by all of its parts.
  function wordScores(word, forms, why) {
    var found = [].concat.apply([], word.lookups.map(matchLookup));
    var sure = found.filter(function (f) { return !f.typo; });
    var typos = found.filter(function (f) { return f.typo; });
    var scores = scoresOf(sure, forms);
    if (word.parts.length) {
      var partScores = word.partLookups.map(function (l) {
        return scoresOf(matchLookup(l).filter(function (f) { return !f.typo; }), forms);
      });
      partScores[0].forEach(function (s, d) {
        var sum = 0;
        for (var p = 0; p < partScores.length; p++) {
          var ps = partScores[p].get(d);
          if (ps === undefined) return;
          sum += ps;
        }
        keepBest(scores, new Map([[d, sum * WEIGHT_PARTS]]));
      });
    }
    if (typos.length && (charCount(word.text) >= MIN_TWO_TYPOS || scores.size === 0)) {
      var typoScores = scoresOf(typos, forms, charCount(word.text) >= MIN_TWO_TYPOS ? 1 : WEIGHT_SHORT_TYPO / WEIGHT_TYPO);
      typoScores.forEach(function (s, d) {
        if (!scores.has(d)) { scores.set(d, s); if (why) why.set(d, "typo"); }
      });
    }
    return scores;
  }

  // A phrase's scores: the sum over its words, in the sections that hold all of them (question
  // words apart, unless it is only those).
  function phraseScores(words, forms, why) {
    var counted = words.filter(function (w) { return !isStopWord(w.text); });
    if (!counted.length) counted = words;
    var perWord = counted.map(function (w) { return wordScores(w, forms, why); });
    var result = new Map();
    perWord[0].forEach(function (s, d) {
      var sum = 0;
      for (var i = 0; i < perWord.length; i++) {
        var ws = perWord[i].get(d);
        if (ws === undefined) return;
        sum += ws;
      }
      result.set(d, sum);
    });
    return result;
  }

  function rank(list) {
    var forms = new Set();
    var total = new Map(), count = new Map(), why = new Map();
    var needed = list.filter(function (c) { return !c.stop; }).length;
    list.forEach(function (c) {
      var scores = phraseScores(c.words, forms, why);
      c.alternatives.forEach(function (phrase) {
        var alternative = phraseScores(phrase, forms, null);
        alternative.forEach(function (s, d) { alternative.set(d, s * WEIGHT_SYNONYM); });
        keepBest(scores, alternative, why, "synonym");
      });
      scores.forEach(function (s, d) {
        total.set(d, (total.get(d) || 0) + s * (c.stop ? WEIGHT_STOP : 1));
        if (!c.stop) count.set(d, (count.get(d) || 0) + 1);
      });
    });
    var hits = [], all = [];
    total.forEach(function (score, d) {
      if (d >= manifest.docCount) return;
      var hit = { id: d, score: score, count: count.get(d) || 0, why: why.get(d) || null };
      hits.push(hit);
      if (hit.count === needed) all.push(hit);
    });
    var partial = all.length === 0 && hits.length > 0 && needed > 1;
    var result = all.length ? all : hits;
    result.sort(function (a, b) {
      return (b.count - a.count) || (b.score - a.score) || (a.id - b.id);
    });
    return { hits: result, partial: partial, forms: forms };
  }

  // Runs a query: done({words, hits, partial, forms, failed}) or done({unavailable: true}).
  function search(raw, done) {
    var words = parseQuery(raw);
    if (!words.length) { done({ words: words, hits: [], forms: new Set() }); return; }
    ensureManifest(function (ok) {
      if (!ok) { done({ unavailable: true }); return; }
      var list = concepts(words, raw);
      var all = lookups(list);
      loadTermShards(neededShards(all), function (failures) {
        var result = rank(list);
        result.words = words;
        result.concepts = list;
        result.failed = failures > 0;
        done(result);
      });
    });
  }

  // Result rows, one per page: done([{doc, hit, sections: [{doc, hit}]}]) for the first `hitCount`
  // hits, at most `rowLimit` rows, each with up to SUB_RESULTS more sections of its page.
  function resultRows(result, rowLimit, done, hitCount) {
    var hits = result.hits.slice(0, hitCount || DROPDOWN_HITS);
    documents(hits.map(function (h) { return h.id; }), function (docs) {
      var rows = [], byPage = {};
      docs.forEach(function (d, i) {
        if (!d) return;
        var page = d.url.split("#")[0];
        var row = hasOwn.call(byPage, page) ? byPage[page] : null;
        if (row) {
          if (row.sections.length < SUB_RESULTS) row.sections.push({ doc: d, hit: hits[i], url: d.url });
          return;
        }
        if (rows.length >= rowLimit) return;
        row = byPage[page] = { doc: d, hit: hits[i], url: d.url, sections: [] };
        rows.push(row);
      });
      rows.forEach(function (r) { leadWithNamedSection(r, result.words || []); });
      done(rows);
    });
  }

  // A row leads with the section whose heading names all of the query's words (question words
  // apart), where one of its sections does: "information sharing" shows its page's "Information
  // sharing" section first, before sections that only mention the words.
  function leadWithNamedSection(row, words) {
    var wanted = words.filter(function (w) { return !isStopWord(w.text); }).map(function (w) { return w.text; });
    if (!wanted.length) return;
    function names(d) {
      var said = {};
      (fold(d.heading || "").match(runsRe()) || []).forEach(function (w) { said[w] = true; });
      return wanted.every(function (w) { return said[w]; });
    }
    if (names(row.doc)) return;
    for (var i = 0; i < row.sections.length; i++) {
      if (!names(row.sections[i].doc)) continue;
      var lead = row.sections.splice(i, 1)[0];
      row.sections.unshift({ doc: row.doc, hit: row.hit, url: row.url });
      row.doc = lead.doc; row.hit = lead.hit; row.url = lead.url;
      return;
    }
  }

  // ---------------------------------------------------------------- result text

  // The heading-id rule the index leaves to this script: a heading's fragment is omitted
  // from the index when this gives its real id (README, "Search index format").
  function asciiSlug(heading) {
    var text = heading.toLowerCase();
    var slug = "", pending = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if ((c >= "a" && c <= "z") || (c >= "0" && c <= "9")) {
        if (pending && slug) slug += "-";
        pending = false;
        slug += c;
      } else if (" \t\n\r\f\v-_".indexOf(c) >= 0) {
        pending = true;
      }
    }
    return slug;
  }

  function chunkOf(id) { return Math.floor(id / manifest.chunkSize); }
  function directoryOf(c) { return Math.floor(c / manifest.directorySize); }

  function directoryJob(j) {
    return indexJob("chunks-" + j, manifest.directories[j], function () { return hasOwn.call(directories, j); });
  }

  function chunkJob(c) {
    var list = directories[directoryOf(c)];
    return indexJob("docs-" + c, list && list[c % manifest.directorySize],
      function () { return hasOwn.call(chunks, c); });
  }

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  // done([doc or null, ...]) with doc = {id, url, title, heading, breadcrumb, text}: loads the
  // directories of the chunks these results are in, then the chunks, and nothing else.
  function documents(ids, done) {
    var wanted = unique(ids.map(chunkOf)).filter(function (c) { return !hasOwn.call(chunks, c); });
    var dirs = unique(wanted.map(directoryOf)).filter(function (j) { return !hasOwn.call(directories, j); });
    loadAll(dirs.map(directoryJob), function () {
      loadAll(wanted.map(chunkJob), function () {
        done(ids.map(resultDocument));
      });
    });
  }

  // A result from its chunk: the page's url plus the fragment of its heading (the stored
  // anchor, else the heading's ASCII slug, else none: the top of the page).
  function resultDocument(id) {
    var chunk = chunks[chunkOf(id)];
    var row = chunk && chunk.docs[id % manifest.chunkSize];
    if (!Array.isArray(row) || !isIndex(row[0])) return null;
    var page = chunk.pages[row[0]];
    if (!Array.isArray(page) || !isRelative(page[0])) return null;
    var anchor = typeof row[1] === "string" ? row[1] : "";
    var heading = typeof row[2] === "string" ? row[2] : "";
    var fragment = anchor || (heading ? asciiSlug(heading) : "");
    return {
      id: id,
      url: page[0] + (fragment ? "#" + fragment : ""),
      title: squash(page[1]),
      heading: squash(heading),
      breadcrumb: squash(page[2]),
      text: squash(row[3])
    };
  }

  // ---------------------------------------------------------------- building results

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function hiddenText(text) { return el("span", "visually-hidden", text); }

  // [start, end) ranges of the words in text whose folded form was matched.
  function matchRanges(text, forms) {
    var ranges = [];
    if (!forms || !forms.size) return ranges;
    var re = textRunsRe();
    var m;
    while ((m = re.exec(text)) && ranges.length < MAX_MARKS) {
      var run = m[0];
      var folded = fold(run);
      if (forms.has(folded) || forms.has(folded.replace(HYPHENS_RE, "-")) || forms.has(folded.replace(HYPHENS_RE, ""))) {
        ranges.push([m.index, m.index + run.length]);
        continue;
      }
      var partRe = new RegExp(TEXT_CHAR + "+", FLAGS);
      var p;
      while ((p = partRe.exec(run))) {
        if (forms.has(fold(p[0]))) ranges.push([m.index + p.index, m.index + p.index + p[0].length]);
      }
    }
    return ranges;
  }

  // Appends text[from, to) to parent with the matched ranges in <mark>.
  function appendMarked(parent, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (r) {
      if (r[1] <= from || r[0] >= to) return;
      var start = Math.max(r[0], at), end = Math.min(r[1], to);
      if (start < at || end <= start) return;
      if (start > at) parent.appendChild(doc.createTextNode(text.slice(at, start)));
      parent.appendChild(el("mark", null, text.slice(start, end)));
      at = end;
    });
    if (at < to) parent.appendChild(doc.createTextNode(text.slice(at, to)));
  }

  function markedInto(parent, text, forms) {
    appendMarked(parent, text, matchRanges(text, forms), 0, text.length);
    return parent;
  }

  // About SNIPPET_WORDS words of text around its first match.
  function snippetInto(parent, text, forms) {
    var ranges = matchRanges(text, forms);
    var words = [], m, re = /\S+/g;
    while ((m = re.exec(text))) words.push([m.index, m.index + m[0].length]);
    if (!words.length) return parent;
    var first = 0;
    if (ranges.length) {
      while (first < words.length - 1 && words[first][1] <= ranges[0][0]) first++;
    }
    var startWord = Math.max(0, first - SNIPPET_BEFORE);
    var endWord = Math.min(words.length, startWord + SNIPPET_WORDS);
    startWord = Math.max(0, Math.min(startWord, endWord - SNIPPET_WORDS));
    var from = words[startWord][0], to = words[endWord - 1][1];
    if (startWord > 0) parent.appendChild(doc.createTextNode("… "));
    appendMarked(parent, text, ranges, from, to);
    if (endWord < words.length) parent.appendChild(doc.createTextNode(" …"));
    return parent;
  }

  // A result's link: the page, with the words to mark there (`?highlight=`), then the section.
  function resultHref(d, forms) {
    var words = [];
    if (forms) forms.forEach(function (f) { if (words.length < MAX_HIGHLIGHT_WORDS) words.push(f); });
    var hash = d.url.indexOf("#");
    var page = hash < 0 ? d.url : d.url.slice(0, hash);
    return ROOT + page + (words.length ? "?highlight=" + encodeURIComponent(words.join(" ")) : "") + (hash < 0 ? "" : d.url.slice(hash));
  }

  // Why a row matched, where no word of the query is marked in it: a synonym, a typo, or words
  // further into the section than the text shown (or, for a page's top, in its tags).
  function whyText(hit, query, d) {
    if (hit && hit.why === "synonym") return "Found through a synonym of " + quoted(query);
    if (hit && hit.why === "typo") return "Found through a word like " + quoted(query);
    return d.heading ? "Your words are further into this section" : "Your words are in this page's text or tags";
  }

  function resultItem(d, forms, hit, query, sections) {
    var item = el("li", "search-result");
    var link = el("a", "search-result-link");
    link.href = resultHref(d, forms);
    var title = markedInto(link.appendChild(el("span", "search-result-title")), d.title || d.url, forms);
    if (d.heading) {
      // Read as "Page title, Heading".
      title.appendChild(hiddenText(","));
      markedInto(link.appendChild(el("span", "search-result-heading")), d.heading, forms);
    }
    item.appendChild(link);
    if (d.breadcrumb) {
      var crumb = item.appendChild(el("p", "search-result-breadcrumb"));
      crumb.appendChild(hiddenText("In: "));
      markedInto(crumb, d.breadcrumb, forms);
    }
    if (d.text) snippetInto(item.appendChild(el("p", "search-result-snippet")), d.text, forms);
    if (!item.querySelector("mark")) item.appendChild(el("p", "search-result-why", whyText(hit, query, d)));
    if (sections && sections.length) {
      var more = item.appendChild(el("ul", "search-subresults"));
      more.setAttribute("aria-label", "More in " + (d.title || d.url));
      sections.forEach(function (section) { addSubResult(more, section.doc, forms); });
    }
    return item;
  }

  // A further section of a row's page: its heading, read as "Page title, Heading" like a row's.
  function addSubResult(list, d, forms) {
    var sub = list.appendChild(el("li", "search-subresult"));
    var link = sub.appendChild(el("a", "search-result-link search-subresult-link"));
    link.href = resultHref(d, forms);
    if (d.heading) link.appendChild(hiddenText((d.title || d.url) + ", "));
    markedInto(link, d.heading || d.title || d.url, forms);
    return sub;
  }

  function quoted(query) {
    var q = squash(query);
    var c = chars(q);
    if (c.length > 80) q = c.slice(0, 80).join("") + "…";
    return "“" + q + "”";
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function noResultsInto(parent, query, failed) {
    parent.appendChild(el("p", "search-none", "No results for " + quoted(query) + "."));
    parent.appendChild(el("p", "search-hint", failed ? INCOMPLETE :
      "Check the spelling, try fewer or different words, or use the contents to find a page."));
  }

  function makeLiveRegion(parent) {
    var region = el("div", "visually-hidden search-live");
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    parent.appendChild(region);
    var timer = null;
    return {
      say: function (text, now) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          // Clearing first makes an identical message be announced again.
          region.textContent = "";
          window.setTimeout(function () { region.textContent = text; }, 50);
        }, now ? 0 : ANNOUNCE_DELAY);
      },
      clear: function () { window.clearTimeout(timer); region.textContent = ""; }
    };
  }

  function rendered(view, query, count) {
    try {
      doc.dispatchEvent(new CustomEvent("guidebook:search-rendered", {
        detail: { view: view, query: query, count: count }
      }));
    } catch (e) { /* old browser */ }
  }

  var UNAVAILABLE = "Search is not available in this copy of the guide. Use the contents to find a page.";
  var INCOMPLETE = "Part of the search index could not be loaded, so some results may be missing.";

  // ---------------------------------------------------------------- the header box

  function setUpHeaderSearch(form) {
    var input = form.querySelector("input[type=search], input[name=q]");
    if (!input) return;
    var base = input.id || "site-search-input";
    form.classList.add("has-live-search");

    var hint = el("span", "visually-hidden",
      "Results appear below as you type. Press the down arrow key to move through them.");
    hint.id = base + "-hint";
    form.appendChild(hint);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);

    var live = makeLiveRegion(form);
    var panel = el("div", "search-panel");
    panel.id = base + "-results";
    panel.hidden = true;
    panel.setAttribute("data-state", "closed");
    var status = panel.appendChild(el("div", "search-panel-status"));
    var list = panel.appendChild(el("ol", "search-results"));
    list.setAttribute("aria-label", "Search results");
    var extra = panel.appendChild(el("div", "search-panel-extra"));
    form.appendChild(panel);
    input.setAttribute("aria-controls", panel.id);

    var sequence = 0;
    var shownQuery = null;
    var refocusing = false;

    // Right-aligned under the form where it fits, else moved into the viewport.
    function place() {
      panel.style.left = "";
      panel.style.right = "";
      var width = panel.offsetWidth;
      var viewport = htmlEl.clientWidth || window.innerWidth;
      var box = form.getBoundingClientRect();
      var left = Math.max(8, Math.min(box.right - width, viewport - 8 - width));
      panel.style.right = "auto";
      panel.style.left = Math.round(left - box.left) + "px";
    }
    function open() {
      panel.hidden = false;
      place();
    }
    function close(refocus) {
      sequence++;
      panel.hidden = true;
      panel.setAttribute("data-state", "closed");
      if (refocus) {
        refocusing = true;
        try { input.focus(); } finally { refocusing = false; }
      }
    }
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a.search-result-link")); }

    function show(state, query) {
      panel.setAttribute("data-state", state);
      panel.setAttribute("data-query", query);
      shownQuery = query;
      open();
    }

    function message(query, text) {
      clear(status); clear(list); clear(extra);
      status.textContent = text;
      show("error", query);
      live.say(text);
      rendered("dropdown", query, 0);
    }

    function update() {
      var query = input.value;
      var mine = ++sequence;
      var words = parseQuery(query);
      if (!words.length) {
        live.clear();
        if (squash(query).length < 2) { close(false); return; }
        clear(status); clear(list); clear(extra);
        noResultsInto(status, query);
        show("none", query);
        live.say("No results for " + quoted(query) + ".");
        rendered("dropdown", query, 0);
        return;
      }
      var slow = window.setTimeout(guard(function () {
        if (mine !== sequence) return;
        if (panel.hidden) { clear(list); clear(extra); }
        status.textContent = "Searching…";
        panel.setAttribute("data-state", "loading");
        open();
      }), SLOW_LOAD);
      search(query, function (result) {
        if (mine !== sequence) return;
        if (result.unavailable) { window.clearTimeout(slow); message(query, UNAVAILABLE); return; }
        resultRows(result, DROPDOWN_LIMIT, function (rows) {
          window.clearTimeout(slow);
          if (mine !== sequence) return;
          var total = result.hits.length;
          clear(status); clear(list); clear(extra);
          if (!total) {
            noResultsInto(status, query, result.failed);
            show("none", query);
            live.say("No results for " + quoted(query) + ".");
            rendered("dropdown", query, 0);
            return;
          }
          var shown = 0;
          rows.forEach(function (row) {
            list.appendChild(resultItem(row.doc, result.forms, row.hit, query, row.sections));
            shown += 1 + row.sections.length;
          });
          var count = plural(total, "result", "results");
          status.textContent = total > shown ? count + ", showing the first " + shown : count;
          if (result.partial) {
            extra.appendChild(el("p", "search-note", "No section has all of your words. These have some of them."));
          }
          if (result.failed) extra.appendChild(el("p", "search-note", INCOMPLETE));
          if (total > shown) {
            var all = extra.appendChild(el("p", "search-all"));
            var allLink = all.appendChild(el("a", null, "See all " + count));
            allLink.href = searchPageURL(squash(query));
          }
          show("results", query);
          live.say(count + (result.partial ? " with some of your words" : "") +
            ". Press the down arrow key to move through them.");
          rendered("dropdown", query, total);
        });
      });
    }

    function moveFocus(current, step) {
      var items = links();
      if (!items.length) return;
      var index = items.indexOf(current);
      if (index < 0) { (step > 0 ? items[0] : items[items.length - 1]).focus(); return; }
      var next = index + step;
      if (next < 0) { input.focus(); return; }
      if (next >= items.length) next = items.length - 1;
      items[next].focus();
    }

    input.addEventListener("focus", guard(function () {
      ensureManifest(function () {});
      if (!refocusing && panel.hidden && parseQuery(input.value).length) update();
    }));
    input.addEventListener("input", guard(update));
    input.addEventListener("keydown", guard(function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (panel.hidden || shownQuery !== input.value) { update(); return; }
        moveFocus(null, 1);
      } else if (event.key === "ArrowUp" && !panel.hidden) {
        event.preventDefault();
        moveFocus(null, -1);
      } else if ((event.key === "Escape" || event.key === "Esc") && !panel.hidden) {
        event.preventDefault();
        close(false);
      }
    }));
    panel.addEventListener("keydown", guard(function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target;
      var isLink = target && target.classList && target.classList.contains("search-result-link");
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        close(true);
      } else if (isLink && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        moveFocus(target, event.key === "ArrowDown" ? 1 : -1);
      } else if (isLink && (event.key === "Home" || event.key === "End")) {
        event.preventDefault();
        var items = links();
        items[event.key === "Home" ? 0 : items.length - 1].focus();
      }
    }));
    form.addEventListener("focusout", guard(function (event) {
      var to = event.relatedTarget;
      if (to && !form.contains(to) && !panel.hidden) close(false);
    }));
    doc.addEventListener("mousedown", guard(function (event) {
      if (!panel.hidden && !form.contains(event.target)) close(false);
    }));
    window.addEventListener("pagehide", guard(function () { close(false); }));
    window.addEventListener("resize", guard(function () { if (!panel.hidden) place(); }));
  }

  // ---------------------------------------------------------------- search.html

  function setUpSearchPage(container) {
    var form = container.querySelector("form");
    var input = container.querySelector("input[type=search], input[name=q]");
    var out = container.querySelector(".search-page-results");
    if (!out) out = container.appendChild(el("div", "search-page-results"));
    Array.prototype.forEach.call(container.querySelectorAll(".search-needs-js"), function (n) { n.hidden = true; });

    var live = makeLiveRegion(container);
    var baseTitle = doc.title;
    var sequence = 0;

    function readQuery() {
      try { return new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { return ""; }
    }

    function writeQuery(query) {
      try {
        var url = window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : "") + window.location.hash;
        window.history.replaceState(window.history.state, "", url);
      } catch (e) { /* file:// may refuse; the results are on the page all the same */ }
    }

    function setTitle(query) {
      doc.title = squash(query) ? quoted(query) + " – " + baseTitle : baseTitle;
    }

    function run(query, announceNow) {
      var mine = ++sequence;
      out.setAttribute("data-query", query);
      if (!squash(query)) {
        clear(out);
        out.setAttribute("data-state", "empty");
        live.clear();
        rendered("page", query, 0);
        return;
      }
      var words = parseQuery(query);
      if (!words.length) { none(false); return; }
      search(query, function (result) {
        if (mine !== sequence) return;
        if (result.unavailable) {
          clear(out);
          out.appendChild(el("p", "search-note", UNAVAILABLE));
          out.setAttribute("data-state", "error");
          live.say(UNAVAILABLE, announceNow);
          rendered("page", query, 0);
          return;
        }
        if (!result.hits.length) { none(result.failed); return; }
        var total = result.hits.length;
        var count = plural(total, "result", "results") + " for " + quoted(query);
        var summary = el("p", "search-page-summary", count);
        var list = el("ol", "search-results search-page-list");
        list.setAttribute("aria-label", "Search results");
        var notes = [];
        if (result.partial) notes.push(el("p", "search-note", "No section has all of your words. These have some of them."));
        if (result.failed) notes.push(el("p", "search-note", INCOMPLETE));
        var more = el("button", "search-more");
        more.type = "button";
        var next = 0;
        var busy = false;
        var rowsByPage = {};

        function addBatch(focusFirst) {
          if (busy) return;
          busy = true;
          var batch = result.hits.slice(next, next + PAGE_BATCH);
          documents(batch.map(function (h) { return h.id; }), function (docs) {
            busy = false;
            if (mine !== sequence) return;
            var firstNew = null;
            docs.forEach(function (d, i) {
              if (!d) return;
              var page = d.url.split("#")[0];
              var row = hasOwn.call(rowsByPage, page) ? rowsByPage[page] : null;
              if (row) {
                // A page's further sections go under its row: all of them here, where every result is listed.
                if (!row.list) {
                  row.list = row.item.appendChild(el("ul", "search-subresults"));
                  row.list.setAttribute("aria-label", "More in " + (row.title || page));
                }
                row.count++;
                var sub = addSubResult(row.list, d, result.forms);
                if (!firstNew) firstNew = sub.querySelector("a");
                return;
              }
              var item = list.appendChild(resultItem(d, result.forms, batch[i], query));
              rowsByPage[page] = { item: item, count: 0, list: null, title: d.title };
              if (!firstNew) firstNew = item.querySelector("a");
            });
            next += batch.length;
            var left = total - next;
            if (left > 0) {
              more.textContent = "Show " + Math.min(left, PAGE_BATCH) + " more of " + plural(left, "remaining result", "remaining results");
              more.hidden = false;
            } else {
              more.hidden = true;
            }
            if (!out.contains(list)) {
              clear(out);
              out.appendChild(summary);
              notes.forEach(function (n) { out.appendChild(n); });
              out.appendChild(list);
              out.appendChild(more);
              out.setAttribute("data-state", "results");
              live.say(count + (result.partial ? ", with some of your words" : "") + ".", announceNow);
            } else if (focusFirst && firstNew) {
              firstNew.focus();
              live.say("Showing " + next + " of " + plural(total, "result", "results") + ".", true);
            }
            out.setAttribute("data-shown", String(list.children.length));
            rendered("page", query, total);
          });
        }
        more.addEventListener("click", guard(function () { addBatch(true); }));
        addBatch(false);
      });

      function none(failed) {
        if (mine !== sequence) return;
        clear(out);
        noResultsInto(out, query, failed);
        out.setAttribute("data-state", "none");
        live.say("No results for " + quoted(query) + ".", announceNow);
        rendered("page", query, 0);
      }
    }

    var initial = readQuery();
    if (input) {
      input.value = initial;
      input.addEventListener("focus", guard(function () { ensureManifest(function () {}); }));
      input.addEventListener("input", guard(function () {
        writeQuery(input.value);
        setTitle(input.value);
        run(input.value, false);
      }));
    }
    if (form) {
      form.addEventListener("submit", guard(function (event) {
        event.preventDefault();
        var query = input ? input.value : "";
        writeQuery(query);
        setTitle(query);
        run(query, true);
      }));
    }
    setTitle(initial);
    run(initial, true);
  }

  // ---------------------------------------------------------------- a page opened from a result

  // A page opened from a result (`?highlight=words`): the words marked in its main text, and the
  // first one in the target section (or page) scrolled to. Only on that visit: nothing is stored.
  function highlightOnArrival() {
    var m = /[?&]highlight=([^&#]*)/.exec(window.location.search || "");
    // The page's own text, not its navigation.
    var main = doc.querySelector("#main article") || doc.getElementById("main");
    if (!m || !main || !doc.createTreeWalker) return;
    var words;
    try { words = decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return; }
    var forms = new Set(fold(words).split(/\s+/).filter(Boolean).slice(0, MAX_HIGHLIGHT_WORDS));
    if (!forms.size) return;
    var walker = doc.createTreeWalker(main, 4 /* NodeFilter.SHOW_TEXT */, null);
    var texts = [], node;
    while ((node = walker.nextNode())) {
      if (!node.parentNode.closest("script, style, mark, textarea, .search-panel")) texts.push(node);
    }
    var marks = [];
    texts.forEach(function (text) {
      var value = text.nodeValue;
      var ranges = matchRanges(value, forms);
      if (!ranges.length) return;
      var pieces = doc.createDocumentFragment();
      appendMarked(pieces, value, ranges, 0, value.length);
      Array.prototype.forEach.call(pieces.childNodes, function (piece) {
        if (piece.nodeName === "MARK") { piece.className = "search-highlight"; marks.push(piece); }
      });
      text.parentNode.replaceChild(pieces, text);
    });
    if (!marks.length) return;
    var target = window.location.hash ? doc.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    var first = marks[0];
    if (target) {
      for (var i = 0; i < marks.length; i++) {
        if (target.compareDocumentPosition(marks[i]) & 4 /* following */ || target.contains(marks[i])) { first = marks[i]; break; }
      }
    }
    first.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- start

  var start = guard(function () {
    Array.prototype.forEach.call(doc.querySelectorAll("form.site-search"), guard(setUpHeaderSearch));
    var page = doc.querySelector("[data-search-page]");
    if (page) setUpSearchPage(page);
    highlightOnArrival();
  });

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();

  // For Tests/js (node), which checks these against the shared table Tests/Fixtures/rules/cases.json;
  // browsers have no `module`.
  if (typeof module === "object" && module && module.exports) {
    module.exports = { fold: fold, parseQuery: parseQuery, asciiSlug: asciiSlug,
      MAX_QUERY_CHARS: MAX_QUERY_CHARS, MAX_WORDS: MAX_WORDS, search: search, documents: documents,
      resultRows: resultRows, editDistance: editDistance };
  }
})();
