"""Interactive checklists (issue 5), browser side: themes/default/assets/js/checklists.js
and css/checklists.css on sites built by the real `guidebook`: the checklist fixture guide
Tests/Fixtures/sites/checklists (GUIDEBOOK_CHECKLIST_SITE: lists under H2 and H3, loose items,
items ticked in the source, with links, inline code and markup characters, a list before any
heading, two lists under one heading, repeated items, other scripts) and the shipped guide
(GUIDEBOOK_SITE). Every test runs on both, and conftest fails it on any console error, page
error or failed request."""
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

import sites

REPO_ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS_JS = REPO_ROOT / "themes" / "default" / "assets" / "js" / "checklists.js"
CHECKLISTS_CSS = REPO_ROOT / "themes" / "default" / "assets" / "css" / "checklists.css"
INDEX_PAGE = "checklists.html"
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

THROWING_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""
FULL_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""
FILLS_UP_LATER = """(() => { const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).includes(':checklist:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return setItem.call(this, key, value); }; })();"""
FAKE_CLIPBOARD = """Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true,
  get() { return {writeText(text) { window.__copied = text; return Promise.resolve(); }}; }});"""
NO_CLIPBOARD = """Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true, get() { return undefined; }});
Document.prototype.execCommand = function (command) {
  if (command !== 'copy') return false;
  const el = document.activeElement;
  window.__copied = el && 'value' in el ? el.value.slice(el.selectionStart, el.selectionEnd) : String(getSelection());
  return true; };"""


# ---------------------------------------------------------------- the site, as its HTML says

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


@dataclass
class Entry:
    """A checklist as My checklists lists it."""
    id: str
    title: str
    href: str
    section: str
    items: list
    defaults: list


@dataclass
class Site:
    name: str
    root: Path
    guide_id: str
    guide_title: str
    checklists: list = field(default_factory=list)
    entries: list = field(default_factory=list)

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
        """A checklist on another page than `checklist`."""
        others = [c for c in self.checklists if c.page != checklist.page]
        if not others:
            pytest.fail(f"{self.root}: the site needs checklists on two pages", pytrace=False)
        return others[0]

    def section_with(self, count):
        sections = {}
        for entry in self.entries:
            sections.setdefault(entry.section, []).append(entry)
        for section, entries in sections.items():
            if len(entries) >= count:
                return section, entries
        pytest.fail(f"{self.root}: no section of My checklists lists {count} checklists", pytrace=False)


READ_CHECKLISTS = """() => [...document.querySelectorAll('div.checklist')].map(div => ({
    id: div.dataset.checklist, elementId: div.id, title: div.dataset.checklistTitle || '',
    pageTitle: document.querySelector('h1') ? document.querySelector('h1').textContent : '',
    items: [...div.querySelectorAll('input[data-item]')].filter(box => box.closest('div.checklist') === div)
        .map(box => ({id: box.dataset.item, text: box.closest('label').textContent,
                      default: box.hasAttribute('checked'), hasLink: !!box.closest('label').querySelector('a')}))}))"""
