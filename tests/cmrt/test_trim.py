"""Cutting the Smelter List's blank tail before parsing never loses an input row."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.trim import trim_blank_tail
from tests.cmrt.builder import REVISIONS, template_path

EMPTY_ROW = (
    '<row r="{n}"><c r="A{n}" s="1"/><c r="B{n}" s="2" t="str"><f>IF(LEN(A{n})=0,"",X)</f>'
    '<v></v></c><c r="C{n}" s="2" t="str"><f>Y</f><v/></c><c r="D{n}" s="3"/>'
    '<c r="E{n}" t="str"><f>Z</f><v></v></c><c r="X{n}"><f>W</f><v>0</v></c></row>'
)


def _sheet(rows: dict[int, str], last: int = 40, cell_form: str = "") -> bytes:
    body = "".join(rows.get(n, EMPTY_ROW.format(n=n)) for n in range(1, last + 1))
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="A1:X{last}"/><sheetData>{body}</sheetData>'
        "<mergeCells/></worksheet>"
    ).encode()


def _rows_kept(xml: bytes) -> int:
    return xml.count(b"<row ")


def test_the_tail_after_the_last_input_row_is_cut() -> None:
    row = '<row r="7"><c r="A7" t="inlineStr"><is><t>CID002763</t></is></c></row>'
    trimmed = trim_blank_tail(_sheet({7: row}), "ABCDE", 5)
    assert trimmed is not None
    assert _rows_kept(trimmed) == 7
    assert trimmed.endswith(b"</sheetData><mergeCells/></worksheet>")


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A30" t="s"><v>12</v></c>',  # shared string
        '<c r="B30" t="str"><f>IF(1,"",X)</f><v>Gold</v></c>',  # cached formula value
        '<c r="D30"><v>42</v></c>',  # number
        '<c r="E30" t="str">\n  <f>Z</f>\n  <v></v>\n</c>',  # odd blanks: kept, to be safe
        '<c r="C30" t="inlineStr"><is><t> </t></is></c>',  # blank inline string: kept too
    ],
)
def test_any_value_in_an_input_column_keeps_its_row(cell: str) -> None:
    trimmed = trim_blank_tail(_sheet({30: f'<row r="30">{cell}</row>'}), "ABCDE", 5)
    assert trimmed is not None and _rows_kept(trimmed) == 30


def test_values_outside_the_input_columns_do_not_keep_rows() -> None:
    row = '<row r="30"><c r="K30" t="inlineStr"><is><t>contact</t></is></c></row>'
    trimmed = trim_blank_tail(_sheet({30: row}), "ABCDE", 5)
    assert trimmed is not None and _rows_kept(trimmed) == 4


@pytest.mark.parametrize(
    "row",
    [
        '<row r="30"><c t="inlineStr"><is><t>CID002763</t></is></c></row>',  # cell without r
        '<row><c r="A30"><v>1</v></c></row>',  # row without r
        '<row r="30"><c s="1" r="A30"><v>1</v></c></row>',  # r not first
    ],
)
def test_unusual_xml_is_left_whole(row: str) -> None:
    assert trim_blank_tail(_sheet({30: row}), "ABCDE", 5) is None


def test_prefixed_spreadsheetml_is_left_whole() -> None:
    xml = _sheet({}).replace(b"<worksheet ", b"<x:worksheet ")
    assert trim_blank_tail(xml, "ABCDE", 5) is None
    row = '<row r="30"><x:c r="A30"><x:v>1</x:v></x:c></row>'
    assert trim_blank_tail(_sheet({30: row}), "ABCDE", 5) is None


def test_nothing_to_cut() -> None:
    row = '<row r="40"><c r="A40"><v>1</v></c></row>'
    assert trim_blank_tail(_sheet({40: row}), "ABCDE", 5) is None


@pytest.mark.parametrize("revision", REVISIONS)
def test_trimmed_and_whole_reads_agree_on_real_templates(templates: Path, revision: str) -> None:
    path = template_path(revision)
    assert read_supplier_file(path, trim=True) == read_supplier_file(path, trim=False)


def test_trimmed_and_whole_reads_agree_on_the_corpus(supplier_folder: Path) -> None:
    for path in sorted(supplier_folder.glob("s*.xlsx")):
        assert read_supplier_file(path, trim=True) == read_supplier_file(path, trim=False), path
