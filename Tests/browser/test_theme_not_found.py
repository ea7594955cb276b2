"""404.html with `base_url`: a web server shows it at any missing address, however deep, and its
stylesheet, scripts and links still work because they start from the published path."""
import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
GUIDEBOOK = REPO / ".build" / "debug" / "guidebook"
BASE = "/guides/toolkit/"


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under BASE and answers anything missing with 404.html, as nginx's
    `error_page 404 /guides/toolkit/404.html;` does."""

    def log_message(self, format, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0]
        if path.startswith(BASE):
            path = "/" + path[len(BASE):]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served_with_base(tmp_path_factory):
    if not GUIDEBOOK.exists():
        pytest.fail(f"{GUIDEBOOK} is missing: run swift build first", pytrace=False)
    project = tmp_path_factory.mktemp("base-url") / "project"
    shutil.copytree(REPO / "Tests" / "Fixtures" / "sites" / "basic", project)
    with open(project / "guidebook.yml", "a", encoding="utf-8") as config:
        config.write(f"\nbase_url: {BASE}\n")
    site = project.parent / "site"
    subprocess.run([str(GUIDEBOOK), "build", "--no-cache", "--output", str(site)], cwd=project, check=True, capture_output=True)
    handler = functools.partial(NotFoundHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_not_found_page_works_at_a_missing_nested_address(browser, served_with_base):
    site, origin = served_with_base
    text = (site / "404.html").read_text(encoding="utf-8")
    assert f'href="{BASE}assets/css/guidebook.css"' in text
    # Every other page stays relative.
    assert BASE not in (site / "section" / "alpha.html").read_text(encoding="utf-8")

    page = browser.new_page()
    failed = []
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("missing.html") and failed.append(r.url))
    response = page.goto(origin + BASE + "section/deeper/nowhere/missing.html")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    # The stylesheet loaded: the header has the theme's dark background.
    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    assert not failed, f"requests that failed from the 404 page: {failed}"
    home = page.locator("main").get_by_role("link", name="home page", exact=False)
    with page.expect_navigation():
        home.click()
    assert page.url == origin + BASE + "index.html"
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    page.close()
