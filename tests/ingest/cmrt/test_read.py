"""Reading one filled CMRT by cell address: Declaration, Smelter List rows, Product List."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.run import IngestOptions, run_ingest
from cmrkit.reference.load import load_reference
from tests.support.cmrt.builder import (
    REVISIONS,
    TemplateBuilder,
    by_id,
    declaration,
    pick,
    template_path,
    unlisted,
)

REPO = Path(__file__).resolve().parents[3]


def test_declaration_rows_and_products(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    path = builder("6.22").build(
        tmp_path / "s.xlsx",
        declaration(
            "Ünïcode Ltd",
            scope="B. Product (or List of Products)",
            answers={"Q1": ["Yes", "No", "Yes", "Unknown"], "Q6": [1, "None", "", ""]},
            company_answers={"A": "Yes", "H": "Yes, with the SEC"},
            effective_date=dt.datetime(2025, 1, 15),
            scope_description="Routers",
        ),
        [by_id("CID002763"), pick("Tin", "Alpha Metals"), unlisted("Gold", "Acme", "GERMANY")],
        products=[("P-1", "Router"), ("P-2", "Switch")],
        language="Deutsch",
    )
    supplier = read_supplier_file(path)
    assert supplier.revision == "6.22"
    assert supplier.declaration["company_name"] == "Ünïcode Ltd"
    assert supplier.declaration["language"] == "Deutsch"
    assert supplier.declaration["scope_description"] == "Routers"
    assert supplier.declaration["effective_date"] == "2025-01-15"
    q1 = supplier.metal_answers["Q1"]
    assert [q1[m]["answer"] for m in ("Tantalum", "Tin", "Gold", "Tungsten")] == [
        "Yes",
        "No",
        "Yes",
        "Unknown",
    ]
    assert supplier.metal_answers["Q6"]["Tantalum"]["answer"] == "100%"
    assert supplier.company_answers["H"]["answer"] == "Yes, with the SEC"
    assert [
        (r["row"], r["smelter_id"], r["metal"], r["lookup_name"]) for r in supplier.smelter_rows
    ] == [
        (5, "CID002763", "", ""),  # written by a script: B and C have no cached values
        (6, "", "Tin", "Alpha Metals"),
        (7, "", "Gold", "Smelter not listed"),
    ]
    assert supplier.smelter_rows[2]["smelter_name"] == "Acme"
    assert [(p["row"], p["number"], p["name"]) for p in supplier.products] == [
        (6, "P-1", "Router"),
        (7, "P-2", "Switch"),
    ]
    assert supplier.notes == []  # every required Declaration field was filled


def test_the_real_64_templates_leftover_row_is_furniture_and_the_file_unfilled(
    templates: Path, tmp_path: Path
) -> None:
    """RMI's 6.4 copy has B5 "Tin", C5 "Alpha Metals" and F5 242332 left in row 5: template
    furniture, not a supplier's row; the blank file is one unfilled template, not a supplier."""
    supplier = read_supplier_file(template_path("6.4"))
    assert supplier.smelter_rows == [] and supplier.unfilled
    assert [(n["cell"], n["code"]) for n in supplier.notes] == [("C5", "template_furniture")]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "blank-6.4.xlsx").write_bytes(template_path("6.4").read_bytes())
    result = run_ingest(folder, load_reference(REPO / "data" / "reference"), IngestOptions(jobs=1))
    assert result.consolidation.facilities == []
    assert [(p.file, p.severity, p.code) for p in result.problems if p.severity != "info"] == [
        ("blank-6.4.xlsx", "warning", "unfilled_template")
    ]
    rcoi = result.rcoi
    assert (rcoi.answering, rcoi.asked, rcoi.unfilled_templates) == (0, None, 1)


def test_the_leftover_row_is_a_row_once_the_supplier_changes_it(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    """A supplier who picks Tin / Alpha Metals in row 5 of a 6.4 file is read (a script that
    fills the file leaves F5 without a value; only the untouched leftover is furniture)."""
    path = builder("6.4").build(
        tmp_path / "s.xlsx", declaration("Acme"), [pick("Tin", "Alpha Metals")]
    )
    supplier = read_supplier_file(path)
    assert [(r["row"], r["metal"], r["lookup_name"]) for r in supplier.smelter_rows] == [
        (5, "Tin", "Alpha Metals")
    ]
    assert not supplier.unfilled


@pytest.mark.parametrize("revision", REVISIONS)
def test_the_product_list_footer_is_never_a_product(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, revision: str
) -> None:
    path = builder(revision).build(
        tmp_path / "s.xlsx",
        declaration("Acme", scope="B. Product (or List of Products)"),
        products=[("P-1", "Router")],
        cached=True,
    )
    # As a spreadsheet program saves it, the footer formula carries its cached copyright text.
    rows = read_supplier_file(path).products
    assert [(p["number"], p["name"]) for p in rows] == [("P-1", "Router")]
