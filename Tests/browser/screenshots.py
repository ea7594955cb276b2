"""Pictures of the guide for the README (`make screenshots`): the home page, a content page, the phone
menu open, search results and My checklists, written to docs/screenshots/ as PNGs.

    python Tests/browser/screenshots.py [SITE_FOLDER] [OUTPUT_FOLDER]
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from conftest import LAUNCH  # the tests' Chromium, with no way out of the machine

REPO = Path(__file__).resolve().parents[2]


def main():
    site = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "site").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else REPO / "docs" / "screenshots").resolve()
    if not (site / "index.html").exists():
        sys.exit(f"{site} has no index.html: build the guide first (make site)")
    out.mkdir(parents=True, exist_ok=True)
    url = lambda path: (site / path).as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        desktop = browser.new_context(viewport={"width": 1366, "height": 860}, color_scheme="light")
        page = desktop.new_page()

        page.goto(url("index.html"))
        page.screenshot(path=str(out / "home.png"))

        page.goto(url("governance.html"))
        page.screenshot(path=str(out / "content-page.png"))

        page.goto(url("governance.html"))
        search = page.locator("#site-search-input")
        search.click()
        search.type("steering group")
        page.locator(".search-panel").wait_for(state="visible")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "search-results.png"))

        boxes = page.locator(".checklist input[type=checkbox]")
        page.goto(url("governance.html"))
        for i in (0, 1, 5):
            boxes.nth(i).check()
        page.goto(url("checklists.html"))
        page.screenshot(path=str(out / "my-checklists.png"))

        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = phone.new_page()
        page.goto(url("building-the-work-group/staffing.html"))
        page.get_by_role("button", name="Menu").click()
        page.screenshot(path=str(out / "phone-menu.png"))
        browser.close()
    for png in sorted(out.glob("*.png")):
        print(png.relative_to(REPO) if png.is_relative_to(REPO) else png)


if __name__ == "__main__":
    main()
