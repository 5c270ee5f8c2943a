"""RMI's Smelter Look-up ships with cmrkit, per revision; a supplier's edited copy changes nothing.

The shipped rows are data extracted from RMI's real blank templates; these tests check them
against the templates (when present), and that one file whose look-up was edited, sent among
others, renames or moves no facility for anyone and is reported cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cmrkit.cli import main
from cmrkit.ingest.cmrt.extract import extract
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.lookup_check import lookup_disagreements
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.shipped import index_path, load_index, shipped_lookup, shipped_rows
from cmrkit.ingest.run import IngestOptions, run_ingest
from cmrkit.reference.load import load_reference
from tests.support.cmrt.builder import REVISIONS, TemplateBuilder, by_id, declaration, template_path

REPO = Path(__file__).resolve().parents[3]
REFERENCE = load_reference()
INDEX = index_path()  # the look-ups cmrkit ships
AGR, KRASTSVETMET = "CID003185", "CID001326"


def test_every_revision_cmrkit_reads_ships_its_look_up() -> None:
    """Every revision read from a real RMI template ships its look-up; 6.6 and 6.6.1, of which
    no copy was at hand, are resolved against the newest shipped (or the one given with
    --reference) and ship none."""
    index = load_index(INDEX)
    assert set(REVISIONS) <= set(index)
    assert set(load_layouts().supported) - set(index) == {"6.6", "6.6.1"}
    for revision, entry in index.items():
        rows, countries = shipped_rows(INDEX, revision)
        assert len(rows) == entry.rows and len(countries) > 200
        assert entry.date.year >= 2020 and entry.template == f"RMI_CMRT_{revision}.xlsx"


@pytest.mark.parametrize("revision", REVISIONS)
def test_the_shipped_data_is_what_rmis_template_holds(templates: Path, revision: str) -> None:
    extracted = extract(template_path(revision))
    entry = load_index(INDEX)[revision]
    rows, countries = shipped_rows(INDEX, revision)
    assert (extracted.revision, extracted.date) == (revision, entry.date.isoformat())
    assert extracted.sha256 == entry.sha256 and extracted.ids == entry.ids
    assert extracted.rows == rows and extracted.countries == countries


@pytest.mark.parametrize("revision", REVISIONS)
def test_an_unedited_look_up_raises_no_warning(templates: Path, revision: str) -> None:
    supplier = read_supplier_file(template_path(revision))
    rmi = shipped_lookup(INDEX, revision, REFERENCE.metals)
    layout = load_layouts().layouts[supplier.layout]
    assert lookup_disagreements(supplier.lookup, rmi, layout, REFERENCE.metals) == []


def _lookup_row(revision: str, smelter_id: str) -> int:
    sheet = CalamineWorkbook.from_path(str(template_path(revision))).get_sheet_by_name(
        "Smelter Look-up"
    )
    for number, values in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        if len(values) > 4 and values[4] == smelter_id:
            return number
    raise AssertionError(smelter_id)


@pytest.fixture
def folder(builder: Callable[[str], TemplateBuilder], tmp_path: Path) -> Path:
    """Two 6.4 suppliers, and a 6.5 file whose Smelter Look-up was edited: African Gold Refinery
    made a Swiss refinery, Krastsvetmet renamed, an invented facility added."""
    folder = tmp_path / "in"
    for name in ("alpha", "beta"):
        builder("6.4").build(
            folder / f"{name}-6.4.xlsx",
            declaration(name.title()),
            [by_id(AGR), by_id(KRASTSVETMET)],
        )
    agr, krs = _lookup_row("6.5", AGR), _lookup_row("6.5", KRASTSVETMET)
    builder("6.5").build(
        folder / "edited-6.5.xlsx",
        declaration("Gamma"),
        [by_id(AGR), by_id("CID999001")],
        cells={
            ("Smelter Look-up", f"C{agr}"): "Helvetia Gold Refining SA",
            ("Smelter Look-up", f"D{agr}"): "SWITZERLAND",
            ("Smelter Look-up", f"C{krs}"): "Krasnoyarsk Metals",
            ("Smelter Look-up", "A700"): "Gold",
            ("Smelter Look-up", "B700"): "Invented Refinery",
            ("Smelter Look-up", "C700"): "Invented Refinery",
            ("Smelter Look-up", "D700"): "SWITZERLAND",
            ("Smelter Look-up", "E700"): "CID999001",
        },
    )
    return folder


def test_an_edited_look_up_changes_nothing_for_anyone(templates: Path, folder: Path) -> None:
    result = run_ingest(folder, REFERENCE, IngestOptions(jobs=1))
    assert result.reference.source == "RMI Smelter Look-up of CMRT 6.5 (2025-04-25)"
    facilities = {f.smelter_id: f for f in result.consolidation.facilities}
    agr = facilities[AGR]
    assert (agr.smelter_name, agr.country, agr.supplier_count) == (
        "African Gold Refinery",
        "UGANDA",
        3,
    )
    classified = result.classifications[agr.key()]
    assert classified.covered_country and [e.id for e in classified.sanctions] == ["ofac-sdn-agr"]
    krs = result.classifications[facilities[KRASTSVETMET].key()]
    assert [e.id for e in krs.sanctions] == ["lbma-suspension-krastsvetmet"]
    assert "CID999001" not in facilities  # only the edited look-up knows it
    agr_row, krs_row = _lookup_row("6.5", AGR), _lookup_row("6.5", KRASTSVETMET)
    edited = {
        (p.file, p.sheet, p.cell, p.code) for p in result.problems if p.file == "edited-6.5.xlsx"
    }
    assert {
        ("edited-6.5.xlsx", "Smelter Look-up", f"C{agr_row}", "lookup_edited"),
        ("edited-6.5.xlsx", "Smelter Look-up", f"D{agr_row}", "lookup_edited"),
        ("edited-6.5.xlsx", "Smelter Look-up", f"C{krs_row}", "lookup_edited"),
        ("edited-6.5.xlsx", "Smelter Look-up", "E700", "lookup_edited"),
        ("edited-6.5.xlsx", "Smelter List", "A6", "unknown_id"),
    } <= edited
    assert not any(
        p.code == "lookup_edited" and p.file != "edited-6.5.xlsx" for p in result.problems
    )


def test_reference_still_lets_the_user_choose(
    templates: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.csv"
    edited = folder / "edited-6.5.xlsx"
    chosen = tmp_path / "chosen.xlsx"
    chosen.write_bytes(edited.read_bytes())
    argv = ["ingest", str(folder), "--out", str(out), "--no-cache", "--quiet"]
    assert main([*argv, "--reference", str(chosen)]) == 0
    assert "reference: chosen.xlsx (CMRT 6.5, chosen with --reference)" in capsys.readouterr().out
    assert "Helvetia Gold Refining SA" in out.read_text(encoding="utf-8")
    listing = tmp_path / "rmi.csv"
    listing.write_text(
        "Smelter ID,Metal,Standard Smelter Name,Country Location\n"
        f"{AGR},Gold,African Gold Refinery Ltd,UGANDA\n",
        encoding="utf-8",
    )
    assert main([*argv, "--reference", str(listing)]) == 0
    assert "African Gold Refinery Ltd" in out.read_text(encoding="utf-8")
    capsys.readouterr()
