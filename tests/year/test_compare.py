"""Year-over-year comparison: facilities matched by ID, else by name (the page and its chart in
the built site: tests/builds/test_year_over_year_page.py)."""

from __future__ import annotations

from cmrkit.year.annex import AnnexRow
from cmrkit.year.compare import compare_annex


def row(metal: str, name: str, smelter_id: str = "", status: str = "Active", line: int = 2):
    bucket = {"Active": "active", "Full Compliant": "conformant"}.get(status, "other")
    return AnnexRow(line, metal, smelter_id, name, "CHINA", status, bucket, "")


def test_a_renamed_facility_with_the_same_id_is_one_facility() -> None:
    old = [row("Tin", "Old Name Co.", "CID000001")]
    new = [row("Tin", "New Name Co.", "CID000001", "Full Compliant")]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    assert result.changed[0].fields == ("status", "smelter_name")
    assert result.status_changes == result.changed


def test_without_an_id_on_one_side_the_name_matches_case_and_spacing_aside() -> None:
    old = [row("Gold", "Some  Refinery", "")]
    new = [row("Gold", "SOME REFINERY", "CID000002")]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    # Matched as one facility; the printed name did change (case), and it gained an ID.
    assert result.changed[0].fields == ("smelter_name", "smelter_id")


def test_same_name_under_another_metal_or_another_id_is_another_facility() -> None:
    old = [row("Gold", "Dowa", "CID000003"), row("Tin", "Shared", "CID000010")]
    new = [row("Tin", "Dowa", "CID000004"), row("Tin", "Shared", "CID000011")]
    result = compare_annex(2023, old, 2024, new)
    assert [r.smelter_id for r in result.removed] == ["CID000003", "CID000010"]
    assert [r.smelter_id for r in result.added] == ["CID000004", "CID000011"]
    assert not result.changed


def test_identical_years_compare_equal() -> None:
    rows = [row("Gold", "A", "CID000005"), row("Tin", "B")]
    assert not compare_annex(2023, rows, 2024, list(rows))


def test_a_year_without_status_changes_no_status() -> None:
    """A filer that printed no status has rows without one: that is not a change of status."""
    old = [row("Tin", "Smelter A", "CID000001", "Full Compliant")]
    new = [AnnexRow(2, "Tin", "CID000001", "Smelter A", "CHINA", "", "", "")]
    assert old[0].bucket == "conformant"
    assert not compare_annex(2022, old, 2023, new).status_changes
    # ... while a change between two statuses still is one.
    assert compare_annex(2022, old, 2023, [row("Tin", "Smelter A", "CID000001")]).status_changes
