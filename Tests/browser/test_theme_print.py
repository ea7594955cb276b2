"""The print edition's contents and checklists, measured in the print-media layout."""
import re

from playwright.sync_api import expect

import sites


def test_contents_has_no_empty_brackets():
    text = (sites.site_root("guide") / "print.html").read_text(encoding="utf-8")
    assert "()" not in re.sub(r"<[^>]+>", "", text.split('<nav class="print-contents"', 1)[1].split("</nav>", 1)[0])


def test_checklist_item_with_a_link_flows_as_one_paragraph(page):
    page.goto((sites.site_root("guide") / "print.html").as_uri())
    page.emulate_media(media="print")
    label = page.locator(".print-checklist label.task:has(a)").first
    expect(label).to_have_count(1)
    # The same text in a plain block of the same width and font: a label whose text and link are
    # laid out as columns (a flex box) is taller, and its link starts a new column.
    measured = label.evaluate("""label => {
        const text = label.querySelector('input').nextSibling ? label : label;
        const plain = document.createElement('div');
        const style = getComputedStyle(label);
        plain.style.cssText = `width:${label.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)}px;` +
            `font:${style.font};line-height:${style.lineHeight};position:absolute;left:0;top:0;`;
        plain.textContent = label.textContent.trim();
        document.body.appendChild(plain);
        const result = {label: label.getBoundingClientRect().height, plain: plain.getBoundingClientRect().height,
                        lineHeight: parseFloat(style.lineHeight) || 20};
        plain.remove();
        return result;
    }""")
    assert measured["label"] <= measured["plain"] + 2, measured


def test_print_button_on_the_print_edition(page):
    page.goto((sites.site_root("guide") / "print.html").as_uri())
    button = page.get_by_role("button", name="Print the guide")
    expect(button).to_be_visible()
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
