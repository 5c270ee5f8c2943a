"""Roll-up of real-template CMRTs from several revisions and languages, exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmrkit.ingest.run import IngestOptions, IngestResult, run_ingest
from cmrkit.reference.load import load_reference
from tests.support.cmrt.corpus import EXPECTED, FLAGGED, REFUSED, ROWS

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result(supplier_folder: Path) -> IngestResult:
    reference = load_reference(REPO / "data" / "reference")
    return run_ingest(supplier_folder, reference, IngestOptions(jobs=1, cache_root=None))


def test_every_facility_with_its_standard_name_country_and_suppliers(
    result: IngestResult,
) -> None:
    got = {
        (f.metal, f.smelter_id, f.smelter_name, f.country): set(f.suppliers)
        for f in result.consolidation.facilities
    }
    assert got == EXPECTED
    counts = {
        f.smelter_id or f.smelter_name: f.supplier_count for f in result.consolidation.facilities
    }
    assert counts["CID002763"] == 4
    assert counts["CID000292"] == 3


def test_reference_is_the_newest_revisions_look_up(result: IngestResult) -> None:
    assert result.reference.revision == "6.5"
    assert "6.5" in result.reference.source


def test_every_flagged_row_is_named_with_file_sheet_and_cell(result: IngestResult) -> None:
    excluding = {}
    for problem in result.problems:
        if problem.severity.excludes:
            excluding.setdefault(problem.file, []).append((problem.cell, problem.code))
            assert problem.sheet == "Smelter List"
    assert excluding == FLAGGED


def test_refused_files_are_named_with_their_reason(result: IngestResult) -> None:
    refused = {p.file: p.reason for p in result.problems if p.severity == "refused"}
    assert refused.keys() == REFUSED.keys()
    for name, reason in REFUSED.items():
        assert reason in refused[name]


def test_accounting_adds_up(result: IngestResult) -> None:
    accounting = result.accounting
    assert accounting.files_read == 6
    assert accounting.files_refused == 1
    assert accounting.rows == ROWS
    flagged_rows = {
        (p.file, re.sub(r"\D", "", p.cell)) for p in result.problems if p.severity.excludes
    }
    assert accounting.flagged == len(flagged_rows) == 6
    assert accounting.consolidated == ROWS - 6 == len(result.rows)
    assert accounting.consolidated == sum(f.rows for f in result.consolidation.facilities)
    assert accounting.facilities == len(EXPECTED)
    assert accounting.line().startswith(
        f"6 files read, 1 refused; {ROWS} smelter rows: 15 consolidated into 7 facilities, "
        "6 flagged"
    )


def test_warnings_for_leftovers_duplicates_and_dropped_ids(result: IngestResult) -> None:
    warnings = {(p.file, p.cell, p.code) for p in result.problems if p.severity == "warning"}
    assert ("s6-zeta-6.5.xlsx", "A6", "duplicate_row") in warnings
    assert ("s1-alpha-6.01.xlsx", "A7", "id_not_in_reference") in warnings


def test_unlisted_names_like_a_listed_facility_are_suggested_not_merged(
    result: IngestResult,
) -> None:
    unlisted = {f.smelter_name: f for f in result.consolidation.facilities if not f.listed}
    assert unlisted["Alpha Metal"].suggested_id == "CID000292"
    assert unlisted["Acme Refinery"].suggested_id == ""
    suggestion = [p for p in result.problems if p.code == "similar_to_listed"]
    assert [(p.file, p.cell) for p in suggestion] == [("s3-gamma-6.22.xlsx", "D6")]
    # Not merged: the listed facility still has exactly its three suppliers.
    listed = next(f for f in result.consolidation.facilities if f.smelter_id == "CID000292")
    assert listed.supplier_count == 3


def test_cached_and_uncached_files_read_alike(result: IngestResult) -> None:
    """s4 was saved with cached formula values, the others without: both resolve the same."""
    from_cached = {r.smelter_id for r in result.rows if r.file == "s4-delta-6.31.xlsx"}
    assert from_cached == {"CID003185", "CID000292"}


def test_reference_override_with_a_cmrt_or_a_csv(supplier_folder: Path, tmp_path: Path) -> None:
    from tests.support.cmrt.builder import template_path

    reference = load_reference(REPO / "data" / "reference")
    old = run_ingest(
        supplier_folder, reference, IngestOptions(jobs=1, reference_override=template_path("6.01"))
    )
    names = {f.smelter_id: f.smelter_name for f in old.consolidation.facilities}
    assert names["CID000292"] == "Alpha"  # 6.01's standard name, not 6.5's
    assert old.reference.revision == "6.01"

    csv_path = tmp_path / "reference.csv"
    csv_path.write_text(
        "smelter_id,metal,smelter_name,country\nCID002763,Gold,8853 SpA (renamed),ITALY\n",
        encoding="utf-8",
    )
    custom = run_ingest(
        supplier_folder, reference, IngestOptions(jobs=1, reference_override=csv_path)
    )
    names = {f.smelter_id: f.smelter_name for f in custom.consolidation.facilities}
    assert names["CID002763"] == "8853 SpA (renamed)"
    # IDs missing from the CSV still resolve from each file's own look-up, with a warning.
    assert names["CID000292"] in ("Alpha", "Alpha Assembly Solutions Inc")
    assert any(p.code == "id_not_in_reference" for p in custom.problems)