READ_ENTRIES = """() => [...document.querySelectorAll('li.checklist-entry')].map(li => ({
    id: li.dataset.checklist, title: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
    section: li.closest('section') ? li.closest('section').getAttribute('aria-labelledby') : '',
    items: (li.dataset.items || '').split(' ').filter(Boolean),
    defaults: (li.dataset.checkedByDefault || '').split(' ').filter(Boolean)}))"""


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def read_site(browser, name, root):
    """The checklists of a built site and its My checklists page, read from its pages as Chromium
    parses them with JavaScript off."""
    root = Path(root).resolve()
    if not (root / INDEX_PAGE).is_file():
        pytest.fail(f"{root} has no {INDEX_PAGE}", pytrace=False)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((root / INDEX_PAGE).as_uri())
        guide_id = page.evaluate("() => document.documentElement.dataset.guideId")
        guide_title = page.evaluate("() => document.documentElement.dataset.guideTitle")
        site = Site(name, root, guide_id, guide_title)
        site.entries = [Entry(e["id"], squash(e["title"]), e["href"], e["section"], e["items"], e["defaults"])
                        for e in page.evaluate(READ_ENTRIES)]
        for path in sorted(root.rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            if rel in (INDEX_PAGE, "print.html"):
                continue
            page.goto(path.as_uri())
            for c in page.evaluate(READ_CHECKLISTS):
                site.checklists.append(Checklist(
                    c["id"], c["elementId"], squash(c["title"]), rel, squash(c["pageTitle"]),
                    [Item(i["id"], squash(i["text"]), i["default"], i["hasLink"]) for i in c["items"]]))
    finally:
        context.close()
    if len(site.checklists) < 2 or not guide_id or not guide_title:
        pytest.fail(f"{root}: the checklist tests need a guide id and title and two checklists", pytrace=False)
    return site


@pytest.fixture(scope="session")
def read_sites(browser):
    """read_sites(name) -> the Site of that built site, read once."""
    read = {}

    def site(name):
        if name not in read:
            read[name] = read_site(browser, name, sites.site_root(name))
        return read[name]
    return site


@pytest.fixture(scope="session", params=["checklists", "guide"])
def checklist_site(request, read_sites):
    return read_sites(request.param)


def build_as_other_guide(browser, site, folder):
    """The same guide built again with another title and id, as a second guide would be."""
    project = sites.copy_project(site.name, folder / "project")
    config = project / "guidebook.yml"
    text = re.sub(r"^title:.*$", 'title: "Another guide"', config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text + "\nid: another-guide\n", encoding="utf-8")
    return read_site(browser, site.name, sites.build(project, folder / "site"))


# ---------------------------------------------------------------- helpers

def checklist_el(page, checklist):
    return page.locator(f'.checklist[data-checklist="{checklist.id}"]')


def box(page, checklist, item):
    return checklist_el(page, checklist).locator(f'input[data-item="{item.id}"]')


def count_el(page, checklist):
    return checklist_el(page, checklist).locator(".checklist-count")


def click_label_text(page, checklist, item):
    """Clicks the first words of the item's label (not its checkbox)."""
    label = checklist_el(page, checklist).locator("label.task").filter(
        has=page.locator(f'input[data-item="{item.id}"]'))
    spot = label.evaluate("""label => {
        const text = [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
        const range = document.createRange();
        range.setStart(text, text.textContent.search(/\\S/));
        range.setEnd(text, text.textContent.search(/\\S/) + 1);
        const r = range.getBoundingClientRect(), l = label.getBoundingClientRect();
        return {x: r.left - l.left + r.width / 2, y: r.top - l.top + r.height / 2};
    }""")
    label.click(position=spot)


def expect_progress(page, checklist, done):
    text = f"{done} of {len(checklist.items)} done"
    expect(count_el(page, checklist)).to_have_text(text)
    bar = checklist_el(page, checklist).get_by_role("progressbar", name=f"{checklist.title}: {text}")
    expect(bar).to_have_count(1)
    assert bar.evaluate("p => [p.value, p.max]") == [done, len(checklist.items)]


def storage(page):
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def stored(page, key):
    value = page.evaluate("key => localStorage.getItem(key)", key)
    return None if value is None else json.loads(value)


def put(page, key, value):
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [key, value if isinstance(value, str) else json.dumps(value)])


def state(items):
    return {"v": 1, "items": items, "updated": "2025-01-01T00:00:00.000Z"}


def markdown(site, checklist, ticked):
    lines = [f"# {checklist.page_title} – {site.guide_title}", "", f"## {checklist.title}", ""]
    lines += [f"- [{'x' if item.id in ticked else ' '}] {item.text}" for item in checklist.items]
    return "\n".join(lines) + "\n"


def plain(site, checklist, ticked):
    """What "Copy as text" puts on the clipboard: plain text, no Markdown."""
    lines = [f"{checklist.page_title} – {site.guide_title}", "", checklist.title, ""]
    lines += [f"[{'x' if item.id in ticked else ' '}] {item.text}" for item in checklist.items]
    return "\n".join(lines) + "\n"


def entry_el(page, entry_id):
    return page.locator(f'li.checklist-entry[data-checklist="{entry_id}"]')


def entry_order(page, section):
    return page.locator(f'section[aria-labelledby="{section}"] li.checklist-entry').evaluate_all(
        "lis => lis.map(li => li.dataset.checklist)")


def expected_count(entry, overrides):
    return sum(1 for i in entry.items if overrides.get(entry.id, {}).get(i, i in entry.defaults))


def run_axe(page):
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'], preload: false})""", WCAG_TAGS)
    return [f"{v['id']}: {v['help']} at " + ", ".join(str(n["target"]) for n in v["nodes"])
            for v in results["violations"]]


