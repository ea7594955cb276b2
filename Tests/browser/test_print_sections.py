"""The sections' print editions (print/SECTION.html): each opened from disk in the print-media layout,
checked by axe, and reached from the "Print this section" link on the section's pages."""
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import sites

SITES = ("fixture", "guide")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# preload: False: axe would fetch the stylesheets itself, which a file:// page may not do.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "preload": False}

axe = Axe()


def section_editions(name):
    """The site's section editions, relative to its root ('' where the site is missing, for one
    test that fails with the reason)."""
    if sites.site_problem(name):
        return [""]
    root = sites.site_root(name)
    return sorted(p.relative_to(root).as_posix() for p in (root / "print").glob("*.html")) or [""]


EDITIONS = [pytest.param(name, path, id=f"{name}/{path or 'NONE'}") for name in SITES for path in section_editions(name)]


def open_edition(page, site, path):
    assert path, f"the {site} site has no print/*.html: its top-level sections need editions of their own"
    page.goto((sites.site_root(site) / path).as_uri())
    page.emulate_media(media="print")


@pytest.mark.parametrize("site, path", EDITIONS)
def test_section_edition_in_print_has_its_pages_and_no_empty_brackets(page, site, path):
    open_edition(page, site, path)
    contents = page.locator("nav.print-contents")
    expect(contents).to_be_visible()
    assert "()" not in contents.inner_text()
    entries = contents.locator("li a")
    sections = page.locator("section.print-page")
    assert entries.count() == sections.count() > 0
    # Every entry leads to a page of this document.
    ids = sections.evaluate_all("sections => sections.map(s => '#' + s.id)")
    assert entries.evaluate_all("links => links.map(a => a.getAttribute('href'))") == ids
    # The controls for the screen are not printed.
    expect(page.locator(".print-back")).to_be_hidden()


@pytest.mark.parametrize("site, path", EDITIONS)
def test_section_edition_in_print_has_no_axe_violations(page, site, path):
    open_edition(page, site, path)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations)


@pytest.mark.parametrize("site, path", EDITIONS)
def test_links_out_of_a_section_edition_reach_files_of_the_site(site, path):
    assert path, f"the {site} site has no print/*.html"
    root = sites.site_root(site)
    edition = root / path
    text = edition.read_text(encoding="utf-8")
    ids = set(re.findall(r' id="([^"]+)"', text))
    for url in re.findall(r'(?:href|src)="([^"]+)"', text):
        if url.startswith(("http:", "https:", "mailto:", "tel:")):
            continue
        file, _, fragment = url.partition("#")
        if not file:
            assert fragment in ids, f"{path}: {url} names no id of the document"
            continue
        target = (edition.parent / file).resolve()
        assert target.is_file(), f"{path}: {url} leads to no file of the site"
        if fragment and target.suffix == ".html":
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), f"{path}: {url} names no id of {file}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_section_page_links_to_its_edition(new_page, fixture_site, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto((fixture_site / "section" / "deeper" / "gamma.html").as_uri())
    link = page.get_by_role("link", name=re.compile(r"^Print this section \(\d+ pages?\)$"))
    expect(link).to_be_visible()
    count = int(re.search(r"\((\d+) pages?\)", link.inner_text()).group(1))
    page.emulate_media(media="print")
    expect(link).to_be_hidden()
    page.emulate_media(media="screen")
    link.click()
    page.wait_for_load_state()
    assert Path(page.url.removeprefix("file://")).resolve() == (fixture_site / "print" / "section.html").resolve()
    expect(page.get_by_role("heading", level=1)).to_have_text("A section")
    expect(page.locator("section.print-page")).to_have_count(count)


def test_pages_outside_every_section_have_no_section_link(page, fixture_site):
    for path in ("index.html", "first.html", "last.html"):
        page.goto((fixture_site / path).as_uri())
        expect(page.locator("a.print-section-link")).to_have_count(0)
