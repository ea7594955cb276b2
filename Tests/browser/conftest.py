"""Browser, page and web-server fixtures for the Guidebook browser tests."""
import functools
import http.server
import os
import tempfile
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import sites

CHROMIUM = os.environ.get("GUIDEBOOK_CHROMIUM", "/usr/bin/chromium")
# Any host name other than 127.0.0.1 fails to resolve: nothing leaves the machine.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

PROBLEMS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """Make pages (new_page(**context_options)) whose console errors, page
    errors, failed requests and HTTP errors make the test fail."""
    problems = request.node.stash.setdefault(PROBLEMS, [])
    contexts = []

    def make(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and problems.append(
            f"console error: {m.text} at {m.location.get('url')}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        # ERR_ABORTED: cut off because the page reloaded, navigated or closed (the preview's live-reload
        # stream on every reload); a missing file is ERR_FILE_NOT_FOUND or an HTTP error, still caught.
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and problems.append(
            f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and problems.append(
            f"HTTP {r.status}: {r.url}"))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose pages reported problems (and show them if it failed anyway)."""
    try:
        result = yield
    except BaseException:
        if item.stash.get(PROBLEMS, []):
            item.add_report_section("call", "browser problems", "\n".join(item.stash[PROBLEMS]))
        raise
    if item.stash.get(PROBLEMS, []):
        pytest.fail("The browser reported problems:\n  " + "\n  ".join(item.stash[PROBLEMS]), pytrace=False)
    return result


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        # Chromium asks the server root for /favicon.ico on its own; that is the
        # web server's business, not the site's (which lives under a sub-path).
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture(scope="session")
def serve_site():
    """serve_site(folder) serves the folder under a sub-path of a web server on
    127.0.0.1 (a free port) and returns the URL of the site's root, ending in /."""
    servers = []
    urls = {}
    tmp = tempfile.TemporaryDirectory(prefix="guidebook-www-")

    def serve(root):
        root = Path(root).resolve()
        if root in urls:
            return urls[root]
        subpath = f"docs/site{len(servers)}"
        link = Path(tmp.name, subpath)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(root, target_is_directory=True)
        handler = functools.partial(QuietHandler, directory=tmp.name)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[root] = f"http://127.0.0.1:{server.server_port}/{subpath}/"
        return urls[root]

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()
    tmp.cleanup()


@pytest.fixture
def fixture_site():
    return sites.site_root("fixture")


@pytest.fixture(params=["file", "http"])
def fixture_url(request, fixture_site, serve_site):
    """fixture_url("section/alpha.html") -> URL of that page, over file:// or
    over HTTP under a sub-path."""
    if request.param == "file":
        return lambda path: (fixture_site / path).as_uri()
    base = serve_site(fixture_site)
    return lambda path: base + path
