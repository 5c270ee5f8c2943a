"""The filed smelter list (Annex) recognised in the report's tables, in every shape filers
print: one table with a metal column, or one table per metal under the metal's heading; the
status as a column, as marks on the name with a legend under the table, or not at all; notes
under the table; countries and names exactly as printed.

Returns the rows for `annex.csv`, the `annex:` facts (columns, shape) and what was printed, row
by row, for the filed record. What the importer cannot place is refused with the table's header,
never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cmrkit.importing.blocks import Block, Cell
from cmrkit.importing.documents import ImportRefused
from cmrkit.importing.structure import heading_rank
from cmrkit.reference.load import Reference, fold
from cmrkit.year.annex import facility_keys, repeat_reason

WORDS_FILE = Path(__file__).with_name("annex_words.yml")


@cache
def annex_words() -> dict[str, Any]:
    with open(WORDS_FILE, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@dataclass
class Row:
    metal: str
    name: str  # as printed, marks removed
    country: str
    status: str = ""
    smelter_id: str = ""
    footnote: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    printed: tuple[str, ...] = ()  # the cells as filed, in the printed columns' order


@dataclass
class FiledAnnex:
    rows: list[Row]
    columns: list[tuple[str, str]]  # (CSV column, header as printed)
    shape: dict[str, Any]
    status_words: list[str]  # distinct status words, as printed or as the legend names them
    marks: dict[str, str]  # mark -> status word
    footnotes: dict[str, str]  # mark -> sanctions entry id
    blocks: set[int]  # indexes of the blocks the Annex replaces on its page
    first_block: int  # where `{{ annex_table() }}` goes
    notes: list[str]
    review: list[str]  # what a person should look at
    # The status summary by metal a filer printed beside rows without status: (metal, status
    # word, count) as printed, for `annex-summary.csv`.
    summary: list[tuple[str, str, int]] = field(default_factory=list)


def _strip_marks(text: str) -> tuple[str, str]:
    """(text without a trailing mark, the mark)."""
    for mark in annex_words()["marks"]:
        if text.endswith(mark) and len(text) > len(mark):
            return text[: -len(mark)].rstrip(), mark
    return text, ""


def _header_key(text: str) -> str:
    text, _ = _strip_marks(text.strip())
    text = re.sub(r"[\s\u00a0]+", " ", text).strip(" :").casefold()
    return re.sub(r"\s*\(.*?\)\s*", " ", text).strip()


def column_of(header: str) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    for name, words in annex_words()["columns"].items():
        if key in words:
            return str(name)
    for name, words in annex_words()["columns"].items():
        if any(len(w) > 3 and re.search(rf"\b{re.escape(w)}\b", key) for w in words):
            return str(name)
    return None


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", _header_key(text)).strip("_")
    return slug if slug and slug[0].isalpha() else f"column_{slug}"


def recognise_columns(row: list[Cell]) -> list[str] | None:
    """The CSV column of each cell of a header row, or None when the row is not a smelter
    list's header (it needs a name and a country)."""
    names: list[str] = []
    for cell in row:
        name = column_of(cell.text) if cell.text else None
        if name is None or name in names:
            name = _slug(cell.text) if cell.text else f"column_{len(names) + 1}"
        names.append(name)
    return names if "smelter_name" in names and "country" in names else None


