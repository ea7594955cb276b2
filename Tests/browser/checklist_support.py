"""Support for test_checklists.py: the site under test (the generator's fixture
site from GUIDEBOOK_CHECKLIST_SITE, or a mock built from the theme's real
checklists.js/css following the HTML contract), a model of its checklists read
from the HTML, a web server, and browser contexts that fail the test on any
console error, page error or failed request."""
import functools
import html
import http.server
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_ASSETS = REPO_ROOT / "themes" / "default" / "assets"
CHECKLISTS_JS = THEME_ASSETS / "js" / "checklists.js"
CHECKLISTS_CSS = THEME_ASSETS / "css" / "checklists.css"
CHROMIUM = os.environ.get("GUIDEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
SITE_VAR = "GUIDEBOOK_CHECKLIST_SITE"
INDEX_PAGE = "checklists.html"


# ---------------------------------------------------------------- a small HTML tree

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, predicate):
        return [n for n in self.iter() if predicate(n)]

    def find(self, predicate):
        return next((n for n in self.iter() if predicate(n)), None)

    def ancestor(self, predicate):
        node = self.parent
        while node is not None and not predicate(node):
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(k, "" if v is None else v) for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(path):
    builder = TreeBuilder()
    builder.feed(Path(path).read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- the site model

@dataclass
class Item:
    id: str
    text: str
    default: bool
    has_link: bool


@dataclass
class Checklist:
    id: str
    element_id: str
    title: str
    page: str          # path from the site root
    page_title: str    # the page's h1
    items: list

    @property
    def defaults(self):
        return sum(1 for i in self.items if i.default)

    def item(self, item_id):
        return next(i for i in self.items if i.id == item_id)


@dataclass
class Entry:
    id: str
    title: str
    href: str
    section: str
    items: list
    defaults: list


@dataclass
class Site:
    root: Path
    guide_id: str
    guide_title: str
    checklists: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    mock: bool = False

    def url(self, path, base=None):
        return (base + path) if base else (self.root / path).as_uri()

    def checklist(self, checklist_id):
        return next(c for c in self.checklists if c.id == checklist_id)

    def key(self, checklist_id, guide_id=None):
        return f"guidebook:{guide_id or self.guide_id}:checklist:{checklist_id}"

    def pick_pair(self):
        """(checklist, a, b): a checklist with two items a and b that are
        unticked in the source and hold no link (so a click on the text
        reaches the checkbox), where the item just before b holds no link
        either (so a Tab from its checkbox lands on b's)."""
        for checklist in self.checklists:
            items = checklist.items
            plain = [i for i in items if not (i.default or i.has_link)]
            for b in plain:
                index = items.index(b)
                before = items[index - 1] if index else None
                a = next((i for i in plain if i is not b), None)
                if a and before and not before.has_link:
                    return checklist, a, b
        pytest.fail(f"{self.root}: no checklist has two plain unticked items", pytrace=False)

    def before(self, checklist, item):
        return checklist.items[checklist.items.index(item) - 1]

    def other_page_checklist(self, checklist):
        """A checklist on another page than `checklist` (or on the same page if
        the site has only one page with checklists)."""
        others = [c for c in self.checklists if c.page != checklist.page]
        others += [c for c in self.checklists if c.page == checklist.page and c.id != checklist.id]
        if not others:
            pytest.fail(f"{self.root}: the site needs a second checklist", pytrace=False)
        return others[0]

    def section_with(self, count):
        sections = {}
        for entry in self.entries:
            sections.setdefault(entry.section, []).append(entry)
        for section, entries in sections.items():
            if len(entries) >= count:
                return section, entries
        pytest.skip(f"{self.root}: no section of My checklists lists {count} checklists")


def load_site(root, mock=False):
    root = Path(root).resolve()
    index_path = root / INDEX_PAGE
    if not index_path.is_file():
        pytest.fail(f"{root} has no {INDEX_PAGE}", pytrace=False)
    index = parse_html(index_path)
    html_el = index.find(lambda n: n.tag == "html")
    guide_id = html_el.attrs.get("data-guide-id")
    guide_title = html_el.attrs.get("data-guide-title")
    if not guide_id or not guide_title:
        pytest.fail(f"{index_path}: <html> lacks data-guide-id / data-guide-title", pytrace=False)
    site = Site(root, guide_id, guide_title, mock=mock)

    for li in index.find_all(lambda n: n.tag == "li" and "checklist-entry" in n.classes()):
        link = li.find(lambda n: n.tag == "a")
        section = li.ancestor(lambda n: n.tag == "section")
        site.entries.append(Entry(
            id=li.attrs["data-checklist"], title=squash(link.text()), href=link.attrs["href"],
            section=(section.attrs.get("aria-labelledby") if section is not None else ""),
            items=li.attrs.get("data-items", "").split(),
            defaults=li.attrs.get("data-checked-by-default", "").split()))

    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel == INDEX_PAGE:
            continue
        doc = parse_html(path)
        h1 = doc.find(lambda n: n.tag == "h1")
        for div in doc.find_all(lambda n: n.tag == "div" and "checklist" in n.classes()):
            items = []
            for box in div.find_all(lambda n: n.tag == "input" and "data-item" in n.attrs):
                if box.ancestor(lambda n: n.tag == "div" and "checklist" in n.classes()) is not div:
                    continue
                label = box.ancestor(lambda n: n.tag == "label")
                items.append(Item(id=box.attrs["data-item"], text=squash(label.text()),
                                  default="checked" in box.attrs,
                                  has_link=label.find(lambda n: n.tag == "a") is not None))
            site.checklists.append(Checklist(
                id=div.attrs["data-checklist"], element_id=div.attrs.get("id", ""),
                title=squash(div.attrs.get("data-checklist-title", "")), page=rel,
                page_title=squash(h1.text()) if h1 is not None else "", items=items))
    if len(site.checklists) < 2:
        pytest.fail(f"{root}: the checklist tests need at least two checklists", pytrace=False)
    return site


def copy_as_other_guide(site, dest, guide_id, guide_title):
    """A copy of the site as another guide (another data-guide-id and title)."""
    shutil.copytree(site.root, dest)
    old_id = f'data-guide-id="{html.escape(site.guide_id)}"'
    old_title = f'data-guide-title="{html.escape(site.guide_title)}"'
    for path in Path(dest).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(old_id, f'data-guide-id="{html.escape(guide_id)}"')
        text = text.replace(old_title, f'data-guide-title="{html.escape(guide_title)}"')
        path.write_text(text, encoding="utf-8")
    return load_site(dest, mock=site.mock)


# ---------------------------------------------------------------- the mock site

GUIDE_ID = "multi-agency-services-a-toolkit-for-managers"
GUIDE_TITLE = "Multi-agency services: a toolkit for managers"

PAGE = """<!DOCTYPE html>
<html lang="en-GB" data-guide-id="{guide_id}" data-guide-title="{guide_title}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {guide_title}</title>
<link rel="stylesheet" href="{up}assets/css/guidebook.css">
<link rel="stylesheet" href="{up}assets/css/checklists.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<a class="site-title" href="{up}index.html">{guide_title}</a>
<a href="{up}checklists.html">My checklists</a>
</header>
<div class="layout">
<nav class="site-nav" aria-label="Guide sections">
<ul>
<li><a href="{up}governance.html">Governance</a></li>
<li><a href="{up}building-the-work-group/induction.html">Induction</a></li>
<li><a href="{up}checklists.html">My checklists</a></li>
</ul>
</nav>
<main id="main" tabindex="-1">
<article class="page">
<h1>{title}</h1>
<div class="page-body">
{body}
</div>
</article>
</main>
</div>
<footer class="site-footer"><p>{guide_title} · Made with Guidebook</p></footer>
<script src="{up}assets/js/checklists.js"></script>
</body>
</html>
"""

GOVERNANCE = """<p>What governance means for a multi-agency service.</p>
<div class="heading"><h2 id="ten-early-tasks-for-a-steering-group">
Ten early tasks for a steering group
</h2></div>
<p>These are the first tasks for a new steering group, in order.</p>
<div class="checklist" id="checklist-ten-early-tasks-for-a-steering-group" data-checklist="governance--ten-early-tasks-for-a-steering-group" data-checklist-title="Ten early tasks for a steering group" role="group" aria-labelledby="ten-early-tasks-for-a-steering-group">
<ul>
<li><label class="task"><input type="checkbox" disabled data-item="k3f9a1"> Task 1: Agree the terms of reference</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="m2p8c4"> Task 2: Commission a needs analysis and build a shared vision</label></li>
<li><label class="task"><input type="checkbox" disabled checked data-item="0x2bq7"> Task 3: Appoint a chair (ticked in the source)</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="r7t1u0"> Task 4: Agree what each agency commits, see <a href="#models-of-governance">models of governance</a></label></li>
<li><label class="task"><input type="checkbox" disabled data-item="w5y6z2"> Task 5: Write a business plan with <code>budget.xlsx</code> and <em>named</em> owners</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="h4j3n9"> Task 6: Decide where the services will be based</label></li>
</ul>
</div>
<div class="heading"><h3 id="steering-group-membership">
Steering group membership
</h3></div>
<div class="checklist" id="checklist-steering-group-membership" data-checklist="governance--steering-group-membership" data-checklist-title="Steering group membership" role="group" aria-labelledby="steering-group-membership">
<ul>
<li>
<p><label class="task"><input type="checkbox" disabled data-item="s1a2b3"> Senior managers from every agency</label></p>
</li>
<li>
<p><label class="task"><input type="checkbox" disabled data-item="s4c5d6"> A parent representative</label></p>
</li>
<li>
<p><label class="task"><input type="checkbox" disabled data-item="s7e8f9"> A young people&#8217;s representative</label></p>
</li>
</ul>
</div>
<div class="heading"><h2 id="models-of-governance">
Models of governance
</h2></div>
<p>Several models are in use.</p>
"""

INDUCTION = """<p>Plan the first weeks of new staff.</p>
<div class="heading"><h2 id="induction-programme">
Induction programme
</h2></div>
<div class="checklist" id="checklist-induction-programme" data-checklist="building-the-work-group-induction--induction-programme" data-checklist-title="Induction programme" role="group" aria-labelledby="induction-programme">
<ul>
<li><label class="task"><input type="checkbox" disabled checked data-item="i1q2w3"> Name a mentor for each new member of staff</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="i4e5r6"> Visit each partner agency</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="i7t8y9"> Shadow a colleague from another profession</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="i0u1i2"> Review the first month together</label></li>
</ul>
</div>
<div class="heading"><h3 id="before-the-first-day">
Before the first day
</h3></div>
<div class="checklist" id="checklist-before-the-first-day" data-checklist="building-the-work-group-induction--before-the-first-day" data-checklist-title="Before the first day" role="group" aria-labelledby="before-the-first-day">
<ul>
<li><label class="task"><input type="checkbox" disabled data-item="b1o2p3"> Send the &lt;welcome&gt; pack &amp; the map</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="b4a5s6"> Set up a desk and an email account</label></li>
<li><label class="task"><input type="checkbox" disabled data-item="b7d8f9"> Tell the team who is starting</label></li>
</ul>
</div>
"""

INDEX = """<div class="my-checklists" data-guide-id="{guide_id}">
<section aria-labelledby="mc-governance"><h2 id="mc-governance">Governance</h2>
<ul class="checklist-index">
<li class="checklist-entry" data-checklist="governance--ten-early-tasks-for-a-steering-group" data-items="k3f9a1 m2p8c4 0x2bq7 r7t1u0 w5y6z2 h4j3n9" data-checked-by-default="0x2bq7"><a href="governance.html#checklist-ten-early-tasks-for-a-steering-group">Ten early tasks for a steering group</a> <span class="checklist-entry-page">Governance</span> <span class="checklist-entry-progress">6 items</span></li>
<li class="checklist-entry" data-checklist="governance--steering-group-membership" data-items="s1a2b3 s4c5d6 s7e8f9" data-checked-by-default=""><a href="governance.html#checklist-steering-group-membership">Steering group membership</a> <span class="checklist-entry-page">Governance</span> <span class="checklist-entry-progress">3 items</span></li>
</ul></section>
<section aria-labelledby="mc-building-the-work-group"><h2 id="mc-building-the-work-group">Building the work group</h2>
<ul class="checklist-index">
<li class="checklist-entry" data-checklist="building-the-work-group-induction--induction-programme" data-items="i1q2w3 i4e5r6 i7t8y9 i0u1i2" data-checked-by-default="i1q2w3"><a href="building-the-work-group/induction.html#checklist-induction-programme">Induction programme</a> <span class="checklist-entry-page">Induction</span> <span class="checklist-entry-progress">4 items</span></li>
<li class="checklist-entry" data-checklist="building-the-work-group-induction--before-the-first-day" data-items="b1o2p3 b4a5s6 b7d8f9" data-checked-by-default=""><a href="building-the-work-group/induction.html#checklist-before-the-first-day">Before the first day</a> <span class="checklist-entry-page">Induction</span> <span class="checklist-entry-progress">3 items</span></li>
</ul></section>
</div>
<div class="checklist-tools"></div>
"""


def build_mock_site(root):
    """Writes the mock guide into `root` (with the theme's real assets) and returns its Site."""
    root = Path(root)
    (root / "assets" / "js").mkdir(parents=True, exist_ok=True)
    (root / "assets" / "css").mkdir(parents=True, exist_ok=True)
    shutil.copy(CHECKLISTS_JS, root / "assets" / "js" / "checklists.js")
    shutil.copy(CHECKLISTS_CSS, root / "assets" / "css" / "checklists.css")
    shutil.copy(THEME_ASSETS / "css" / "guidebook.css", root / "assets" / "css" / "guidebook.css")
    common = {"guide_id": GUIDE_ID, "guide_title": html.escape(GUIDE_TITLE)}
    pages = {
        "index.html": ("", GUIDE_TITLE, "<p>Welcome.</p>"),
        "governance.html": ("", "Governance", GOVERNANCE),
        "building-the-work-group/induction.html": ("../", "Induction", INDUCTION),
        INDEX_PAGE: ("", "My checklists", INDEX.format(**common)),
    }
    for rel, (up, title, body) in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(up=up, title=html.escape(title), body=body, **common), encoding="utf-8")
    return load_site(root, mock=True)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def checklist_site(tmp_path_factory):
    """The site the checklist tests run on."""
    if os.environ.get(SITE_VAR):
        root = Path(os.environ[SITE_VAR])
        if not root.is_dir():
            pytest.fail(f"{SITE_VAR}={root} is not a folder", pytrace=False)
        return load_site(root)
    return build_mock_site(tmp_path_factory.mktemp("checklist-mock") / "site")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture(scope="session")
