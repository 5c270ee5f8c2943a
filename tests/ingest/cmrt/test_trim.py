"""Cutting the Smelter List's blank tail before parsing never loses an input row."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.trim import trim_blank_tail
from tests.support.cmrt.builder import REVISIONS, template_path

# A blank template row: the look-up formulas of B, C and E (fed from A) without cached values,
# in the forms Excel and openpyxl write them.
EMPTY_ROW = (
    '<row r="{n}"><c r="A{n}" s="1"/><c r="B{n}" s="2" t="str"><f>IF(LEN(A{n})=0,"",'
    'INDEX(\'Smelter Look-up\'!$A:$A,1))</f><v></v></c><c r="C{n}" s="2" t="str">'
    '<f>INDEX(\'Smelter Look-up\'!$C:$C,1)</f><v/></c><c r="D{n}" s="3" t="n" />'
    "<c r=\"E{n}\"><f>OFFSET('Smelter Look-up'!$D$4,1,0)</f><v /></c>"
    '<c r="X{n}"><f>W</f><v>0</v></c></row>'
)
INPUTS, FED = "ABCDE", "BCE"


def trim(xml: bytes) -> bytes | None:
    return trim_blank_tail(xml, INPUTS, FED, "Smelter Look-up").xml


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
    trimmed = trim(_sheet({7: row}))
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
        '<c r="a30" t="s"><v>12</v></c>',  # a lower-case address
        '<c r="A30"><f>"CID"&amp;"003185"</f><v /></c>',  # a formula in column A, no value
        '<c r="B30" t="str"><f>"Go"&amp;"ld"</f><v></v></c>',  # not the look-up formula
        '<c r="B30"><f t="shared" si="0"/><v/></c>',  # a shared formula: kept
    ],
)
def test_any_value_in_an_input_column_keeps_its_row(cell: str) -> None:
    trimmed = trim(_sheet({30: f'<row r="30">{cell}</row>'}))
    assert trimmed is not None and _rows_kept(trimmed) == 30


def test_values_outside_the_input_columns_do_not_keep_rows() -> None:
    row = '<row r="30"><c r="K30" t="inlineStr"><is><t>contact</t></is></c></row>'
    trimmed = trim(_sheet({30: row}))
    assert trimmed is not None and _rows_kept(trimmed) == 0


@pytest.mark.parametrize(
    "row",
    [
        '<row r="30"><c t="inlineStr"><is><t>CID002763</t></is></c></row>',  # cell without r
        '<row><c r="A30"><v>1</v></c></row>',  # row without r
        '<row r="30"><c s="1" r="A30"><v>1</v></c></row>',  # r not first
    ],
)
def test_unusual_xml_is_left_whole(row: str) -> None:
    assert trim(_sheet({30: row})) is None


def test_prefixed_spreadsheetml_is_left_whole() -> None:
    xml = _sheet({}).replace(b"<worksheet ", b"<x:worksheet ")
    assert trim(xml) is None
    row = '<row r="30"><x:c r="A30"><x:v>1</x:v></x:c></row>'
    assert trim(_sheet({30: row})) is None


def test_nothing_to_cut() -> None:
    row = '<row r="40"><c r="A40"><v>1</v></c></row>'
    assert trim(_sheet({40: row})) is None


def test_a_row_written_out_of_order_is_kept() -> None:
    """Row 7 written after row 30: the cut is by position in the XML, so row 7 stays."""
    row7 = '<row r="7"><c r="A7" t="inlineStr"><is><t>CID002763</t></is></c></row>'
    order = [n for n in range(1, 31) if n != 7] + [7] + list(range(31, 41))
    rows = {n: EMPTY_ROW.format(n=n) for n in range(1, 41)} | {7: row7}
    xml = _sheet({}).replace(
        b"".join(EMPTY_ROW.format(n=n).encode() for n in range(1, 41)),
        "".join(rows[n] for n in order).encode(),
    )
    trimmed = trim(xml)
    assert trimmed is not None and b'<c r="A7" t="inlineStr">' in trimmed
    assert _rows_kept(trimmed) == 30


def test_an_input_cell_written_twice_is_reported() -> None:
    twice = '<row r="9"><c r="A9"><v>1</v></c><c r="A9"><v>2</v></c></row>'
    result = trim_blank_tail(_sheet({9: twice}), INPUTS, FED, "Smelter Look-up")
    assert (result.xml, result.duplicates) == (None, ("A9",))


@pytest.mark.parametrize("revision", REVISIONS)
def test_trimmed_and_whole_reads_agree_on_real_templates(templates: Path, revision: str) -> None:
    path = template_path(revision)
    assert read_supplier_file(path, trim=True) == read_supplier_file(path, trim=False)


def test_trimmed_and_whole_reads_agree_on_the_corpus(supplier_folder: Path) -> None:
    for path in sorted(supplier_folder.glob("s*.xlsx")):
        assert read_supplier_file(path, trim=True) == read_supplier_file(path, trim=False), path
