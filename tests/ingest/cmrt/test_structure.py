"""CMRT 6.6 and 6.6.1, and a revision newer than any cmrkit knows: read with the newest layout
once the file is shown to be built like it, refused naming the first cell that is not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.cmrt.structure import Formula, formulas_at, verify_structure
from cmrkit.ingest.run import IngestOptions, IngestResult, run_ingest
from cmrkit.reference.load import load_reference
from tests.support.cmrt.builder import (
    TemplateBuilder,
    by_id,
    declaration,
    file_name,
    pick,
    raw,
    unlisted,
)
from tests.support.cmrt.xmledit import relabel

ROWS = [by_id("CID002763"), by_id("CID000292")]


def _newer(notes: list[dict[str, str]]) -> list[dict[str, str]]:
    return [n for n in notes if n["code"] == "newer_revision"]


@pytest.mark.parametrize("revision", ["6.6", "6.6.1"])
def test_6_6_and_6_6_1_read_like_6_5_with_the_requester_columns(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, revision: str
) -> None:
    path = builder(revision).build(
        tmp_path / file_name(revision),
        declaration("Acme"),
        ROWS,
        products=[("P-1", "Router", "R-77", "Edge router"), ("P-2", "Switch")],
        language="English",
    )
    supplier = read_supplier_file(path)
    assert (supplier.revision, supplier.layout) == (revision, "cmrt66")
    assert [(r["row"], r["smelter_id"]) for r in supplier.smelter_rows] == [
        (5, "CID002763"),
        (6, "CID000292"),
    ]
    assert supplier.declaration["company_name"] == "Acme"
    assert supplier.metal_answers["Q1"]["Gold"]["answer"] == "Yes"
    assert supplier.products == [
        {
            "row": 6,
            "number": "P-1",
            "name": "Router",
            "requester_number": "R-77",
            "requester_name": "Edge router",
            "comments": "",
        },
        {
            "row": 7,
            "number": "P-2",
            "name": "Switch",
            "requester_number": "",
            "requester_name": "",
            "comments": "",
        },
    ]
    assert _newer(supplier.notes) == []


def test_a_newer_revision_is_read_with_the_newest_layout_and_one_warning(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    path = builder("6.7").build(tmp_path / "next.xlsx", declaration("Acme"), ROWS)
    supplier = read_supplier_file(path)
    assert (supplier.revision, supplier.layout) == ("6.7", "cmrt66")
    assert [r["smelter_id"] for r in supplier.smelter_rows] == ["CID002763", "CID000292"]
    (note,) = _newer(supplier.notes)
    assert note["severity"] == "warning" and (note["sheet"], note["cell"]) == ("Declaration", "J3")
    for words in ("next.xlsx", "revision 6.7", "layout of 6.6.1", "data/reference/layouts.yml"):
        assert words in note["reason"]


@pytest.mark.parametrize(
    ("cells", "sheet", "cell", "words"),
    [
        ({("Declaration", "D37"): "=D26"}, "Declaration", "D37", "=D25"),
        ({("Declaration", "B75"): "=D8"}, "Declaration", "B75", "company question A"),
        ({("Declaration", "B49"): None}, "Declaration", "B49", "question 5"),
        ({("Smelter List", "A4"): None}, "Smelter List", "A4", "Smelter List header"),
    ],
    ids=["block-moved", "not-a-label", "label-gone", "header-row-moved"],
)
def test_a_newer_revision_built_otherwise_is_refused_naming_the_first_cell_that_differs(
    builder: Callable[[str], TemplateBuilder],
    tmp_path: Path,
    cells: dict[tuple[str, str], object],
    sheet: str,
    cell: str,
    words: str,
) -> None:
    path = builder("6.7").build(tmp_path / "next.xlsx", declaration("Acme"), ROWS, cells=cells)
    with pytest.raises(Refused) as info:
        read_supplier_file(path)
    assert (info.value.sheet, info.value.cell) == (sheet, cell)
    reason = info.value.reason
    assert f"cell {cell}" in reason and words in reason and "revision 6.7" in reason
    assert "data/reference/layouts.yml" in reason and "cmrkit/ingest" not in reason


def test_a_known_revision_is_not_checked_for_structure(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    """The check is for revisions no layout lists: a 6.6 whose label moved is read as 6.6."""
    path = builder("6.6").build(
        tmp_path / "s.xlsx", declaration("Acme"), ROWS, cells={("Declaration", "D37"): "=D26"}
    )
    assert read_supplier_file(path).layout == "cmrt66"


def test_a_real_file_relabelled_keeps_what_it_says(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    """A 6.4 file saved by a spreadsheet program (cached values kept), relabelled 6.7."""
    source = builder("6.4").build(tmp_path / "s64.xlsx", declaration("Acme"), ROWS, cached=True)
    path = relabel(source, tmp_path / "s67.xlsx", "Revision 6.7\nApril 30, 2027")
    old, new = read_supplier_file(source), read_supplier_file(path)
    assert new.revision == "6.7" and len(_newer(new.notes)) == 1
    assert new.smelter_rows == old.smelter_rows and new.declaration == old.declaration


def _rows(cells: dict[str, str]) -> list[list[object]]:
    grid: list[list[object]] = [[""] * 20 for _ in range(90)]
    for address, value in cells.items():
        column, row = ord(address[0]) - 65, int(address[1:]) - 1
        grid[row][column] = value
    return grid


def test_a_file_saved_without_formulas_is_checked_by_its_labels_numbers() -> None:
    """Labels as plain text, in any language: the question's number or letter decides."""
    layout = load_layouts().newest
    answer = "回答"
    cells = {f"B{row}": f"{n}）質問" for n, row in enumerate(range(25, 68, 6), start=1)}
    cells |= {f"D{row}": answer for row in [*range(25, 68, 6), 74]}
    cells |= {"B26": "钽", "B32": "钽"}
    cells |= {f"B{75 + 2 * i}": f"{letter}. 方針" for i, letter in enumerate("ABCDEFGH")}
    headers = _rows({f"{c}4": "見出し" for c in "ABCDEFQ"})
    rows = {"declaration": _rows(cells), "smelters": headers}
    names = {"declaration": "Declaration", "smelters": "Smelter List"}
    assert verify_structure(layout, rows, {}, names) is None
    cells["B37"] = "4) another question"
    mismatch = verify_structure(layout, {**rows, "declaration": _rows(cells)}, {}, names)
    assert mismatch is not None and (mismatch.sheet, mismatch.cell) == ("Declaration", "B37")