def metal_named(text: str, reference: Reference) -> str | None:
    """The metal a heading or title row names ("Tin", "GOLD REFINERS", "Tantalum (Ta)")."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words or len(words) > 6:
        return None
    found = {reference.metals.resolve(w) for w in words if len(w) > 2}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _legend(text: str) -> tuple[str, str] | None:
    for mark in annex_words()["marks"]:
        if text.startswith(mark) and not text.startswith(mark + mark[0]):
            rest = text[len(mark) :].strip()
            if rest:
                return mark, rest
    return None


def legend_bucket(text: str) -> str | None:
    folded = text.casefold()
    for bucket, words in annex_words()["legend"].items():
        if any(w in folded for w in words):
            return str(bucket)
    return None


@dataclass
class _Table:
    index: int
    columns: list[str]
    headers: list[str]
    metal: str | None
    body: list[list[Cell]]


def _find_tables(blocks: list[Block], reference: Reference) -> list[_Table]:
    found: list[_Table] = []
    for index, block in enumerate(blocks):
        if block.kind != "table" or not block.rows:
            continue
        # The header row may follow a title row or two ("Annex I", "Tin"): the first of the
        # table's first three rows that names a smelter and a country is the header.
        at = next(
            (h for h in range(min(3, len(block.rows) - 1)) if recognise_columns(block.rows[h])),
            None,
        )
        if at is None:
            continue
        title_metal = None
        for row in block.rows[:at]:
            filled = [c for c in row if c.text]
            if len(filled) == 1:
                title_metal = metal_named(filled[0].text, reference) or title_metal
        rows = block.rows[at:]
        columns = recognise_columns(rows[0])
        if columns is None:
            continue
        metal = title_metal
        if metal is None and "metal" not in columns:
            metal = _metal_before(blocks, index, reference)
        found.append(_Table(index, columns, [c.text for c in rows[0]], metal, rows[1:]))
    return found


def _metal_before(blocks: list[Block], index: int, reference: Reference) -> str | None:
    for back in range(index - 1, max(index - 4, -1), -1):
        block = blocks[back]
        if block.kind == "table":
            return None
        metal = metal_named(block.text, reference)
        if metal:
            return metal
    return None


def recognise_annex(blocks: list[Block], reference: Reference, source: str) -> FiledAnnex | None:
    """The Annex among the document's blocks, or None when the report prints no smelter list."""
    tables = _find_tables(blocks, reference)
    if not tables:
        return None
    per_metal = all("metal" not in t.columns for t in tables)
    if per_metal and any(t.metal is None for t in tables):
        bad = next(t for t in tables if t.metal is None)
        raise ImportRefused(
            f"{source}: a smelter table ({' | '.join(bad.headers)}) has no metal column and no "
            "metal heading above it: expected a Metal column, or the metal as the table's heading"
        )
    columns = tables[0].columns
    headers = tables[0].headers
    for table in tables[1:]:
        if table.columns != columns:
            raise ImportRefused(
                f"{source}: smelter tables with different columns ({' | '.join(headers)} and "
                f"{' | '.join(table.headers)}): expected one set of columns for every metal"
            )
    review: list[str] = []
    rows: list[Row] = []
    used: set[int] = set()
    metal_headings: dict[str, str] = {}
    for table in tables:
        used.add(table.index)
        if per_metal:
            heading = _heading_index(blocks, table.index, reference)
            if heading is not None:
                used.add(heading)
                metal_headings[table.metal or ""] = blocks[heading].text
            elif table.metal:
                metal_headings[table.metal] = table.metal
        current = table.metal
        for cells in table.body:
            texts = [c.text for c in cells]
            filled = [t for t in texts if t]
            if not filled:
                continue
            if len(filled) == 1 and metal_named(filled[0], reference) and "metal" in columns:
                current = metal_named(filled[0], reference)
                continue
            values = dict(zip(columns, texts, strict=False))
            metal_text = values.get("metal", "") or current or ""
            metal = reference.metals.resolve(metal_text) if metal_text else None
            if metal is None:
                raise ImportRefused(
                    f"{source}: smelter table row '{' | '.join(texts)}': the metal "
                    f"'{metal_text}' is not tin, tantalum, tungsten or gold"
                )
            name, mark = _strip_marks(values.get("smelter_name", ""))
            row = Row(
                metal=metal,
                name=name,
                country=values.get("country", ""),
                status=values.get("status", ""),
                smelter_id=values.get("smelter_id", ""),
                footnote=mark,
                extra={c: v for c, v in values.items() if c not in _KNOWN},
                printed=tuple(texts[: len(columns)]),
            )
            rows.append(row)
    if not rows:
        return None
    first = min(used)
    notes, note_blocks = _notes_after(blocks, max(used))
    used |= note_blocks
    marks, footnotes, words = _statuses(rows, notes, "status" in columns, reference, review)
    shape: dict[str, Any] = {}
    if per_metal:
        order = list(dict.fromkeys(r.metal for r in rows))
        shape["tables"] = "per_metal"
        shape["rows"] = "by_metal"
        shape["metal_order"] = order
        if any(metal_headings.get(m, m) != m for m in order):
            shape["metal_headings"] = {m: metal_headings.get(m, m) for m in order}
    if "status" not in columns:
        shape["status"] = "marks" if marks else "none"
    if marks:
        shape["marks"] = marks
    if notes:
        shape["notes"] = notes
    # A summary by status is computed from the rows only when they carry a status; else it
    # stays on the page as the filed table it is.
    summary = _summary_table(blocks, used, reference) if words else None
    filed: list[tuple[str, str, int]] = []
    if not words:
        # Rows without status: a summary printed by metal and status is the year's only source
        # of figures by status, kept as filed when its totals by metal are the rows'.
        index = _summary_table(blocks, used, reference)
        counts = _printed_summary(blocks[index], reference) if index is not None else None
        if index is not None and counts is not None:
            given: dict[str, int] = {}
            for metal, _, count in counts:
                given[metal] = given.get(metal, 0) + count
            listed: dict[str, int] = {}
            for row in rows:
                listed[row.metal] = listed.get(row.metal, 0) + 1
            if given == listed:
                summary, filed = index, counts
                words = list(dict.fromkeys(word for _, word, _ in counts))
            else:
                review.append(
                    "the status summary table's counts by metal ("
                    + ", ".join(f"{m} {n}" for m, n in given.items())
                    + ") are not the rows listed ("
                    + ", ".join(f"{m} {n}" for m, n in listed.items())
                    + "): it stays on the page as filed, and no figure by status exists"
                )
    if summary is not None:
        used.add(summary)
        if summary > 0 and heading_rank(blocks[summary - 1]) is not None:
            used.add(summary - 1)  # its caption ("Summary by status")
        shape["summary"] = True
    printed = [(c, h) for c, h in zip(columns, headers, strict=False)]
    return FiledAnnex(
        rows, printed, shape, words, marks, footnotes, used, first, notes, review, filed
    )  # fmt: skip


