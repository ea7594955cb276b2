"""Support for test_search.py: the site under test (a built guide from
GUIDEBOOK_SITE when it has a search index, otherwise a mock site written here
with the theme's REAL search.js/search.css and index files in search index
format 3, README "Search index format"), a web server that serves a site under
a sub-path, and a reference model of the mock's index (the same folding,
tokenising and matching rules as search.js and the Swift indexer)."""
import bisect
import functools
import hashlib
import html
import http.server
import json
import math
import os
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_ASSETS = REPO_ROOT / "themes" / "default" / "assets"
SEARCH_JS = THEME_ASSETS / "js" / "search.js"
SEARCH_CSS = THEME_ASSETS / "css" / "search.css"
GUIDEBOOK_CSS = THEME_ASSETS / "css" / "guidebook.css"
CHROMIUM = os.environ.get("GUIDEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
SITE_VAR = "GUIDEBOOK_SITE"

XSS_TITLE = "<img src=x onerror=alert(1)>"
HYPHENS = "-\u2010\u2011"
MANIFEST_PATH = "search/manifest.js"
# Small on purpose, so that the mock has many term shards and chunk directories (the real
# writer's are far bigger): binary search, prefixes over several shards and the cap are used.
SHARD_TARGET = 2000
CHUNK_SIZE = 8
DIRECTORY_SIZE = 4
MAX_POSTINGS = 1000
MAX_PREFIX_SHARDS = 3   # search.js: a prefix spanning more shards reads only its own
MIN_PREFIX = 2
MIN_TYPO = 5
SCORE_MIN = 0.01
SCORE_STEP = 0.0889
# BM25's average section length, fixed as in the Swift indexer (there 120 weighted words): near the
# mock's own average, so that a posting's term-frequency part depends on its section alone.
AVERAGE_LENGTH = 44.0
TEXT_LIMIT = 140


# ---------------------------------------------------------------- folding and tokens

def fold(text):
    decomposed = unicodedata.normalize("NFD", text)
    # Lowercased scalar by scalar, as Swift does: capital sigma is always σ.
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").replace("\u03a3", "\u03c3").lower()


def _word_char(c):
    return unicodedata.category(c)[0] in "LN"


def _single_letter(token):
    return len(token) == 1 and unicodedata.category(token)[0] == "L"


def runs(folded):
    """Maximal letter/digit runs, hyphen-joined runs kept together as lists of parts."""
    out, i, n = [], 0, len(folded)
    while i < n:
        if not _word_char(folded[i]):
            i += 1
            continue
        j = i
        while j < n and _word_char(folded[j]):
            j += 1
        parts = [folded[i:j]]
        while j + 1 < n and folded[j] in HYPHENS and _word_char(folded[j + 1]):
            k = j + 1
            while k < n and _word_char(folded[k]):
                k += 1
            parts.append(folded[j + 1:k])
            j = k
        out.append(parts)
        i = j
    return out


def word_forms(text):
    """The word forms of a text, in order, with repeats (what the index holds)."""
    forms = []
    for parts in runs(fold(text)):
        forms.extend(p for p in parts if not _single_letter(p))
        if len(parts) > 1:
            forms.append("-".join(parts))
            forms.append("".join(parts))
    return forms


def stem(form):
    """A toy stemmer for the mock (the real index uses Snowball)."""
    if len(form) > 3 and form.endswith("s") and not form.endswith("ss"):
        return form[:-1]
    return form


def js_order(text):
    """A sort key giving JavaScript's string order (UTF-16 code units), as the index uses."""
    return text.encode("utf-16-be")


def ascii_slug(heading):
    """The heading-id rule search.js applies to a heading whose anchor the index left out."""
    slug, pending = "", False
    for c in heading.lower():
        if "a" <= c <= "z" or "0" <= c <= "9":
            if pending and slug:
                slug += "-"
            pending = False
            slug += c
        elif c in " \t\n\r\f\v-_":
            pending = True
    return slug


def one_edit_apart(a, b):
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if len(a) > len(b):
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


# ---------------------------------------------------------------- the mock guide's content

@dataclass
class Section:
    heading: str  # "" for the part before the first heading
    anchor: str
    paragraphs: list


@dataclass
class Page:
    path: str
    title: str
    breadcrumb: str
    summary: str
    sections: list = field(default_factory=list)

    @property
    def root(self):
        return "../" * self.path.count("/")


def mock_pages():
    pages = [
        Page("index.html", "Multi-agency services: a toolkit", "", "A mock guide for the search tests.", [
            Section("", "", ["This toolkit helps managers set up and run multi-agency services.",
                             "Use the contents, or search for a word such as governance."])]),
        Page("governance.html", "Governance", "", "Who decides what, and how a service answers for it.", [
            Section("", "", ["Good governance keeps a multi-agency service accountable to its partners."]),
            Section("What is governance?", "what-is-governance",
                    ["Governance is the way a service is directed and held to account by the board."]),
            Section("Getting the governance right", "getting-the-governance-right",
                    ["Agree terms of reference early and review them each year."])]),
        Page("partnership-agreements.html", "Partnership agreements", "",
             "Written agreements between the agencies in a service.", [
                 Section("", "", ["A partnership agreement sets out what each partner brings."]),
                 Section("Putting partnership agreements in place", "putting-partnership-agreements-in-place",
                         ["Draft the agreement with every partner and sign it before staff move."]),
                 Section("Checklist: what a partnership agreement covers", "checklist-what-a-partnership-agreement-covers",
                         ["Funding, staffing, data sharing, complaints and how the agreement ends."])]),
        Page("building-the-work-group/index.html", "Building the work group", "",
             "Staffing, location and recruitment.", [
                 Section("", "", ["How to bring together the people who will deliver the service."])]),
        Page("building-the-work-group/recruitment-or-secondment.html", "Recruitment or secondment?",
             "Building the work group",
             "The benefits and drawbacks of recruiting staff directly or through secondment.", [
                 Section("", "", ["A service can bring in staff by recruiting them directly or through "
                                  "partnership agreements and secondment with other agencies."]),
                 Section("Direct recruitment", "direct-recruitment",
                         ["Recruiting directly gives the service its own staff with one employer."]),
                 Section("Partnership agreements and secondment", "partnership-agreements-and-secondment",
                         ["A secondment keeps staff employed by their home agency while they work "
                          "in the service, under a partnership agreement."]),
                 Section("Benefits of secondment", "benefits-of-secondment",
                         ["Secondees bring links back to their home agency and its expertise."]),
                 Section("Challenges of secondment", "challenges-of-secondment",
                         ["Seconded staff may feel torn between two employers."])]),
        Page("leading-and-managing-change/index.html", "Leading and managing change", "",
             "Leadership for multi-agency services.", [
                 Section("", "", ["Leading change across agencies takes time and a clear vision."])]),
        Page("leading-and-managing-change/steering/steering-groups.html", "Setting up a steering group",
             "Leading and managing change", "How a steering group guides a new service.", [
                 Section("", "", ["A steering group brings the senior partners together to guide the service."]),
                 Section("Ten early tasks for a steering group", "ten-early-tasks-for-a-steering-group",
                         ["The first tasks are to agree a vision, map needs and appoint a manager."]),
                 Section("Membership", "membership",
                         ["Members should be able to commit their agency's resources."])]),
        Page("reference/terms/glossary.html", "Glossary", "Reference",
             "Words used in this guide.", [
                 Section("", "", ["Short definitions of the words and abbreviations used in this guide."]),
                 Section("Multi-agency working", "multi-agency-working",
                         ["Multi-agency working brings practitioners from different sectors together. "
                          "Co-location means sharing one building."]),
                 Section("CAF", "caf", ["The Common Assessment Framework (CAF) is used for children aged 0-19."]),
                 Section("Café meetings", "cafe-meetings",
                         ["An informal café for parents and practitioners meets at the Naïve Arts Centre."]),
                 Section("Words from other languages", "words-from-other-languages",
                         ["Greetings used by families: Привет, Καλημέρα and 日本語 all appear in welcome packs."])]),
        Page("unsafe.html", XSS_TITLE, "", "A page whose title looks like HTML.", [
            Section("", "", ['Text with <b>tags</b> & "quotes" that must show as text: onerror.']),
            Section('<script>alert("heading")</script>', "script-heading",
                    ["A heading that looks like a script element, about onerror handlers."])]),
    ]
    case_studies = Page("case-studies/stories/partnership-stories.html", "Case studies of partnership working",
                        "Case studies", "Stories from services that worked in partnership.",
                        [Section("", "", ["Sixty short stories of partnership working in practice."])])
    towns = ["Ashford", "Barnet", "Crewe", "Dover", "Ely", "Frome"]
    for n in range(1, 61):
        town = towns[n % len(towns)]
        case_studies.sections.append(Section(
            f"Case study {n}: {town}", f"case-study-{n}",
            [f"In {town} the partnership between health, education and social care agencies "
             f"set up story number {n} of working together with families."]))
    pages.append(case_studies)
    # Hundreds of word forms that start with "ref", in several sections: the prefix "ref" spans
    # more term shards than search.js reads for one prefix, and longer prefixes ("ref02") span two.
    forms = Page("reference/form-numbers.html", "Form numbers", "Reference",
                 "The reference numbers of the partner agencies' forms.", [
                     Section("", "", ["Every form a partner agency uses has a reference number."])])
    for n, agency in enumerate(["Health", "Education", "Social care", "Housing", "Police", "Voluntary sector"]):
        numbers = ", ".join(f"ref{n * 100 + k:04d}" for k in range(1, 101))
        forms.sections.append(Section(f"{agency} forms", ascii_slug(f"{agency} forms"),
                                      [f"{agency} form numbers: {numbers}."]))
    pages.append(forms)
    return pages


# ---------------------------------------------------------------- the mock's index

@dataclass
class Document:
    """One result: a section of a page."""
    page: Page
    section: Section
    anchor: str = ""  # the anchor the index stores ("" where search.js works it out)

    @property
    def href(self):
        """The link search.js must make: the page plus the section's real heading id."""
        return self.page.path + (f"#{self.section.anchor}" if self.section.anchor else "")


@dataclass
class Index:
    docs: list            # [Document]
    postings: dict        # stem -> {doc: BM25's term-frequency part t (search.js multiplies it by idf)}
    forms: dict           # form -> stem
    df: dict = field(default_factory=dict)            # stem -> the number of documents holding it
    first_forms: list = field(default_factory=list)   # term shard i holds forms from first_forms[i]
    shard_files: list = field(default_factory=list)   # term shard i's file name
    manifest_path: str = MANIFEST_PATH                 # relative to the site root

    def shard_of(self, form):
        keys = [js_order(f) for f in self.first_forms]
        return bisect.bisect_right(keys, js_order(form)) - 1

    def shards_for(self, term, prefix):
        """The term shards search.js reads for a lookup (its own, or its prefix range up to the cap)."""
        own = self.shard_of(term)
        if not prefix:
            return [own]
        keys = [js_order(f) for f in self.first_forms]
        last = bisect.bisect_left(keys, js_order(term + "\uffff")) - 1
        return [own] if last - own + 1 > MAX_PREFIX_SHARDS else list(range(own, last + 1))

    def prefix_range(self, prefix):
        """Every shard whose range meets [prefix, prefix + U+FFFF), with no cap."""
        keys = [js_order(f) for f in self.first_forms]
        return list(range(self.shard_of(prefix), bisect.bisect_left(keys, js_order(prefix + "\uffff"))))

    def shard_forms(self, i):
        return {f: s for f, s in self.forms.items() if self.shard_of(f) == i}

    def matching_docs(self, word, last=True, shards=None):
        """The documents a one-word query finds, by search.js's rules (shards: override the
        shards read, to compare with what a different choice would find)."""
        word = fold(word)
        prefix = last and len(word) >= MIN_PREFIX
        stems = set()
        for i in shards if shards is not None else self.shards_for(word, prefix):
            for f, s in self.shard_forms(i).items():
                if f == word or (prefix and f.startswith(word)) or (len(word) >= MIN_TYPO and one_edit_apart(word, f)):
                    stems.add(s)
        return set().union(*(self.postings[s].keys() for s in stems)) if stems else set()


def idf(doc_count, df):
    """BM25's idf, as search.js works it out at query time."""
    return math.log(1 + (doc_count - df + 0.5) / (df + 0.5))


def term_score(f, length):
    """BM25 without its idf, with the fixed average length (what a score character stands for)."""
    k1, b = 1.2, 0.75
    return f * (k1 + 1) / (f + k1 * (1 - b + b * length / AVERAGE_LENGTH))


def build_index(pages):
    docs, fields = [], []
    for page in pages:
        for section in page.sections:
            docs.append(Document(page, section))
            text = " ".join(section.paragraphs)
            summary = page.summary if not section.heading else ""
            fields.append([(page.title, 3.0), (section.heading, 2.0), (summary, 1.5), (text, 1.0)])
    # BM25 over boosted fields: the index holds the term-frequency part, search.js applies the idf.
    tf = []
    lengths = []
    for doc_fields in fields:
        counts = {}
        length = 0.0
        for text, boost in doc_fields:
            for form in word_forms(text):
                counts[stem(form)] = counts.get(stem(form), 0.0) + boost
                length += boost
        tf.append(counts)
        lengths.append(length)
    df = {}
    for counts in tf:
        for s in counts:
            df[s] = df.get(s, 0) + 1
    postings = {}
    for d, counts in enumerate(tf):
        for s, f in counts.items():
            postings.setdefault(s, {})[d] = term_score(f, lengths[d])
    # A stem keeps its best MAX_POSTINGS postings (none are dropped in the mock: it is small);
    # its df counts them all.
    for s, by_doc in postings.items():
        kept = sorted(by_doc, key=lambda d: (-by_doc[d], d))[:MAX_POSTINGS]
        postings[s] = {d: by_doc[d] for d in sorted(kept)}
    forms = {}
    for doc_fields in fields:
        for text, _ in doc_fields:
            for form in word_forms(text):
                forms[form] = stem(form)
    return Index(docs, postings, forms, df)


# ---------------------------------------------------------------- format 3 encoding

def digit(value):
    """Postings digit: the 91 characters from "#" to "~" without backslash."""
    code = 35 + value
    return chr(code + 1 if code >= 92 else code)


def varint(number):
    """Most significant digit first; every digit but the last is offset by 45."""
    digits = [number % 45]
    number //= 45
    while number:
        digits.append(45 + number % 45)
        number //= 45
    return "".join(digit(v) for v in reversed(digits))


def score_code(score):
    """The score character's value for a term-frequency part t: t = SCORE_MIN * exp(SCORE_STEP * q)."""
    if score <= SCORE_MIN:
        return 0
    return min(90, math.floor(math.log(score / SCORE_MIN) / SCORE_STEP + 0.5))


def encode_postings(by_doc):
    text, previous = "", 0
    for d in sorted(by_doc):
        text += varint(d - previous) + digit(score_code(by_doc[d]))
        previous = d
    return text


def excerpt(text, limit=TEXT_LIMIT):
    """The start of a section's text, white space folded, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[:cut if cut > 0 else limit]


def _hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _json(value):
    # Not ASCII-escaped, as the Swift writer: non-Latin text reaches the browser as UTF-8.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _js_call(function, *args):
    return f"Guidebook.{function}({','.join(_json(a) for a in args)});\n"


def _write(folder, name, body):
    """Writes <name>-<hash of body>.js (terms-<hash>.js, chunks-<j>-<hash>.js, docs-<c>-<hash>.js)."""
    file_name = f"{name}-{_hash(body)}.js"
    (folder / file_name).write_text(body, encoding="utf-8")
    return file_name


def _term_ranges(index, forms, postings):
    """Sorted forms cut into runs of about SHARD_TARGET bytes of forms and postings (df not counted,
    so the cuts are where the tests' prefixes expect them)."""
    ranges, start, size, stems = [], 0, 0, set()
    for position, form in enumerate(forms):
        s = index.forms[form]
        added = len(form.encode()) + 1 + (0 if s in stems else len(postings[s]) + 6)
        if size > 0 and size + added > SHARD_TARGET:
            ranges.append(range(start, position))
            start, size, stems = position, 0, set()
            added = len(form.encode()) + 1 + len(postings[s]) + 6
        size += added
        stems.add(s)
    ranges.append(range(start, len(forms)))
    return ranges


def shard_body(first_form, entries):
    """A term shard file: registerSearchShard(firstForm, [entries joined by ",\n"])."""
    return f"Guidebook.registerSearchShard({_json(first_form)},[" + ",\n".join(_json(e) for e in entries) + "]);\n"


def write_term_shards(folder, index):
    """terms-<hash>.js files; each names itself by its first form ("" for the first), and lists per
    stem ["its forms in this shard", "postings", df]."""
    forms = sorted(index.forms, key=js_order)
    postings = {s: encode_postings(by_doc) for s, by_doc in index.postings.items()}
    shards = []
    for i, run in enumerate(_term_ranges(index, forms, postings)):
        forms_of = {}  # stem -> its forms in this shard, in order of their first form
        for form in (forms[p] for p in run):
            forms_of.setdefault(index.forms[form], []).append(form)
        entries = [[" ".join(fs), postings[s], index.df[s]] for s, fs in forms_of.items()]
        index.first_forms.append("" if i == 0 else forms[run.start])
        index.shard_files.append(_write(folder, "terms", shard_body(index.first_forms[-1], entries)))
        shards.append([index.first_forms[-1], index.shard_files[-1].rsplit("-", 1)[1][:-3]])
    return shards


def write_chunks(folder, index):
    """docs-<c> files of CHUNK_SIZE documents, and chunks-<j> directories of their hashes."""
    chunk_hashes = []
    for c in range(math.ceil(len(index.docs) / CHUNK_SIZE)):
        pages, rows = [], []
        for document in index.docs[c * CHUNK_SIZE:(c + 1) * CHUNK_SIZE]:
            page, section = document.page, document.section
            entry = [page.path, page.title, page.breadcrumb]
            if entry not in pages:
                pages.append(entry)
            # The anchor is left out where search.js's slug of the heading gives it.
            omitted = section.heading.isascii() and ascii_slug(section.heading) == section.anchor
            document.anchor = "" if omitted else section.anchor
            rows.append([pages.index(entry), document.anchor, section.heading,
                         excerpt(" ".join(section.paragraphs))])
        name = _write(folder, f"docs-{c}", _js_call("registerSearchDocs", c, pages, rows))
        chunk_hashes.append(name.rsplit("-", 1)[1][:-3])
    directories = []
    for j in range(math.ceil(len(chunk_hashes) / DIRECTORY_SIZE)):
        listed = chunk_hashes[j * DIRECTORY_SIZE:(j + 1) * DIRECTORY_SIZE]
        name = _write(folder, f"chunks-{j}", _js_call("registerSearchChunkDirectory", j, listed))
        directories.append(name.rsplit("-", 1)[1][:-3])
    return directories


def write_index(site, index):
    folder = site / "search"
    folder.mkdir(parents=True, exist_ok=True)
    shards = write_term_shards(folder, index)
    directories = write_chunks(folder, index)
    body = _js_call("registerSearchManifest", {
        "version": 3, "language": "english", "docCount": len(index.docs),
        "score": {"min": SCORE_MIN, "step": SCORE_STEP}, "maxPostings": MAX_POSTINGS,
        "shards": shards, "chunkSize": CHUNK_SIZE, "directorySize": DIRECTORY_SIZE,
        "directories": directories})
    (site / MANIFEST_PATH).write_text(body, encoding="utf-8")
    return index


def read_manifest(root):
    """The manifest of a built site (mock or real) as a dict."""
    text = (Path(root) / MANIFEST_PATH).read_text(encoding="utf-8").strip()
    call = "Guidebook.registerSearchManifest("
    assert text.startswith(call) and text.endswith(");"), text[:200]
    return json.loads(text[len(call):-2])


def term_shard_file(manifest, form):
    """The file name of the term shard whose range holds form."""
    keys = [js_order(first) for first, _ in manifest["shards"]]
    i = bisect.bisect_right(keys, js_order(form)) - 1
    return f"terms-{manifest['shards'][i][1]}.js"


# ---------------------------------------------------------------- the mock's pages

def _header(root, manifest, title, guide="Multi-agency services: a mock toolkit for managers"):
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en-GB" data-guide-id="mock-guide" data-root="{e(root)}" data-search-manifest="{e(manifest)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} – {guide}</title>
<link rel="stylesheet" href="{root}assets/css/guidebook.css">
<link rel="stylesheet" href="{root}assets/css/search.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<a class="site-title" href="{root}index.html">{guide}</a>
<p class="site-organisation">Children&#39;s Services</p>
<nav class="site-links" aria-label="Your tools"><a href="{root}index.html">My checklists</a></nav>
<form class="site-search" role="search" action="{root}search.html" method="get">
<label for="site-search-input">Search this guide</label>
<input type="search" id="site-search-input" name="q" autocomplete="off" spellcheck="false">
<button type="submit">Search</button>
</form>
</header>
"""


def _nav(root, pages, current):
    e = html.escape
    current_attr = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{root}{e(p.path)}"{current_attr if p.path == current else ""}>{e(p.title)}</a></li>\n'
        for p in pages)
    return f'<div class="layout">\n<nav class="site-nav" aria-label="Guide sections">\n<ul>\n{items}</ul>\n</nav>\n'


def _footer(root):
    return f"""<footer class="site-footer"><p>Mock guide for the search tests</p></footer>
<script src="{root}assets/js/search.js"></script>
</body>
</html>
"""


def render_page(page, pages, manifest):
    e = html.escape
    root = page.root
    body = [f'<main id="main" tabindex="-1">\n<article class="page">\n<h1>{e(page.title)}</h1>\n'
            f'<p class="page-summary">{e(page.summary)}</p>\n<div class="page-body">\n']
    for section in page.sections:
        if section.heading:
            body.append(f'<h2 id="{e(section.anchor)}">{e(section.heading)}</h2>\n')
        body.extend(f"<p>{e(p)}</p>\n" for p in section.paragraphs)
    body.append("</div>\n</article>\n</main>\n</div>\n")
    return _header(root, manifest, page.title) + _nav(root, pages, page.path) + "".join(body) + _footer(root)


def render_search_page(pages, manifest):
    main = """<main id="main" tabindex="-1">
<article class="page">
<h1>Search</h1>
<div class="search-page" data-search-page>
<form class="search-page-form" role="search" action="search.html" method="get"><label for="search-page-input">Search this guide</label> <input type="search" id="search-page-input" name="q"> <button type="submit">Search</button></form>
<p class="search-needs-js">Search needs JavaScript, which is turned off or blocked in this browser. You can still use the contents on the left and the links on each page.</p>
<div class="search-page-results"></div>
</div>
</article>
</main>
</div>
"""
    return _header("", manifest, "Search") + _nav("", pages, "search.html") + main + _footer("")


def build_mock_site(folder, pages=None):
    """Writes a mock site of pages (default: mock_pages()) with its index; returns the index model."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "assets" / "js").mkdir(parents=True)
    (folder / "assets" / "css").mkdir(parents=True)
    shutil.copy(SEARCH_JS, folder / "assets" / "js" / "search.js")
    shutil.copy(SEARCH_CSS, folder / "assets" / "css" / "search.css")
    shutil.copy(GUIDEBOOK_CSS, folder / "assets" / "css" / "guidebook.css")
    pages = mock_pages() if pages is None else pages
    index = write_index(folder, build_index(pages))
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, pages, index.manifest_path), encoding="utf-8")
    (folder / "search.html").write_text(render_search_page(pages, index.manifest_path), encoding="utf-8")
    return index


