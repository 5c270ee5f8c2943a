"""RMI's facility lists as tables, in the forms users have them: CSV, XLSX, and the XML
Spreadsheet 2003 file RMI's download endpoint returns (often under an `.xls` name).

The format is told by the file's first bytes, not its name. Tables are read with pandas
(`read_csv`, `read_excel` with the calamine engine); XML Spreadsheet 2003, which pandas does not
read, is parsed here with expat, refusing any DOCTYPE or ENTITY declaration (as the CMRT reader
does) so no entity is ever expanded. Every cell comes back as text, each row with the number a
user sees in a spreadsheet program (or the line of a CSV), so a message can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.safety import CFB_MAGIC, ZIP_MAGIC, Refused, check_container

SS_NS = "urn:schemas-microsoft-com:office:spreadsheet"
HEADER_SCAN_ROWS = 30  # a header row further down than this is not a list's header


@dataclass(frozen=True)
class Table:
    """One sheet (or a CSV) from its header row down."""

    path: Path
    format: str  # csv, xlsx or xml
    sheet: str | None  # None for a CSV
    columns: tuple[str, ...]  # header texts, stripped
    header_row: int  # 1-based row (CSV: line) of the header
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells), as long as `columns`

    def where(self, row: int, column: int | None = None) -> Location:
        """The place of a cell (or a row) as a user finds it."""
        if self.sheet is None:
            return Location(self.path, row)
        if column is None:
            return Location(self.path, row, sheet=self.sheet)
        return Location(self.path, sheet=self.sheet, cell=f"{column_letter(column)}{row}")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sniff(head: bytes) -> str:
    """The format of a list file from its first bytes: csv, xlsx or xml."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(CFB_MAGIC):
        raise Refused(
            "an Excel 97-2003 binary workbook (.xls): open it and save it as .xlsx or CSV, "
            "or give RMI's download as it came (XML Spreadsheet 2003)"
        )
    text = _decode(head[:4096], "utf-8", strict=False).lstrip()
    if text.startswith("<"):
        return "xml"
    return "csv"


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a user sees: 12.0 -> '12', a date -> '2025-03-01', a
    blank cell -> ''; text is kept as typed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # as typed: a message quotes the raw value; readers normalise


