"""Row resolution, one flag at a time, on plain data (no workbook needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_rows, normalize_id
from cmrkit.ingest.cmrt.read import SupplierFile
from cmrkit.ingest.cmrt.resolve import Resolution, resolve_file
from cmrkit.reference.load import Reference, load_reference

REPO = Path(__file__).resolve().parents[3]
LOOKUP = [
    # metal, look-up name, standard name, country, ID, source, street, city, state
    ["Gold", "8853 S.p.A.", "8853 S.p.A.", "ITALY", "CID002763", "RMI", "", "Pero", ""],
    ["Gold", "African Gold Refinery", "African Gold Refinery", "UGANDA", "CID003185", "RMI"],
    ["Tin", "Alpha", "Alpha Assembly Solutions Inc", "UNITED STATES OF AMERICA", "CID000292"],
    [
        "Tin",
        "Alpha Metals",
        "Alpha Assembly Solutions Inc",
        "UNITED STATES OF AMERICA",
        "CID000292",
    ],
    ["Tin", "Smelter not listed", "", "", ""],
    ["Tin", "Smelter not yet identified", "Unknown", "Unknown", ""],
]
OLD_LOOKUP = [
    [
        "Tantalum",
        "Changsha Southern",
        "Changsha South Tantalum Niobium Co., Ltd.",
        "CHINA",
        "CID000211",
    ],
]
COUNTRIES = ["GERMANY", "ITALY", "UGANDA", "UNITED STATES OF AMERICA", "CHINA"]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REPO / "data" / "reference")


def _lookup(rows: list[list[str]], reference: Reference) -> SmelterLookup:
    padded = [row + [""] * (9 - len(row)) for row in rows]
    return lookup_from_rows(padded, COUNTRIES, "test look-up", "6.5", reference.metals)


def _file(*rows: dict[str, Any]) -> SupplierFile:
    keys = load_layouts().layouts["cmrt6"].smelter_list.columns
    records = []
    for number, row in enumerate(rows, start=5):
        records.append({"row": number, **dict.fromkeys(keys, ""), **row})
    return SupplierFile(
        file="acme.xlsx",
        sha256="0" * 64,
        revision="6.01",
        layout="cmrt6",
        declaration={"company_name": "Acme"},
        metal_answers={},
        company_answers={},
        smelter_rows=records,
        products=[],
        lookup=[],
        lookup_digest="x",
    )


def _resolve(reference: Reference, *rows: dict[str, Any]) -> Resolution:
    """Resolve against LOOKUP; `own` stands for RMI's look-up of the file's (older) revision."""
    layout = load_layouts().layouts["cmrt6"]
    ref = _lookup(LOOKUP, reference)
    own = _lookup(OLD_LOOKUP + LOOKUP, reference)
    countries = {c.casefold(): c for c in COUNTRIES}
    return resolve_file(_file(*rows), layout, ref, own, reference.metals, countries)


def _codes(resolution: Resolution) -> list[tuple[str, str, str]]:
    return [(p.cell, p.severity, p.code) for p in resolution.problems]


def test_id_only_row_resolves_from_the_look_up(reference: Reference) -> None:
    result = _resolve(reference, {"smelter_id": "cid 2763"})
    assert [(r.metal, r.smelter_id, r.name, r.country) for r in result.rows] == [
        ("Gold", "CID002763", "8853 S.p.A.", "ITALY")
    ]
    assert result.problems == [] and result.excluded_rows == 0


def test_picked_alias_resolves_to_the_standard_name(reference: Reference) -> None:
    result = _resolve(reference, {"metal": "Tin", "lookup_name": "alpha  metals"})
    assert [(r.smelter_id, r.name) for r in result.rows] == [
        ("CID000292", "Alpha Assembly Solutions Inc")
    ]


def test_unlisted_row_keeps_name_and_country(reference: Reference) -> None:
    row = {
        "metal": "Gold",
        "lookup_name": "Smelter not listed",
        "smelter_name": "Acme Refinery",
        "country": "germany",
    }
    result = _resolve(reference, row)
    assert [(r.smelter_id, r.name, r.country) for r in result.rows] == [
        ("", "Acme Refinery", "GERMANY")
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"smelter_id": "CID002763", "metal": "Tin"}, ("B5", "error", "id_other_metal")),
        ({"smelter_id": "CID999999"}, ("A5", "error", "unknown_id")),
        ({"metal": "Silver", "lookup_name": "X"}, ("B5", "error", "unknown_metal")),
        (
            {
                "metal": "Gold",
                "lookup_name": "Smelter not listed",
                "smelter_name": "Acme",
                "country": "Atlantis",
            },
            ("E5", "error", "unknown_country"),
        ),
        (
            {"metal": "Gold", "lookup_name": "Smelter not listed", "country": "ITALY"},
            ("D5", "error", "blank_field"),
        ),
        ({"lookup_name": "Alpha"}, ("B5", "error", "blank_field")),
        ({"smelter_name": "Some smelter"}, ("C5", "error", "blank_field")),
        ({"metal": "Tin", "lookup_name": "Nowhere Smelting"}, ("C5", "error", "unknown_name")),
        ({"metal": "Gold", "lookup_name": "Alpha Metals"}, ("C5", "error", "name_other_metal")),
        (
            {"smelter_id": "CID002763", "lookup_name": "African Gold Refinery"},
            ("C5", "error", "id_name_mismatch"),
        ),
        (
            {"metal": "Tin", "lookup_name": "Smelter not yet identified"},
            ("C5", "excluded", "not_identified"),
        ),
    ],
    ids=lambda v: v[2] if isinstance(v, tuple) else "",
)
def test_each_flag_names_its_cell_and_excludes_the_row(
    reference: Reference, row: dict[str, str], expected: tuple[str, str, str]
) -> None:
    result = _resolve(reference, row)
    assert result.rows == []
    assert result.excluded_rows == 1
    assert _codes(result) == [expected]


def test_an_id_dropped_by_rmi_resolves_from_rmis_look_up_of_the_files_revision(
    reference: Reference,
) -> None:
    result = _resolve(reference, {"smelter_id": "CID000211"})
    assert [r.name for r in result.rows] == ["Changsha South Tantalum Niobium Co., Ltd."]
    assert _codes(result) == [("A5", "warning", "id_not_in_reference")]


def test_a_stale_cached_id_is_a_warning_and_the_inputs_win(reference: Reference) -> None:
    result = _resolve(reference, {"metal": "Tin", "lookup_name": "Alpha", "cached_id": "242332"})
    assert [r.smelter_id for r in result.rows] == ["CID000292"]
    assert _codes(result) == [("F5", "warning", "stale_cached_id")]


def test_cached_values_that_agree_raise_nothing(reference: Reference) -> None:
    row = {
        "smelter_id": "CID002763",
        "metal": "Gold",
        "lookup_name": "8853 S.p.A.",
        "country": "ITALY",
        "cached_id": "CID002763",
    }
    result = _resolve(reference, row)
    assert len(result.rows) == 1 and result.problems == []


def test_ids_are_normalised() -> None:
    assert normalize_id(" cid002763 ") == "CID002763"
    assert normalize_id("CID 42") == "CID000042"
    assert normalize_id("2BRA063") == "2BRA063"
