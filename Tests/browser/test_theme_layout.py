"""The default theme's layout at phone, tablet, laptop and wide widths: no horizontal scrolling, the
phone "Menu" disclosure, the sticky navigation and contents on a desktop, the "/" search shortcut,
trust details under the title, and the review date worked out from the reader's clock."""
import re

import pytest
from playwright.sync_api import expect

import sites

WIDTHS = {390: 844, 768: 1024, 1366: 768, 1920: 1080}
GUIDE_PAGES = [p for p in sites.html_pages("guide") if p != "print.html"]


def guide_url(path):
    return (sites.site_root("guide") / path).as_uri()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_page_scrolls_sideways(new_page, width):
    page = new_page(viewport={"width": width, "height": WIDTHS[width]})
    wide = []
    for path in GUIDE_PAGES + ["print.html"]:
        page.goto(guide_url(path))
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            culprits = page.evaluate("""(width) => Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'absolute')
                .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40))""", width)
            wide.append(f"{path}: {scroll_width}px wide ({culprits})")
    assert not wide, f"pages wider than {width}px:\n  " + "\n  ".join(wide)


def phone(new_page, **options):
    return new_page(viewport={"width": 390, "height": 844}, **options)


def test_phone_header_is_short_and_the_menu_is_a_disclosure(new_page):
    page = phone(new_page)
    page.goto(guide_url("governance.html"))
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, f"the header is {header['height']}px tall on a 390x844 screen"

    button = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Guide sections")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-menu")
    expect(nav).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    # Visual order follows the DOM: header, then the open menu, then the page.
    menu_box = page.locator("#site-menu").bounding_box()
    main_box = page.locator("main").bounding_box()
    assert header["y"] + header["height"] <= menu_box["y"] + 1 <= main_box["y"], (header, menu_box, main_box)

    nav.get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav).to_be_hidden()

    button.focus()
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()


