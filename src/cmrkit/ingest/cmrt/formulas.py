"""Formulas in the Smelter List's input columns that carry no cached value.

The parser gives a formula cell's cached value, and nothing when the writer (a script, a
converter) saved none. In the template's own look-up formulas (columns B, C and E, fed from the
ID in column A) that is expected and harmless: rows are resolved from their inputs. Anywhere
else in an input column, a formula without a value would make its row vanish. So each such cell
is either evaluated, when it is plain literals (`="CID"&"003185"`, `=CONCATENATE("CID",3185)`),
or reported with its cell so the row is flagged, never dropped. cmrkit never computes anything
else: a formula that reads other cells is the supplier's spreadsheet program's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import unescape

from cmrkit.ingest.cmrt.extent import walk_cells
from cmrkit.ingest.cmrt.layout import column_letters
from cmrkit.ingest.cmrt.trim import plain_form


@dataclass(frozen=True)
class FormulaCell:
    """An input cell whose formula cmrkit evaluates (plain literals) or cannot read."""

    row: int
    column: str  # letters, upper case
    formula: str  # as written, without the leading "="
    value: str | None  # the formula's value when it is plain literals; None: no value at all


# --- evaluating plain literals ------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"]|"")*")
      | (?P<number>[0-9]+(?:\.[0-9]+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)\s*\(
      | (?P<op>[&(),])
    )""",
    re.VERBOSE,
)
_JOIN_FUNCTIONS = frozenset({"CONCATENATE", "CONCAT", "_XLFN.CONCAT"})


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            return None
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return out


def _number_text(literal: str) -> str:
    value = float(literal)
    return str(int(value)) if value.is_integer() else repr(value)


def _joined(parts: list[str | None]) -> str | None:
    """Text joined with `&` or CONCATENATE: known only when every part is."""
    known = [part for part in parts if part is not None]
    return "".join(known) if len(known) == len(parts) else None


class _Literals:
    """expression := term ('&' term)*; term := "text" | number | JOIN(expression, ...) | (expr)"""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> bool:
        token = self.peek()
        if token[0] == kind and (value is None or token[1] == value):
            self.at += 1
            return True
        return False

    def expression(self) -> str | None:
        parts = [self.term()]
        while self.take("op", "&"):
            parts.append(self.term())
        return _joined(parts)

    def term(self) -> str | None:
        kind, value = self.peek()
        if kind == "string":
            self.at += 1
            return value[1:-1].replace('""', '"')
        if kind == "number":
            self.at += 1
            return _number_text(value)
        if kind == "name" and value.upper() in _JOIN_FUNCTIONS:
            self.at += 1
            parts = [self.expression()]
            while self.take("op", ","):
                parts.append(self.expression())
            return _joined(parts) if self.take("op", ")") else None
        if self.take("op", "("):
            inner = self.expression()
            return inner if self.take("op", ")") else None
        return None


def literal_value(formula: str) -> str | None:
    """The text a formula made only of literals gives (`"CID"&"003185"` -> "CID003185")."""
    text = formula.strip().removeprefix("=")
    tokens = _tokens(text)
    if not tokens:
        return None
    parser = _Literals(tokens)
    value = parser.expression()
    return value if parser.peek()[0] == "end" else None


# --- finding the cells --------------------------------------------------------------------------

_SHARED_MASTER = re.compile(rb"<f\b([^>]*)>([^<]*)</f>")
_ATTRIBUTE = re.compile(rb'\b([A-Za-z]+)="([^"]*)"')
_VALUE = re.compile(rb"<v>[^<]+</v>|<t\b[^>]*>[^<]+</t>")  # a non-empty cached or inline value


def _masters(xml: bytes) -> dict[bytes, bytes]:
    """Shared formulas' text by their `si` index (continuation cells carry only the index)."""
    masters: dict[bytes, bytes] = {}
    if b'"shared"' not in xml:
        return masters
    for attributes, text in _SHARED_MASTER.findall(xml):
        attrs = dict(_ATTRIBUTE.findall(attributes))
        if attrs.get(b"t") == b"shared" and b"si" in attrs and text:
            masters.setdefault(attrs[b"si"], text)
    return masters


@cache
def _formula_cells(columns: tuple[str, ...]) -> re.Pattern[bytes]:
    """Cells of `columns` that hold a formula: the schema puts `<f>` first in a cell, so only
    formula cells match and the rest are skipped at C speed. Groups: column, row, formula
    attributes, formula text, the rest of the cell (its cached value)."""
    letters = b"|".join(c.encode() for c in columns)
    return re.compile(
        rb'<c r="(' + letters + rb')([0-9]+)"[^>/]*><f\b([^>]*?)(?:/>|>([^<]*)</f>)(.*?)</c>',
        re.IGNORECASE | re.S,
    )


def _decide(
    row: int, column: str, formula: str, cached: bool, fed: bool, feed_marker: str
) -> FormulaCell | None:
    """What to do with one formula cell of an input column.

    The template's own look-up formulas are left alone (rows are resolved from their inputs).
    A formula of plain literals gets its value (what a spreadsheet shows once it calculates),
    cached or not; any other formula keeps its cached value, and without one it is reported.
    """
    if fed and feed_marker in formula:
        return None
    value = literal_value(formula)
    if value is None and cached:
        return None
    return FormulaCell(row, column, formula, value)


def uncached_formulas(
    xml: bytes, input_columns: Iterable[str], fed_columns: Iterable[str], feed_marker: str
) -> list[FormulaCell]:
    """Input cells holding a formula cmrkit evaluates or cannot read (see `_decide`).

    `fed_columns` are the input columns the template itself fills by a formula that names
    `feed_marker` (the Smelter Look-up sheet); such formulas are not reported.
    """
    inputs = {c.upper() for c in input_columns}
    fed = {c.upper() for c in fed_columns}
    out: list[FormulaCell] = []
    if plain_form(xml):  # no namespace prefix: a formula is written "<f"
        if b"<f" not in xml:
            return out
        masters: dict[bytes, bytes] | None = None  # found only when a cell needs one
        for match in _formula_cells(tuple(sorted(inputs))).finditer(xml):
            column = match.group(1).decode("ascii").upper()
            text = match.group(4)
            if not text:
                masters = _masters(xml) if masters is None else masters
                attrs = dict(_ATTRIBUTE.findall(match.group(3)))
                text = masters.get(attrs.get(b"si", b""), b"")
            decided = _decide(
                int(match.group(2)),
                column,
                unescape(text.decode("utf-8", "replace")),
                _VALUE.search(match.group(5)) is not None,
                column in fed,
                feed_marker,
            )
            if decided is not None:
                out.append(decided)
        return out
    shared: dict[str, str] = {}
    for row, column_number, element in walk_cells(xml):
        column = column_letters(column_number - 1)
        formula_element = next((c for c in element if c.tag.rsplit("}", 1)[-1] == "f"), None)
        if formula_element is None:
            continue
        text = formula_element.text or ""
        if formula_element.get("t") == "shared" and formula_element.get("si") is not None:
            index = formula_element.get("si", "")
            if text:
                shared.setdefault(index, text)
            else:
                text = shared.get(index, "")
        if column not in inputs:
            continue
        cached = any(bool(c.text) for c in element.iter() if c.tag.rsplit("}", 1)[-1] in ("v", "t"))
        decided = _decide(row, column, text, cached, column in fed, feed_marker)
        if decided is not None:
            out.append(decided)
    return out
