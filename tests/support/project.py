"""The repository under test: its paths, the years its data holds, and building a copy of the
site in a temp folder, as a user builds it.

Tests are driven by the data: build, figure and check tests run for every year present
(`YEARS`), fidelity tests for every filed year that has a filed record (`FILED_YEARS`), so a new
year, draft or filed, is tested as soon as it exists, and no test assumes which year is newest.

`build` refuses to run inside a test that is not marked `build` (tests/conftest.py marks tests
by folder): a site build is what makes a test slow, and the fast loop (`make test-fast`) must
never run one unnoticed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import cmrkit
from cmrkit.files.project import Project
from cmrkit.record.filed import recorded_years
from cmrkit.website.served import own_copy_path, served_file
from cmrkit.year.report import load_year

from .markers import require_marker

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "data", "overrides")  # overrides/: if any


def report_years(data: Path = DATA) -> list[int]:
    """Every year with both data and pages: each is a report the site can build."""
    return Project.around(data).report_years


def filed_years(data: Path = DATA) -> list[int]:
    """Every filed year with a filed record (the yardstick of the fidelity tests)."""
    return recorded_years(Project.around(data))


def hand_kept_annex_years(data: Path = DATA) -> list[int]:
    """Years whose Annex is a CSV file kept by hand (others come from an ingest run)."""
    return [y for y in report_years(data) if load_year(data, y).facts.annex.file]


YEARS = report_years()
FILED_YEARS = filed_years()
HAND_KEPT_YEARS = hand_kept_annex_years()


def copy_project(dest: Path) -> Path:
    """A private copy of the site's sources, safe to edit in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / name)
    return dest


def own_copy(project: Path, name: str) -> Path:
    """The project's own copy of a file cmrkit serves (`main.html`, `assets/report.css`,
    `year-over-year.md`), placed where it replaces cmrkit's, as a filer does to change one."""
    target = project / own_copy_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(served_file(name), target)
    return target


def upgraded_engine(dest: Path) -> Path:
    """A copy of the cmrkit package in `dest`, to change as an upgrade of cmrkit would; put
    `dest` first on PYTHONPATH and every build and mike run below uses it."""
    package = Path(cmrkit.__file__).parent
    shutil.copytree(package, dest / "cmrkit", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "cmrkit"


def build(
    project: Path, year: int | str | None = None, site_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` on a project folder, as a user runs it (into `site/` unless
    `site_dir` says otherwise)."""
    require_marker("build", "builds the site with MkDocs")
    site_option = ("--site-dir", str(site_dir)) if site_dir else ()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CMRKIT_YEAR", None)
    if year is not None:
        env["CMRKIT_YEAR"] = str(year)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *site_option],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


class SiteBuilder:
    """Builds each year of one private copy of the sources at most once per session."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.sites: dict[int, Path] = {}

    def __call__(self, year: int) -> Path:
        if year not in self.sites:
            site = self.project / f"site-{year}"
            result = build(self.project, year, site)
            assert result.returncode == 0, result.stderr
            self.sites[year] = site
        return self.sites[year]
