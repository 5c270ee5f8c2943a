"""Annex exports: every row, formulas defused, accents kept, the year in the file name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from cmrkit.cli import main
from cmrkit.render.downloads import (
    HEADER,
    annex_csv,
    annex_records,
    annex_xlsx,
    is_formula_like,
    neutralise,
)
from cmrkit.year.report import load_year
from tests.support.project import DATA

HOSTILE = [
    ("Gold", "=1+2", "ITALY", "Active", "", ""),
    ("Tin", "+SUM(A1)", "-x", "@cmd", "", ""),
    ("Tin", "\t=A1", "\r=A2", "Conformant", "", ""),
    ("Gold", "Métaux Précieux SA", "CÔTE D'IVOIRE", "Active", "CID000001", "*"),
]


def data_rows() -> list[dict[str, str]]:
    with open(DATA / "2023" / "annex.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@A", "\t=1", "\r=1"])
def test_formula_starts_are_neutralised(value: str) -> None:
    assert is_formula_like(value)
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Gold", "8853 S.p.A.", "", "a=b", "Ünique"])
def test_ordinary_text_is_unchanged(value: str) -> None:
    assert neutralise(value) == value


def test_csv_has_bom_header_and_defused_cells() -> None:
    data = annex_csv(HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADER
    assert rows[1][1] == "'=1+2"
    assert rows[2][1:4] == ["'+SUM(A1)", "'-x", "'@cmd"]
    assert rows[3][1:3] == ["'\t=A1", "'\r=A2"]
    assert rows[4][1:3] == ["Métaux Précieux SA", "CÔTE D'IVOIRE"]


def test_xlsx_stores_every_cell_as_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(annex_xlsx(HOSTILE, "t"))).active
    assert [c.value for c in sheet[1]] == list(HEADER)
    assert sheet.freeze_panes == "A2"
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert sheet["B2"].value == "=1+2"
    assert sheet["B5"].value == "Métaux Précieux SA"
    assert sheet.column_dimensions["B"].width >= len("Métaux Précieux SA")


def test_records_follow_the_data_file() -> None:
    report = load_year(DATA, 2023)
    records = annex_records(report.annex)
    expected = data_rows()
    assert len(records) == len(expected)
    assert [r[:4] for r in records] == [
        (e["metal"], e["smelter_name"], e["country"], e["status"]) for e in expected
    ]


def test_export_command_writes_both_files(tmp_path: Path, capsys) -> None:
    assert main(["export", "2023", "--data", str(DATA), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["annex-i-2023.csv", "annex-i-2023.xlsx"]
    text = (tmp_path / "annex-i-2023.csv").read_text(encoding="utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == len(data_rows()) + 1
    assert "annex-i-2023.xlsx" in capsys.readouterr().out


def test_export_command_reports_a_missing_year(tmp_path: Path, capsys) -> None:
    assert main(["export", "1999", "--data", str(DATA), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "no data folder for 1999" in error and "Traceback" not in error


def test_the_same_data_builds_the_same_files(tmp_path: Path) -> None:
    # A republished year must not change its files: no build time inside the workbook.
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["export", "2023", "--data", str(DATA), "--out", str(first)]) == 0
    assert main(["export", "2023", "--data", str(DATA), "--out", str(second)]) == 0
    for name in ("annex-i-2023.csv", "annex-i-2023.xlsx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    workbook = openpyxl.load_workbook(first / "annex-i-2023.xlsx")
    assert workbook.properties.created.date() == load_year(DATA, 2023).facts.filing.signed
