"""Search (issue 6): the header box's results as you type, search.html, and the
sharded index loaded through <script> elements, over file:// and over HTTP
under a sub-path.

Runs on the built guide when GUIDEBOOK_SITE holds one with a search index
(search/manifest.js, format 3), and otherwise on a mock site written by
search_support.py with the theme's real search.js and search.css. Tests that
need pages the guide doesn't have (the XSS title, many results, other
scripts) always use the mock.
"""
import json
import re
import statistics
import time
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

import search_support as support

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"], "preload": False}
INDEX_REQUEST = re.compile(r"/search/(manifest\.js|(terms|chunks|docs)-[^/]*\.js)$")
TERMS_REQUEST = re.compile(r"/search/terms-[^/]*\.js$")
PANEL = ".site-search .search-panel"
BOX = "#site-search-input"
AWKWARD_QUERIES = [
    pytest.param("", id="empty"),
    pytest.param("     ", id="spaces"),
    pytest.param("partnership " * 41 + "agreemen", id="500-chars"),
    pytest.param("x" * 500, id="500-char-word"),
    pytest.param('"recruitment or secondment"', id="double-quotes"),
    pytest.param("'secondment' ‘quoted’ “curly”", id="single-quotes"),
    pytest.param(".*+?^${}()|[]\\/ (a|b)* [a-z]+", id="regex"),
    pytest.param('<b>bold</b> & <script>alert(1)</script> &amp;', id="html"),
    pytest.param("zyxwvut qqqqq", id="not-in-guide"),
    pytest.param("Привет 日本語 Καλημέρα مرحبا", id="non-latin"),
    pytest.param("🙂🙂 \u0301\u0301 \ufeff\u200b", id="emoji-and-marks"),
    pytest.param("-- - ‐‑ -agency multi- a-b", id="hyphens"),
    pytest.param("__proto__ constructor toString hasOwnProperty", id="object-keys"),
]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def mock_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guidebook-search") / "site"
    index = support.build_mock_site(folder)
    return support.Site(folder.resolve(), real=False, index=index)


@pytest.fixture(scope="session")
def site(mock_site):
    """The built guide when GUIDEBOOK_SITE has a search index, else the mock."""
    root = support.real_site_root()
    return support.Site(root, real=True) if root else mock_site


@pytest.fixture(scope="session")
def web_server():
    server = support.SubPathServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def chromium(browser):
    """conftest's browser: Playwright's sync API runs once per test process."""
    return browser


@pytest.fixture
def open_page(chromium):
    """open_page(**context_options) -> a page; the test fails on any console
    error or warning from search.js, page error, failed request, HTTP error
    or dialog (alert)."""
    problems, contexts = [], []

    def make(allow=None, **options):
        """allow: a regular expression for the problems the test expects."""
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.requests = []

        def problem(text):
            if not (allow and re.search(allow, text)):
                problems.append(text)
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("console", lambda m: (m.type == "error" or (m.type == "warning" and "Guidebook" in m.text))
                and problem(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: problem(f"page error: {e}"))
        # ERR_ABORTED: the page navigated or closed while a script was loading (a missing file is
        # ERR_FILE_NOT_FOUND over file:// and a 4xx response over HTTP, both still caught).
        page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or problem(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and problem(f"HTTP {r.status}: {r.url}"))

        def on_dialog(dialog):
            problems.append(f"a dialog opened: {dialog.type} {dialog.message!r}")
            dialog.dismiss()
        page.on("dialog", on_dialog)
        return page

    yield make
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n  " + "\n  ".join(problems), pytrace=False)


def url_maker(site, transport, web_server):
    if transport == "file":
        return lambda path: (site.root / path).as_uri() if path else site.root.as_uri() + "/"
    base = web_server.url_for(site.root)
    return lambda path: base + path


@pytest.fixture(params=["file", "http"])
def site_url(request, site, web_server):
    """site_url("a/b.html") -> the URL of a page of the site under test."""
    return url_maker(site, request.param, web_server)


@pytest.fixture(params=["file", "http"])
def mock_url(request, mock_site, web_server):
    return url_maker(mock_site, request.param, web_server)


# ---------------------------------------------------------------- helpers

def search_in_header(page, query):
    """Types query into the header box and waits for its results (or message)."""
    box = page.locator(BOX)
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=5)
    return wait_for_panel(page, query)


