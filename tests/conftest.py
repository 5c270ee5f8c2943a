"""Fixtures every test may use, and the markers each test gets from its folder.

The repository's paths, years and site builds are in tests.support.project; the CMRT workbook
fixtures (`templates`, `builder`, `supplier_folder`) in tests.support.cmrt.fixtures. Which
folder marks its tests `build`, `browser`, `package` or `cmrt` is one table,
tests.support.markers.FOLDER_MARKERS (tests/README.md maps the folders to the package)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from cmrkit.website import chromium as chromium_flags
from tests.support import markers
from tests.support.project import FILED_YEARS, HAND_KEPT_YEARS, YEARS, SiteBuilder, copy_project

# The tests cmrkit ships for every filer's repository run here too (tests/builds/test_filing.py).
pytest_plugins = ["cmrkit.website.filer_tests", "tests.support.cmrt.fixtures"]

TESTS = Path(__file__).resolve().parent


def _folder(path: Path) -> PurePosixPath:
    return PurePosixPath(path.parent.relative_to(TESTS).as_posix())


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """A test whose fixtures build a site or start Chromium, in a folder whose tests are not
    marked for it, is a collection error of its module: the fast loop stays fast."""
    report = yield
    if report.passed and isinstance(collector, pytest.Module | pytest.Class):
        problems = [
            f"{item.nodeid} {problem}"
            for item in report.result
            if isinstance(item, pytest.Function) and TESTS in item.path.parents
            for problem in markers.misplaced(_folder(item.path), item.fixturenames)
        ]
        if problems:
            report.outcome = "failed"
            report.longrepr = "\n".join(dict.fromkeys(problems))
            report.result = []
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder (tests.support.markers.FOLDER_MARKERS)."""
    for item in items:
        if TESTS in item.path.parents:
            for name in markers.folder_markers(_folder(item.path)):
                item.add_marker(name)


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
