"""Where the built sites are, the list of their pages (read at import time), and the real `guidebook`
that builds them."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "Tests" / "Fixtures" / "sites"
GUIDEBOOK = REPO_ROOT / ".build" / "debug" / "guidebook"

# site name -> (environment variable, default folder or None, the project it is built from);
# `make test-sites` builds each into .build/test-sites/ and `make browser-test` sets the variables.
SITES = {
    "fixture": ("GUIDEBOOK_FIXTURE_SITE", None, FIXTURES / "basic"),
    "guide": ("GUIDEBOOK_SITE", REPO_ROOT / "site", REPO_ROOT),
    "search": ("GUIDEBOOK_SEARCH_SITE", None, FIXTURES / "search"),
    "checklists": ("GUIDEBOOK_CHECKLIST_SITE", None, FIXTURES / "checklists"),
}


def site_problem(name):
    """Why the site can't be tested, or None if its folder is there with pages."""
    var, default, _ = SITES[name]
    value = os.environ.get(var) or default
    if value is None:
        return f"{var} is not set: point it at the built {name} site (the Makefile does)"
    root = Path(value)
    if not root.is_dir():
        return f"{var}={root} does not exist: build the {name} site first"
    if not any(root.rglob("*.html")):
        return f"{var}={root} holds no .html files"
    return None


def site_root(name):
    """The site's folder; fails the calling test with a clear message if missing."""
    problem = site_problem(name)
    if problem:
        pytest.fail(problem, pytrace=False)
    var, default, _ = SITES[name]
    return Path(os.environ.get(var) or default).resolve()


def html_pages(name):
    """The site's pages relative to its root, sorted ('' where there are none)."""
    if site_problem(name):
        return [""]  # one test that fails with site_root's message
    root = site_root(name)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def page_params(*names):
    """pytest params (site name, page path) for every page of the given sites."""
    return [pytest.param(name, page, id=f"{name}/{page or 'MISSING'}")
            for name in names for page in html_pages(name)]


def guidebook():
    """The debug build of guidebook; fails the calling test if it is missing."""
    if not GUIDEBOOK.exists():
        pytest.fail(f"{GUIDEBOOK} is missing: run swift build first", pytrace=False)
    return GUIDEBOOK


def copy_project(name, destination):
    """A copy of the project a site is built from (its guidebook.yml and content/), to change and build."""
    source = SITES[name][2]
    shutil.copytree(source / "content", destination / "content")
    shutil.copy(source / "guidebook.yml", destination / "guidebook.yml")
    return destination


def build(project, output, *options):
    """Builds the project into output with the real guidebook (--strict: no warnings either)."""
    result = subprocess.run([str(guidebook()), "build", "--strict", "--no-cache", "--source", str(project),
                             "--output", str(output), *options], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"guidebook build of {project} failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return Path(output).resolve()
