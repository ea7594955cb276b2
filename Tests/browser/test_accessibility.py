"""axe-core (WCAG 2.2 A/AA) on every page, and pages that work without JavaScript."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import sites

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ALL_PAGES = sites.page_params(*sites.SITES)

# preload: False stops axe fetching the stylesheets itself by XHR, which a
# file:// page may not do (Chromium blocks it as cross-origin and logs an
# error). Only the experimental css-orientation-lock rule, which these tags
# don't run, would use what it fetched.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"], "preload": False}

axe = Axe()  # runs the axe.min.js shipped inside axe-playwright-python


def describe(violation):
    lines = [f"  {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"      at {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("site, path", ALL_PAGES)
def test_axe_finds_no_wcag_violations(page, site, path):
    page.goto((sites.site_root(site) / path).as_uri())
    results = axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        pytest.fail(f"{site}/{path}: axe found {len(violations)} violation(s):\n"
                    + "\n".join(describe(v) for v in violations), pytrace=False)


@pytest.mark.parametrize("site, path", ALL_PAGES)
def test_page_is_usable_without_javascript(new_page, site, path):
    page = new_page(java_script_enabled=False)
    page.goto((sites.site_root(site) / path).as_uri())
    if path == "print.html" or path.startswith("print/"):
        # A print edition (the whole guide's or a section's) is one document with its own contents list
        # instead of the site navigation.
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator("nav.print-contents a").first).to_be_visible()
        expect(page.locator("section.print-page").first).to_be_visible()
        return
    expect(page.locator("main#main")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main article")).to_be_visible()
    nav_links = page.locator("nav.site-nav a")
    assert nav_links.count() > 0, "the site navigation has no links"
    for link in nav_links.all():
        expect(link).to_be_visible()