def wait_for_panel(page, query):
    page.wait_for_function(
        """q => { const p = document.querySelector('.site-search .search-panel');
                 return p && !p.hidden && p.dataset.query === q && p.dataset.state !== 'loading'; }""",
        arg=query)
    return page.locator(PANEL)


def results(page, scope=PANEL):
    """[(title, heading, breadcrumb, snippet, href)] of the results shown."""
    return page.eval_on_selector_all(
        f"{scope} li.search-result",
        """items => items.map(li => {
            // The text on screen (not what is there for screen readers only).
            const shown = node => [...node.childNodes].map(c => c.nodeType === 3 ? c.data :
                (c.classList && c.classList.contains('visually-hidden')) ? '' : shown(c)).join('');
            const text = sel => { const n = li.querySelector(sel); return n ? shown(n) : ''; };
            return [text('.search-result-title'), text('.search-result-heading'),
                    text('.search-result-breadcrumb'), text('.search-result-snippet'),
                    li.querySelector('a').href]; })""")


def open_search_page(page, make_url, query):
    page.goto(make_url("search.html") + "?q=" + query.replace("%", "%25").replace("&", "%26")
              .replace("#", "%23").replace("+", "%2B").replace(" ", "+"))
    page.wait_for_function(
        """() => { const out = document.querySelector('.search-page-results');
                   return out && out.dataset.state && out.dataset.state !== 'loading'; }""")
    return page.locator(".search-page-results")


def index_requests(page):
    return [u for u in page.requests if INDEX_REQUEST.search(urlsplit(u).path)]


def term_requests(page):
    return [u for u in page.requests if TERMS_REQUEST.search(urlsplit(u).path)]


def axe_violations(page):
    response = Axe().run(page, options=AXE_OPTIONS).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"])
            for v in response["violations"]]


def live_region_text(page, scope):
    page.wait_for_function(
        "s => { const r = document.querySelector(s + ' [role=status][aria-live=polite]');"
        " return r && r.textContent.trim().length > 0; }", arg=scope, timeout=5000)
    return page.locator(f"{scope} [role=status][aria-live=polite]").text_content()


# ---------------------------------------------------------------- the header box

def test_header_search_from_a_deep_page_links_work(open_page, site, site_url):
    deep = site.deep_page()
    page = open_page()
    page.goto(site_url(deep))
    panel = search_in_header(page, "secondment")
    found = results(page)
    assert found, "no results for 'secondment'"
    assert found[0][0] == "Recruitment or secondment?", found[0]
    assert "result" in live_region_text(page, ".site-search")
    assert re.match(r"\d+ results?", panel.locator(".search-panel-status").text_content())
    # Every result link resolves inside the site, whatever the page's depth.
    for _, _, _, _, href in found:
        base = site_url("")
        assert href.startswith(base), (href, base)
    # A result is read as "Page title, Heading".
    expect(page.get_by_role("link", name=re.compile(
        r"^Recruitment or secondment\?\s*,\s*Partnership agreements and secondment$"))).to_have_count(1)
    href = found[0][4]
    page.locator(f"{PANEL} a.search-result-link").first.click()
    page.wait_for_url(href)
    expect(page.get_by_role("heading", level=1)).to_have_text("Recruitment or secondment?")


def test_keyboard_moves_through_results_and_opens_the_heading(open_page, site, site_url):
    page = open_page()
    page.goto(site_url(site.deep_page()))
    search_in_header(page, "secondment")
    links = page.locator(f"{PANEL} a.search-result-link")
    assert links.count() >= 3
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(links.nth(2)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(1)).to_be_focused()
    # Move to the first result that is a heading (page.html#id), and open it.
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    target = next((i for i, h in enumerate(hrefs) if "#" in h), None)
    assert target is not None, f"no result for 'secondment' links to a heading: {hrefs}"
    for _ in range(abs(target - 1)):
        page.keyboard.press("ArrowDown" if target > 1 else "ArrowUp")
    expect(links.nth(target)).to_be_focused()
    absolute = links.nth(target).evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(absolute)
    fragment = unquote(urlsplit(page.url).fragment)
    heading = page.locator(f"[id='{fragment}']")
    expect(heading).to_have_count(1)
    assert re.match(r"h[1-6]$", heading.evaluate("e => e.localName")) or heading.locator("h2, h3").count()
    # Up from the first result goes back to the box.
    page.go_back()
    page.locator(BOX).fill("")
    search_in_header(page, "secondment")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(page.locator(BOX)).to_be_focused()


