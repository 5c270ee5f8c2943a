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


def placed(metal: str, name: str, country: str, smelter_id: str = "") -> AnnexRow:
    return AnnexRow(2, metal, smelter_id, name, country, "Active", "active", "")


def test_rows_without_ids_match_by_metal_name_and_country_as_folded() -> None:
    """One year printed RMI's IDs, the next none, its names and countries spelled otherwise."""
    old = [
        placed("Gold", "Aida Chemical Industries Co., Ltd.", "JAPAN", "CID000019"),
        placed("Gold", "Industrias Peñoles S.A.B. de C.V.", "MEXICO", "CID000681"),
        placed("Gold", "L’Orfebre S.A.", "ANDORRA", "CID002762"),
        placed("Tin", "OOO “Novosibirsk Tin Combine”", "RUSSIAN FEDERATION", "CID001305"),
        placed("Tantalum", "Ulba Metallurgical Plant JSC", "KAZAKHSTAN", "CID001969"),
    ]
    new = [
        placed("Gold", "AIDA CHEMICAL INDUSTRIES COMPANY LIMITED", "Japan"),
        placed("Gold", "Industrias Penoles, S.A.B. de C.V.", "Mexico"),
        placed("Gold", "L'Orfebre SA", "Andorra"),
        placed("Tin", 'OOO "Novosibirsk Tin Combine"', "Russia"),
        placed("Tantalum", "Ulba Metallurgical Plant JSC", "KAZAKHSTAN", "CID001969"),
    ]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    assert (result.by_id, result.by_name) == (1, 4)
    assert all("smelter_id" in c.fields for c in result.changed)  # the IDs are gone
    # The pairs matched by name, for a reviewer to read: each old row with its new spelling.
    assert [(a.smelter_name, b.smelter_name) for a, b in result.name_matched] == [
        (a.smelter_name, b.smelter_name) for a, b in zip(old[:4], new[:4], strict=True)
    ]


def test_a_name_in_another_country_or_under_another_metal_is_another_facility() -> None:
    old = [placed("Tin", "Thaisarco", "THAILAND"), placed("Gold", "Kojima Chemicals", "JAPAN")]
    new = [placed("Tin", "Thaisarco", "MALAYSIA"), placed("Silver", "Kojima Chemicals", "JAPAN")]
    result = compare_annex(2023, old, 2024, new)
    assert result.removed == tuple(old) and result.added == tuple(new)
    assert (result.by_id, result.by_name) == (0, 0)


def test_a_year_with_ids_and_one_without_match_by_id_where_both_have_one() -> None:
    old = [placed("Tin", "Minsur", "PERU", "CID001182"), placed("Tin", "Fenix Metals", "POLAND")]
    new = [
        placed("Tin", "Minsur S.A.", "PERU", "CID001182"),
        placed("Tin", "FENIX METALS", "Poland", "CID000468"),
    ]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    assert (result.by_id, result.by_name) == (1, 1)


def test_the_rules_passed_decide_how_names_compare(tmp_path) -> None:
    """A repository's own facility_names.yml (compare_years passes the newer year's)."""
    from cmrkit.reference.names import FILE, load_name_rules

    (tmp_path / FILE).write_text(
        "characters: {}\nwords:\n  Kabushiki Gaisha: KK\ncountries: {}\n", encoding="utf-8"
    )
    old = [placed("Gold", "Asaka Riken Kabushiki Gaisha", "JAPAN")]
    new = [placed("Gold", "ASAKA RIKEN K.K.", "JAPAN")]
    assert compare_annex(2023, old, 2024, new).added  # cmrkit's own variants: two facilities
    own = compare_annex(2023, old, 2024, new, load_name_rules(tmp_path))
    assert not own.added and own.by_name == 1


def test_a_name_printed_twice_matches_twice() -> None:
    """Two rows of one name and country (a filer listing a facility under two suppliers' IDs,
    later printed without IDs) are two facilities in both years, not one kept and one removed."""
    old = [placed("Gold", "Same Refinery", "PERU"), placed("Gold", "Same Refinery", "PERU")]
    new = [placed("Gold", "SAME REFINERY", "Peru"), placed("Gold", "Same Refinery", "Peru")]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed and result.by_name == 2
