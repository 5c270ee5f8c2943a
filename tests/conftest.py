"""Fixtures every test may use, and the markers each test gets from its folder.

The repository's paths, years and site builds are in tests.support.project; the CMRT workbook
fixtures (`templates`, `builder`, `supplier_folder`) in tests.support.cmrt.fixtures. Which
folder marks its tests `build`, `browser`, `package` or `cmrt` is one table,
tests.support.markers.FOLDER_MARKERS (tests/README.md maps the folders to the package)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmrkit.website import chromium as chromium_flags
from tests.support import markers
from tests.support.project import FILED_YEARS, HAND_KEPT_YEARS, YEARS, SiteBuilder, copy_project
from tests.support.scratch_years import ShapeSites

# The tests cmrkit ships for every filer's repository run here too (tests/builds/test_filing.py).
pytest_plugins = [
    "cmrkit.website.filer_tests",
    "tests.support.cmrt.fixtures",
    "pytester",  # tests/repository/test_markers.py runs pytest on test files it writes
]

TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """A test whose fixtures build a site or start Chromium, in a folder whose tests are not
    marked for it, is a collection error of its module: the fast loop stays fast."""
    report = yield
    if isinstance(collector, pytest.Module | pytest.Class):
        return markers.refuse_misplaced(report, TESTS)
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder (tests.support.markers.FOLDER_MARKERS)."""
    markers.mark_by_folder(items, TESTS)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection made (modules, test items, fixtures' definitions) lives to the end of the
    run: frozen out of the garbage collector's sight, it is not walked again at every
    collection (seconds of the fast loop's CPU time)."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """Let `build()` see which test runs it (tests.support.markers.require_marker)."""
    markers.running(item)
    try:
        return (yield)
    finally:
        markers.finished()


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
def site_builder(tmp_path_factory: pytest.TempPathFactory) -> SiteBuilder:
    return SiteBuilder(copy_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="session", params=YEARS, ids=lambda y: f"year{y}")
def year(request: pytest.FixtureRequest) -> int:
    """Every reporting year present: a test taking it runs once per year."""
    return request.param


@pytest.fixture(scope="session")
def built_site(site_builder: SiteBuilder, year: int) -> Path:
    """The repository's site for `year`, built once per session from a copy of the sources."""
    return site_builder(year)


@pytest.fixture(scope="session", params=FILED_YEARS, ids=lambda y: f"filed{y}")
def filed_year(request: pytest.FixtureRequest) -> int:
    """Every filed year with a filed record."""
    return request.param


@pytest.fixture(scope="session")
def filed_site(site_builder: SiteBuilder, filed_year: int) -> Path:
    return site_builder(filed_year)


@pytest.fixture(scope="session", params=HAND_KEPT_YEARS, ids=lambda y: f"year{y}")
def hand_kept_year(request: pytest.FixtureRequest) -> int:
    """Every year whose Annex is a hand-kept CSV (tests that edit that file)."""
    return request.param


@pytest.fixture(scope="session")
def shape_sites(tmp_path_factory: pytest.TempPathFactory) -> ShapeSites:
    """Sites of scratch years in each Annex shape (tests.support.scratch_years), each built once
    per session when a test asks for it."""
    return ShapeSites(tmp_path_factory.mktemp("shapes"))