def test_escape_closes_and_returns_focus(open_page, site, site_url):
    page = open_page()
    page.goto(site_url(site.deep_page()))
    panel = search_in_header(page, "governance")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator(BOX)).to_be_focused()
    expect(page.locator(BOX)).to_have_value("governance")
    # Down opens the results again; Escape in the box closes them and keeps the text.
    page.keyboard.press("ArrowDown")
    wait_for_panel(page, "governance")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator(BOX)).to_have_value("governance")
    # Clicking elsewhere closes them too, and tabbing out of the form.
    search_in_header(page, "governance agreement")
    page.locator(".site-footer p").first.click()  # text, not one of the footer's links
    expect(panel).to_be_hidden()
    search_in_header(page, "governance")
    page.keyboard.press("ArrowDown")
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('.site-search').contains(document.activeElement)"):
            break
    expect(panel).to_be_hidden()


def test_nothing_is_loaded_before_the_box_is_focused(open_page, site, site_url):
    page = open_page()
    page.goto(site_url(site.deep_page()))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert index_requests(page) == []
    assert page.evaluate("() => [...document.scripts].filter(s => /\\/search\\//.test(s.src)).length") == 0
    page.mouse.wheel(0, 400)
    page.keyboard.press("Tab")  # the skip link
    page.wait_for_timeout(100)
    assert index_requests(page) == []
    page.locator(BOX).focus()
    page.wait_for_function(
        "() => [...document.scripts].some(s => /\\/search\\/manifest\\.js$/.test(s.src))")
    page.wait_for_timeout(200)
    loaded = index_requests(page)
    assert len(loaded) == 1 and loaded[0].endswith("/search/manifest.js"), loaded
    # A query loads the term shard it needs, and the directories and chunks of the results shown,
    # not the whole index.
    search_in_header(page, "governance")
    loaded = index_requests(page)
    total = len(list((site.root / "search").glob("*.js")))
    shard = support.term_shard_file(support.read_manifest(site.root), "governance")
    assert any(u.endswith("/search/" + shard) for u in loaded), (shard, loaded)
    assert len(term_requests(page)) <= support.MAX_PREFIX_SHARDS, loaded
    assert any("/chunks-" in u for u in loaded), loaded
    assert any("/docs-" in u for u in loaded), loaded
    assert len(loaded) < total, f"a one-word query loaded the whole index ({len(loaded)} files)"


def test_search_page_lists_all_results(open_page, site, site_url):
    page = open_page()
    out = open_search_page(page, site_url, "partnership")
    expect(page.locator(".search-needs-js")).to_be_hidden()
    expect(page.locator("#search-page-input")).to_have_value("partnership")
    summary = out.locator(".search-page-summary").text_content()
    total = int(re.match(r"(\d+) results? for “partnership”", summary).group(1))
    if not site.real:
        assert total == len(site.index.matching_docs("partnership")) == 66
        assert total > 50  # so that the page has to show more
    assert "partnership" in live_region_text(page, "[data-search-page]")
    more = out.locator("button.search-more")
    clicks = 0
    while more.is_visible():
        shown = out.locator("li.search-result").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.search-page-results li.search-result').length > n", arg=shown)
        expect(out.locator("li.search-result").nth(shown).locator("a")).to_be_focused()
        clicks += 1
        assert clicks < 100
    assert out.locator("li.search-result").count() == total
    if not site.real:
        assert clicks == 1
    hrefs = [r[4] for r in results(page, ".search-page-results")]
    assert len(set(hrefs)) == len(hrefs)
    assert all(h.startswith(site_url("")) for h in hrefs)


def test_see_all_results_opens_the_search_page(open_page, site, site_url):
    page = open_page()
    page.goto(site_url(site.deep_page()))
    panel = search_in_header(page, "partnership")
    total = int(re.match(r"(\d+) results", panel.locator(".search-panel-status").text_content()).group(1))
    assert panel.locator("li.search-result").count() < total
    panel.get_by_role("link", name=f"See all {total} results").click()
    page.wait_for_url(re.compile(r"/search\.html\?q=partnership$"))
    assert page.url.startswith(site_url(""))
    page.wait_for_function("() => document.querySelector('.search-page-results').dataset.state === 'results'")
    expect(page.locator(".search-page-summary")).to_have_text(f"{total} results for “partnership”")


