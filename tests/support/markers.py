"""Which tests are slow, known from where they live: one table of folders and their markers.

A test is slow when it builds the site with MkDocs (`build`), drives Chromium (`browser`) or
installs the wheel (`package`); `make test-fast` runs everything else. So that a slow test cannot
slip into the fast loop unnoticed, the folder decides the markers (tests/conftest.py applies
them), a test that requests a fixture building a site or starting Chromium from a folder not
marked for it is a collection error, and `build()` (tests.support.project) fails inside a test
that is not marked `build`. tests/README.md maps the folders to the package."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

# Folder under tests/ -> the markers of every test in it (and in its subfolders).
FOLDER_MARKERS: dict[str, tuple[str, ...]] = {
    "builds": ("build",),
    "browser": ("build", "browser"),
    "package": ("package",),
    "ingest/cmrt": ("cmrt",),
}

# Fixtures that build a site or start Chromium, with the marker their folder must give. A test
# reaching one through another fixture (`site_url` -> `built_site` -> `site_builder`) counts too:
# pytest's closure of a test's fixtures holds them all.
SLOW_FIXTURES: dict[str, str] = {
    "site_builder": "build",
    "built_site": "build",
    "filed_site": "build",
    "filer_sites": "build",
    "shape_sites": "build",
    "chromium": "browser",
}

# What to say about each marker when a test is in the wrong folder.
DOING = {"build": "builds the site with MkDocs", "browser": "starts Chromium"}


def folder_markers(
    folder: PurePosixPath, table: Mapping[str, tuple[str, ...]] = FOLDER_MARKERS
) -> tuple[str, ...]:
    """The markers of tests in `folder` (relative to tests/): those of every table entry that is
    the folder or one above it, in the table's order."""
    markers: list[str] = []
    for prefix, names in table.items():
        if folder == PurePosixPath(prefix) or PurePosixPath(prefix) in folder.parents:
            markers += [name for name in names if name not in markers]
    return tuple(markers)


def misplaced(
    folder: PurePosixPath,
    fixtures: Iterable[str],
    table: Mapping[str, tuple[str, ...]] = FOLDER_MARKERS,
    slow: Mapping[str, str] = SLOW_FIXTURES,
) -> list[str]:
    """Why a test in `folder` requesting `fixtures` does not belong there (nothing if it does)."""
    markers = folder_markers(folder, table)
    homes = {m: [f"tests/{p}/" for p, names in table.items() if m in names] for m in DOING}
    return [
        f"requests `{name}`, which {DOING[slow[name]]}, from tests/{folder}/, whose tests are "
        f"not marked `{slow[name]}`: move it to {' or '.join(homes[slow[name]])}"
        for name in fixtures
        if name in slow and slow[name] not in markers
    ]


def folder_of(path: Path, root: Path) -> PurePosixPath | None:
    """The folder of a test file relative to the tests' root (None: a file outside it)."""
    if root not in path.parents:
        return None
    return PurePosixPath(path.parent.relative_to(root).as_posix())


def refuse_misplaced(report: pytest.CollectReport, root: Path) -> pytest.CollectReport:
    """Turn the collection of a module (or class) into an error when one of its tests is
    misplaced (see `misplaced`), naming each."""
    if not report.passed:
        return report
    problems = [
        f"{item.nodeid} {problem}"
        for item in report.result
        if isinstance(item, pytest.Function) and (folder := folder_of(item.path, root))
        for problem in misplaced(folder, item.fixturenames)
    ]
    if problems:
        report.outcome = "failed"
        report.longrepr = "\n".join(dict.fromkeys(problems))
        report.result = []
    return report


def mark_by_folder(items: Iterable[pytest.Item], root: Path) -> None:
    """Give each test under `root` the markers of its folder."""
    for item in items:
        folder = folder_of(item.path, root)
        for name in folder_markers(folder) if folder is not None else ():
            item.add_marker(name)


# The test running now (set by tests/conftest.py around each test's setup, call and teardown).
_running: list[Any] = []


def running(item: Any) -> None:
    _running[:] = [item]


def finished() -> None:
    _running.clear()


def require_marker(marker: str, doing: str) -> None:
    """Fail the running test if it is not marked `marker` (outside pytest: nothing)."""
    if _running and _running[0].get_closest_marker(marker) is None:
        item = _running[0]
        pytest.fail(
            f"{item.nodeid} {doing} but is not marked `{marker}`: its folder decides its "
            f"markers (tests/support/markers.py), move it to a folder marked `{marker}`",
            pytrace=False,
        )
