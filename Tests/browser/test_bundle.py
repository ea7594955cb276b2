"""`guidebook bundle`: one zip, the same bytes twice, a guide that works from disk once unzipped."""
import hashlib
import subprocess
import zipfile

import pytest

import sites


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Two bundles of a copy of the real guide, made one after the other."""
    guidebook = sites.guidebook()
    work = tmp_path_factory.mktemp("bundle")
    project = sites.copy_project("guide", work / "project")
    made = []
    for run in ("first", "second"):
        result = subprocess.run([str(guidebook), "bundle", "--output", str(work / f"{run}.zip")], cwd=project,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        made.append(work / f"{run}.zip")
    default = subprocess.run([str(guidebook), "bundle"], cwd=project, capture_output=True, text=True, timeout=300)
    assert default.returncode == 0, default.stderr
    return work, made, list(project.glob("*.zip"))


def test_two_runs_give_the_same_bytes(bundles):
    _, (first, second), _ = bundles
    assert hashlib.sha256(first.read_bytes()).hexdigest() == hashlib.sha256(second.read_bytes()).hexdigest()


def test_named_from_title_and_date_with_one_top_folder(bundles):
    _, (first, _), default = bundles
    assert len(default) == 1
    assert default[0].name.startswith("multi-agency-services-a-toolkit-for-managers-20")
    names = zipfile.ZipFile(first).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {default[0].stem}
    assert f"{default[0].stem}/index.html" in names
    assert f"{default[0].stem}/search/manifest.js" in names


def test_unzipped_guide_works_from_disk(bundles, new_page):
    work, (first, _), _ = bundles
    target = work / "unzipped"
    zipfile.ZipFile(first).extractall(target)
    (top,) = list(target.iterdir())
    page = new_page()
    page.goto((top / "governance.html").as_uri())
    checkbox = page.locator(".checklist input[type=checkbox]").first
    checkbox.wait_for()
    assert checkbox.is_enabled(), "checklists.js enabled the boxes"
    checkbox.check()
    page.reload()
    assert page.locator(".checklist input[type=checkbox]").first.is_checked(), "the tick survives a reload"
    search = page.locator("#site-search-input")
    search.fill("secondment")
    result = page.locator(".site-search a[href*='recruitment-or-secondment.html']").first
    result.wait_for(timeout=10000)