def test_search_page_follows_typing_in_its_url(open_page, site, site_url):
    page = open_page()
    out = open_search_page(page, site_url, "")
    expect(out.locator("li")).to_have_count(0)
    box = page.locator("#search-page-input")
    box.fill("governance")
    page.wait_for_function(
        "() => document.querySelector('.search-page-results').dataset.query === 'governance'"
        " && document.querySelector('.search-page-results').dataset.state === 'results'")
    assert out.locator("li.search-result").count() > 0
    if site_url("").startswith("http"):
        assert parse_qs(urlsplit(page.url).query) == {"q": ["governance"]}
    else:
        # file:// may refuse replaceState: the query is then only on the page, with no error.
        query = parse_qs(urlsplit(page.url).query)
        assert query in ({}, {"q": ["governance"]})
    assert "governance" in page.title()
    # Submitting stays on the page.
    box.fill("secondment")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.search-page-results').dataset.query === 'secondment'")
    expect(out.locator("li.search-result").first).to_be_visible()


def test_without_javascript_the_search_page_explains(open_page, site, site_url):
    page = open_page(java_script_enabled=False)
    page.goto(site_url("search.html") + "?q=secondment")
    expect(page.locator(".search-needs-js")).to_be_visible()
    expect(page.locator(".search-needs-js")).to_contain_text("Search needs JavaScript")
    expect(page.locator("#search-page-input")).to_be_visible()
    # The header form still takes the reader to the search page.
    page.goto(site_url(site.deep_page()))
    page.locator(BOX).fill("governance")
    page.locator(BOX).press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=governance$"))
    expect(page.locator(".search-needs-js")).to_be_visible()


# ---------------------------------------------------------------- what the guide must find

@pytest.mark.parametrize("query, check", [
    pytest.param("secondment", "first-title:Recruitment or secondment?", id="secondment"),
    pytest.param("steering group tasks", "heading:early tasks", id="steering-group-tasks"),
    pytest.param("goverance", "title:Governance", id="typo-goverance"),
    pytest.param("partn", "any:Partnership agreements", id="prefix-partn"),
])
def test_guide_queries(open_page, site, query, check):
    page = open_page()
    page.goto(site.root.joinpath(site.deep_page()).as_uri())
    search_in_header(page, query)
    found = results(page)
    kind, _, expected = check.partition(":")
    described = "\n".join(f"  {r[0]} › {r[1]}" for r in found)
    if kind == "first-title":
        assert found and found[0][0] == expected, described
    elif kind == "heading":
        assert any(expected in r[1].lower() for r in found), described
    elif kind == "title":
        assert any(r[0] == expected for r in found), described
    else:
        assert any(expected.lower() in (r[0] + " " + r[1]).lower() for r in found), described


@pytest.mark.parametrize("query, title, heading, marked", [
    pytest.param("multi-agency", "Glossary", "Multi-agency working", "Multi-agency", id="hyphenated"),
    pytest.param("multiagency", "Glossary", "Multi-agency working", "Multi-agency", id="hyphen-dropped"),
    pytest.param("agency working", "Glossary", "Multi-agency working", "agency", id="hyphen-part"),
    pytest.param("co-location", "Glossary", "Multi-agency working", "Co-location", id="co-location"),
    pytest.param("0-19", "Glossary", "CAF", "0-19", id="numbers"),
    pytest.param("CAF", "Glossary", "CAF", "CAF", id="abbreviation"),
    pytest.param("cafe", "Glossary", "Café meetings", "café", id="diacritics-folded"),
    pytest.param("NAÏVE", "Glossary", "Café meetings", "Naïve", id="diacritics-query"),
    pytest.param("привет", "Glossary", "Words from other languages", "Привет", id="cyrillic"),
    pytest.param("καλημερα", "Glossary", "Words from other languages", "Καλημέρα", id="greek"),
    pytest.param("ΚΑΛΗΜΕΡΑ ΠΑΚΕΤΑΣ", "Glossary", "Words from other languages", "Καλημέρα", id="greek-capitals"),
    pytest.param("recruitment secondmnet", "Recruitment or secondment?", "", "secondment", id="typo-second-word"),
    pytest.param("steering gr", "Setting up a steering group", "", "steering", id="prefix-last-word"),
])
def test_mock_matching_rules(open_page, mock_site, query, title, heading, marked):
    page = open_page()
    page.goto((mock_site.root / mock_site.deep_page()).as_uri())
    search_in_header(page, query)
    found = results(page)
    assert any(r[0] == title and (not heading or r[1] == heading) for r in found), found
    marks = page.locator(f"{PANEL} li.search-result mark").all_text_contents()
    assert any(m.lower() == marked.lower() for m in marks), marks


