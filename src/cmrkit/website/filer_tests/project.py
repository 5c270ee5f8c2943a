"""The filer's repository as the shipped tests see it: its years, a private copy to edit and
build, and building it as a user does (`mkdocs build --strict`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cmrkit.files.project import find_root
from cmrkit.record.filed import filed_record_path
from cmrkit.year.pages import years_with_pages
from cmrkit.year.report import available_years

SKIPPED = {".git", ".venv", "site", "build", "node_modules", ".cache", ".pytest_cache", "dist"}


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def years(self) -> list[int]:
        """Every reporting year with both data and pages."""
        with_pages = set(years_with_pages(self.docs_dir))
        return [y for y in available_years(self.data_dir) if y in with_pages]

    @property
    def filed_years(self) -> list[int]:
        return [y for y in self.years if filed_record_path(self.data_dir / str(y)) is not None]


def find_project(start: Path) -> Project:
    root = find_root(start)
    if root is None:
        raise RuntimeError(f"no cmrkit repository at or above {start}")
    return Project(root)


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
    return Project(dest)


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
