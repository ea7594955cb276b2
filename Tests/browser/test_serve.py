"""`guidebook serve`: files only from the site folder, MIME types, 404, live reload and the error overlay."""
import http.client
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest

import sites

GUIDEBOOK = sites.GUIDEBOOK


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, raw_path, method="GET"):
    """A request with the path sent exactly as written (no client-side normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, raw_path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict((k.lower(), v) for k, v in response.getheaders()), body


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A copy of the fixture project served on a free port; yields (project folder, port, process)."""
    sites.guidebook()
    project = sites.copy_project("fixture", tmp_path_factory.mktemp("serve") / "project")
    (project.parent / "secret.txt").write_text("outside the site\n")
    port = free_port()
    process = subprocess.Popen([str(GUIDEBOOK), "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # What the server prints, for tests that check what it did (process.log_lines).
    process.log_lines = []
    threading.Thread(target=lambda: [process.log_lines.append(line) for line in process.stdout], daemon=True).start()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if get(port, "/")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the preview server did not start:\n" + "".join(process.log_lines))
    yield project, port, process
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("Ctrl-C did not stop the server within 15 s")


def test_pages_and_assets_with_their_types(served):
    _, port, _ = served
    for path, kind in [("/", "text/html"), ("/section/deeper/gamma.html", "text/html"),
                       ("/assets/css/guidebook.css", "text/css"), ("/assets/js/checklists.js", "text/javascript"),
                       ("/section/square.svg", "image/svg+xml")]:
        status, headers, _ = get(port, path)
        assert status == 200, path
        assert headers["content-type"].startswith(kind), (path, headers["content-type"])
        assert headers["cache-control"] == "no-cache"
        assert "etag" in headers


def test_unchanged_file_revalidates_with_304(served):
    _, port, _ = served
    _, headers, _ = get(port, "/first.html")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/first.html", headers={"If-None-Match": headers["etag"]})
    assert connection.getresponse().status == 304


def test_missing_page_gets_the_themes_404(served):
    _, port, _ = served
    status, headers, body = get(port, "/no-such-page.html")
    assert status == 404
    assert b"Page not found" in body


@pytest.mark.parametrize("raw", [
    "/../secret.txt", "/section/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/index.html%00.png", "//etc/passwd",
    "/../../../../etc/passwd", "/.%2e/secret.txt",
])
def test_traversal_never_reaches_a_file_outside(served, raw):
    _, port, _ = served
    status, _, body = get(port, raw)
    assert status in (400, 404), (raw, status)
    assert b"outside the site" not in body and b"root:" not in body


def test_live_reload_script_only_in_served_pages(served):
    project, port, _ = served
    _, _, body = get(port, "/first.html")
    assert b"/__guidebook/events" in body
    built = project / "build-output"
    subprocess.run([str(GUIDEBOOK), "build", "--output", str(built)], cwd=project, check=True, capture_output=True)
    assert all("__guidebook" not in p.read_text(encoding="utf-8") for p in built.rglob("*.html"))


def test_port_in_use_is_a_clear_error(served):
    project, port, _ = served
    result = subprocess.run([str(GUIDEBOOK), "serve", "--port", str(port)], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "already in use" in result.stderr, result.stderr


def open_last_page(new_page, project, port):
    """The fixture's last page open in a browser, with its Markdown file and that file's text."""
    page = new_page()
    page.goto(f"http://127.0.0.1:{port}/last.html")
    page.wait_for_timeout(500)
    markdown = project / "content" / "last.md"
    return page, markdown, markdown.read_text(encoding="utf-8")


def test_page_reloads_on_change_and_shows_then_clears_the_error_overlay(served, new_page):
    project, port, _ = served
    page, markdown, original = open_last_page(new_page, project, port)
    markdown.write_text(original.replace("The end.", "The very new ending."), encoding="utf-8")
    page.get_by_text("The very new ending.").wait_for(timeout=15000)
    markdown.write_text(original.replace("The end.", "The end. [gone](nowhere.md)"), encoding="utf-8")
    overlay = page.locator("#guidebook-preview-errors")
    overlay.wait_for(timeout=15000)
    assert "content/last.md:6:10: error: link target 'nowhere.md' does not exist" in overlay.text_content()
    assert "[broken-link]" in overlay.text_content()
    markdown.write_text(original, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=15000)
    assert page.get_by_text("The very new ending.").count() == 0


def wait_for_log(process, text, since, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(text in line for line in process.log_lines[since:]):
            return
        time.sleep(0.05)
    pytest.fail(f"the server never printed {text!r}:\n" + "".join(process.log_lines))


def test_a_text_edit_shows_first_then_the_full_build_follows(served, new_page):
    project, port, process = served
    page, markdown, original = open_last_page(new_page, project, port)
    before = len(process.log_lines)
    try:
        markdown.write_text(original.replace("The end.", "The end, shown first."), encoding="utf-8")
        page.get_by_text("The end, shown first.").wait_for(timeout=15000)
        wait_for_log(process, "Updated last.html in", since=before)
        # The print edition holds every page's text: the full build after it brings it up to date.
        deadline = time.time() + 30
        while "The end, shown first." not in get(port, "/print.html")[2].decode():
            assert time.time() < deadline, "the full build after the early page never came"
            time.sleep(0.1)
        wait_for_log(process, "Built 15 pages", since=before)  # its pages, generated pages and print editions
    finally:
        markdown.write_text(original, encoding="utf-8")
        page.get_by_text("The end.").wait_for(timeout=15000)


def wait_for_served_text(port, path, text, timeout=20):
    deadline = time.time() + timeout
    while text not in get(port, path)[2].decode():
        assert time.time() < deadline, f"{path} never showed {text!r}"
        time.sleep(0.1)


def test_a_content_folder_deleted_and_made_again_is_watched_again(served):
    """As `git checkout` of another branch can do: content/ goes, comes back, and later edits still show."""
    project, port, _ = served
    content = project / "content"
    kept = project.parent / "content-kept"
    shutil.copytree(content, kept)
    try:
        shutil.rmtree(content)
        time.sleep(1)
        shutil.copytree(kept, content)
        time.sleep(1)
        markdown = content / "last.md"
        markdown.write_text(markdown.read_text(encoding="utf-8").replace("The end.", "The end, after a branch switch."), encoding="utf-8")
        wait_for_served_text(port, "/last.html", "The end, after a branch switch.")
    finally:
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(kept, content)
        shutil.rmtree(kept)
        wait_for_served_text(port, "/last.html", "The end.")


def test_ctrl_c_stops_the_server_while_a_page_listens_for_reloads(tmp_path):
    project = sites.copy_project("fixture", tmp_path / "project")
    port = free_port()
    process = subprocess.Popen([str(GUIDEBOOK), "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/__guidebook/events")
                events = connection.getresponse()
                break
            except OSError:
                assert time.time() < deadline, "the preview server did not start"
                time.sleep(0.2)
        assert events.status == 200
        assert b"event: state" in events.readline()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        connection.close()
    finally:
        if process.poll() is None:
            process.kill()