def test_snippet_marks_every_match_as_text(open_page, mock_site):
    page = open_page()
    page.goto((mock_site.root / "index.html").as_uri())
    search_in_header(page, "secondment staff")
    first = page.locator(f"{PANEL} li.search-result").first
    snippet = first.locator(".search-result-snippet")
    marks = snippet.locator("mark").all_text_contents()
    assert {m.lower() for m in marks} >= {"secondment", "staff"}, marks
    assert snippet.evaluate("p => [...p.querySelectorAll('*')].every(e => e.localName === 'mark')")
    words = snippet.text_content().split()
    assert len(words) <= 27, words
    # A partial match: no section has every word.
    search_in_header(page, "secondment zyxwvut")
    assert results(page)
    expect(page.locator(PANEL)).to_contain_text("some of them")


def test_xss_title_is_shown_as_text(open_page, mock_site, mock_url):
    page = open_page()
    page.goto(mock_url(mock_site.deep_page()))
    search_in_header(page, "onerror")
    found = results(page)
    assert any(r[0] == support.XSS_TITLE for r in found), found
    assert any(r[1] == '<script>alert("heading")</script>' for r in found), found
    assert page.locator(f"{PANEL} img, {PANEL} script, {PANEL} b, {PANEL} i").count() == 0
    out = open_search_page(page, mock_url, "onerror")
    assert out.locator("img, script, b, i").count() == 0
    assert results(page, ".search-page-results")[0][0] == support.XSS_TITLE
    snippets = out.locator(".search-result-snippet").all_text_contents()
    assert any('<b>tags</b> & "quotes"' in s for s in snippets), snippets
    page.wait_for_timeout(300)  # a dialog would have opened by now (the fixture fails the test)


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_awkward_queries_are_safe(open_page, site, query):
    page = open_page()
    page.goto(site.root.joinpath(site.deep_page()).as_uri())
    box = page.locator(BOX)
    box.click()
    box.fill(query)
    page.wait_for_timeout(50)
    page.wait_for_function(
        "() => { const p = document.querySelector('.site-search .search-panel');"
        " return p.hidden || p.dataset.state !== 'loading'; }")
    panel = page.locator(PANEL)
    if not query.strip():
        expect(panel).to_be_hidden()
    elif query.startswith("zyxwvut"):
        wait_for_panel(page, query)
        expect(panel).to_contain_text("No results for “zyxwvut qqqqq”")
        expect(panel).to_contain_text("Check the spelling")
        assert "No results" in live_region_text(page, ".site-search")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    # And on the search page.
    url = site.root.joinpath("search.html").as_uri()
    page.goto(url)
    page.locator("#search-page-input").fill(query)
    page.locator("#search-page-input").press("Enter")
    page.wait_for_function(
        "() => { const o = document.querySelector('.search-page-results');"
        " return o.dataset.state && o.dataset.state !== 'loading'; }")
    assert page.locator(".search-page-results img, .search-page-results script").count() == 0


def test_long_query_is_capped(open_page, mock_site):
    page = open_page()
    page.goto((mock_site.root / "index.html").as_uri())
    query = "governance " + "zq" * 300
    page.locator(BOX).click()
    started = time.perf_counter()
    page.locator(BOX).fill(query)
    wait_for_panel(page, query)
    assert time.perf_counter() - started < 5
    assert results(page)  # the first words still search


def test_non_latin_index_files_load_over_http(open_page, mock_site, web_server):
    # The index files hold non-Latin text as UTF-8 (not \u escapes), served with no charset.
    shard = mock_site.index.shard_files[mock_site.index.shard_of("привет")]
    assert "привет" in (mock_site.root / "search" / shard).read_text(encoding="utf-8")
    page = open_page()
    page.goto(web_server.url_for(mock_site.root) + mock_site.deep_page())
    search_in_header(page, "привет")
    assert [r[1] for r in results(page)] == ["Words from other languages"]
    assert any(u.endswith("/search/" + shard) for u in index_requests(page))


