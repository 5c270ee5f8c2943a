"""No silent loss: every Smelter List row a supplier wrote is read, or flagged with its cell.

Each case is RMI's real 6.5 template edited at the XML level the way hand-made, converted or
misleading files differ from what a spreadsheet program writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.run import IngestOptions, run_ingest
from cmrkit.reference.load import load_reference
from tests.cmrt.builder import template_path
from tests.cmrt.xmledit import (
    EMPTY_SHEET,
    Edit,
    add_sheet,
    edit_workbook,
    move_row_after,
    rename_sheet,
    set_cell,
    text_cell,
)

REPO = Path(__file__).resolve().parents[2]
AGR = "CID003185"  # African Gold Refinery, Uganda


def _declaration(xml: str) -> str:
    return text_cell(xml, "D8", "Acme Supplier")


def _file(tmp_path: Path, edit: Edit, name: str = "s.xlsx", **kw: object) -> Path:
    sheets = {"Declaration": _declaration, "Smelter List": edit}
    return edit_workbook(template_path("6.5"), tmp_path / name, sheets, **kw)  # type: ignore[arg-type]


def _ids(path: Path) -> list[tuple[int, str]]:
    results = {
        trim: [
            (r["row"], r["smelter_id"]) for r in read_supplier_file(path, trim=trim).smelter_rows
        ]
        for trim in (True, False)
    }
    assert results[True] == results[False]  # trimming never changes what is read
    return results[True]


def test_a_row_written_out_of_order_is_read(templates: Path, tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        lambda x: move_row_after(text_cell(text_cell(x, "A7", AGR), "A5", "CID002763"), 7, 2000),
    )
    assert _ids(path) == [(5, "CID002763"), (7, AGR)]


def test_a_lower_case_cell_reference_is_read(templates: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, lambda x: text_cell(x, "A7", AGR).replace('<c r="A7"', '<c r="a7"'))
    assert _ids(path) == [(7, AGR)]


def test_a_formula_of_plain_literals_is_evaluated(templates: Path, tmp_path: Path) -> None:
    formula = '<f>"CID"&amp;"003185"</f><v></v>'
    path = _file(tmp_path, lambda x: set_cell(x, "A7", formula))
    assert _ids(path) == [(7, AGR)]
    notes = read_supplier_file(path).notes
    assert [(n["cell"], n["code"]) for n in notes if n["code"] == "formula_evaluated"] == [
        ("A7", "formula_evaluated")
    ]


def test_any_other_formula_without_a_value_flags_its_row(templates: Path, tmp_path: Path) -> None:
    def edit(xml: str) -> str:
        xml = set_cell(xml, "A7", "<f>VLOOKUP(Z1,Z2:Z9,2,0)</f><v/>")  # no value: flagged
        xml = set_cell(xml, "A8", f"<f>VLOOKUP(Z1,Z2:Z9,2,0)</f><v>{AGR}</v>", ' t="str"')
        return set_cell(xml, "D9", '<f>"Acme "&amp;"Refining"</f>')  # an unlisted name

    path = _file(tmp_path, edit)
    rows = read_supplier_file(path).smelter_rows
    assert [(r["row"], r["smelter_id"], r.get("formulas")) for r in rows] == [
        (7, "", {"smelter_id": "VLOOKUP(Z1,Z2:Z9,2,0)"}),
        (8, AGR, None),  # a cached value is read as cached
        (9, "", None),
    ]
    assert rows[2]["smelter_name"] == "Acme Refining"
    folder = path.parent
    result = run_ingest(folder, load_reference(REPO / "data" / "reference"), IngestOptions(jobs=1))
    flagged = {(p.file, p.sheet, p.cell, p.code) for p in result.problems}
    assert ("s.xlsx", "Smelter List", "A7", "uncached_formula") in flagged
    assert ("s.xlsx", "Smelter List", "C9", "blank_field") in flagged  # D9 alone names nothing
    assert result.accounting.rows == 3 and result.accounting.flagged == 2
    assert [f.smelter_id for f in result.consolidation.facilities] == [AGR]


def test_the_templates_own_look_up_formulas_are_not_input(templates: Path) -> None:
    """Columns B, C and E of the blank template hold formulas without values: no rows."""
    assert read_supplier_file(template_path("6.5")).smelter_rows == []


def _with_rows(xml: str) -> str:
    return text_cell(text_cell(xml, "A5", AGR), "A6", "CID002763")


def test_a_hidden_smelter_list_beside_a_renamed_one_is_refused(
    templates: Path, tmp_path: Path
) -> None:
    """The supplier's rows sit in a visible 'Smelter List ' while an empty 'Smelter List' hides:
    reading either would drop the other, so the file is refused, naming both."""
    renamed = _file(
        tmp_path,
        _with_rows,
        name="renamed.xlsx",
        workbook=lambda x: rename_sheet(x, "Smelter List", "Smelter List "),
    )
    path = add_sheet(renamed, tmp_path / "two.xlsx", "Smelter List", EMPTY_SHEET, "hidden")
    with pytest.raises(Refused) as info:
        read_supplier_file(path)
    assert "2 sheets could be the 'Smelter List'" in info.value.reason
    assert "'Smelter List ', 'Smelter List' (hidden)" in info.value.reason


def test_a_look_alike_copy_is_a_second_candidate(templates: Path, tmp_path: Path) -> None:
    filled = _file(tmp_path, _with_rows, name="filled.xlsx")
    cyrillic = "Smеlter List"  # a Cyrillic е
    path = add_sheet(filled, tmp_path / "two.xlsx", cyrillic, EMPTY_SHEET)
    with pytest.raises(Refused, match="2 sheets could be the 'Smelter List'"):
        read_supplier_file(path)


@pytest.mark.parametrize(
    ("name", "state", "note"),
    [
        ("Smelter list", None, "the 'Smelter List' is read from sheet 'Smelter list'"),
        ("Smelter List", "hidden", "sheet 'Smelter List' is hidden in the workbook"),
    ],
    ids=["renamed", "hidden"],
)
def test_a_single_renamed_or_hidden_smelter_list_is_read_with_a_warning(
    templates: Path, tmp_path: Path, name: str, state: str | None, note: str
) -> None:
    path = _file(
        tmp_path,
        _with_rows,
        workbook=lambda x: rename_sheet(x, "Smelter List", name, state),
    )
    supplier = read_supplier_file(path)
    assert [r["smelter_id"] for r in supplier.smelter_rows] == [AGR, "CID002763"]
    assert [(n["severity"], n["reason"]) for n in supplier.notes if n["code"] == "sheet_name"] == [
        ("warning", note)
    ]


def test_an_input_cell_written_twice_is_refused(templates: Path, tmp_path: Path) -> None:
    def twice(xml: str) -> str:
        xml = text_cell(xml, "A7", AGR)
        return xml.replace(
            "</row>", '<c r="A7" t="inlineStr"><is><t>CID002763</t></is></c></row>', 1
        )

    with pytest.raises(Refused, match=r"cell\(s\) A7 of sheet 'Smelter List' are written twice"):
        read_supplier_file(_file(tmp_path, twice))


def test_the_same_edits_in_a_folder_leave_no_row_unaccounted(
    templates: Path, tmp_path: Path, builder: Callable[[str], object]
) -> None:
    """Every row of every file ends consolidated or flagged: the accounting adds up."""
    _file(tmp_path, lambda x: move_row_after(text_cell(x, "A7", AGR), 7, 2000), name="a.xlsx")
    _file(
        tmp_path, lambda x: text_cell(x, "A7", AGR).replace('<c r="A7"', '<c r="a7"'), name="b.xlsx"
    )
    _file(tmp_path, lambda x: set_cell(x, "A7", "<f>NOW()</f>"), name="c.xlsx")
    result = run_ingest(
        tmp_path, load_reference(REPO / "data" / "reference"), IngestOptions(jobs=1)
    )
    accounting = result.accounting
    assert (
        accounting.files_read,
        accounting.rows,
        accounting.consolidated,
        accounting.flagged,
    ) == (
        3,
        3,
        2,
        1,
    )


def test_formulas_are_found_the_same_in_plain_and_other_xml_forms() -> None:
    from cmrkit.ingest.cmrt.formulas import uncached_formulas

    cells = (
        '<c r="A5"><f>"CID"&amp;"003185"</f><v></v></c>'
        "<c r=\"B5\"><f>INDEX('Smelter Look-up'!$A:$A,1)</f><v></v></c>"
        '<c r="C5" t="str"><f t="shared" ref="C5:C6" si="0">"Go"&amp;"ld"</f><v></v></c>'
        '<c r="D5"><f>NOW()</f><v/></c>'
    )
    plain = f'<worksheet><sheetData><row r="5">{cells}</row></sheetData></worksheet>'.encode()
    # The same cells without addresses, under a namespace prefix: placed one after the other.
    other = (
        plain.replace(b"<worksheet>", b'<x:worksheet xmlns:x="urn:x">')
        .replace(b"</worksheet>", b"</x:worksheet>")
        .replace(b"<sheetData>", b"<x:sheetData>")
        .replace(b"</sheetData>", b"</x:sheetData>")
        .replace(b'<row r="5">', b'<x:row r="5">')
        .replace(b"</row>", b"</x:row>")
    )
    for tag in (b"c", b"f", b"v"):
        other = other.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
        other = other.replace(b"<" + tag + b">", b"<x:" + tag + b">")
        other = other.replace(b"</" + tag + b">", b"</x:" + tag + b">")
        other = other.replace(b"<" + tag + b"/>", b"<x:" + tag + b"/>")
    for letter in b"ABCD":
        other = other.replace(b' r="' + bytes([letter]) + b'5"', b"")
    found = {
        form: [
            (c.row, c.column, c.value)
            for c in uncached_formulas(xml, "ABCDE", "BCE", "Smelter Look-up")
        ]
        for form, xml in (("plain", plain), ("other", other))
    }
    assert (
        found["plain"]
        == found["other"]
        == [
            (5, "A", "CID003185"),
            (5, "C", "Gold"),
            (5, "D", None),
        ]
    )
