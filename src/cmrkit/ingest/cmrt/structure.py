"""Is a file of a revision newer than any cmrkit knows built like the newest known layout?

RMI releases a CMRT revision every April, in the middle of a survey, and most releases move
nothing the reader reads. Such a file is read with the newest known layout once the cells that
layout reads are shown to stand where it says (`structure` in `layouts.yml`): the Declaration's
question and company blocks and the Smelter List's header row. Labels are reworded in most
releases and files come in ten languages, so nothing compares wording: a label is recognised by
the template's own formula into its translation sheet (keyed by the label's sheet and address),
or, in a file saved without formulas, by the question's number or letter; blocks by the
template's references between them (`=D25` under every question's answer column). The check
reads the rows and sheet XML the reader already holds, and stops at the last row it needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import unescape

from cmrkit.ingest.cmrt.extent import walk_cells
from cmrkit.ingest.cmrt.layout import Anchor, Layout, column_letters, split_cell
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.cmrt.trim import plain_form

# The template's label formula: OFFSET(L!$C$1,MATCH("<sheet>"&ADDRESS(ROW(),COLUMN(),4),...)).
_LABEL_KEY = re.compile(
    r'"([^"]*)"\s*&\s*ADDRESS\(\s*ROW\(\s*\)\s*,\s*COLUMN\(\s*\)', re.IGNORECASE
)
_INTO_L = re.compile(r"(?<![A-Za-z0-9_])'?L'?\s*!", re.IGNORECASE)
_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$")


@dataclass(frozen=True)
class Formula:
    text: str  # as written, "" for a shared formula's follower
    shared: bool


@dataclass(frozen=True)
class Mismatch:
    """The first cell where a file differs from the layout's structure."""

    sheet: str
    cell: str
    reason: str


def formulas_at(xml: bytes, cells: Sequence[str]) -> dict[str, Formula]:
    """The formulas of `cells` in a sheet's XML, read up to the last row asked for.

    A follower of a shared formula (`<f t="shared" si="0"/>`) takes its leader's text, which for
    the template's labels (keyed by ROW() and COLUMN()) is the same formula. The XML every
    spreadsheet program writes is scanned with two patterns over the rows asked for; any other
    form is walked cell by cell."""
    wanted = {cell.upper() for cell in cells}
    if not xml:
        return {}
    last = max((split_cell(cell)[0] + 1 for cell in wanted), default=0)
    end = xml.find(b'<row r="%d"' % (last + 1))
    head = xml if end < 0 else xml[:end] + b"</sheetData>"
    if plain_form(head):
        return _scan(head, wanted)
    return _walk(xml, wanted, last)


_CELL_XML = re.compile(rb'<c r="([A-Za-z]{1,3}[1-9][0-9]*)"[^>]*?(?:/>|>(.*?)</c>)', re.DOTALL)
_FORMULA_XML = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.DOTALL)
_ATTRIBUTE = re.compile(rb'\b(t|si)="([^"]*)"')


def _scan(xml: bytes, wanted: set[str]) -> dict[str, Formula]:
    shared: dict[bytes, str] = {}
    out: dict[str, Formula] = {}
    for cell in _CELL_XML.finditer(xml):
        inner = cell.group(2) or b""
        found = _FORMULA_XML.search(inner) if b"<f" in inner else None
        if found is None:
            continue
        attributes = dict(_ATTRIBUTE.findall(found.group(1)))
        text = unescape((found.group(2) or b"").decode("utf-8", "replace")).strip()
        is_shared = attributes.get(b"t") == b"shared"
        if is_shared and text:
            shared[attributes.get(b"si", b"")] = text
        elif is_shared:
            text = shared.get(attributes.get(b"si", b""), "")
        address = cell.group(1).decode("ascii").upper()
        if address in wanted:
            out[address] = Formula(text, is_shared)
    return out


