"""A filer's second year is when the suite must hold: with the next year's draft present, the
tests that depend on the set of years pass. In a scratch clone of the working tree, the next year
is started with `cmrkit new-year`, then either left as it is or filled by one `cmrkit ingest` of
suppliers' CMRTs with RMI's lists (`--status`, `--as-of`); a sentence of its pages is reworded and
committed, as a filer does; then pytest runs there, over the tests that read the set of years:
versions, sitemaps and the root 404 page, the Zensical build, the built Annex's footnotes, the
filer suite, a new year after the draft, and (with rows) the Year over year page.

Both clones run side by side, one pytest process each (one after the other under pytest-xdist,
whose other worker has the other core). Each inner run is checked to have run the
tests that once failed with a draft present (not skipped, not deselected), and to have no failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmrkit.cli import main
from tests.support.cmrt.builder import templates_dir
from tests.support.gitrepo import clone_working_tree, commit
from tests.support.ingested_year import YEAR, ingest_with_lists
from tests.support.project import REPO, YEARS

NEXT = YEARS[-1] + 1
assert str(NEXT) == YEAR  # the ingested year of tests.support.ingested_year

# Tests that read the set of years present: whole files, or only their runs for the next year.
WHOLE = ("tests/browser/test_versions.py", "tests/builds/test_new_year_builds.py")
FOR_NEXT = (
    "tests/builds/test_zensical_builds.py",
    "tests/builds/test_fidelity.py",
    "tests/builds/test_filing.py",
    "tests/builds/test_year_over_year_page.py",
)
# axe's pass over an earlier year is the versions fixture's too, and the slowest part of it.
SELECT = f"({NEXT} or test_versions or test_new_year_builds) and not axe"
# Tests that failed with a draft present (issue 18): each must have run and passed.
MUST_PASS = (
    "test_each_year_has_a_sitemap_of_every_page_and_canonical_links_to_itself",
    "test_a_404_page_at_the_root_offers_the_newest_report",
    "test_the_version_selector_keeps_the_reader_on_the_same_page",
    f"test_zensical_build_differs_only_in_the_known_ways[year{NEXT}]",
    f"test_every_footnote_marker_links_to_its_note[year{NEXT}]",
    "test_the_scaffold_builds_and_its_edits_never_reach_the_earlier_year",
)
KINDS = ("new-year alone", "new-year and ingest")
TIMEOUT = 900  # seconds for one inner run, far above what it takes


@dataclass
class InnerRun:
    clone: Path
    process: subprocess.Popen[str] | None = None
    skipped: str = ""  # why the clone could not be made (no real CMRT templates)


def reword_a_sentence(pages: Path) -> None:
    """The first long prose line of the year's first page, reworded as a filer would."""
    page = pages / "index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if len(line.split()) > 8 and line[0].isalpha())
    lines[at] = "This year, " + lines[at][0].lower() + lines[at][1:]
    page.write_text("\n".join(lines), encoding="utf-8")


def start_next_year(clone: Path, suppliers: Path | None, downloads: Path) -> None:
    data = clone / "data"
    assert main(["new-year", str(NEXT), "--data", str(data)]) == 0
    if suppliers is not None:
        shutil.copytree(suppliers, data / str(NEXT) / "cmrt", dirs_exist_ok=True)
        assert ingest_with_lists(data, downloads) in (0, 1)  # 1: warnings, outputs written
    reword_a_sentence(clone / "docs" / str(NEXT))
    commit(clone, f"{NEXT}: started" + (", CMRTs ingested" if suppliers else ""))


def inner_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "CMRKIT_YEAR"))}
    env["CMRKIT_TEMPLATES"] = str(templates_dir())
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def start_pytest(clone: Path, out: Path) -> subprocess.Popen[str]:
    if (REPO / "node_modules").is_dir():  # axe-core, installed by `make browser`
        (clone / "node_modules").symlink_to(REPO / "node_modules")
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        f"--basetemp={out / 'tmp'}", f"--junitxml={out / 'junit.xml'}",
        "-k", SELECT, *WHOLE, *FOR_NEXT,
    ]  # fmt: skip
    log = (out / "log.txt").open("w", encoding="utf-8")
    return subprocess.Popen(
        command, cwd=clone, env=inner_env(), stdout=log, stderr=subprocess.STDOUT, text=True
    )


def wait(process: subprocess.Popen[str]) -> int | None:
    """The run's exit status, or None when it took over TIMEOUT (then it is stopped)."""
    try:
        return process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


@pytest.fixture(scope="module")
def inner_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, InnerRun]]:
    """Both clones made one after the other, then their pytest runs started side by side (one
    after the other under pytest-xdist)."""
    runs: dict[str, InnerRun] = {}
    for kind in KINDS:
        root = tmp_path_factory.mktemp(kind.replace(" ", "-"))
        run = runs[kind] = InnerRun(clone_working_tree(root / "clone"))
        suppliers = None
        if "ingest" in kind:
            try:
                suppliers = request.getfixturevalue("supplier_folder")
            except pytest.skip.Exception as skipped:
                run.skipped = str(skipped)
                continue
        start_next_year(run.clone, suppliers, root / "downloads")
        (root / "out").mkdir()
    # Under pytest-xdist (`make test`) another worker has the other core: one run at a time.
    one_at_a_time = "PYTEST_XDIST_WORKER" in os.environ
    for run in runs.values():
        if not run.skipped:
            run.process = start_pytest(run.clone, run.clone.parent / "out")
            if one_at_a_time:
                wait(run.process)
    yield runs
    for run in runs.values():
        if run.process is not None and run.process.poll() is None:
            run.process.kill()
            run.process.wait()


def outcomes(junit: Path) -> dict[str, str]:
    """Each test case's name (with its parameters) and outcome, from pytest's JUnit XML."""
    found = {}
    for case in ET.parse(junit).iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        found[case.get("name", "")] = kinds[0] if kinds else "passed"
    return found


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout: nothing to clone")
@pytest.mark.parametrize("kind", KINDS)
def test_the_year_dependent_tests_pass_with_the_next_years_draft(
    inner_runs: dict[str, InnerRun], kind: str
) -> None:
    run = inner_runs[kind]
    if run.skipped:
        pytest.skip(run.skipped)
    assert run.process is not None
    out = run.clone.parent / "out"
    code = wait(run.process)
    assert code is not None, f"{kind}: the inner run took over {TIMEOUT} s"
    log = (out / "log.txt").read_text(encoding="utf-8")
    tail = "\n".join(log.splitlines()[-60:])
    assert code == 0, f"{kind}: pytest in a clone with a {NEXT} draft failed:\n{tail}"
    found = outcomes(out / "junit.xml")
    not_passed = {name: found.get(name, "not run") for name in MUST_PASS}
    assert {k: v for k, v in not_passed.items() if v != "passed"} == {}, tail