def tab_stops(page, count):
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const e = document.activeElement;
            return (e.id ? '#' + e.id : '') + '|' + e.tagName + '|' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40); }"""))
    return stops


def test_phone_navigation_is_within_two_tab_stops_after_skip_link_and_search(new_page):
    page = phone(new_page)
    page.goto(guide_url("governance.html"))
    stops = tab_stops(page, 8)
    assert "Skip to main content" in stops[0], stops
    search_button = next(i for i, s in enumerate(stops) if s.startswith("|BUTTON|Search"))
    menu = next((i for i, s in enumerate(stops) if s.startswith("|BUTTON|Menu")), None)
    assert menu is not None and menu <= search_button + 2, f"Tab stops: {stops}"
    # Opened from the keyboard, the navigation's links are the next stops after the search form.
    page.locator(".menu-button").focus()
    page.keyboard.press("Enter")
    page.locator("#site-search-input").focus()
    after = tab_stops(page, 3)
    assert any("My checklists" in s or "Introduction" in s for s in after[1:]), after


def test_phone_navigation_without_javascript_is_near_the_top(new_page):
    page = phone(new_page, java_script_enabled=False)
    page.goto(guide_url("governance.html"))
    expect(page.locator(".menu-button")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Guide sections")
    expect(nav).to_be_visible()
    nav_box, main_box = nav.bounding_box(), page.locator("main").bounding_box()
    assert nav_box["y"] < main_box["y"], "the navigation comes before the page"
    assert nav_box["y"] < 300, f"the navigation starts {nav_box['y']}px down"


def test_desktop_sidebar_and_contents_stay_in_view(new_page):
    page = new_page(viewport={"width": 1366, "height": 768})
    page.goto(guide_url("governance.html"))
    expect(page.locator(".menu-button")).to_be_hidden()
    header = page.locator(".header-inner").bounding_box()
    layout = page.locator(".layout").bounding_box()
    assert abs(header["x"] - layout["x"]) < 1 and abs(header["width"] - layout["width"]) < 1, "header and content share one container"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 2000")
    sidebar = page.get_by_role("navigation", name="Guide sections")
    expect(sidebar).to_be_in_viewport()
    expect(page.locator("nav.page-toc")).to_be_in_viewport()
    # Each scrolls on its own: never taller than the window.
    for selector in ("#site-menu", "nav.page-toc"):
        box = page.locator(selector).bounding_box()
        assert box["height"] <= 768 + 1, (selector, box)
    top = page.get_by_role("link", name="Back to top")
    expect(top).to_be_visible()
    top.click()
    page.wait_for_function("window.scrollY < 10")


def test_slash_focuses_the_search_box_and_says_so(page):
    page.goto(guide_url("governance.html"))
    search = page.locator("#site-search-input")
    expect(search).to_have_attribute("aria-keyshortcuts", "/")
    expect(search).to_have_accessible_description(re.compile("slash"))
    page.locator("main").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    page.keyboard.type("a/b")
    expect(search).to_have_value("a/b")


def test_trust_details_come_before_the_body(page):
    page.goto(guide_url("governance.html"))
    details = page.locator("dl.page-details")
    expect(details).to_contain_text("Owner")
    expect(details).to_contain_text("Next review by")
    positions = page.evaluate("""() => [document.querySelector('h1'), document.querySelector('dl.page-details'),
        document.querySelector('.page-body')].map(e => e.getBoundingClientRect().top)""")
    assert positions == sorted(positions), positions


def overdue_page():
    """A page of the guide with a review date, and the date."""
    root = sites.site_root("guide")
    for path in sites.html_pages("guide"):
        match = re.search(r'class="review-notice" data-review-by="(\d{4}-\d\d-\d\d)"', (root / path).read_text(encoding="utf-8"))
        if match:
            return path, match.group(1)
    pytest.fail("no page of the guide has a review date")


def test_the_readers_clock_decides_what_is_overdue(new_page):
    path, due = overdue_page()
    year, month, day = map(int, due.split("-"))
    page = new_page()
    page.clock.set_fixed_time(f"{year + 1}-{month:02d}-{min(day, 28):02d}T12:00:00")
    page.goto(guide_url(path))
    notice = page.locator(".review-notice")
    expect(notice).to_be_visible()
    assert page.evaluate("""() => document.querySelector('.review-notice').getBoundingClientRect().top
        < document.querySelector('.page-body').getBoundingClientRect().top"""), "the notice comes before the page's text"

    page.goto(guide_url("status.html"))
    expect(page.locator(".status-overdue-text")).not_to_contain_text(re.compile(r"^0 overdue"))
    expect(page.locator("tr.overdue").first).to_be_visible()
    expect(page.locator("tr.overdue strong").first).to_have_text("(overdue)")

    earlier = new_page()
    earlier.clock.set_fixed_time(f"{year - 1}-{month:02d}-{min(day, 28):02d}T12:00:00")
    earlier.goto(guide_url(path))
    expect(earlier.locator(".review-notice")).to_be_hidden()
    earlier.goto(guide_url("status.html"))
    expect(earlier.locator("tr.overdue")).to_have_count(0)


def test_status_table_sorts_and_filters(page):
    page.goto(guide_url("status.html"))
    rows = page.locator(".status-table tbody tr")
    total = rows.count()
    assert total > 3
    count = page.locator(".status-count")
    expect(count).to_have_text(f"Showing {total} of {total} pages")
    review = page.get_by_role("button", name="Review by")
    review.click()
    header = page.locator("th", has=review)
    expect(header).to_have_attribute("aria-sort", "ascending")
    dates = [d for d in page.eval_on_selector_all(".status-table tbody tr", "rows => rows.map(r => r.dataset.reviewBy)") if d]
    assert dates == sorted(dates)
    review.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    dates = [d for d in page.eval_on_selector_all(".status-table tbody tr", "rows => rows.map(r => r.dataset.reviewBy)") if d]
    assert dates == sorted(dates, reverse=True)

    owners = page.eval_on_selector_all("#status-owner option", "options => options.map(o => o.value)")
    page.select_option("#status-owner", owners[1])
    shown = page.locator(".status-table tbody tr:not([hidden])")
    assert shown.count() >= 1
    for owner in shown.evaluate_all("rows => rows.map(r => r.dataset.owner)"):
        assert owner == owners[1]
    page.select_option("#status-owner", "*")
    page.select_option("#status-state", "none")
    expect(count).to_contain_text("Showing")


def test_status_is_a_plain_table_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(guide_url("status.html"))
    expect(page.locator(".status-filters")).to_have_count(0)
    expect(page.locator(".status-table tbody tr").first).to_be_visible()
    expect(page.locator(".status-summary")).to_contain_text("when this site was built")


def test_glossary_has_an_a_to_z(page):
    page.goto(guide_url("glossary.html"))
    letters = page.get_by_role("navigation", name="Glossary by first letter")
    expect(letters).to_be_visible()
    links = letters.get_by_role("link")
    assert links.count() >= 5
    first = links.first
    target = first.get_attribute("href")
    first.click()
    expect(page.locator(target)).to_be_in_viewport()


def test_heading_anchors_show_on_hover_and_focus_only(page):
    page.goto(guide_url("governance.html"))
    link = page.locator(".heading-link").first
    assert page.evaluate("e => getComputedStyle(e).opacity", link.element_handle()) == "0"
    link.focus()
    assert page.evaluate("e => getComputedStyle(e).opacity", link.element_handle()) == "1"
    page.locator("main").click(position={"x": 1, "y": 1})
    page.locator(".heading").first.hover()
    assert page.evaluate("e => getComputedStyle(e).opacity", link.element_handle()) == "1"


def test_print_button_prints_and_is_not_printed(page):
    page.goto(guide_url("governance.html"))
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    expect(page.locator("#site-menu")).to_be_hidden()


def test_home_page_lists_the_sections_once(page):
    """The home page's own text lists the sections: the generated list would repeat it."""
    page.goto(guide_url("index.html"))
    sections = page.eval_on_selector_all("nav.site-nav > ul > li > a", "links => links.map(a => a.href)")
    in_body = set(page.eval_on_selector_all(".page-body a", "links => links.map(a => a.href)"))
    generated = page.locator("nav.section-pages")
    if all(url in in_body for url in sections):
        expect(generated).to_have_count(0)
    else:
        expect(generated).to_have_count(1)


def test_section_list_is_kept_where_the_text_does_not_list_the_pages(new_page):
    page = new_page()
    root = sites.site_root("fixture")
    page.goto((root / "index.html").as_uri())  # links to two of its three pages
    expect(page.locator("nav.section-pages li")).to_have_count(3)