def _walk(xml: bytes, wanted: set[str], last: int) -> dict[str, Formula]:
    shared: dict[str, str] = {}
    out: dict[str, Formula] = {}
    for row, column, element in walk_cells(xml):
        if row > last:
            break
        child = next((c for c in element if c.tag.rsplit("}", 1)[-1] == "f"), None)
        if child is None:
            continue
        text = (child.text or "").strip()
        is_shared = child.get("t") == "shared"
        if is_shared and text:
            shared[child.get("si", "")] = text
        elif is_shared:
            text = shared.get(child.get("si", ""), "")
        address = f"{column_letters(column - 1)}{row}"
        if address in wanted:
            out[address] = Formula(text, is_shared)
    return out


def _value(rows: Sequence[Sequence[object]], cell: str) -> str:
    row, column = split_cell(cell)
    if row < len(rows) and column < len(rows[row]):
        value = rows[row][column]
        return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()
    return ""


def _compact(formula: str) -> str:
    return "".join(formula.split()).upper()


def _check_label(anchor: Anchor, sheet: str, formula: Formula | None, value: str) -> str | None:
    mark = anchor.label or ""
    if formula is not None and formula.text:
        key = _LABEL_KEY.search(formula.text)
        if not _INTO_L.search(formula.text) or key is None or key.group(1) != sheet:
            return f"holds ={formula.text[:80]}, not one of the template's labels"
    elif not value:
        return "is blank, where the template has a label"
    if value and mark and not value.startswith(mark):
        return f"reads {value[:60]!r}, where the template's label starts with {mark!r}"
    return None


def _check_same(
    anchor: Anchor, formula: Formula | None, value: str, rows: Sequence[Sequence[object]]
) -> str | None:
    target = anchor.same_as or ""
    if formula is not None and formula.text and not formula.shared:
        match = _REFERENCE.match(_compact(formula.text).lstrip("="))
        if match is None or f"{match.group(1)}{match.group(2)}" != target.upper():
            return f"holds ={formula.text[:80]}, where the template has ={target}"
        return None
    other = _value(rows, target)
    if not value or value != other:
        return f"does not repeat {target} (reads {value[:60]!r}), as the template does"
    return None


def verify_structure(
    layout: Layout,
    rows: Mapping[str, Sequence[Sequence[object]]],
    xml: Mapping[str, bytes],
    sheet_names: Mapping[str, str],
) -> Mismatch | None:
    """The first anchor of `layout.structure` the file does not show, or None.

    `rows`, `xml` and `sheet_names` are by role (declaration, smelters): the cached values the
    reader parsed, the sheet's XML it holds, and the sheet's name in this file."""
    formulas: dict[str, dict[str, Formula]] = {}
    for role in {anchor.sheet for anchor in layout.structure}:
        cells = [anchor.cell for anchor in layout.structure if anchor.sheet == role]
        formulas[role] = formulas_at(xml.get(role, b""), cells)
    for anchor in layout.structure:
        sheet = layout.sheets.of(anchor.sheet)
        shown = sheet_names.get(anchor.sheet, sheet)
        sheet_rows = rows.get(anchor.sheet, ())
        formula = formulas[anchor.sheet].get(anchor.cell.upper())
        value = _value(sheet_rows, anchor.cell)
        if anchor.same_as:
            reason = _check_same(anchor, formula, value, sheet_rows)
        else:
            reason = _check_label(anchor, sheet, formula, value)
        if reason is not None:
            return Mismatch(shown, anchor.cell, f"cell {anchor.cell} ({anchor.what}) {reason}")
    return None


def refuse_mismatch(revision: str, layout: Layout, mismatch: Mismatch, where_to_add: str) -> None:
    """Refuse a newer revision whose structure differs, naming the first cell that does."""
    raise Refused(
        f"CMRT revision {revision} is newer than any cmrkit knows, and is not built like "
        f"{layout.newest_revision} (the newest known): on sheet '{mismatch.sheet}', "
        f"{mismatch.reason}; to read it, add its cell map to {where_to_add}",
        sheet=mismatch.sheet,
        cell=mismatch.cell,
    )
