"""Parse less: hand the parser a Smelter List without its blank tail.

A CMRT's Smelter List has 2,500 formatted rows full of formulas, and a supplier fills a few
dozen. Parsing all of them is most of the time spent on a file, so before parsing, the sheet's
XML is cut after the last row that holds a value in an input column (A-E), and the parts the
reader needs are put into a small uncompressed zip in memory. Only rows that hold no value in
any input column are cut, so no input row can be lost; and whenever the XML is not in the plain
form every spreadsheet program writes (cells and rows carrying their `r` address, no namespace
prefixes), nothing is cut and the file is parsed whole.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

_ROW = re.compile(rb'<row r="(\d+)"')
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb"<Relationship\b[^>]*>")
_ATTR = re.compile(rb'\b(Id|Target)="([^"]*)"')
BASE_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
)


def _valued_cell(columns: Iterable[str]) -> re.Pattern[bytes]:
    """A cell of an input column that is not certainly empty.

    "Certainly empty" is the exact form spreadsheet programs write for a blank cell or a
    formula without a cached value (`<c r="A5" s="1"/>`, `<c ...><f>...</f><v></v></c>`).
    Anything else (a value, an inline string, blanks between tags, an unknown child) counts
    as input, so the test errs on the side of keeping rows. Cell attributes (r, s, t, cm, vm,
    ph) never contain "/" or ">", which keeps the pattern linear.
    """
    letters = sorted(columns)
    if all(len(c) == 1 for c in letters):
        column = b"[" + "".join(letters).encode() + b"]"
    else:
        column = b"(?:" + b"|".join(re.escape(c.encode()) for c in letters) + b")"
    return re.compile(
        rb'<c r="' + column + rb'(\d+)"'
        rb"(?![^>/]*(?:/>|>(?:<f[^>/]*/>|<f[^>]*>[^<]*</f>)?(?:<v></v>|<v/>)?</c>))"
    )


def plain_form(xml: bytes) -> bool:
    """True when every row and cell carries its address, first, and tags have no prefix."""
    if b"<sheetData>" not in xml or b"</sheetData>" not in xml:
        return False
    if re.search(rb"<[A-Za-z_][\w.-]*:worksheet\b", xml[:4096]):
        return False  # prefixed SpreadsheetML: cells would be <x:c>, which the patterns miss
    return (
        _NO_ADDRESS_CELL.search(xml) is None
        and _NO_ADDRESS_ROW.search(xml) is None
        and _PREFIXED_CELL.search(xml) is None
    )


_NO_ADDRESS_CELL = re.compile(rb'<c(?! r=")[\s>/]')
_NO_ADDRESS_ROW = re.compile(rb'<row(?! r=")[\s>/]')
_PREFIXED_CELL = re.compile(rb":(?:c|row)[\s>/]")  # <x:c ...> under an unprefixed root


def trim_blank_tail(xml: bytes, input_columns: Iterable[str], first_row: int) -> bytes | None:
    """The sheet without the rows after the last one holding an input value; None: leave it."""
    if not plain_form(xml):
        return None
    last = first_row - 1
    for match in _valued_cell(input_columns).finditer(xml):
        last = max(last, int(match.group(1)))
    cut = next((m.start() for m in _ROW.finditer(xml) if int(m.group(1)) > last), None)
    end = xml.rfind(b"</sheetData>")
    if cut is None or cut > end:
        return None
    return xml[:cut] + xml[end:]


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str] | None:
    """Sheet name -> zip part name, from workbook.xml and its relationships."""
    workbook = parts.get("xl/workbook.xml")
    rels = parts.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return None
    targets: dict[bytes, bytes] = {}
    for rel in _REL.findall(rels):
        attrs = dict(_ATTR.findall(rel))
        if b"Id" in attrs and b"Target" in attrs:
            targets[attrs[b"Id"]] = attrs[b"Target"]
    out: dict[str, str] = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid)
        if target is None:
            continue
        text = target.decode("utf-8", "replace")
        path = text.lstrip("/") if text.startswith("/") else f"xl/{text}"
        out[_unescape(name.decode("utf-8", "replace"))] = path
    return out


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def trimmed_workbook(
    parts: dict[str, bytes],
    sheets: Iterable[str],
    trim_sheet: str,
    input_columns: Iterable[str],
    first_row: int,
) -> io.BytesIO | None:
    """A small stored zip with the parts needed to read `sheets`, `trim_sheet` trimmed.

    None when there is nothing worth trimming or the workbook is not in plain form; the caller
    then parses the file as it is.
    """
    mapping = sheet_parts(parts)
    if mapping is None or trim_sheet not in mapping or mapping[trim_sheet] not in parts:
        return None
    trimmed = trim_blank_tail(parts[mapping[trim_sheet]], input_columns, first_row)
    if trimmed is None:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name in BASE_PARTS:
            if name in parts:
                out.writestr(name, parts[name])
        written = set(BASE_PARTS)
        for sheet in sheets:
            part = mapping.get(sheet)
            if part is None or part not in parts or part in written:
                continue
            written.add(part)
            out.writestr(part, trimmed if sheet == trim_sheet else parts[part])
    buffer.seek(0)
    return buffer
