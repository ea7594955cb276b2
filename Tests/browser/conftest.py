"""The browser tests' one harness: Chromium, browser contexts whose problems fail the test, and a web
server that serves a built site, by default under a sub-path."""
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

import sites

CHROMIUM = os.environ.get("GUIDEBOOK_CHROMIUM", "/usr/bin/chromium")
# Any host name other than 127.0.0.1 fails to resolve: nothing leaves the machine.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LAUNCH = {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}

PROBLEMS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        yield browser
        browser.close()


class Browsing:
    """Makes browser contexts and pages, and notes their problems: console errors (and the warnings
    Guidebook's scripts give for bad data), uncaught exceptions, failed requests, HTTP errors and
    alert dialogs. `allow` is a regular expression for the problems a test expects."""

    def __init__(self, browser, problems):
        self.browser = browser
        self.problems = problems
        self.contexts = []

    def watch(self, context, allow=None):
        def problem(text):
            if not (allow and re.search(allow, text)):
                self.problems.append(text)

        def on_dialog(dialog):
            if dialog.type == "alert":  # other dialogs are the test's to answer
                problem(f"an alert opened: {dialog.message!r}")
                dialog.dismiss()

        context.on("console", lambda m: (m.type == "error" or (m.type == "warning" and "Guidebook" in m.text))
                   and problem(f"console {m.type}: {m.text} at {m.location.get('url')}"))
        context.on("weberror", lambda e: problem(f"page error: {e.error}"))
        # ERR_ABORTED: cut off because the page reloaded, navigated or closed (the preview's live-reload
        # stream on every reload); blob: is a download. A missing file is ERR_FILE_NOT_FOUND over file://
        # and an HTTP error over HTTP, both still caught.
        context.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or r.url.startswith("blob:")
                   or problem(f"request failed: {r.url} ({r.failure})"))
        context.on("response", lambda r: r.status >= 400 and problem(f"HTTP {r.status}: {r.url}"))
        context.on("dialog", on_dialog)
        self.contexts.append(context)
        return context

    def context(self, allow=None, **options):
        return self.watch(self.browser.new_context(**options), allow)

    def page(self, allow=None, **context_options):
        return self.context(allow, **context_options).new_page()

    def persistent(self, user_data_dir, **options):
        """A context with a profile folder, as a browser that is closed and opened again."""
        return self.watch(self.browser.browser_type.launch_persistent_context(str(user_data_dir), **LAUNCH, **options))

    def close(self):
        for context in self.contexts:
            try:
                context.close()
            except Exception:  # already closed by the test
                pass


@pytest.fixture
def browsing(browser, request):
    browsing = Browsing(browser, request.node.stash.setdefault(PROBLEMS, []))
    yield browsing
    browsing.close()


@pytest.fixture
def new_page(browsing):
    """new_page(allow=None, **context_options) -> a page in a context of its own."""
    return browsing.page


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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at the path `base`; anything else is a 404, answered with the site's
    `not_found` page when it has one (as a web server set up for the site would)."""
    base = "/"
    not_found = None

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

    def translate_path(self, path):
        path = urlsplit(path).path
        if path + "/" == self.base:
            path = self.base
        if not path.startswith(self.base):
            return ""  # no such file
        return super().translate_path("/" + path[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.not_found:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / self.not_found).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def serve_site():
    """serve_site(folder, base=None, not_found=None) serves the folder on 127.0.0.1 (a free port) at
    the path base (by default a sub-path of its own, "/council/intranet/guideN/"; "/" for the root),
    and returns the URL of the site's root, ending in /."""
    servers, urls = [], {}

    def serve(folder, base=None, not_found=None):
        folder = Path(folder).resolve()
        key = (folder, base, not_found)
        if key not in urls:
            handler = type("Handler", (SiteHandler,), {"base": base or f"/council/intranet/guide{len(servers)}/",
                                                        "not_found": not_found})
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            urls[key] = f"http://127.0.0.1:{server.server_port}{handler.base}"
        return urls[key]

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=["file", "http"])
def site_urls(request, serve_site):
    """site_urls(folder) -> url(path): the URL of a page of the built site in folder, opened from
    disk (file://) or from the web server under a sub-path; a test that uses this runs both ways."""
    def make(folder):
        folder = Path(folder).resolve()
        if request.param == "file":
            return lambda path="": (folder / path).as_uri() if path else folder.as_uri() + "/"
        base = serve_site(folder)
        return lambda path="": base + path
    make.transport = request.param
    return make


@pytest.fixture
def fixture_site():
    return sites.site_root("fixture")


@pytest.fixture
def fixture_url(site_urls, fixture_site):
    """fixture_url("section/alpha.html") -> URL of that page of the fixture site, over file:// or
    over HTTP under a sub-path."""
    return site_urls(fixture_site)
