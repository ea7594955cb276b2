"""Navigating the fixture site as a reader would, and checking every link."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

import sites

READING_ORDER = [
    ("index.html", "Home"),
    ("first.html", "First page"),
    ("section/index.html", "A section"),
    ("section/alpha.html", "Alpha"),
    ("section/beta.html", "Beta"),
    ("section/deeper/index.html", "Deeper section"),
    ("section/deeper/gamma.html", "Gamma"),
    ("last.html", "Last page"),
]


def follow(page, link):
    """Click a link and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        link.click()


def expect_page(page, path, title):
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_sidebar_down_then_breadcrumbs_up(page, fixture_url):
    sidebar = page.get_by_role("navigation", name="Guide sections")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    page.goto(fixture_url("index.html"))
    expect_page(page, "index.html", "Home")

    for path, title in [("section/index.html", "A section"),
                        ("section/deeper/index.html", "Deeper section"),
                        ("section/deeper/gamma.html", "Gamma")]:
        follow(page, sidebar.get_by_role("link", name=title, exact=True))
        expect_page(page, path, title)
        current = sidebar.locator('a[aria-current="page"]')
        expect(current).to_have_count(1)
        expect(current).to_have_accessible_name(title)

    follow(page, breadcrumbs.get_by_role("link", name="A section", exact=True))
    expect_page(page, "section/index.html", "A section")
    follow(page, breadcrumbs.get_by_role("link", name="Home", exact=True))
    expect_page(page, "index.html", "Home")
    expect(breadcrumbs).to_have_count(0)


def test_reading_order_next_then_prev(page, fixture_url):
    next_link = page.locator('nav.pagination a[rel="next"]')
    prev_link = page.locator('nav.pagination a[rel="prev"]')
    page.goto(fixture_url(READING_ORDER[0][0]))
    expect(prev_link).to_have_count(0)

    for path, title in READING_ORDER[1:]:
        follow(page, next_link)
        expect_page(page, path, title)
    expect(next_link).to_have_count(0)

    for path, title in reversed(READING_ORDER[:-1]):
        follow(page, prev_link)
        expect_page(page, path, title)
    expect(prev_link).to_have_count(0)


@pytest.mark.parametrize("start", ["index.html", "section/deeper/gamma.html"])
def test_skip_link_is_first_tab_stop_and_jumps_to_main(page, fixture_site, start):
    page.goto((fixture_site / start).as_uri())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box, view = skip.bounding_box(), page.viewport_size
    assert box and box["width"] > 1 and box["height"] > 1, f"skip link is not visible: {box}"
    assert 0 <= box["x"] and box["x"] + box["width"] <= view["width"], box
    assert 0 <= box["y"] and box["y"] + box["height"] <= view["height"], box

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("#main")).to_be_in_viewport()
    page.keyboard.press("Tab")  # the next Tab stop must now be inside main
    assert page.evaluate("document.querySelector('#main').contains(document.activeElement)"), \
        "after the skip link, Tab does not continue inside #main"


# --- Static checks of every URL in every page -------------------------------

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data"}
RESOURCE_TAGS = {"script", "link", "img", "iframe", "source", "video", "audio",
                 "track", "embed", "object", "input"}


class UrlCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name in URL_ATTRIBUTES and value is not None:
                values = [c.split()[0] for c in value.split(",") if c.strip()] \
                    if name == "srcset" else [value.strip()]
                self.urls += [(tag, name, v) for v in values]


def parse(file):
    collector = UrlCollector()
    collector.feed(file.read_text(encoding="utf-8"))
    return collector


def url_problems(root, file):
    """Everything wrong with the URLs used in one page."""
    problems, page = [], parse(file)
    for tag, attr, url in page.urls:
        where = f"<{tag} {attr}={url!r}>"
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            if tag in RESOURCE_TAGS or attr != "href" or parts.scheme not in ("http", "https", "mailto", "tel"):
                problems.append(f"{where}: external or non-relative URL for a resource")
            continue
        if url.startswith("/"):
            problems.append(f"{where}: starts with /")
            continue
        if not parts.path:  # "#fragment" within this page
            if parts.fragment and parts.fragment not in page.ids:
                problems.append(f"{where}: no id {parts.fragment!r} in this page")
            continue
        if parts.path.endswith("/") or parts.path.split("/")[-1] in ("", ".", ".."):
            problems.append(f"{where}: bare folder, not a file name")
            continue
        target = (file.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(root):
            problems.append(f"{where}: points outside the site")
        elif not target.is_file():
            problems.append(f"{where}: {target.relative_to(root)} is not a file in the site")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
            problems.append(f"{where}: no id {parts.fragment!r} in {target.relative_to(root)}")
    return problems


@pytest.mark.parametrize("site", list(sites.SITES))
def test_every_url_is_relative_and_resolves(site):
    root = sites.site_root(site)
    problems = [f"{page}: {problem}" for page in sites.html_pages(site)
                for problem in url_problems(root, root / page)]
    assert not problems, "Bad URLs:\n  " + "\n  ".join(problems)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


@pytest.mark.parametrize("site", list(sites.SITES))
def test_css_loads_nothing_from_outside(site):
    root = sites.site_root(site)
    problems = []
    for css in root.rglob("*.css"):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if url.startswith("/") or (urlsplit(url).scheme not in ("", "data")):
                problems.append(f"{css.relative_to(root)}: {url}")
    assert not problems, "CSS uses absolute or outside URLs:\n  " + "\n  ".join(problems)
