"""How far a sheet reaches, read from its XML before any parser allocates for it.

The spreadsheet parser allocates a dense grid from A1 to the farthest cell of a sheet: one cell
at XFD6000 in an otherwise small file costs gigabytes. So the farthest cell of every sheet that
will be parsed (and the extent its `<dimension>` declares) is measured on the XML first, and a
sheet past the limits in `layouts.yml` makes the file refused, in the memory the XML already
takes.

Cells are placed the way the parser places them: by their `r` address when they have one, else
one column right of the previous cell (and rows one below the previous row). Sheets in the plain
form every spreadsheet program writes (each cell carrying its address first, no namespace
prefixes) are measured with two regular expressions; any other form is walked cell by cell.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from cmrkit.ingest.cmrt.layout import Limits, column_index, column_letters
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.cmrt.trim import plain_form

_CELL_REF = re.compile(rb'<c r="([A-Za-z]{1,3})([1-9][0-9]{0,6})"')
_CELL_START = b'<c r="'
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref="([^"]*)"')
_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")


@dataclass(frozen=True)
class Extent:
    """Farthest row and column (1-based; 0 for an empty sheet), found and declared."""

    rows: int
    columns: int
    declared_rows: int = 0
    declared_columns: int = 0

    @property
    def far_cell(self) -> str:
        return f"{column_letters(self.columns - 1)}{self.rows}" if self.rows else ""


def parse_address(address: str) -> tuple[int, int] | None:
    """1-based (row, column) of an A1 address, any case, `$` allowed; None when it is not one."""
    match = _ADDRESS.match(address.strip())
    if not match:
        return None
    return int(match.group(2)), column_index(match.group(1)) + 1


def _declared(xml: bytes) -> tuple[int, int]:
    match = _DIMENSION.search(xml[:8192])
    if not match:
        return 0, 0
    end = match.group(1).decode("ascii", "replace").split(":")[-1]
    parsed = parse_address(end)
    return parsed if parsed else (0, 0)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def walk_cells(xml: bytes) -> Iterator[tuple[int, int, ET.Element]]:
    """(row, column, element) of every cell, 1-based, placed as the parser places them.

    The element is complete (its formula and value children are there) and is cleared once the
    caller moves on, so memory stays bounded whatever the sheet's size.
    """
    row = column = 0
    try:
        for event, element in ET.iterparse(io.BytesIO(xml), events=("start", "end")):
            name = _local(element.tag)
            if event == "start" and name == "row":
                given = element.get("r")
                row = int(given) if given and given.isdigit() else row + 1
                column = 0
            elif event == "end" and name == "c":
                given = element.get("r")
                if given:
                    parsed = parse_address(given)
                    if parsed is None:
                        raise Refused(f"a cell's address {given!r} is not an A1 address")
                    cell_row, column = parsed
                else:
                    cell_row, column = row, column + 1
                yield cell_row, column, element
                element.clear()
            elif event == "end" and name == "row":
                element.clear()
    except ET.ParseError as exc:
        raise Refused(f"sheet XML is not well-formed ({exc})") from None


@lru_cache(maxsize=32)
def template_sheet_extent(xml: bytes) -> Extent:
    """`sheet_extent`, remembered: sheets a supplier seldom changes (the Product List, the
    Smelter Look-up) are byte for byte the same in most files of one revision."""
    return sheet_extent(xml)


def sheet_extent(xml: bytes) -> Extent:
    """The farthest cell of a sheet's XML, and the extent its dimension declares."""
    declared_rows, declared_columns = _declared(xml)
    if plain_form(xml):
        refs = _CELL_REF.findall(xml)
        if len(refs) == xml.count(_CELL_START):  # every cell's address is a plain A1 one
            if not refs:
                return Extent(0, 0, declared_rows, declared_columns)
            letters, digits = zip(*refs, strict=True)  # C-speed: no Python loop per cell
            rows = max(map(int, digits))
            columns = max(column_index(c.decode("ascii")) for c in set(letters)) + 1
            return Extent(rows, columns, declared_rows, declared_columns)
    rows = columns = 0
    for row, column, _ in walk_cells(xml):
        rows, columns = max(rows, row), max(columns, column)
    return Extent(rows, columns, declared_rows, declared_columns)


def check_extent(extent: Extent, limits: Limits, sheet: str) -> None:
    """Refuse a sheet whose farthest cell, or declared extent, is past the limits."""
    for rows, columns, what in (
        (extent.rows, extent.columns, f"its cells reach {extent.far_cell}"),
        (
            extent.declared_rows,
            extent.declared_columns,
            f"its declared extent reaches {column_letters(max(extent.declared_columns, 1) - 1)}"
            f"{extent.declared_rows}",
        ),
    ):
        if rows > limits.max_sheet_rows:
            reason = f"row {rows}, over the limit of {limits.max_sheet_rows} rows"
        elif columns > limits.max_sheet_columns:
            reason = f"column {columns}, over the limit of {limits.max_sheet_columns} columns"
        elif rows * columns > limits.max_sheet_cells:
            reason = f"{rows * columns} cells from A1, over the limit of {limits.max_sheet_cells}"
        else:
            continue
        raise Refused(
            f"sheet '{sheet}' is too large to read safely: {what} ({reason}); a CMRT as RMI "
            "ships it stays far inside these limits (a stray value far away in the sheet?)",
            sheet=sheet,
        )
