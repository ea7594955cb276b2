"""The print edition (print.html): every page once, in reading order; links inside the document;
a PDF from headless Chromium with one new page per guide page."""
import html.parser
import re
import shutil
import subprocess

import pytest

import sites
from conftest import CHROMIUM, CHROMIUM_ARGS

GENERATED = {"print.html", "checklists.html", "search.html", "tags.html", "status.html", "404.html"}


class Collector(html.parser.HTMLParser):
    """Ids, hrefs, print sections and their titles, in document order."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.sections, self.titles = set(), [], [], []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "section" and "print-page" in (attrs.get("class") or ""):
            self.sections.append(attrs["id"])
        if tag == "h2" and "print-page-title" in (attrs.get("class") or ""):
            self._in_title = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data


def reading_order(root):
    """Pages in reading order, by following rel=next from the home page."""
    order, path = [], "index.html"
    while path:
        order.append(path)
        text = (root / path).read_text(encoding="utf-8")
        match = re.search(r'<a rel="next" href="([^"]+)"', text)
        path = (root / path).parent.joinpath(match.group(1)).resolve().relative_to(root).as_posix() if match else None
    return order


@pytest.fixture(params=list(sites.SITES))
def edition(request):
    root = sites.site_root(request.param)
    collector = Collector()
    collector.feed((root / "print.html").read_text(encoding="utf-8"))
    return root, collector


def test_every_page_appears_once_in_reading_order(edition):
    root, collector = edition
    pages = [p.relative_to(root).as_posix() for p in root.rglob("*.html")]
    content_pages = [p for p in pages if p not in GENERATED and not p.startswith("print/")]  # print/: sections' editions
    expected = ["p-" + p[: -len(".html")] for p in reading_order(root)]
    assert sorted(expected) == sorted("p-" + p[: -len(".html")] for p in content_pages), "rel=next visits every page"
    glossary = [s for s in expected if s.endswith("glossary")]
    expected = [s for s in expected if s not in glossary] + glossary
    assert collector.sections == expected


def test_internal_links_resolve_inside_the_document(edition):
    root, collector = edition
    internal = [h for h in collector.hrefs if h.startswith("#")]
    assert internal, "the contents list links to the sections"
    missing = [h for h in internal if h[1:] not in collector.ids]
    assert not missing, f"links to ids the print edition does not have: {missing[:10]}"
    outside = [h for h in collector.hrefs if not h.startswith(("#", "http:", "https:", "mailto:", "tel:")) and not h.endswith("index.html")]
    assert not [h for h in outside if h.endswith(".html")], f"links to other pages instead of inside the document: {outside[:10]}"


def test_pdf_starts_a_printed_page_for_each_guide_page(edition, tmp_path):
    root, collector = edition
    for tool in ("pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing (apt-get install poppler-utils)", pytrace=False)
    pdf = tmp_path / "guide.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", *CHROMIUM_ARGS,
                    f"--print-to-pdf={pdf}", (root / "print.html").as_uri()],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    page_count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    starts = []
    for number in range(1, page_count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        starts.append(first)
    # Section titles print as "N. Title"; a long one wraps, so its first line is a prefix of it.
    titles = [" ".join(t.split()) for t in collector.titles]
    assert all(re.match(rf"{n}\. ", t) for n, t in enumerate(titles, 1)), titles
    starting = [n for n, title in enumerate(titles, 1)
                if any(first.startswith(f"{n}. ") and title.startswith(first) for first in starts)]
    assert starting == list(range(1, len(titles) + 1)), f"sections starting a printed page: {starting} of {len(titles)}; first lines: {starts}"
    assert len([s for s in starts if re.match(r"\d+\. ", s) and any(t.startswith(s) for t in titles)]) == len(titles), "each section starts exactly one page"