# ---------------------------------------------------------------- the site under test

@dataclass
class Site:
    root: Path
    real: bool
    index: Index = None  # the mock's index model (None for a real site)

    def deep_page(self):
        """A content page in the deepest folder (not the search page)."""
        pages = [p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html")]
        pages = [p for p in pages if p != "search.html" and not p.startswith("assets/")]
        return sorted(pages, key=lambda p: (-p.count("/"), p.endswith("index.html"), p))[0]


def real_site_root():
    """GUIDEBOOK_SITE when it holds a built guide with a search index, else None."""
    value = os.environ.get(SITE_VAR)
    if not value:
        return None
    root = Path(value).resolve()
    if root.is_dir() and (root / MANIFEST_PATH).is_file():
        return root
    return None


# ---------------------------------------------------------------- a web server

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.path == "/favicon.ico":  # Chromium asks for it on its own
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


class SubPathServer:
    """Serves folders under sub-paths of one server on 127.0.0.1."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="guidebook-search-www-")
        handler = functools.partial(QuietHandler, directory=self.tmp.name)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.urls = {}

    def url_for(self, folder):
        folder = Path(folder).resolve()
        if folder not in self.urls:
            subpath = f"council/intranet/guide{len(self.urls)}"
            link = Path(self.tmp.name, subpath)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(folder, target_is_directory=True)
            self.urls[folder] = f"http://127.0.0.1:{self.server.server_port}/{subpath}/"
        return self.urls[folder]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.tmp.cleanup()
