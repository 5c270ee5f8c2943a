"""The shape of a year's Annex table as the filer prints it (`annex.shape` in facts.yml).

Filers print their smelter list in different shapes: one table with a metal column, or one table
per metal under the metal's heading; rows as filed or grouped by metal in an order of their
choosing; the status as a column, as marks on the name explained by a legend, or not at all;
lines under the table (the legend, dagger notes on headers, sources); a status summary by metal.
The shape is the year's data, so a filed report is mirrored as filed without a line of code per
filer. Every key is optional; with none, the Annex prints as one table in file order with the
status as a column when `annex.columns` shows one. The site, its downloads, the EDGAR export and
the PDF all lay the table out from `annex_layout`, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from cmrkit.errors import DataError
from cmrkit.files.yamlio import PathKey, YamlDoc, known_keys
from cmrkit.reference.load import Reference

if TYPE_CHECKING:
    from cmrkit.year.annex import AnnexRow, Column

# "none": the filed report prints no smelter list (some list only countries of origin).
Tables = Literal["one", "per_metal", "none"]
Rows = Literal["as_filed", "by_metal"]
StatusShown = Literal["column", "marks", "none"]

KEYS = ("tables", "metal_headings", "rows", "metal_order", "status", "marks", "notes", "summary")
_KEY: PathKey = ("annex", "shape")


@dataclass(frozen=True)
class AnnexShape:
    """How the Annex prints (see the module's docstring); the defaults are one table in file
    order."""

    tables: Tables = "one"
    metal_headings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    rows: Rows = "as_filed"
    # The metals in the order the filer groups them (rows: by_metal) and prints their tables
    # (tables: per_metal); every metal of metals.yml, those not named following in its order.
    metal_order: tuple[str, ...] = ()
    status: StatusShown = "column"
    marks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # mark -> word
    notes: tuple[str, ...] = ()
    summary: bool = False
    # Whether the facts named the order (then a row of a metal outside it is an error).
    order_given: bool = False

    def heading(self, metal: str) -> str:
        """The heading a per-metal table prints above itself."""
        return self.metal_headings.get(metal, metal)

    def mark_of(self, status: str) -> str:
        """The mark appended to a name whose status word is `status` ("" for none)."""
        for mark, word in self.marks.items():
            if word == status:
                return mark
        return ""

    @property
    def needs_status(self) -> bool:
        """Whether printing this shape needs each row's status."""
        return self.status != "none" or self.summary


def _error(doc: YamlDoc, key: PathKey, message: str) -> DataError:
    return DataError(doc.where((*_KEY, *key)), f"annex.shape: {message}")


def _choice(doc: YamlDoc, data: Mapping[str, Any], key: str, choices: Sequence[str]) -> Any:
    value = data[key]
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise _error(doc, (key,), f"'{key}' must be one of {allowed} (found {value!r})")
    return value


def _text_list(doc: YamlDoc, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list):
        raise _error(doc, (key,), f"'{key}' must be a list")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _error(doc, (key, index), f"each item of '{key}' must be non-empty text")
    return tuple(item.strip() for item in value)


def _metal(doc: YamlDoc, key: PathKey, value: Any, reference: Reference) -> str:
    metal = reference.metals.resolve(str(value)) if isinstance(value, str) else None
    if metal is None:
        known = ", ".join(reference.metals.canonical)
        raise _error(doc, key, f"unknown metal {value!r} (known: {known})")
    return metal


def _headings(doc: YamlDoc, data: Mapping[str, Any], reference: Reference) -> dict[str, str]:
    value = data["metal_headings"]
    if not isinstance(value, dict):
        raise _error(doc, ("metal_headings",), "'metal_headings' must map each metal to its text")
    headings: dict[str, str] = {}
    for name, text in value.items():
        key = ("metal_headings", str(name))
        metal = _metal(doc, key, name, reference)
        if not isinstance(text, str) or not text.strip():
            raise _error(doc, key, f"the heading of {metal} must be non-empty text")
        if metal in headings:
            raise _error(doc, key, f"{metal} has two headings")
        headings[metal] = text.strip()
    return headings


def _order(doc: YamlDoc, data: Mapping[str, Any], reference: Reference) -> tuple[str, ...]:
    value = data["metal_order"]
    if not isinstance(value, list) or not value:
        raise _error(doc, ("metal_order",), "'metal_order' must be a list of metals")
    order: list[str] = []
    for index, name in enumerate(value):
        metal = _metal(doc, ("metal_order", index), name, reference)
        if metal in order:
            raise _error(doc, ("metal_order", index), f"{metal} is listed twice")
        order.append(metal)
    return tuple(order)


def _marks(doc: YamlDoc, data: Mapping[str, Any], words: Sequence[str]) -> dict[str, str]:
    value = data["marks"]
    if not isinstance(value, dict) or not value:
        raise _error(doc, ("marks",), "'marks' must map each mark to the status word it means")
    marks: dict[str, str] = {}
    for mark, word in value.items():
        key = ("marks", str(mark))
        mark = str(mark)
        if not mark.strip() or mark != mark.strip():
            raise _error(doc, key, f"mark {mark!r} must be text without surrounding spaces")
        if word not in words:
            allowed = ", ".join(repr(w) for w in words)
            raise _error(
                doc,
                key,
                f"mark {mark!r} stands for {word!r}, not a status word of the year's "
                f"label set (allowed: {allowed})",
            )
        if word in marks.values():
            raise _error(doc, key, f"two marks stand for {word!r}")
        marks[mark] = word
    return marks


def parse_shape(
    doc: YamlDoc,
    reference: Reference,
    columns: tuple[Column, ...],
    status_words: Sequence[str],
    footnotes: Mapping[str, str],
) -> AnnexShape:
    """The year's `annex.shape`, checked against its columns, its label set's words and its
    footnote markers; a DataError names the line of the first problem."""
    annex = doc.data.get("annex") if isinstance(doc.data, dict) else None
    data = annex.get("shape") if isinstance(annex, dict) else None
    shown = [c.name for c in columns]
    data = {} if data is None else known_keys(doc, _KEY, data, KEYS, "annex.shape")
    tables: Tables = (
        _choice(doc, data, "tables", ("one", "per_metal", "none")) if "tables" in data else "one"
    )
    rows: Rows = (
        _choice(doc, data, "rows", ("as_filed", "by_metal")) if "rows" in data else "as_filed"
    )
    default_status: StatusShown = "column" if "status" in shown else "none"
    status: StatusShown = (
        _choice(doc, data, "status", ("column", "marks", "none"))
        if "status" in data
        else default_status
    )
    if status == "column" and "status" not in shown:
        raise _error(doc, ("status",), "'status: column' but annex.columns shows no 'status'")
    if status != "column" and "status" in shown:
        raise _error(
            doc, ("status",), f"'status: {status}' but annex.columns shows a 'status' column"
        )
    if tables == "one" and "metal" not in shown:
        raise DataError(
            doc.where(("annex", "columns")),
            "'annex.columns' must show 'metal' when the Annex is one table (or set "
            "annex.shape.tables: per_metal, one table under each metal's heading)",
        )
    marks = _marks(doc, data, status_words) if "marks" in data else {}
    if status == "marks" and not marks:
        raise _error(doc, ("status",), "'status: marks' needs 'marks' (mark -> status word)")
    if marks and status != "marks":
        raise _error(doc, ("marks",), f"'marks' given but status is shown as '{status}'")
    for mark in marks:
        if mark in footnotes:
            raise _error(doc, ("marks", mark), f"mark {mark!r} is also a footnote marker")
    notes = _text_list(doc, data, "notes") if "notes" in data else ()
    summary = data.get("summary", False)
    if not isinstance(summary, bool):
        raise _error(doc, ("summary",), "'summary' must be true or false")
    headings = _headings(doc, data, reference) if "metal_headings" in data else {}
    if headings and tables != "per_metal":
        raise _error(doc, ("metal_headings",), "'metal_headings' needs 'tables: per_metal'")
    given = "metal_order" in data
    order = _order(doc, data, reference) if given else ()
    return AnnexShape(
        tables=tables,
        metal_headings=MappingProxyType(headings),
        rows=rows,
        metal_order=order or tuple(reference.metals.canonical),
        status=status,
        marks=MappingProxyType(marks),
        notes=notes,
        summary=summary,
        order_given=given,
    )


@dataclass(frozen=True)
class PrintedRow:
    """A row as printed: its place in the printed Annex (1-based, across tables) and the row."""

    number: int
    row: AnnexRow


@dataclass(frozen=True)
class PrintedTable:
    """One printed table: its metal and heading when the Annex has a table per metal."""

    metal: str | None
    heading: str | None
    rows: tuple[PrintedRow, ...]


def printed_order(rows: Sequence[AnnexRow], shape: AnnexShape) -> list[AnnexRow]:
    """The rows in the order the Annex prints them: as filed, or grouped by metal in the shape's
    order (file order within a metal), and so for a table per metal."""
    if shape.rows == "as_filed" and shape.tables == "one":
        return list(rows)
    rank = {metal: index for index, metal in enumerate(shape.metal_order)}
    return sorted(rows, key=lambda row: rank.get(row.metal, len(rank)))


def annex_layout(rows: Sequence[AnnexRow], shape: AnnexShape) -> tuple[PrintedTable, ...]:
    """The printed tables, each with its rows numbered in printed order."""
    ordered = printed_order(rows, shape)
    numbered = [PrintedRow(number, row) for number, row in enumerate(ordered, start=1)]
    if shape.tables == "none":
        return ()
    if shape.tables == "one":
        return (PrintedTable(None, None, tuple(numbered)),)
    tables = []
    for metal in shape.metal_order:
        rows_of_metal = tuple(p for p in numbered if p.row.metal == metal)
        if rows_of_metal:
            tables.append(PrintedTable(metal, shape.heading(metal), rows_of_metal))
    return tuple(tables)