# ---------------------------------------------------------------- ticking and keeping ticks

def test_tick_by_label_and_by_keyboard_and_keep_over_reload(browsing, checklist_site, site_urls):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    page = browsing.page()
    page.goto(site_urls(site.root)(checklist.page))

    boxes = checklist_el(page, checklist).locator("input[type=checkbox][data-item]")
    expect(boxes).to_have_count(len(checklist.items))
    for item in checklist.items:
        expect(box(page, checklist, item)).to_be_enabled()
        expect(box(page, checklist, item)).to_be_checked(checked=item.default)
    expect(checklist_el(page, checklist)).to_have_attribute("role", "group")
    expect_progress(page, checklist, checklist.defaults)
    live = checklist_el(page, checklist).locator("[aria-live=polite]")
    expect(live).to_have_text("")  # nothing announced on page load

    click_label_text(page, checklist, a)
    expect(box(page, checklist, a)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 1)
    expect(live).to_have_text(f"{checklist.defaults + 1} of {len(checklist.items)} done")

    box(page, checklist, site.before(checklist, b)).focus()
    page.keyboard.press("Tab")
    expect(box(page, checklist, b)).to_be_focused()
    page.keyboard.press("Space")
    expect(box(page, checklist, b)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 2)

    saved = stored(page, site.key(checklist.id))
    assert saved["v"] == 1 and saved["items"][a.id] is True and saved["items"][b.id] is True
    assert set(saved["items"]) <= {i.id for i in checklist.items}
    datetime.fromisoformat(saved["updated"].replace("Z", "+00:00"))
    assert checklist.page in stored(page, f"guidebook:{site.guide_id}:seen")

    page.reload()
    expect(box(page, checklist, a)).to_be_checked()
    expect(box(page, checklist, b)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 2)
    expect(live).to_have_text("")

    box(page, checklist, a).click()  # unticking is kept too
    page.reload()
    expect(box(page, checklist, a)).not_to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 1)


def test_ticks_survive_a_browser_restart(browsing, checklist_site, tmp_path):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    profile = tmp_path / "profile"
    context = browsing.persistent(profile)
    page = context.new_page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    box(page, checklist, b).check()
    expect_progress(page, checklist, checklist.defaults + 2)
    context.close()

    context = browsing.persistent(profile)
    page = context.new_page()
    page.goto(site.url(checklist.page))
    expect(box(page, checklist, a)).to_be_checked()
    expect(box(page, checklist, b)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 2)


def test_clear_asks_first_then_goes_back_to_the_source_ticks(browsing, checklist_site):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    box(page, checklist, b).check()
    clear = checklist_el(page, checklist).get_by_role("button", name="Clear")

    asked = []
    page.once("dialog", lambda d: (asked.append((d.type, d.message)), d.dismiss()))
    clear.click()
    expect(box(page, checklist, a)).to_be_checked()
    assert asked and asked[0][0] == "confirm" and checklist.title in asked[0][1]
    assert stored(page, site.key(checklist.id)) is not None

    page.once("dialog", lambda d: d.accept())
    clear.click()
    for item in checklist.items:
        expect(box(page, checklist, item)).to_be_checked(checked=item.default)
    expect_progress(page, checklist, checklist.defaults)
    expect(checklist_el(page, checklist).get_by_role("status")).to_contain_text("cleared")
    assert stored(page, site.key(checklist.id)) is None
    page.reload()
    expect(box(page, checklist, a)).not_to_be_checked()


def test_stale_and_corrupt_stored_data_is_ignored_without_losing_the_rest(browsing, checklist_site):
    site = checklist_site
    checklist, a, _ = site.pick_pair()
    neighbours = [c for c in site.checklists if c.page == checklist.page and c.id != checklist.id]
    page = browsing.page()
    page.goto(site.url(checklist.page))
    put(page, site.key(checklist.id), state({a.id: True, "gone01": True, "gone02": True, "gone03": False, 7: "yes"}))
    bad = {site.key("some-other-page--a-checklist"): "{not json",
           f"guidebook:{site.guide_id}:seen": "[broken",
           site.key("another--one"): json.dumps(state({"x": True}))}
    if neighbours:
        bad[site.key(neighbours[0].id)] = json.dumps({"v": 0, "ticked": [i.id for i in neighbours[0].items]})
    for key, value in bad.items():
        put(page, key, value)
    page.reload()

    expect(box(page, checklist, a)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 1)  # the stale ids are not counted
    expect(checklist_el(page, checklist).locator("input[data-item]")).to_have_count(len(checklist.items))
    if neighbours:
        expect_progress(page, neighbours[0], neighbours[0].defaults)
    after = storage(page)
    for key, value in bad.items():
        if key != f"guidebook:{site.guide_id}:seen":
            assert after[key] == value, f"{key} was changed or deleted"
    page.goto(site.url(INDEX_PAGE))  # My checklists ignores the stale ids too
    expect(entry_el(page, checklist.id).locator(".checklist-entry-progress")).to_have_text(
        f"{checklist.defaults + 1} of {len(checklist.items)} done")