def test_an_index_that_fails_to_load_is_explained(open_page, mock_site, web_server):
    index = mock_site.index
    assert index.shard_of("governance") != index.shard_of("secondment")
    page = open_page(allow=r"404|status of 404|ERR_ABORTED")
    broken = index.shard_files[index.shard_of("governance")]
    page.route(re.compile(r"/search/" + re.escape(broken) + "$"), lambda route: route.fulfill(status=404, body=""))
    page.goto(web_server.url_for(mock_site.root) + "index.html")
    panel = search_in_header(page, "governance")
    expect(panel).to_contain_text("could not be loaded")
    search_in_header(page, "secondment")  # other shards still work
    assert results(page)
    page.route(re.compile(r"/search/manifest\.js$"), lambda route: route.fulfill(status=404, body=""))
    page.reload()
    panel = search_in_header(page, "secondment")
    expect(panel).to_contain_text("Search is not available")
    out = open_search_page(page, lambda p: web_server.url_for(mock_site.root) + p, "secondment")
    expect(out).to_contain_text("Search is not available")


# ---------------------------------------------------------------- index format 3: shards and links

def test_a_short_prefix_loads_at_most_the_cap_of_term_shards(open_page, mock_site, mock_url):
    index = mock_site.index
    spanned = index.prefix_range("ref")
    assert len(spanned) > support.MAX_PREFIX_SHARDS, f"the mock's 'ref' forms should span many shards: {spanned}"
    page = open_page()
    page.goto(mock_url(mock_site.deep_page()))
    search_in_header(page, "ref")
    loaded = [u.rsplit("/", 1)[1] for u in term_requests(page)]
    assert len(loaded) <= support.MAX_PREFIX_SHARDS, loaded
    # Only the shard holding the prefix itself, and what it finds is shown.
    assert loaded == [index.shard_files[index.shard_of("ref")]], loaded
    expected = {index.docs[d].section.heading for d in index.matching_docs("ref")}
    assert expected and {r[1] for r in results(page)} == expected, results(page)


@pytest.mark.parametrize("prefix", ["st", "cas", "manag"])
def test_a_prefix_over_a_few_shards_reads_them_all(open_page, mock_site, mock_url, prefix):
    index = mock_site.index
    shards = index.shards_for(prefix, True)
    assert 1 < len(shards) <= support.MAX_PREFIX_SHARDS, f"'{prefix}' should span a few shards of the mock: {shards}"
    expected = index.matching_docs(prefix)
    assert expected != index.matching_docs(prefix, shards=shards[:1]), "the later shards should find more"
    page = open_page()
    out = open_search_page(page, mock_url, prefix)
    summary = out.locator(".search-page-summary").text_content()
    assert int(re.match(r"(\d+) results? for", summary).group(1)) == len(expected), summary
    loaded = sorted(u.rsplit("/", 1)[1] for u in term_requests(page))
    assert loaded == sorted(index.shard_files[i] for i in shards)


@pytest.mark.parametrize("query, path, heading, stored", [
    # The index leaves the anchor out: search.js makes it from the heading (asciiSlug).
    pytest.param("what is governance", "governance.html", "What is governance?", False, id="slug"),
    pytest.param("early tasks", "leading-and-managing-change/steering/steering-groups.html",
                 "Ten early tasks for a steering group", False, id="slug-deep-page"),
    # The slug would be "caf-meetings": the index keeps the real id.
    pytest.param("cafe meetings", "reference/terms/glossary.html", "Café meetings", True, id="stored-anchor"),
    # Text before the first heading: the top of the page, no fragment.
    pytest.param("toolkit helps managers", "index.html", "", False, id="page-top"),
])
def test_result_links_open_at_their_heading(open_page, mock_site, mock_url, query, path, heading, stored):
    document = next(d for d in mock_site.index.docs if d.page.path == path and d.section.heading == heading)
    assert (document.anchor != "") == stored, document.anchor
    expected = mock_url(path) + (f"#{document.section.anchor}" if document.section.anchor else "")
    page = open_page()
    page.goto(mock_url(mock_site.deep_page()))
    search_in_header(page, query)
    hrefs = [r[4] for r in results(page)]
    assert expected in hrefs, hrefs
    page.locator(f"{PANEL} a.search-result-link").nth(hrefs.index(expected)).click()
    page.wait_for_url(expected)
    if heading:
        target = page.locator(":target")
        expect(target).to_have_count(1)
        expect(target).to_have_text(heading)
        assert target.evaluate("e => e.localName") == "h2"
    else:
        assert page.evaluate("() => document.querySelector(':target')") is None
        assert "#" not in page.url