def checklist_server():
    """serve(folder) -> base URL (ending in /) of the folder served under a
    sub-path by a web server on 127.0.0.1 (random port)."""
    tmp = tempfile.TemporaryDirectory(prefix="checklist-www-")
    handler = functools.partial(QuietHandler, directory=tmp.name)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served = {}

    def serve(folder):
        folder = Path(folder).resolve()
        if folder not in served:
            link = Path(tmp.name, "guides", f"site{len(served)}")
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(folder, target_is_directory=True)
            served[folder] = f"http://127.0.0.1:{server.server_port}/guides/{link.name}/"
        return served[folder]

    yield serve
    server.shutdown()
    server.server_close()
    tmp.cleanup()


@pytest.fixture(scope="session")
def checklist_browser(request):
    """The session's Chromium: conftest.py's `browser` when there is one (one
    Playwright per process), else one of our own."""
    try:
        yield request.getfixturevalue("browser")
        return
    except pytest.FixtureLookupError:
        pass
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Browsing:
    """Makes browser contexts whose pages' console errors, page errors and
    failed requests are collected in .problems."""

    def __init__(self, browser):
        self.browser = browser
        self.problems = []
        self.contexts = []

    def watch(self, context):
        problems = self.problems
        context.on("console", lambda m: m.type == "error" and problems.append(
            f"console error: {m.text} at {m.location.get('url')}"))
        context.on("weberror", lambda e: problems.append(f"page error: {e.error}"))
        # blob: downloads, and requests cut off by a navigation (ERR_ABORTED), are not site problems;
        # a missing file is ERR_FILE_NOT_FOUND over file:// and an HTTP error over HTTP, both still caught.
        context.on("requestfailed", lambda r: r.url.startswith("blob:") or r.failure == "net::ERR_ABORTED" or problems.append(
            f"request failed: {r.url} ({r.failure})"))
        context.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
        self.contexts.append(context)
        return context

    def context(self, **options):
        return self.watch(self.browser.new_context(**options))

    def page(self, **options):
        return self.context(**options).new_page()

    def persistent(self, user_data_dir, **options):
        return self.watch(self.browser.browser_type.launch_persistent_context(
            str(user_data_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **options))

    def close(self):
        for context in self.contexts:
            try:
                context.close()
            except Exception:
                pass


@pytest.fixture
def browsing(checklist_browser):
    browsing = Browsing(checklist_browser)
    yield browsing
    browsing.close()
    assert not browsing.problems, "The browser reported problems:\n  " + "\n  ".join(browsing.problems)