def test_a_repository_adds_a_revision_without_touching_the_package(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    path = builder("6.7").build(tmp_path / "next.xlsx", declaration("Acme"), ROWS)
    mine = tmp_path / "reference" / "layouts.yml"
    mine.parent.mkdir()
    mine.write_text(
        "layouts:\n  cmrt67:\n    extends: cmrt66\n    revisions: ['6.7']\n", encoding="utf-8"
    )
    layouts = load_layouts(mine)
    assert layouts.newest_revision == "6.7" and "6.7" in layouts.supported
    supplier = read_supplier_file(path, layouts=layouts)
    assert (supplier.layout, _newer(supplier.notes)) == ("cmrt67", [])
    assert supplier.smelter_rows == read_supplier_file(path).smelter_rows


def test_a_mistake_in_the_repository_layouts_names_its_line(tmp_path: Path) -> None:
    mine = tmp_path / "layouts.yml"
    mine.write_text("layouts:\n  cmrt67:\n    extends: cmrt99\n    revisions: ['6.7']\n")
    with pytest.raises(DataError) as info:
        load_layouts(mine)
    assert info.value.location.path == mine and info.value.location.line == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("limits:\n  max_members: 9\nlayouts: {}\n", 1, ["unknown key 'limits'", "refused"]),
        (
            "layouts:\n  cmrt67:\n    extends: cmrt66\n    revisions: ['6.7']\n    furnture: {}\n",
            5,
            ["layout 'cmrt67'", "unknown setting 'furnture'", "furniture"],
        ),
        (
            "layouts:\n  cmrt67:\n    extends: cmrt66\n    revisions: ['6.7']\n"
            "    smelter_list:\n      first_row: 5\n      fed_colums: [metal]\n",
            7,
            ["smelter_list", "unknown setting 'fed_colums'", "fed_columns"],
        ),
        (
            "layouts:\n  cmrt67:\n    extends: cmrt66\n    revisions: ['6.7']\n"
            "    date_limits:\n      - {revisions: ['6.7'], lats: 2027-03-31}\n",
            6,
            ["date_limits entry 1", "unknown setting 'lats'", "last"],
        ),
        (
            "layouts:\n  cmrt67:\n    extends: cmrt66\n    revisions: ['6.7']\n"
            "    structure:\n      smelters:\n        - {cell: A4, label: '', wat: ID}\n",
            7,
            ["structure smelters entry 1", "unknown setting 'wat'", "what"],
        ),
        (
            "refused:\n  - {pattern: '^7', reasn: not yet}\nlayouts: {}\n",
            2,
            ["refused entry 1", "unknown key 'reasn'", "reason"],
        ),
    ],
)
def test_a_misspelt_setting_in_the_repository_layouts_is_refused_on_its_line(
    tmp_path: Path, text: str, line: int, words: list[str]
) -> None:
    """A setting the reader does not know would be ignored and files read with the inherited
    cells; it is refused on its own line, listing the settings that are known."""
    mine = tmp_path / "layouts.yml"
    mine.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_layouts(mine)
    assert (info.value.location.path, info.value.location.line) == (mine, line)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(("revision", "warned"), [("6.22", True), ("6.4", False)])
