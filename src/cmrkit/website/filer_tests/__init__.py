"""cmrkit's tests for a filer's repository, as a pytest plugin.

A filer's `tests/conftest.py` says `pytest_plugins = ["cmrkit.website.filer_tests"]` (fixtures
below) and its `tests/test_filing.py` imports the tests (`from cmrkit.website.filer_tests.suite
import *`). They run on every year of the repository and every filed record in it, so they hold
for any filer and improve with cmrkit: every filed year word for word (site and EDGAR), figures
follow data, bad data fails the build with file and line, EDGAR's rules, the pre-filing checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.files.project import Project
from cmrkit.record.filed import recorded_years
from cmrkit.website.filer_tests.project import built_site, find_project


@pytest.fixture(scope="session")
def filer_project(request: pytest.FixtureRequest) -> Project:
    """The repository under test: the one around pytest's root folder."""
    return find_project(Path(request.config.rootpath))


@pytest.fixture(scope="session")
def filer_sites(
    filer_project: Project, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[int], Path]:
    """Each year's site, built once per session (strictly) from a copy of the repository."""
    cache: dict[int, Path] = {}

    def site(year: int) -> Path:
        if year not in cache:
            cache[year] = built_site(filer_project, year, tmp_path_factory.mktemp(f"site{year}"))
        return cache[year]

    return site


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`filer_year` runs a test for every reporting year present, `filer_filed_year` for every
    filed year with a filed record (none yet: skipped, saying so). Only the suite's own tests: a
    repository's other tests parametrize themselves."""
    if metafunc.function.__module__ != "cmrkit.website.filer_tests.suite":
        return
    project = find_project(Path(metafunc.config.rootpath))
    if "filer_year" in metafunc.fixturenames:
        metafunc.parametrize("filer_year", project.report_years, ids=str)
    if "filer_filed_year" in metafunc.fixturenames:
        filed = recorded_years(project)
        marks = [] if filed else [pytest.mark.skip(reason="no year has a filed record yet")]
        metafunc.parametrize(
            "filer_filed_year", filed or [pytest.param(0, marks=marks)], ids=lambda y: str(y)
        )
