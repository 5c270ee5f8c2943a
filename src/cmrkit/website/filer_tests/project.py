"""The filer's repository as the shipped tests see it: found from pytest's root folder, a private
copy to edit and build, and building it as a user does (`mkdocs build --strict`). Where its data
and pages are, its years and its filed years are the engine's `Project`'s."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from cmrkit.files.project import Project, locate

SKIPPED = {".git", ".venv", "site", "build", "node_modules", ".cache", ".pytest_cache", "dist"}


def find_project(start: Path) -> Project:
    """The repository at or above `start` (pytest's root folder)."""
    return locate(repo=start, option="--rootdir DIR to pytest")


def copy_project(project: Project, dest: Path) -> Project:
    """A private copy of the repository's sources, safe to edit in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in project.root.iterdir():
        if item.name in SKIPPED:
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, dest / item.name)
    return project.moved(dest)


def build(root: Path, year: int | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `root`, for `year` (CMRKIT_YEAR), as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CMRKIT_YEAR", None)
    if year is not None:
        env["CMRKIT_YEAR"] = str(year)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def built_site(project: Project, year: int, workdir: Path) -> Path:
    copy = copy_project(project, workdir / "project")
    result = build(copy.root, year)
    if result.returncode != 0:
        raise AssertionError(f"the {year} site does not build:\n{result.stderr[-3000:]}")
    return copy.root / "site"
