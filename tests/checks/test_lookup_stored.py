"""`cmrkit check YEAR` checks the RMI look-up a year keeps (`data/YEAR/smelter-lookup/`, stored by
`cmrkit ingest YEAR --reference TEMPLATE --as-of DATE`), and the repository's own
(`data/reference/smelter_lookup.yml`), against the sha256 recorded for each CSV, as every ingest
run does: a hand-edited copy is named with its file and what to do, an error that fails a draft.
For every year present, as a draft made from it and as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cmrkit.checks.findings import ERROR
from cmrkit.checks.run import fails, run_checks
from cmrkit.cli import main
from cmrkit.ingest.cmrt.extract import INDEX_HEADER, Extracted, write
from cmrkit.ingest.reference_store import FOLDER, HEADER
from cmrkit.ingest.run_record import run_path
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.check_project import draft_year, new_project
from tests.support.project import YEARS

ROWS = [
    ["Gold", "Aurum Novum", "Aurum Novum Refinery AG", "SWITZERLAND", "CID009991", "RMI"],
    ["Tin", "Stannum Works", "Stannum Works Ltd", "BOLIVIA", "CID009992", "RMI"],
]


def store_look_up(folder: Path, header: str) -> Path:
    """A look-up written as `cmrkit ingest YEAR --reference TEMPLATE` writes it (the writer its
    store uses), from rows made up here: no template is needed to check what is kept."""
    extracted = Extracted("6.6", "2026-04-17", ROWS, ["BOLIVIA", "SWITZERLAND"], "t.xlsx", "0" * 64)
    folder.mkdir(parents=True, exist_ok=True)
    return write([extracted], folder, header=header, extra={"as_of": dt.date(2026, 11, 20)})


def _changed(project: Path, year: int) -> list[object]:
    report = load_year(project / "data", year)
    found = run_checks(report, load_pages(project / "docs", year))
    return [f for f in found if f.check == "lookup-changed"], report, found


@pytest.mark.parametrize("draft", [True, False], ids=["draft", "as is"])
@pytest.mark.parametrize("source", YEARS)
def test_a_hand_edited_stored_look_up_is_named_by_check(
    source: int, draft: bool, tmp_path: Path
) -> None:
    project = new_project(tmp_path)
    year = YEARS[-1] + 1 if draft else source
    if draft:
        draft_year(project, year, dt.date(year + 1, 5, 1), source)
    kept = project / "data" / str(year) / FOLDER
    index = store_look_up(kept, HEADER.format(year=year))
    assert _changed(project, year)[0] == []  # as stored: checked and accepted

    csv_file = kept / "smelter_lookup" / "cmrt-6.6.csv"
    csv_file.write_text(
        csv_file.read_text("utf-8").replace("SWITZERLAND", "GERMANY"), encoding="utf-8"
    )
    named, report, found = _changed(project, year)
    assert len(named) == 1, named
    (finding,) = named
    assert finding.level == ERROR and Path(finding.location.path) == index
    assert "smelter_lookup/cmrt-6.6.csv has changed since it was stored" in finding.message
    assert f"cmrkit ingest {year} --reference TEMPLATE --as-of DATE" in finding.message
    assert fails(report, found) == (not report.is_filed)  # a filed year's never fail it


def test_a_hand_edited_look_up_of_the_repository_is_named_for_a_year_with_a_run(
    tmp_path: Path,
) -> None:
    """The repository's own look-up (data/reference/, written by the extractor with the sha256
    of each CSV) is what the next run of a year resolves against: `cmrkit check` names it for
    every year with an ingest run (a year started with `cmrkit new-year` has its empty run)."""
    project = new_project(tmp_path)
    year = YEARS[-1] + 1
    assert main(["new-year", str(year), "--data", str(project / "data")]) == 0
    own = project / "data" / "reference"
    index = store_look_up(own, INDEX_HEADER)
    assert _changed(project, year)[0] == []
    csv_file = own / "smelter_lookup" / "cmrt-6.6-countries.csv"
    csv_file.write_text("country\nGERMANY\n", encoding="utf-8")
    with_run = [y for y in [*YEARS, year] if run_path(project / "data" / str(y)).is_file()]
    assert year in with_run
    for each in [*YEARS, year]:
        named = _changed(project, each)[0]
        if each not in with_run:
            assert named == []  # its Annex and figures were made without any look-up
            continue
        assert len(named) == 1 and Path(named[0].location.path) == index, named
        assert "smelter_lookup/cmrt-6.6-countries.csv has changed" in named[0].message
        assert f"cmrkit.ingest.cmrt.extract TEMPLATE --reference {own}" in named[0].message