_KNOWN = {"metal", "smelter_name", "country", "status", "smelter_id"}


def _heading_index(blocks: list[Block], index: int, reference: Reference) -> int | None:
    for back in range(index - 1, max(index - 4, -1), -1):
        block = blocks[back]
        if block.kind == "table":
            return None
        if metal_named(block.text, reference):
            return back
    return None


def _notes_after(blocks: list[Block], last: int) -> tuple[list[str], set[int]]:
    """The lines under the (last) table that explain it: legend, dagger notes, sources."""
    notes: list[str] = []
    used: set[int] = set()
    for index in range(last + 1, len(blocks)):
        block = blocks[index]
        if block.kind not in ("paragraph", "item") or heading_rank(block) is not None:
            break
        text = block.text.replace("\n", " ")
        if not (_legend(text) or re.match(r"^(?:Note|Source)s?\b|^\(\d\)", text)):
            break
        notes.append(text)
        used.add(index)
    return notes, used


def _statuses(
    rows: list[Row], notes: list[str], has_column: bool, reference: Reference, review: list[str]
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Marks -> status words (from the legend), marks -> sanctions entries (footnotes), and the
    status words in use. A mark that is neither stays on the name as printed."""
    legend: dict[str, str] = {}
    for note in notes:
        entry = _legend(note)
        if entry:
            legend.setdefault(entry[0], entry[1])
    marks: dict[str, str] = {}
    footnotes: dict[str, str] = {}
    if not has_column:
        for mark, text in legend.items():
            bucket = legend_bucket(text)
            if bucket is not None:
                marks[mark] = _RMAP_WORDS[bucket]
    for row in rows:
        if not row.footnote:
            continue
        mark = row.footnote
        if mark in marks:
            row.status, row.footnote = marks[mark], ""
            continue
        entries = reference.sanctions_for(row.metal, row.name, row.smelter_id or None)
        if entries and footnotes.get(mark, entries[0].id) == entries[0].id:
            footnotes[mark] = entries[0].id
            continue
        row.name, row.footnote = row.name + mark, ""
        review.append(f"the mark '{mark}' on '{row.name}' is kept as part of the name")
    if marks:
        unmarked = _RMAP_WORDS["not_enrolled"]
        for row in rows:
            if not row.status:
                row.status = unmarked
    words = list(dict.fromkeys(r.status for r in rows if r.status))
    return marks, footnotes, words


# The RMAP words (statuses.yml label set `rmap`) a legend's meaning is written as in annex.csv.
_RMAP_WORDS = {
    "conformant": "Conformant",
    "active": "Active",
    "not_enrolled": "Not Enrolled",
    "non_conformant": "Non-Conformant",
    "suspended": "Suspended",
}


def _summary_table(blocks: list[Block], used: set[int], reference: Reference) -> int | None:
    """A status summary table by metal near the Annex (computed by the site from the rows)."""
    around = range(max(min(used) - 6, 0), min(max(used) + 6, len(blocks)))
    for index in around:
        block = blocks[index]
        if index in used or block.kind != "table":
            continue
        cells = [c.text for row in block.rows for c in row if c.text]
        metals = {reference.metals.resolve(c) for c in cells} - {None}
        numbers = [c for c in cells if re.fullmatch(r"\d[\d,]*", c)]
        if len(metals) >= 2 and len(numbers) >= len(metals):
            return index
    return None


def _printed_summary(block: Block, reference: Reference) -> list[tuple[str, str, int]] | None:
    """(metal, status word, count) of a summary table with a row per metal and a column per
    status word (a Total column or row is the sum, not a status); None when a header is neither
    a status word nor a total, or a cell is no whole number."""
    table = [[c.text.strip() for c in row] for row in block.rows]
    table = [[t for t in row if t] for row in table]
    table = [row for row in table if row]
    if len(table) < 2:
        return None
    header = table[0]
    if header and reference.metals.resolve(header[0]) is None:
        header = header[1:]  # "Metal", or a blank corner
    words: list[str | None] = []
    for text in header:
        if re.fullmatch(r"(?i)total", text):
            words.append(None)
        elif reference.statuses.bucket_of_rmi(text) or legend_bucket(text):
            words.append(text)
        else:
            return None
    out: list[tuple[str, str, int]] = []
    for row in table[1:]:
        metal = reference.metals.resolve(row[0])
        if metal is None:
            if re.fullmatch(r"(?i)totals?", row[0]):
                continue
            return None
        if len(row) - 1 != len(words):
            return None
        for word, cell in zip(words, row[1:], strict=True):
            number = cell.replace(",", "")
            if not number.isdigit():
                return None
            if word is not None:
                out.append((metal, word, int(number)))
    return out or None


def fold_key(row: Row) -> tuple[str, str, str]:
    return row.metal, fold(row.name), fold(row.country)


@dataclass(frozen=True)
class Repeat:
    """A row listing a facility a row above it lists (the filed report prints it twice)."""

    index: int  # in `FiledAnnex.rows`
    first: int  # the row above it of the same facility
    reason: str  # "same smelter ID CID..." or "same name and country"


def repeated_rows(rows: list[Row]) -> list[Repeat]:
    """The rows that repeat a facility, found as the year's loader finds them
    (`cmrkit.year.annex.facility_keys`): kept as filed, and named for a person to confirm."""
    seen: dict[tuple[str, ...], int] = {}
    out: list[Repeat] = []
    for index, row in enumerate(rows):
        keys = facility_keys(row.metal, row.smelter_id, row.name, row.country)
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            reason = repeat_reason(row.smelter_id, rows[first].smelter_id)
            out.append(Repeat(index, first, reason))
        for key in keys:
            seen.setdefault(key, index)
    return out