def test_an_old_template_dated_after_its_own_limit_is_suspect(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, revision: str, warned: bool
) -> None:
    path = builder(revision).build(
        tmp_path / "s.xlsx",
        declaration("Acme", effective_date=dt.datetime(2026, 6, 30)),
        ROWS[:1],
    )
    notes = [n for n in read_supplier_file(path).notes if n["code"] == "effective_date"]
    assert bool(notes) is warned
    if warned:
        assert notes[0]["cell"] == "D22" and "2026-03-31" in notes[0]["reason"]


SUPPLIERS = {
    "alpha": (
        "Alpha Corp",
        [by_id("CID002763"), pick("Tin", "Alpha Metals"), unlisted("Gold", "Acme", "GERMANY")],
    ),
    "beta": ("Beta GmbH", [by_id("CID002763"), pick("Gold", "African Gold Refinery")]),
    "gamma": (
        "Gamma SA",
        [
            by_id("CID000292"),
            by_id("CID002763", B="Tin"),  # a gold ID on a tin row: flagged
            raw(B="Tin", C="Smelter Not Listed", D="Tin Works", E="CHINA"),
            raw(B="Tungsten", C="Smelter not yet identified"),  # flagged, never a facility
        ],
    ),
}


def _roll_up(folder: Path) -> tuple[dict[tuple[str, str, str], list[str]], IngestResult]:
    result = run_ingest(folder, load_reference(), IngestOptions(jobs=1))
    facilities = {
        (f.metal, f.smelter_id, f.smelter_name): sorted(f.suppliers)
        for f in result.consolidation.facilities
    }
    return facilities, result


def test_files_relabelled_6_6_6_6_1_and_6_7_roll_up_to_what_they_gave_as_6_4(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    """The same supplier files, saved by a spreadsheet program from the 6.4 template and
    relabelled: the facilities, their suppliers and the flagged rows do not change."""
    originals = tmp_path / "6.4"
    for key, (company, rows) in SUPPLIERS.items():
        builder("6.4").build(originals / f"{key}.xlsx", declaration(company), rows, cached=True)
    expected, baseline = _roll_up(originals)
    assert len(expected) == 5 and baseline.accounting.flagged == 2
    for revision in ("6.6", "6.6.1", "6.7"):
        folder = tmp_path / revision
        for path in originals.iterdir():
            relabel(path, folder / path.name, f"Revision {revision}\nApril 30, 2027")
        facilities, result = _roll_up(folder)
        assert facilities == expected, revision
        assert result.accounting.flagged == baseline.accounting.flagged
        assert {f.revision for f in result.read.files} == {revision}
        newer = [p for p in result.problems if p.code == "newer_revision"]
        assert len(newer) == (3 if revision == "6.7" else 0)
        assert all("revision 6.7" in p.reason and p.file in p.reason for p in newer)


LABEL = 'OFFSET(L!$C$1,MATCH("Smelter List"&amp;ADDRESS(ROW(),COLUMN(),4),L!$A:$A,0)-1,SL,,)'


@pytest.mark.parametrize("prefix", ["", "x:"], ids=["plain", "prefixed"])
def test_formulas_are_read_as_excel_writes_them_shared_or_not(prefix: str) -> None:
    """Excel may write a row of equal formulas once, shared: its followers read as the leader."""
    p = prefix
    namespace = (
        f' xmlns{":x" if p else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    )
    xml = (
        f"<{p}worksheet{namespace}><{p}sheetData>"
        f'<{p}row r="4"><{p}c r="A4" t="str"><{p}f t="shared" ref="A4:C4" si="0">{LABEL}</{p}f>'
        f'<{p}v>ID</{p}v></{p}c><{p}c r="B4" t="str"><{p}f t="shared" si="0"/><{p}v>Metal</{p}v>'
        f'</{p}c><{p}c r="C4"><{p}f>D25</{p}f></{p}c></{p}row>'
        f'<{p}row r="5"><{p}c r="A5"><{p}v>1</{p}v></{p}c></{p}row>'
        f"</{p}sheetData></{p}worksheet>"
    ).encode()
    found = formulas_at(xml, ["A4", "B4", "C4", "A5"])
    assert found["A4"].text == found["B4"].text == LABEL.replace("&amp;", "&")
    assert found["B4"].shared and found["C4"] == Formula("D25", False) and "A5" not in found