@pytest.mark.parametrize("breakage", [THROWING_STORAGE, FULL_STORAGE, FILLS_UP_LATER],
                         ids=["localStorage-throws", "storage-full", "fills-up-later"])
def test_without_storage_ticking_still_works_and_says_ticks_wont_be_kept(browsing, checklist_site, breakage):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    context = browsing.context()
    context.add_init_script(breakage)
    page = context.new_page()
    page.goto(site.url(checklist.page))
    if breakage is not FILLS_UP_LATER:
        expect(checklist_el(page, checklist).locator(".checklist-note")).to_contain_text("lost")
    click_label_text(page, checklist, a)
    box(page, checklist, b).check()
    expect(box(page, checklist, a)).to_be_checked()
    expect_progress(page, checklist, checklist.defaults + 2)
    if breakage is FILLS_UP_LATER:
        expect(checklist_el(page, checklist).get_by_role("status")).to_contain_text("couldn’t be saved")
    page.once("dialog", lambda d: d.accept())
    checklist_el(page, checklist).get_by_role("button", name="Clear").click()
    expect_progress(page, checklist, checklist.defaults)

    page.goto(site.url(INDEX_PAGE))
    if breakage is not FILLS_UP_LATER:
        expect(page.locator(".my-checklists-note")).to_contain_text("can’t be shown")
        expect(page.locator(".my-checklists progress")).to_have_count(0)


def test_two_guides_in_one_browser_do_not_share_ticks(browser, browsing, checklist_site, tmp_path):
    site = checklist_site
    other = build_as_other_guide(browser, site, tmp_path)
    assert other.guide_id == "another-guide" and other.guide_title == "Another guide"
    checklist, a, b = site.pick_pair()
    twin = other.checklist(checklist.id)
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    box(page, checklist, b).check()

    page.goto(other.url(twin.page))
    for item in twin.items:
        expect(box(page, twin, item)).to_be_checked(checked=item.default)
    expect_progress(page, twin, twin.defaults)
    box(page, twin, a).check()

    page.goto(site.url(checklist.page))
    expect_progress(page, checklist, checklist.defaults + 2)
    page.goto(other.url(INDEX_PAGE))
    expect(entry_el(page, checklist.id).locator(".checklist-entry-progress")).to_have_text(
        f"{twin.defaults + 1} of {len(twin.items)} done")
    page.goto(site.url(INDEX_PAGE))
    expect(entry_el(page, checklist.id).locator(".checklist-entry-progress")).to_have_text(
        f"{checklist.defaults + 2} of {len(checklist.items)} done")
    keys = storage(page)
    assert site.key(checklist.id) in keys and other.key(checklist.id) in keys


def test_item_with_a_link_follows_the_link_without_ticking(browsing, checklist_site):
    site = checklist_site
    found = [(c, i) for c in site.checklists for i in c.items if i.has_link and not i.default]
    assert found, "no unticked checklist item holds a link"
    checklist, item = found[0]
    page = browsing.page()
    page.goto(site.url(checklist.page))
    checklist_el(page, checklist).locator("label.task").filter(
        has=page.locator(f'input[data-item="{item.id}"]')).locator("a").first.click()
    page.wait_for_load_state()
    if not page.url.split("#")[0].endswith(checklist.page):
        page.go_back()
    expect(box(page, checklist, item)).not_to_be_checked()
    assert stored(page, site.key(checklist.id)) is None


