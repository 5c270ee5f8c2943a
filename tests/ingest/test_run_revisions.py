"""What a run says of each file's revision: two or more yearly revisions behind the campaign's
template is a file to send back."""

from __future__ import annotations

from pathlib import Path

from cmrkit.ingest.run import IngestOptions, run_ingest
from cmrkit.reference.load import load_reference


def test_files_two_revisions_behind_the_campaign_are_sent_back(supplier_folder: Path) -> None:
    """The corpus holds one file per revision 6.01 to 6.5; the campaign's template is the newest
    among them (6.5): 6.4 is one revision behind, 6.31 two, and older ones more."""
    result = run_ingest(supplier_folder, load_reference(), IngestOptions(jobs=1))
    old = {p.file: p for p in result.problems if p.code == "old_revision"}
    assert sorted(old) == [
        "s1-alpha-6.01.xlsx",
        "s2-beta-6.1.xlsx",
        "s3-gamma-6.22.xlsx",
        "s4-delta-6.31.xlsx",
    ]
    delta = old["s4-delta-6.31.xlsx"]
    assert (delta.severity, delta.sheet, delta.cell) == ("warning", "Declaration", "J3")
    assert "2 revisions older" in delta.reason and "ask for a CMRT 6.5" in delta.reason
    assert "5 revisions older" in old["s1-alpha-6.01.xlsx"].reason
    suppliers = {f.file: f.revision for f in result.read.files}
    assert suppliers["s5-epsilon-6.4.xlsx"] == "6.4"


def test_not_yet_identified_rows_are_reported_and_never_a_facility(
    supplier_folder: Path,
) -> None:
    result = run_ingest(supplier_folder, load_reference(), IngestOptions(jobs=1))
    (row,) = [p for p in result.problems if p.code == "not_identified"]
    assert (row.file, row.cell, row.severity) == ("s5-epsilon-6.4.xlsx", "C8", "excluded")
    assert "Tin" in row.reason
    assert all(f.smelter_name != "Unknown" for f in result.consolidation.facilities)