def test_malformed_index_data_does_not_throw(open_page, mock_site, web_server):
    """Odd entries are skipped, cut-off postings keep what came before, a df that is not a positive
    number counts the postings, a shard that names itself by no first form of the manifest is
    ignored, and a bad manifest makes search unavailable: never an exception (search.js reports
    those as console warnings)."""
    index = mock_site.index
    i = index.shard_of("governance")
    key = json.dumps(index.first_forms[i])
    # Each odd df gives one real document (8 on) a high score code, falling by one in this order;
    # all but the last count their one posting, the last counts as docCount (a far smaller idf).
    odd_dfs = ["-3", "0", '"7"', "null", "1e400", "NaN", "{}", "1e9"]
    odd = "".join(',["governance%s","%s%s",%s]' % (chr(97 + n), support.varint(8 + n), support.digit(90 - n), df)
                  for n, df in enumerate(odd_dfs))
    shard = ('Guidebook.registerSearchShard(%s,[null,5,["governance"],[1,"##"],["__proto__ constructor","##"],'
             '["governance gov","\\u0001#",3],["governances","%s",2],["governance","##$#$#$#$#%%"]%s]);\n'
             % (key, "~" * 60, odd))
    # Calls whose first form the manifest does not list, or that are not a shard: had one of them
    # replaced the shard above, "governance" would find document 0 alone.
    for wrong in [str(i), '"zz-not-a-shard"', '"__proto__"', '"constructor"', "null", "[%s]" % key, "{}"]:
        shard += 'Guidebook.registerSearchShard(%s,[["governance","#~",1]]);\n' % wrong
    shard += 'Guidebook.registerSearchShard(%s,{"0":["governance","#~",1],"length":1});\n' % key
    shard += 'Guidebook.registerSearchShard(%s);\n' % key
    docs = ('Guidebook.registerSearchDocs(0,[["governance.html","Governance",""],"x",null],'
            '[[0,"","What is governance?","Governance text"],["__proto__"],[1,2,3,4],[9,"","",""],[0,null,5,{}]]);')
    page = open_page()
    page.route(re.compile(r"/search/" + re.escape(index.shard_files[i]) + "$"),
               lambda route: route.fulfill(status=200, content_type="text/javascript", body=shard))
    page.route(re.compile(r"/search/docs-0-[^/]*\.js$"),
               lambda route: route.fulfill(status=200, content_type="text/javascript", body=docs))
    page.goto(web_server.url_for(mock_site.root) + "index.html")
    odd_found = [(d.page.title, d.section.heading) for d in index.docs[8:8 + len(odd_dfs)]]
    search_in_header(page, "governance")
    # The dropdown shows the first 8: the odd-df documents.
    assert [(r[0], r[1]) for r in results(page)] == odd_found, results(page)
    out = open_search_page(page, lambda p: web_server.url_for(mock_site.root) + p, "governance")
    found = results(page, ".search-page-results")
    assert [(r[0], r[1]) for r in found] == odd_found + [("Governance", "What is governance?"), ("Governance", "")], found
    assert found[len(odd_dfs)][4].endswith("/governance.html#what-is-governance")
    expect(out).not_to_contain_text("could not be loaded")
    # A manifest whose shards are out of order is refused as a whole, and so is one of format 2.
    manifest = (mock_site.root / support.MANIFEST_PATH).read_text(encoding="utf-8")
    manifest_url = re.compile(r"/search/manifest\.js$")
    for body in ['Guidebook.registerSearchManifest({"version":3,"score":{"min":0.01,"step":0.1},"docCount":8,'
                 '"chunkSize":8,"directorySize":4,"directories":[],"shards":[["","a"],["z","b"],["m","c"]]});',
                 manifest.replace('{"version":3,', '{"version":2,', 1)]:
        assert body != manifest
        page.route(manifest_url, (lambda text: lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=text))(body))
        page.goto(web_server.url_for(mock_site.root) + "index.html")
        expect(search_in_header(page, "governance")).to_contain_text("Search is not available")
        page.unroute(manifest_url)