def test_every_checklist_is_listed_once_with_its_items(checklist_site):
    site = checklist_site
    assert sorted(e.id for e in site.entries) == sorted(c.id for c in site.checklists)
    for checklist in site.checklists:
        (entry,) = [e for e in site.entries if e.id == checklist.id]
        assert entry.items == [i.id for i in checklist.items]
        assert entry.defaults == [i.id for i in checklist.items if i.default]
        assert len(set(entry.items)) == len(entry.items), f"{checklist.id}: item ids repeat"
    for path in {c.page for c in site.checklists}:
        ids = [c.element_id for c in site.checklists if c.page == path]
        assert len(set(ids)) == len(ids), f"{path}: checklist ids repeat: {ids}"


def test_odd_lists_keep_their_own_ticks(browsing, read_sites):
    """The checklist fixture's odd-lists.md: a list before any heading, two lists under one heading,
    an item written twice, and non-Latin text."""
    site = read_sites("checklists")
    untitled = site.checklist("building-the-work-group/odd-lists--checklist")
    repeats = site.checklist("building-the-work-group/odd-lists--repeats")
    second = site.checklist("building-the-work-group/odd-lists--repeats-2")
    assert untitled.title == "Odd lists" and repeats.title == second.title == "Repeats"
    same = [i for i in repeats.items if i.text == "Same text"]
    assert len(same) == 2 and same[0].id != same[1].id
    page = browsing.page()
    page.goto(site.url(repeats.page))
    box(page, repeats, same[1]).check()
    box(page, second, second.items[0]).check()
    page.reload()
    expect(box(page, repeats, same[0])).not_to_be_checked()
    expect(box(page, repeats, same[1])).to_be_checked()
    expect_progress(page, repeats, 1)
    expect_progress(page, second, 1)
    expect_progress(page, untitled, untitled.defaults)
    assert stored(page, site.key(repeats.id))["items"].get(same[0].id) in (None, False)
    with page.expect_download() as info:
        checklist_el(page, repeats).get_by_role("button", name="Download as text").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text == markdown(site, repeats, {same[1].id})
    assert "- [ ] Привет, Καλημέρα and 日本語\n" in text
    page.goto(site.url(INDEX_PAGE))
    expect(entry_el(page, repeats.id).locator(".checklist-entry-progress")).to_have_text("1 of 3 done")
    expect(entry_el(page, second.id).locator(".checklist-entry-progress")).to_have_text("1 of 2 done")


def test_markup_characters_in_an_item_stay_text(browsing, read_sites):
    site = read_sites("checklists")
    checklist = site.checklist("building-the-work-group/induction--before-the-first-day")
    assert checklist.items[0].text == "Send the <welcome> pack & the map"
    page = browsing.page()
    page.goto(site.url(checklist.page))
    expect(checklist_el(page, checklist).locator("welcome")).to_have_count(0)
    box(page, checklist, checklist.items[0]).check()
    with page.expect_download() as info:
        checklist_el(page, checklist).get_by_role("button", name="Download as text").click()
    assert Path(info.value.path()).read_text(encoding="utf-8") == markdown(site, checklist, {checklist.items[0].id})


# ---------------------------------------------------------------- My checklists

def test_my_checklists_shows_progress_in_progress_first_and_follows_other_tabs(
        browsing, checklist_site):
    site = checklist_site
    section, entries = site.section_with(2)
    first, last = entries[0], entries[-1]
    last_checklist = site.checklist(last.id)
    unticked = next(i for i in last_checklist.items if not i.default)
    page = browsing.page()
    # The last checklist of the section: one more tick, by hand, on its page.
    page.goto(site.url(last_checklist.page))
    box(page, last_checklist, unticked).check()
    overrides = {last.id: {i.id: i.default for i in last_checklist.items}}
    overrides[last.id][unticked.id] = True
    # The first: all done (as the script stores it).
    overrides[first.id] = {i: True for i in first.items}
    put(page, site.key(first.id), state(overrides[first.id]))

    page.goto(site.url(INDEX_PAGE))
    expect(page.locator(".my-checklists-note")).to_be_hidden()
    for entry in site.entries:
        done, total = expected_count(entry, overrides), len(entry.items)
        li = entry_el(page, entry.id)
        expect(li.locator(".checklist-entry-progress")).to_have_text(f"{done} of {total} done")
        bar = li.get_by_role("progressbar", name=f"{entry.title}: {done} of {total} done")
        expect(bar).to_have_count(1)
        assert bar.evaluate("p => [p.value, p.max]") == [done, total]
        expect(li.get_by_role("link", name=entry.title)).to_have_attribute("href", entry.href)

    def category(entry):
        done = expected_count(entry, overrides)
        return 0 if 0 < done < len(entry.items) else (1 if done == 0 else 2)
    for name in {e.section for e in site.entries}:
        mine = [e for e in site.entries if e.section == name]
        expected = [e.id for e in sorted(mine, key=lambda e: (category(e), mine.index(e)))]
        assert entry_order(page, name) == expected
    assert entry_order(page, section) != [e.id for e in entries], "the order should have changed"
    assert entry_order(page, section).index(last.id) < entry_order(page, section).index(first.id)

    # Ticks made in another tab show up without a reload.
    tab = page.context.new_page()
    tab.goto(site.url(last_checklist.page))
    another = next(i for i in last_checklist.items if not i.default and i.id != unticked.id)
    box(tab, last_checklist, another).check()
    overrides[last.id][another.id] = True
    expect(entry_el(page, last.id).locator(".checklist-entry-progress")).to_have_text(
        f"{expected_count(last, overrides)} of {len(last.items)} done")


