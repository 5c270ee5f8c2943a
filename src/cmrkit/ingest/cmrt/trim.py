"""Parse less: hand the parser a Smelter List without its blank tail.

A CMRT's Smelter List has 2,500 formatted rows full of formulas, and a supplier fills a few
dozen. Parsing all of them is most of the time spent on a file, so before parsing, the sheet's
XML is cut after the last cell, in document order, that holds a value in an input column (A-E),
and the parts the reader needs are put into a small uncompressed zip in memory. Only what
follows the last input cell is cut, so no input cell can be lost, whatever the order of rows or
the case of addresses; and whenever the XML is not in the plain form every spreadsheet program
writes (cells and rows carrying their `r` address, no namespace prefixes), nothing is cut and the
sheet is parsed whole.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

_ROW_START = b"<row "
BASE_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
)


def _column_class(columns: Iterable[str]) -> bytes:
    letters = sorted({c.upper() for c in columns})
    if not letters:
        return b"(?!)"
    if all(len(c) == 1 for c in letters):
        return b"[" + "".join(letters).encode() + "".join(letters).lower().encode() + b"]"
    return b"(?i:" + b"|".join(re.escape(c.encode()) for c in letters) + b")"


def _valued_cell(
    columns: Iterable[str], fed_columns: Iterable[str], feed_marker: str
) -> re.Pattern[bytes]:
    """A cell of an input column that is not certainly empty.

    "Certainly empty" is the exact form spreadsheet programs write for a blank cell
    (`<c r="A5" s="1"/>`, `<c r="A5"></c>`) and, in the columns the template fills from its
    look-up (`fed_columns`), that look-up formula without a cached value
    (`<c ...><f>...'Smelter Look-up'!...</f><v></v></c>`, or `<v />` as openpyxl writes it).
    Anything else (a value, an inline string, any other formula, blanks between tags, an
    unknown child) counts as input, so the
    test errs on the side of keeping rows. Cell attributes (r, s, t, cm, vm, ph) never contain
    "/" or ">", which keeps the pattern linear. Addresses match in either case.
    """
    fed = {c.upper() for c in fed_columns}
    plain = [c for c in columns if c.upper() not in fed]
    marker = re.escape(feed_marker.encode())
    feed = rb"(?:<f[^>]*>[^<]*" + marker + rb"[^<]*</f>)(?:<v></v>|<v\s*/>)?"
    alternatives = []
    if plain:
        alternatives.append(rb'<c r="' + _column_class(plain) + rb'(\d+)"(?![^>/]*(?:/>|></c>))')
    if fed:
        alternatives.append(
            rb'<c r="' + _column_class(fed) + rb'(\d+)"(?![^>/]*(?:/>|>(?:' + feed + rb")?</c>))"
        )
    return re.compile(b"|".join(alternatives))


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


@dataclass(frozen=True)
class Trim:
    """The sheet cut after its last input cell, or None when nothing can be cut."""

    xml: bytes | None
    duplicates: tuple[str, ...]  # input cells written twice (a parser shows only one)


def trim_blank_tail(
    xml: bytes,
    input_columns: Iterable[str],
    fed_columns: Iterable[str] = (),
    feed_marker: str = "Smelter Look-up",
) -> Trim:
    """The sheet without the rows that follow, in the document, its last input cell.

    The cut is made by position in the XML, not by row number: a row written out of order, or a
    cell whose address is not its row's, stays whenever it holds input, since nothing after the
    last input cell can hold any. Input cells written twice are reported.
    """
    if not plain_form(xml):
        return Trim(None, ())
    matches = list(_valued_cell(input_columns, fed_columns, feed_marker).finditer(xml))
    last = matches[-1].end() if matches else -1
    addresses = [match.group(0)[6:-1].upper() for match in matches]  # b'A7' from <c r="A7"
    if len(set(addresses)) != len(addresses):
        seen: set[bytes] = set()
        duplicates = []
        for address in addresses:
            if address in seen:
                duplicates.append(address.decode())
            seen.add(address)
        return Trim(None, tuple(duplicates))
    start = xml.find(b"<sheetData>")
    cut = xml.find(_ROW_START, max(last, start))
    end = xml.rfind(b"</sheetData>")
    if cut < 0 or cut > end:
        return Trim(None, ())
    return Trim(xml[:cut] + xml[end:], ())


def workbook_buffer(
    parts: dict[str, bytes], sheet_parts: Iterable[str], replaced: dict[str, bytes]
) -> io.BytesIO:
    """A small stored zip with the parts a parser needs to read `sheet_parts` (some replaced).

    Only the sheets listed reach the parser, so only sheets whose extent was checked are ever
    parsed.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        written = set()
        for name in (*BASE_PARTS, *sheet_parts):
            if name in written or name not in parts:
                continue
            written.add(name)
            out.writestr(name, replaced.get(name, parts[name]))
    buffer.seek(0)
    return buffer