def test_a_rare_word_outranks_a_common_one(open_page, tmp_path):
    """Scores are idf * t: t (BM25's term-frequency part) is in the index, the idf is worked out in
    the browser from the stem's df. No section has both words, so sections with one are ranked:
    the one with the rare word comes first although its t is lower and it comes last."""
    lamps = support.Page("lamps.html", "Lamps", "", "About lamps.", [
        support.Section(f"Lamp {n}", f"lamp-{n}", ["A lantern lights the lantern room."]) for n in range(1, 7)])
    animals = support.Page("animals.html", "Animals", "", "About animals.", [
        support.Section("Stripes", "stripes", ["A zebra has stripes."])])
    home = support.Page("index.html", "Home", "", "A small guide.", [support.Section("", "", ["Welcome."])])
    folder = tmp_path / "site"
    index = support.build_mock_site(folder, [home, lamps, animals])
    rare, common = index.postings["zebra"], index.postings["lantern"]
    assert index.df["zebra"] == 1 and index.df["lantern"] == 6
    (zebra_doc, zebra_t), = rare.items()
    assert all(zebra_doc > d and support.score_code(zebra_t) < support.score_code(t) for d, t in common.items())
    assert support.idf(len(index.docs), 1) * zebra_t > support.idf(len(index.docs), 6) * max(common.values())
    shard = (folder / "search" / index.shard_files[index.shard_of("zebra")]).read_text(encoding="utf-8")
    assert '\n["zebra","%s",1]' % support.encode_postings(rare) in shard, shard
    expected = [("Animals", "Stripes")] + [("Lamps", f"Lamp {n}") for n in range(1, 7)]
    page = open_page()
    page.goto((folder / "animals.html").as_uri())
    for query in ["zebra lantern", "lantern zebra"]:
        panel = search_in_header(page, query)
        assert [(r[0], r[1]) for r in results(page)] == expected, (query, results(page))
        expect(panel).to_contain_text("some of them")


# ---------------------------------------------------------------- accessibility

def test_axe_with_results_open(open_page, site, site_url):
    page = open_page()
    page.goto(site_url(site.deep_page()))
    search_in_header(page, "secondment")
    page.keyboard.press("ArrowDown")
    assert axe_violations(page) == []
    search_in_header(page, "zyxwvut")
    assert axe_violations(page) == []
    open_search_page(page, site_url, "partnership")
    assert axe_violations(page) == []
    open_search_page(page, site_url, "zyxwvut")
    assert axe_violations(page) == []


def test_axe_on_the_mock_with_results_open(open_page, mock_site):
    page = open_page()
    page.goto((mock_site.root / mock_site.deep_page()).as_uri())
    search_in_header(page, "onerror")
    assert axe_violations(page) == []
    search_in_header(page, "secondment zyxwvut")  # the partial-match note
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 1000, 700, 320])
def test_results_fit_the_window(open_page, site, width):
    page = open_page(viewport={"width": width, "height": 700})
    page.goto(site.root.joinpath(site.deep_page()).as_uri())
    panel = search_in_header(page, "secondment")
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": max(320, width // 2), "height": 700})
    page.wait_for_timeout(100)
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= max(320, width // 2) + 0.5, box


def test_narrow_screen_and_reduced_motion(open_page, site):
    page = open_page(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page.goto(site.root.joinpath(site.deep_page()).as_uri())
    panel = search_in_header(page, "secondment")
    assert panel.evaluate("p => getComputedStyle(p).animationName") == "none"
    # Result targets are at least 24 by 24 CSS pixels (WCAG 2.2 target size).
    link = panel.locator("a.search-result-link").first.bounding_box()
    assert link["height"] >= 24 and link["width"] >= 24


# ---------------------------------------------------------------- every query renders (timing printed; measured by make bench)

def test_time_from_last_keystroke_to_results(open_page, mock_site):
    page = open_page()
    page.goto((mock_site.root / mock_site.deep_page()).as_uri())
    page.evaluate("""() => {
        window.__renderTimes = [];
        document.getElementById('site-search-input').addEventListener('keydown',
            () => { window.__lastKey = performance.now(); }, true);
        document.addEventListener('guidebook:search-rendered',
            () => { window.__renderTimes.push(performance.now() - window.__lastKey); });
    }""")
    search_in_header(page, "partnership")  # warm-up: the first query loads the manifest
    times = []
    for query in ["secondment", "governance", "steering group", "partnership agreement",
                  "recruitment", "goverance", "multi-agency", "case study"] * 2:
        page.evaluate("() => { window.__renderTimes = []; }")
        search_in_header(page, query)
        times.append(page.evaluate("() => window.__renderTimes[window.__renderTimes.length - 1]"))
    # Timing is measured on a 10,000-page guide by `make bench`; here, every query must have rendered.
    assert len(times) == 16 and all(isinstance(t, (int, float)) and t >= 0 for t in times), times
    print(f"\nsearch: last keystroke to results rendered on the mock: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} queries")
