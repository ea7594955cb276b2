"""Where the built sites are, and the list of their pages (read at import time)."""
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# site name -> (environment variable, default folder or None)
SITES = {
    "fixture": ("GUIDEBOOK_FIXTURE_SITE", None),
    "guide": ("GUIDEBOOK_SITE", REPO_ROOT / "site"),
}


def site_problem(name):
    """Why the site can't be tested, or None if its folder is there with pages."""
    var, default = SITES[name]
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
    var, default = SITES[name]
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