def read_tables(path: Path, is_header: Callable[[Sequence[str]], bool]) -> list[Table]:
    """Every sheet of `path` that has a header row (found by `is_header` in its first rows).

    Raises DataError for a file that cannot be read or has no such sheet."""
    limit = load_layouts().limits.max_file_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise DataError(Location(path), f"file is {size} bytes, over the limit of {limit}")
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(Location(path), f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise DataError(Location(path), "empty file")
    try:
        kind = sniff(data[:8192])
        if kind == "xlsx":
            check_container(path, load_layouts().limits)
            grids = _xlsx_grids(path)
        elif kind == "xml":
            grids = _xml_grids(data)
        else:
            return [_csv_table(path, data, is_header)]
    except Refused as exc:
        raise DataError(Location(path), exc.reason) from None
    tables = [
        table
        for sheet, grid in grids
        if (table := _grid_table(path, kind, sheet, grid, is_header)) is not None
    ]
    if not tables:
        raise DataError(
            Location(path), f"no sheet has a header row in its first {HEADER_SCAN_ROWS} rows"
        )
    return tables


# --- CSV --------------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str, strict: bool = True) -> str:
    return data.decode(encoding, errors="strict" if strict else "replace").lstrip("\ufeff")


def _csv_table(path: Path, data: bytes, is_header: Callable[[Sequence[str]], bool]) -> Table:
    try:
        text = _decode(data, "utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV" (not "CSV UTF-8") on Windows writes Windows-1252.
        text = _decode(data, "cp1252", strict=False)
    sample = text[:16384]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_line = 0
    skip = 0
    try:
        for _ in range(HEADER_SCAN_ROWS):
            before = reader.line_num
            record = next(reader, None)
            if record is None:
                break
            if is_header([cell_text(c) for c in record]):
                header_line = reader.line_num
                skip = before
                break
    except csv.Error as exc:
        raise DataError(Location(path, reader.line_num), f"bad CSV: {exc}") from None
    if not header_line:
        raise DataError(Location(path), f"no header row in the first {HEADER_SCAN_ROWS} lines")
    import pandas as pd  # here, not at the top: every command would pay its import (0.4 s)

    try:
        frame = pd.read_csv(
            io.StringIO(text, newline=""),
            sep=delimiter,
            skiprows=skip,
            header=0,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(Location(path), f"bad CSV: {' '.join(str(exc).split())}") from None
    columns = tuple(cell_text(c) for c in frame.columns)
    columns = tuple("" if c.startswith("Unnamed: ") else c for c in columns)
    rows = tuple(
        (header_line + 1 + offset, tuple(cell_text(v) for v in values))
        for offset, values in enumerate(frame.itertuples(index=False, name=None))
    )
    return Table(path, "csv", None, columns, header_line, rows)


# --- XLSX and XML Spreadsheet 2003: a grid per sheet, then the header -------------------------

Grid = dict[int, list[str]]  # spreadsheet row number -> its cells from column A; blank rows absent
MAX_COLUMNS = 1024  # a facility list has a dozen columns; a cell beyond this is not one


def _xlsx_grids(path: Path) -> list[tuple[str, Grid]]:
    import pandas as pd  # here, not at the top: every command would pay its import (0.4 s)

    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # calamine's errors have no common base; any is this file's refusal
        raise Refused(f"cannot read the workbook ({type(exc).__name__}: {exc})"[:300]) from None
    grids = []
    for name, frame in sheets.items():
        grid: Grid = {}
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
            cells = [cell_text(v) for v in values]
            if any(cells):
                grid[number] = cells
        grids.append((str(name), grid))
    return grids


def _grid_table(
    path: Path, kind: str, sheet: str, grid: Grid, is_header: Callable[[Sequence[str]], bool]
) -> Table | None:
    """The table under the first row (of the first HEADER_SCAN_ROWS) that `is_header`."""
    numbers = sorted(grid)
    for position, number in enumerate(numbers):
        if number > HEADER_SCAN_ROWS:
            return None
        if is_header(grid[number]):
            width = min(max(len(grid[n]) for n in numbers[position:]), MAX_COLUMNS)
            columns = tuple(grid[number][:width]) + ("",) * (width - len(grid[number]))
            rows = tuple(
                (n, tuple(grid[n][:width]) + ("",) * (width - len(grid[n])))
                for n in numbers[position + 1 :]
            )
            return Table(path, kind, sheet, columns, number, rows)
    return None


class _XmlRefused(Exception):
    pass


def _xml_grids(data: bytes) -> list[tuple[str, Grid]]:
    """The worksheets of an XML Spreadsheet 2003 file, cell by cell, with expat.

    Rows and cells may skip ahead (`ss:Index`) and cells may span columns (`ss:MergeAcross`);
    a `Data` element may hold rich text, whose pieces are joined."""
    sheets: list[tuple[str, Grid]] = []
    state: dict[str, Any] = {"grid": None, "row": None, "col": 0, "text": None, "type": ""}
    ss = SS_NS + "|"

    def refuse_dtd(*_: Any) -> None:
        raise _XmlRefused("the file declares a DOCTYPE/ENTITY (XML entity expansion attack?)")

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == ss + "Worksheet":
            state["grid"] = {}
            state["last"] = 0
            sheets.append((attrs.get(ss + "Name", f"Sheet{len(sheets) + 1}"), state["grid"]))
        elif name == ss + "Row" and state["grid"] is not None:
            number = _index(attrs.get(ss + "Index"), state["last"] + 1, maximum=1_048_576)
            state["last"] = number
            state["row"] = state["grid"].setdefault(number, [])
            state["col"] = 0
        elif name == ss + "Cell" and state["row"] is not None:
            state["col"] = _index(attrs.get(ss + "Index"), state["col"] + 1, maximum=MAX_COLUMNS)
            state["span"] = _index(attrs.get(ss + "MergeAcross"), 0, minimum=0, maximum=MAX_COLUMNS)
        elif name == ss + "Data" and state["row"] is not None:
            state["text"] = []
            state["type"] = attrs.get(ss + "Type", "String")

    def end(name: str) -> None:
        if name == ss + "Data" and state["text"] is not None:
            row, col = state["row"], state["col"]
            if col > MAX_COLUMNS:
                raise _XmlRefused(f"a cell beyond column {MAX_COLUMNS}: not a facility list")
            while len(row) < col:
                row.append("")
            row[col - 1] = _xml_value("".join(state["text"]), state["type"])
            state["text"] = None
        elif name == ss + "Cell":
            state["col"] += state.get("span", 0)
        elif name == ss + "Row":
            state["row"] = None
        elif name == ss + "Worksheet":
            state["grid"] = None

    def chars(text: str) -> None:
        if state["text"] is not None:
            state["text"].append(text)

    parser = expat.ParserCreate(namespace_separator="|")
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except _XmlRefused as exc:
        raise Refused(str(exc)) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise Refused(f"not well-formed XML, line {exc.lineno}: {reason}") from None
    if not sheets:
        raise Refused("XML but not an XML Spreadsheet 2003 (no Worksheet element)")
    return [(name, {n: cells for n, cells in grid.items() if any(cells)}) for name, grid in sheets]


def _index(text: str | None, default: int, *, minimum: int = 1, maximum: int) -> int:
    """An `ss:Index` or `ss:MergeAcross`, bounded so a hostile file cannot make us allocate."""
    value = default
    if text is not None:
        try:
            value = int(text)
        except ValueError:
            raise Refused(f"bad index {text!r} in the spreadsheet XML") from None
    if value < minimum or value > maximum:
        raise Refused(f"row or column {value} out of range (1 to {maximum}) in the spreadsheet XML")
    return value


def _xml_value(text: str, kind: str) -> str:
    if kind == "DateTime" and len(text) >= 10:
        try:
            return cell_text(dt.datetime.fromisoformat(text.rstrip("Z")[:19]))
        except ValueError:
            return cell_text(text)
    if kind == "Number":
        try:
            return cell_text(float(text))
        except ValueError:
            return cell_text(text)
    return cell_text(text)