def test_my_checklists_from_a_file_says_so_when_it_sees_no_other_page(
        browsing, checklist_site, serve_site):
    site = checklist_site
    page = browsing.page()
    page.goto(site.url(INDEX_PAGE))  # a fresh profile: this page has seen nothing else
    note = page.locator(".my-checklists-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Open each checklist to see its progress")
    expect(page.locator(".my-checklists progress")).to_have_count(0)
    expect(page.locator(".my-checklists")).not_to_contain_text(" done")
    # Once a checklist page was opened, its store is visible here (Chromium).
    page.goto(site.url(site.checklists[0].page))
    page.goto(site.url(INDEX_PAGE))
    expect(note).to_be_hidden()
    expect(page.locator(".my-checklists progress")).to_have_count(len(site.entries))

    # From a web server every page shares one store: zeros are real zeros.
    page = browsing.page()
    page.goto(serve_site(site.root) + INDEX_PAGE)
    expect(page.locator(".my-checklists-note")).to_be_hidden()
    entry = site.entries[0]
    expect(entry_el(page, entry.id).locator(".checklist-entry-progress")).to_have_text(
        f"{len(entry.defaults)} of {len(entry.items)} done")


def test_export_then_import_into_a_fresh_profile_restores_ticks(browsing, checklist_site, tmp_path):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    second = site.other_page_checklist(checklist)
    second_item = next(i for i in second.items if not i.default)
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    box(page, checklist, b).check()
    page.goto(site.url(second.page))
    box(page, second, second_item).check()
    page.goto(site.url(INDEX_PAGE))

    button = page.get_by_role("button", name="Download my progress")
    button.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")  # by keyboard
    download = info.value
    assert re.fullmatch(rf"{re.escape(site.guide_id)}-progress-\d{{4}}-\d{{2}}-\d{{2}}\.json",
                        download.suggested_filename)
    assert download.suggested_filename.endswith(datetime.now().strftime("%Y-%m-%d.json"))
    exported_path = tmp_path / download.suggested_filename
    download.save_as(exported_path)
    data = json.loads(exported_path.read_text(encoding="utf-8"))
    assert set(data) == {"guide", "guideId", "exported", "checklists"}
    assert data["guide"] == site.guide_title and data["guideId"] == site.guide_id
    datetime.fromisoformat(data["exported"].replace("Z", "+00:00"))
    assert set(data["checklists"]) == {checklist.id, second.id}
    assert data["checklists"][checklist.id]["items"][a.id] is True
    assert data["checklists"][checklist.id]["items"][b.id] is True
    assert data["checklists"][second.id]["items"][second_item.id] is True
    expect(page.locator(".checklist-tools").get_by_role("status")).to_contain_text("Downloaded")

    fresh = browsing.page()
    fresh.goto(site.url(INDEX_PAGE))
    expect(fresh.locator(".my-checklists-note")).to_be_visible()
    fresh.get_by_label("Load progress from a file").set_input_files(exported_path)
    expect(fresh.locator(".checklist-tools").get_by_role("status")).to_contain_text("Loaded your progress on 2 checklists")
    expect(fresh.locator(".my-checklists-note")).to_be_hidden()
    expect(entry_el(fresh, checklist.id).locator(".checklist-entry-progress")).to_have_text(
        f"{checklist.defaults + 2} of {len(checklist.items)} done")
    fresh.goto(site.url(checklist.page))
    expect(box(fresh, checklist, a)).to_be_checked()
    expect(box(fresh, checklist, b)).to_be_checked()
    expect_progress(fresh, checklist, checklist.defaults + 2)

    # Unknown checklists and items are counted and left out.
    data["checklists"]["no-such--checklist"] = {"items": {"x1": True, "x2": True}}
    data["checklists"][checklist.id]["items"]["gone99"] = True
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    fresh.goto(site.url(INDEX_PAGE))
    fresh.get_by_label("Load progress from a file").set_input_files(edited)
    expect(fresh.locator(".checklist-tools").get_by_role("status")).to_contain_text("Ignored 3 items")
    assert set(stored(fresh, site.key(checklist.id))["items"]) <= {i.id for i in checklist.items}
    assert stored(fresh, site.key("no-such--checklist")) is None


