"""Links the editors write and the generator adds, followed in a real browser on the guide in content/."""
from playwright.sync_api import expect

import sites


def test_cross_link_with_anchor_lands_on_the_heading(page):
    root = sites.site_root("guide")
    page.goto((root / "getting-strategic-partners-on-board.html").as_uri())
    page.get_by_role("link", name="ten early tasks for a steering group").first.click()
    page.wait_for_url("**/governance.html#ten-early-tasks-for-a-steering-group")
    heading = page.locator("#ten-early-tasks-for-a-steering-group")
    expect(heading).to_be_in_viewport()
    expect(heading).to_have_text("Ten early tasks for a steering group")


def test_glossary_abbreviation_has_a_title_and_links_to_its_entry(page):
    root = sites.site_root("guide")
    page.goto((root / "building-the-work-group" / "staffing.html").as_uri())
    abbr = page.locator("a.glossary-term abbr[title]").first
    expect(abbr).to_be_visible()
    title = abbr.get_attribute("title")
    term = abbr.text_content()
    assert title and len(title) > len(term), "the title holds the definition"
    abbr.click()
    page.wait_for_url("**/glossary.html#*")
    target = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{target}']")).to_have_text(term)


def test_pages_that_link_here_and_related_are_links_that_work(page):
    root = sites.site_root("guide")
    page.goto((root / "governance.html").as_uri())
    backlinks = page.get_by_role("complementary", name="Pages that link here").get_by_role("link")
    assert backlinks.count() >= 3
    backlinks.first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "governance.html" in page.content()


def test_review_notice_appears_in_the_browser_once_the_date_has_passed(page):
    root = sites.site_root("guide")
    page.goto((root / "governance.html").as_uri())
    notice = page.locator(".review-notice")
    expect(notice).to_be_hidden()
    page.evaluate("""() => {
        const notice = document.querySelector('.review-notice');
        notice.setAttribute('data-review-by', '2000-01-01');
        const script = document.createElement('script');
        script.src = document.querySelector('script[src$="review.js"]').src;
        document.body.appendChild(script);
    }""")
    expect(notice).to_be_visible()
