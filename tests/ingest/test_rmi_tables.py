"""RMI's lists as tables, whatever form the user has them in: CSV, XLSX, XML Spreadsheet 2003."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.ingest.rmi_tables import column_letter, read_tables
from tests.support.rmi_fixtures import CONFORMANT_HEADERS, conformant_row, write_list

ROWS = [
    conformant_row("Gold", "CID002763", "8853 S.p.A.", "ITALY"),
    conformant_row("Tin", "CID000292", "Alpha Assembly Solutions Inc", "UNITED STATES OF AMERICA"),
    conformant_row("Gold", "CID001234", "Société Générale des Métaux; « Ré »", "FRANCE"),
]


def is_header(cells: Sequence[str]) -> bool:
    return "SMELTER ID" in cells


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xml", ".xls"])
@pytest.mark.parametrize("title", [None, "Conformant Smelters and Refiners"])
def test_every_form_gives_the_same_table(tmp_path: Path, suffix: str, title: str | None) -> None:
    path = write_list(tmp_path / f"conformant{suffix}", CONFORMANT_HEADERS, ROWS, title=title)
    [table] = read_tables(path, is_header)
    assert table.columns == CONFORMANT_HEADERS
    header_row = 3 if title else 1
    assert table.header_row == header_row
    got = [(number, cells[:5], cells[6]) for number, cells in table.rows]
    expected = [
        (header_row + offset, (r[0], r[1], r[2], "", r[4]), "2024-09-12")
        for offset, r in enumerate(ROWS, start=1)
    ]
    assert got == expected
    assert table.format == {".csv": "csv", ".xlsx": "xlsx"}.get(suffix, "xml")


def test_places_are_cells_in_a_sheet_and_lines_in_a_csv(tmp_path: Path) -> None:
    sheet = write_list(tmp_path / "c.xlsx", CONFORMANT_HEADERS, ROWS, sheet="Conformant")
    [table] = read_tables(sheet, is_header)
    assert str(table.where(3, 1)) == f"{sheet}, sheet 'Conformant', cell B3"
    text = write_list(tmp_path / "c.csv", CONFORMANT_HEADERS, ROWS)
    [table] = read_tables(text, is_header)
    assert str(table.where(3, 1)) == f"{text}, line 3"
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_csv_from_excel_on_windows(tmp_path: Path) -> None:
    """Semicolons and Windows-1252, as Excel writes "CSV" in many European locales."""
    path = tmp_path / "active.csv"
    text = "SMELTER ID;STANDARD SMELTER NAME\r\nCID001234;Société Générale\r\n"
    path.write_bytes(text.encode("cp1252"))
    [table] = read_tables(path, is_header)
    assert table.rows == ((2, ("CID001234", "Société Générale")),)


def test_xml_cells_that_skip_span_and_hold_rich_text(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:html="http://www.w3.org/TR/REC-html40">'
        '<Worksheet ss:Name="Active"><Table>'
        '<Row ss:Index="2"><Cell ss:MergeAcross="1"><Data ss:Type="String">METAL</Data></Cell>'
        '<Cell><Data ss:Type="String">SMELTER ID</Data></Cell></Row>'
        '<Row ss:Index="4"><Cell ss:Index="3"><ss:Data ss:Type="String">'
        "<html:B>CID</html:B>000292</ss:Data></Cell>"
        '<Cell><Data ss:Type="Number">7.0</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    [table] = read_tables(path, is_header)
    assert table.header_row == 2
    assert table.columns == ("METAL", "", "SMELTER ID", "")
    assert table.rows == ((4, ("", "", "CID000292", "7")),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]><Workbook/>',
            "DOCTYPE/ENTITY",
        ),
        (b"<?xml version='1.0'?><Workbook><Worksheet>", "not well-formed XML"),
        (b"<html><body>Sign in to RMI</body></html>", "not an XML Spreadsheet 2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003 binary"),
        (b"PK\x03\x04 truncated", "corrupt"),
        (b"", "empty file"),
        (b"Name,Country\nX,Y\n", "no header row"),
    ],
)
def test_bad_files_are_one_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "list.xls"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as caught:
        read_tables(path, is_header)
    assert str(caught.value).startswith(str(path))


def test_a_far_away_xml_cell_is_refused_before_allocating(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text(
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
        '<Row><Cell ss:Index="16000"><Data ss:Type="String">x</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="out of range"):
        read_tables(path, is_header)


def test_dates_and_numbers_read_as_a_user_sees_them(tmp_path: Path) -> None:
    rows = [["Gold", "CID000001", dt.datetime(2025, 1, 31), 12, 2.5]]
    for suffix in (".xlsx", ".xml"):
        path = write_list(tmp_path / f"l{suffix}", ["METAL", "SMELTER ID", "D", "N", "F"], rows)
        [table] = read_tables(path, is_header)
        assert table.rows[0][1] == ("Gold", "CID000001", "2025-01-31", "12", "2.5")