def test_import_of_another_guides_file_or_of_junk_is_refused_and_changes_nothing(
        browsing, checklist_site, tmp_path):
    site = checklist_site
    checklist, a, _ = site.pick_pair()
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    page.goto(site.url(INDEX_PAGE))
    before = storage(page)
    status = page.locator(".checklist-tools").get_by_role("status")
    picker = page.get_by_label("Load progress from a file")

    other = tmp_path / "other-guide-progress.json"
    other.write_text(json.dumps({
        "guide": "Another guide <img src=x onerror=\"window.__pwned=1\">", "guideId": "another-guide",
        "exported": "2025-01-01T00:00:00Z",
        "checklists": {checklist.id: {"items": {i.id: True for i in checklist.items}}}}), encoding="utf-8")
    picker.set_input_files(other)
    expect(status).to_contain_text('another guide, “Another guide <img src=x onerror="window.__pwned=1">”')
    expect(status).to_contain_text("Nothing was changed")
    expect(status).to_have_class(re.compile(r"\bis-error\b"))
    expect(page.locator(".checklist-tools img")).to_have_count(0)
    assert page.evaluate("() => window.__pwned") is None
    assert storage(page) == before

    for name, content in [("notes.json", "Minutes of the steering group"), ("list.json", "[1, 2, 3]"),
                          ("nearly.json", json.dumps({"guideId": site.guide_id, "checklists": []}))]:
        junk = tmp_path / name
        junk.write_text(content, encoding="utf-8")
        picker.set_input_files(junk)
        expect(status).to_contain_text(f"“{name}” isn’t a progress file")
        assert storage(page) == before
    expect(entry_el(page, checklist.id).locator(".checklist-entry-progress")).to_have_text(
        f"{checklist.defaults + 1} of {len(checklist.items)} done")


# ---------------------------------------------------------------- copy and download as text

@pytest.mark.parametrize("clipboard", [FAKE_CLIPBOARD, NO_CLIPBOARD], ids=["clipboard-api", "execCommand"])
def test_copy_as_text_gives_plain_text_with_the_ticks(browsing, checklist_site, clipboard):
    site = checklist_site
    checklist, a, _ = site.pick_pair()
    context = browsing.context()
    context.add_init_script(clipboard)
    page = context.new_page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    copy = checklist_el(page, checklist).get_by_role("button", name="Copy as text")
    copy.click()
    expect(checklist_el(page, checklist).get_by_role("status")).to_contain_text("Copied")
    ticked = {a.id} | {i.id for i in checklist.items if i.default}
    assert page.evaluate("() => window.__copied") == plain(site, checklist, ticked)
    expect(copy).to_be_focused()


def test_copy_as_text_reaches_the_real_clipboard(browsing, checklist_site, serve_site):
    site = checklist_site
    checklist, a, _ = site.pick_pair()
    context = browsing.context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(serve_site(site.root) + checklist.page)
    box(page, checklist, a).check()
    checklist_el(page, checklist).get_by_role("button", name="Copy as text").click()
    expect(checklist_el(page, checklist).get_by_role("status")).to_contain_text("Copied")
    ticked = {a.id} | {i.id for i in checklist.items if i.default}
    assert page.evaluate("() => navigator.clipboard.readText()") == plain(site, checklist, ticked)


