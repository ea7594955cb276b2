"""404.html with `base_url`: a web server shows it at any missing address, however deep, and its
stylesheet, scripts and links still work because they start from the published path."""
import pytest
from playwright.sync_api import expect

import sites

BASE = "/guides/toolkit/"


@pytest.fixture(scope="module")
def served_with_base(tmp_path_factory, serve_site):
    """The fixture site built with base_url, served at BASE by a server that answers anything missing
    with 404.html, as nginx's `error_page 404 /guides/toolkit/404.html;` does."""
    work = tmp_path_factory.mktemp("base-url")
    project = sites.copy_project("fixture", work / "project")
    with open(project / "guidebook.yml", "a", encoding="utf-8") as config:
        config.write(f"\nbase_url: {BASE}\n")
    site = sites.build(project, work / "site")
    return site, serve_site(site, base=BASE, not_found="404.html")


def test_not_found_page_works_at_a_missing_nested_address(new_page, served_with_base):
    site, url = served_with_base
    text = (site / "404.html").read_text(encoding="utf-8")
    assert f'href="{BASE}assets/css/guidebook.css"' in text
    # Every other page stays relative.
    assert BASE not in (site / "section" / "alpha.html").read_text(encoding="utf-8")

    # The missing page's own 404 is expected; any other request that fails from it is a problem.
    page = new_page(allow=r"(HTTP 404: |status of 404.* at ).*/missing\.html$")
    response = page.goto(url + "section/deeper/nowhere/missing.html")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    # The stylesheet loaded: the header has the theme's dark background.
    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    home = page.locator("main").get_by_role("link", name="home page", exact=False)
    with page.expect_navigation():
        home.click()
    assert page.url == url + "index.html"
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
