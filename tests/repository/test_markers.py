"""The folder decides a test's markers, and a slow test cannot hide in a fast folder: a test that
requests a fixture building a site or starting Chromium from a folder not marked for it is a
collection error naming it and where it belongs, and `build()` fails inside a test not marked
`build` (tests/support/markers.py)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from tests.support.markers import FOLDER_MARKERS, SLOW_FIXTURES, folder_markers, misplaced

TABLE = {"builds": ("build",), "browser": ("build", "browser"), "ingest/cmrt": ("cmrt",)}
SLOW = {"built_site": "build", "chromium": "browser"}


@pytest.mark.parametrize(
    ("folder", "markers"),
    [
        ("builds", ("build",)),
        ("builds/website", ("build",)),  # a subfolder gets its folder's markers
        ("browser", ("build", "browser")),
        ("ingest/cmrt", ("cmrt",)),
        ("ingest", ()),  # the folder above gets none of a subfolder's
        ("ingest/cmrtx", ()),  # a name that only starts like a marked folder
        ("year", ()),
        (".", ()),
    ],
)
def test_markers_come_from_the_folder_and_those_above_it(folder: str, markers: tuple) -> None:
    assert folder_markers(PurePosixPath(folder), TABLE) == markers


@pytest.mark.parametrize(
    ("folder", "fixtures", "wrong"),
    [
        ("year", ["tmp_path", "year"], []),
        ("year", ["site_builder", "built_site", "year"], ["built_site"]),
        ("ingest/cmrt", ["chromium"], ["chromium"]),
        ("builds", ["built_site"], []),
        ("builds", ["chromium"], ["chromium"]),  # builds a site, but starts no browser
        ("browser", ["built_site", "chromium"], []),
    ],
)
def test_a_slow_fixture_outside_its_folders_is_named(
    folder: str, fixtures: list[str], wrong: list[str]
) -> None:
    problems = misplaced(PurePosixPath(folder), fixtures, TABLE, SLOW)
    assert [p.split("`")[1] for p in problems] == wrong
    for problem in problems:
        assert f"from tests/{folder}/" in problem and "move it to tests/" in problem


def test_every_slow_fixture_has_a_folder_marked_for_it() -> None:
    for marker in set(SLOW_FIXTURES.values()):
        assert any(marker in names for names in FOLDER_MARKERS.values()), marker


def test_every_folder_of_the_table_exists() -> None:
    tests = Path(__file__).resolve().parents[1]
    for folder in FOLDER_MARKERS:
        assert (tests / folder).is_dir(), folder


CONFTEST = """
from pathlib import Path

import pytest

from tests.support import markers

ROOT = Path(__file__).resolve().parent


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    report = yield
    return markers.refuse_misplaced(report, ROOT)


def pytest_collection_modifyitems(items):
    markers.mark_by_folder(items, ROOT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item):
    markers.running(item)
    try:
        return (yield)
    finally:
        markers.finished()


@pytest.fixture
def site_builder():
    return "a site"


@pytest.fixture
def built_site(site_builder):
    return site_builder
"""

USES_A_SITE = "def test_page(built_site):\n    assert built_site\n"


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A test suite with this repository's marker hooks, laid out in its own folders."""
    pytester.makeconftest(CONFTEST)
    markers = "\n".join(f"    {m}: m" for m in ("build", "browser", "package", "cmrt"))
    pytester.makeini(
        f"[pytest]\naddopts = --strict-markers -p no:cacheprovider\nmarkers =\n{markers}\n"
    )
    for folder in ("year", "builds", "ingest", "ingest/cmrt"):
        pytester.mkpydir(folder)
    return pytester


def test_a_site_fixture_in_a_fast_folder_is_a_collection_error(suite: pytest.Pytester) -> None:
    suite.makepyfile(**{"year/test_late.py": USES_A_SITE, "year/test_ok.py": "def test_ok(): pass"})
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting year/test_late.py*",
            "*test_page requests `built_site`, which builds the site with MkDocs, from "
            "tests/year/*move it to tests/builds/ or tests/browser/*",
        ]
    )
    result.assert_outcomes(errors=1)


def test_the_same_test_in_a_build_folder_is_marked_and_left_out_of_the_fast_loop(
    suite: pytest.Pytester,
) -> None:
    suite.makepyfile(
        **{"builds/test_site.py": USES_A_SITE, "year/test_ok.py": "def test_ok(): pass"}
    )
    suite.runpytest("-m", "build").assert_outcomes(passed=1, deselected=1)
    suite.runpytest("-m", "not build and not browser and not package").assert_outcomes(
        passed=1, deselected=1
    )


def test_a_test_in_the_cmrt_folder_is_marked_cmrt(suite: pytest.Pytester) -> None:
    suite.makepyfile(**{"ingest/cmrt/test_read.py": "def test_read(): pass"})
    suite.runpytest("-m", "cmrt").assert_outcomes(passed=1)


def test_building_in_a_test_not_marked_build_fails_it(suite: pytest.Pytester) -> None:
    body = (
        "from tests.support.project import build\n\n"
        "def test_builds(tmp_path):\n    build(tmp_path)\n"
    )
    suite.makepyfile(**{"year/test_builds.py": body})
    result = suite.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*test_builds builds the site with MkDocs but is not marked*"])
