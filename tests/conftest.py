"""Shared helpers: the repository's paths, and building a copy of the site in a temp folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cmrkit.website import chromium as chromium_flags

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "macros", "data")


def copy_project(dest: Path) -> Path:
    """A private copy of the site's sources, safe to edit in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def build(project: Path, year: int | str | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` on a project folder, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CMRKIT_YEAR", None)
    if year is not None:
        env["CMRKIT_YEAR"] = str(year)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def chromium():  # playwright's Browser, imported only when a test needs it
    """Debian's Chromium, one per session: Playwright's sync API allows one instance at a time."""
    if not Path(chromium_flags.EXECUTABLE).exists():
        pytest.fail(
            f"{chromium_flags.EXECUTABLE} is missing: `make browser` installs Debian's chromium"
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=chromium_flags.EXECUTABLE, args=list(chromium_flags.LAUNCH_FLAGS)
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once per test session from a copy of the sources."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