def test_download_as_text_gives_a_markdown_file(browsing, checklist_site):
    site = checklist_site
    checklist, a, b = site.pick_pair()
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, b).check()
    with page.expect_download() as info:
        checklist_el(page, checklist).get_by_role("button", name="Download as text").click()
    download = info.value
    assert download.suggested_filename == re.sub(r"[^A-Za-z0-9._-]+", "-", checklist.id) + ".md"
    text = Path(download.path()).read_text(encoding="utf-8")
    ticked = {b.id} | {i.id for i in checklist.items if i.default}
    assert text == markdown(site, checklist, ticked)
    expect(checklist_el(page, checklist).get_by_role("status")).to_contain_text("Downloaded")


# ---------------------------------------------------------------- without JavaScript, print, accessibility

def test_without_javascript_the_lists_show_the_source_ticks(browsing, checklist_site):
    site = checklist_site
    page = browsing.page(java_script_enabled=False)
    for path in sorted({c.page for c in site.checklists}):
        page.goto(site.url(path))
        for checklist in (c for c in site.checklists if c.page == path):
            expect(checklist_el(page, checklist).locator("ul > li")).to_have_count(len(checklist.items))
            for item in checklist.items:
                expect(box(page, checklist, item)).to_be_disabled()
                expect(box(page, checklist, item)).to_be_checked(checked=item.default)
    expect(page.locator(".checklist-controls, .checklist button")).to_have_count(0)
    page.goto(site.url(INDEX_PAGE))
    expect(page.locator("li.checklist-entry")).to_have_count(len(site.entries))
    expect(page.locator(".checklist-tools button, .checklist-tools input")).to_have_count(0)


def test_print_hides_the_buttons_and_shows_clear_boxes(browsing, checklist_site):
    site = checklist_site
    checklist, a, _ = site.pick_pair()
    page = browsing.page()
    page.goto(site.url(checklist.page))
    box(page, checklist, a).check()
    page.emulate_media(media="print")
    buttons = checklist_el(page, checklist).get_by_role("button", include_hidden=True)
    expect(buttons).to_have_count(3)
    for button in buttons.all():
        expect(button).to_be_hidden()
    expect(box(page, checklist, a)).to_be_visible()
    look = box(page, checklist, a).evaluate("""i => { const s = getComputedStyle(i);
        return [s.appearance, s.borderTopStyle, s.backgroundImage]; }""")
    assert look[0] == "none" and look[1] == "solid" and "svg" in look[2]
    page.goto(site.url(INDEX_PAGE))
    expect(page.locator(".checklist-tools")).to_be_hidden()


def test_axe_finds_no_wcag_violations_with_checklists_half_done(browsing, checklist_site, site_urls):
    site = checklist_site
    url = site_urls(site.root)
    checklist, a, b = site.pick_pair()
    page = browsing.page()
    page.goto(url(checklist.page))
    box(page, checklist, a).check()
    page.once("dialog", lambda d: d.dismiss())
    checklist_el(page, checklist).get_by_role("button", name="Clear").click()
    box(page, checklist, b).focus()
    assert run_axe(page) == []

    page.goto(url(INDEX_PAGE))
    expect(page.locator(".my-checklists progress").first).to_be_visible()
    assert run_axe(page) == []
    page.get_by_label("Load progress from a file").set_input_files(
        files=[{"name": "wrong.json", "mimeType": "application/json", "buffer": b"{}"}])
    expect(page.locator(".checklist-tools").get_by_role("status")).to_contain_text("isn’t a progress file")
    assert run_axe(page) == []


def test_axe_finds_no_wcag_violations_when_storage_is_blocked(browsing, checklist_site):
    site = checklist_site
    checklist, _, _ = site.pick_pair()
    context = browsing.context()
    context.add_init_script(THROWING_STORAGE)
    page = context.new_page()
    page.goto(site.url(checklist.page))
    expect(page.locator(".checklist-note").first).to_be_visible()
    assert run_axe(page) == []
    page.goto(site.url(INDEX_PAGE))
    expect(page.locator(".my-checklists-note")).to_be_visible()
    assert run_axe(page) == []


# ---------------------------------------------------------------- the script itself

def test_script_is_a_classic_script_that_inserts_text_as_text():
    source = CHECKLISTS_JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    for banned in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                   "new Function", "fetch(", "XMLHttpRequest", "import(", "console."]:
        assert banned not in code, f"checklists.js uses {banned}"
    assert not re.search(r"^\s*(import|export)\s", code, flags=re.M), "checklists.js must not be a module"
    css = CHECKLISTS_CSS.read_text(encoding="utf-8")
    assert "prefers-reduced-motion" in css and "@media print" in css
