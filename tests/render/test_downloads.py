"""Annex exports: every row, formulas defused, accents kept, the year in the file name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from cmrkit.cli import main
from cmrkit.render.downloads import (
    annex_csv,
    annex_records,
    annex_xlsx,
    is_formula_like,
    neutralise,
    write_annex_files,
)
from cmrkit.year.report import load_year
from tests.support.annex_data import csv_rows
from tests.support.annex_shapes import ACCENTED, SHAPES, expected_rows
from tests.support.project import DATA, YEARS
from tests.support.scratch_years import write_shape_year

HEADER = ("Metal", "Smelter or refiner", "Country", "Status", "Smelter ID", "Footnote")

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
    data = annex_csv(HEADER, HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADER
    assert rows[1][1] == "'=1+2"
    assert rows[2][1:4] == ["'+SUM(A1)", "'-x", "'@cmd"]
    assert rows[3][1:3] == ["'\t=A1", "'\r=A2"]
    assert rows[4][1:3] == ["Métaux Précieux SA", "CÔTE D'IVOIRE"]


def test_xlsx_stores_every_cell_as_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(annex_xlsx(HEADER, HOSTILE, "t"))).active
    assert [c.value for c in sheet[1]] == list(HEADER)
    assert sheet.freeze_panes == "A2"
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert sheet["B2"].value == "=1+2"
    assert sheet["B5"].value == "Métaux Précieux SA"
    assert sheet.column_dimensions["B"].width >= len("Métaux Précieux SA")


@pytest.mark.parametrize("year", YEARS)
def test_downloads_follow_the_years_columns(year: int, tmp_path: Path) -> None:
    """Issue 20: the files carry the printed table's columns, headers and order (facts.yml
    `annex.columns`), then the footnote columns when the year has footnotes; rows as the data
    file holds them, in printed order."""
    report = load_year(DATA, year)
    header, records = annex_records(report)
    printed = [c.header for c in report.columns]
    extra = ["Footnote", "Footnote text"] if report.facts.annex.footnotes else []
    if "metal" not in [c.name for c in report.columns]:
        printed.insert(0, "Metal")
    if report.shape.status == "marks":
        printed.insert(printed.index(report.columns[0].header) + 1, "Status")
    assert list(header) == printed + extra
    names = [c.name for c in report.columns]
    at = [header.index(c.header) for c in report.columns]
    got = [tuple(record[i] for i in at) for record in records]
    expected = [tuple(r.get(name, "") for name in names) for r in csv_rows(year)]
    if report.printed_rows == report.annex:  # printed as filed: the file's order
        assert got == expected
    else:
        assert sorted(got) == sorted(expected)
    for path in write_annex_files(report, tmp_path):
        if path.suffix == ".csv":
            table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        else:
            sheet = openpyxl.load_workbook(path).active
            table = [
                ["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)
            ]
        assert tuple(table[0]) == header
        assert [tuple(r) for r in table[1:]] == records


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_downloads_of_each_shape(name: str, tmp_path: Path) -> None:
    write_shape_year(tmp_path, 2031, name)
    report = load_year(tmp_path / "data", 2031)
    header, records = annex_records(report)
    shown = [c.header for c in report.columns]
    assert [h for h in header if h in shown] == shown  # the printed columns, in printed order
    rows = expected_rows(SHAPES[name])
    written = sorted(
        (r["metal"], r["smelter_name"], r["country"], r.get("status", "")) for r in rows
    )
    metal = header.index("Metal")
    name_at = header.index(
        report.columns[[c.name for c in report.columns].index("smelter_name")].header
    )
    country = header.index(report.columns[[c.name for c in report.columns].index("country")].header)
    status = header.index("Status") if "Status" in header else None
    got = sorted(
        (r[metal], r[name_at], r[country], r[status] if status is not None else "") for r in records
    )
    if report.shape.status == "none":
        written = [(*w[:3], "") for w in written]
    assert got == written
    assert [r[name_at] for r in records] == [row.smelter_name for row in report.printed_rows]
    files = {p.suffix: p for p in write_annex_files(report, tmp_path / "out")}
    text = files[".csv"].read_text(encoding="utf-8-sig")
    for accented in ACCENTED:
        assert accented in text
    sheet = openpyxl.load_workbook(files[".xlsx"]).active
    cells = {c for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert all(any(accented in c for c in cells) for accented in ACCENTED)


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
