"""The Annex (`data/<year>/annex.csv`): one row per line of the report's smelter table.

The CSV is edited by hand and by `cmrkit ingest`, so every row is checked against the reference
vocabularies; a bad row stops the build with its line, and nothing is silently skipped. Which
columns the report prints, in which order and under which headers, is the year's data
(`annex.columns` in facts.yml), not code: a filer may show the smelter ID, the country of origin
or any other column its CSV carries.

The status column is optional: a filer that printed no status keeps none, and then no figure by
status exists (see `cmrkit.year.figures`); every row of a CSV that has the column carries a
status word.

A facility listed twice (same metal and smelter ID, or same metal, name and country) is refused
with both lines, unless the year is filed and its report printed it so: a filed report is
reproduced as filed, and `annex.duplicates_as_filed` says how many rows repeat one above."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.files.csvrows import csv_records
from cmrkit.files.textfile import read_text
from cmrkit.files.yamlio import YamlDoc
from cmrkit.reference.load import LabelSet, Reference, fold

REQUIRED_COLUMNS = ("metal", "smelter_name", "country")
KNOWN_COLUMNS = (*REQUIRED_COLUMNS, "status", "smelter_id", "footnote")
SMELTER_ID = re.compile(r"^(CID\d{6}|[0-9][A-Z]{3}[0-9]{3})$")
_COLUMN_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Column:
    """A column the Annex table prints: its CSV column and its header."""

    name: str
    header: str


@dataclass(frozen=True)
class AnnexRow:
    line: int
    metal: str
    smelter_id: str
    smelter_name: str
    country: str
    status: str  # the word as printed in the report ("" when the Annex has no status)
    bucket: str  # what the word means (conformant, active, not_enrolled, ...; "" as status)
    footnote: str
    extra: tuple[tuple[str, str], ...] = field(default=())  # other CSV columns, in file order
    mark: str = ""  # the status mark the name carries when the Annex shows status as marks
    # The line of the row above that lists the same facility, when a filed report prints it
    # twice (kept as filed, `annex.duplicates_as_filed`); 0 for a facility's first row.
    repeats: int = 0

    @property
    def display_name(self) -> str:
        """The name as the filed table prints it: status mark and footnote marker attached."""
        return self.smelter_name + self.mark + self.footnote

    def value(self, column: str) -> str:
        """The CSV value of a column (the name without its footnote marker)."""
        if column in KNOWN_COLUMNS:
            return str(getattr(self, column))
        return dict(self.extra).get(column, "")

    def cell(self, column: str) -> str:
        """The text the printed table shows in a column: the name carries the footnote marker."""
        return self.display_name if column == "smelter_name" else self.value(column)


def facility_keys(metal: str, smelter_id: str, name: str, country: str) -> list[tuple[str, ...]]:
    """What makes two rows of one Annex the same facility: the same metal and name and country
    (as `fold` reads them), or the same metal and smelter ID. The loader and `cmrkit import`
    both use it, so what import records as printed twice is what the loader finds."""
    keys: list[tuple[str, ...]] = [("name", metal, fold(name), fold(country))]
    if smelter_id:
        keys.append(("id", metal, smelter_id))
    return keys


def repeat_reason(smelter_id: str, first_id: str) -> str:
    """How a row repeats the one above it (their smelter IDs given): the words `cmrkit check`
    and the import's review print."""
    if smelter_id and smelter_id == first_id:
        return f"same smelter ID {smelter_id}"
    return "same name and country"


def annex_columns(doc: YamlDoc, reference: Reference) -> tuple[Column, ...]:
    """The year's printed columns: `annex.columns` in facts.yml (each `name` or `name: Header`),
    else the reference default; headers default to those of `annex.yml`."""
    annex = doc.data.get("annex") if isinstance(doc.data, dict) else None
    listed = annex.get("columns") if isinstance(annex, dict) else None
    headers = reference.annex.headers
    if listed is None:
        return tuple(Column(n, headers.get(n, n)) for n in reference.annex.columns)
    key = ("annex", "columns")
    if not isinstance(listed, list) or not listed:
        raise DataError(doc.where(key), "'annex.columns' must be a list of columns")
    columns: list[Column] = []
    for index, entry in enumerate(listed):
        where = doc.where((*key, index))
        if isinstance(entry, dict) and len(entry) == 1:
            name, header = next(iter(entry.items()))
        elif isinstance(entry, str):
            name, header = entry, headers.get(entry, entry)
        else:
            raise DataError(where, "expected a column name, or `column: Header`")
        if not isinstance(name, str) or not _COLUMN_NAME.match(name):
            raise DataError(where, f"'{name}' is not a column name (lower case, digits and _)")
        if name == "footnote":
            raise DataError(where, "the footnote marker is printed with the name: not a column")
        if not isinstance(header, str) or not header.strip():
            raise DataError(where, f"the header of '{name}' must be text")
        if any(c.name == name for c in columns):
            raise DataError(where, f"column '{name}' is listed twice")
        columns.append(Column(name, header.strip()))
    if "smelter_name" not in [x.name for x in columns]:
        raise DataError(doc.where(key), "'annex.columns' must show 'smelter_name'")
    return tuple(columns)


def _check_header(path: Path, header: list[str] | None, shown: tuple[Column, ...]) -> list[str]:
    if not header:
        raise DataError(Location(path, 1), "empty file: expected a header row")
    header = [h.strip() for h in header]
    problems = []
    for name in REQUIRED_COLUMNS:
        if name not in header:
            problems.append(DataError(Location(path, 1), f"missing column '{name}'"))
    for column in shown:
        if column.name not in header and column.name not in REQUIRED_COLUMNS:
            problems.append(
                DataError(
                    Location(path, 1),
                    f"missing column '{column.name}' (facts.yml annex.columns prints it)",
                )
            )
    allowed = [*KNOWN_COLUMNS, *(c.name for c in shown if c.name not in KNOWN_COLUMNS)]
    for name in header:
        if name not in allowed:
            problems.append(
                DataError(
                    Location(path, 1),
                    f"unknown column '{name}' (allowed: {', '.join(allowed)}; a column of "
                    "your own is printed once facts.yml names it under annex.columns)",
                )
            )
    if len(set(header)) != len(header):
        problems.append(DataError(Location(path, 1), "a column name appears twice"))
    if problems:
        raise DataProblems(problems)
    return header


@dataclass(frozen=True)
class AnnexFile:
    """The rows of an Annex CSV, and whether it has a status column at all."""

    rows: list[AnnexRow]
    has_status: bool


def parse_annex(
    path: Path,
    text: str,
    reference: Reference,
    label_set: str,
    footnotes: dict[str, Any],
    columns: tuple[Column, ...] | None = None,
) -> list[AnnexRow]:
    """Check and convert the CSV text; every problem in the file is reported in one message.
    An Annex with no rows is returned empty (a draft may not have one yet; see `load_year`)."""
    return parse_annex_file(path, text, reference, label_set, footnotes, columns).rows


def parse_annex_file(
    path: Path,
    text: str,
    reference: Reference,
    label_set: str,
    footnotes: dict[str, Any],
    columns: tuple[Column, ...] | None = None,
    keep_duplicates: bool = False,
) -> AnnexFile:
    """`parse_annex`, saying whether the file has a status column. `keep_duplicates` (a filed
    year that keeps rows printed twice, `annex.duplicates_as_filed`): a row repeating a facility
    is kept, marked with the line it repeats (`AnnexRow.repeats`), instead of refused."""
    labels: LabelSet = reference.statuses.label_set(label_set)
    shown = columns or ()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _check_header(path, next(reader, None), shown)
    has_status = "status" in header
    extra_columns = [c for c in header if c not in KNOWN_COLUMNS]
    rows: list[AnnexRow] = []
    problems: list[DataError] = []
    seen: dict[tuple[str, ...], int] = {}
    for where, record in csv_records(reader, path, header, problems):
        number = reader.line_num
        record.setdefault("smelter_id", "")
        record.setdefault("footnote", "")
        record.setdefault("status", "")
        row_problems = []
        metal = reference.metals.resolve(record["metal"])
        if metal is None:
            known = ", ".join(reference.metals.canonical)
            row_problems.append(f"unknown metal '{record['metal']}' (known: {known})")
        status = record["status"]
        bucket = labels.bucket_of(status) if has_status else ""
        if bucket is None:
            allowed = ", ".join(repr(word) for word in labels.words)
            row_problems.append(
                f"status '{status}' is not in label set '{label_set}' (allowed: {allowed})"
            )
        for column in ("smelter_name", "country"):
            if not record[column]:
                row_problems.append(f"blank {column}")
        if record["smelter_id"] and not SMELTER_ID.match(record["smelter_id"]):
            row_problems.append(
                f"smelter_id '{record['smelter_id']}' is not an RMI ID (CID and six digits)"
            )
        if record["footnote"] and record["footnote"] not in footnotes:
            row_problems.append(
                f"footnote marker '{record['footnote']}' is not in facts.yml annex.footnotes"
            )
        if row_problems or metal is None or bucket is None:
            problems.extend(DataError(where, p) for p in row_problems)
            continue
        keys = facility_keys(metal, record["smelter_id"], record["smelter_name"], record["country"])
        duplicate = next((seen[k] for k in keys if k in seen), None)
        if duplicate is not None and not keep_duplicates:
            problems.append(DataError(where, f"duplicate row: same facility as line {duplicate}"))
            continue
        for key in keys:
            seen.setdefault(key, number)
        rows.append(
            AnnexRow(
                line=number,
                metal=metal,
                smelter_id=record["smelter_id"],
                smelter_name=record["smelter_name"],
                country=record["country"],
                status=status,
                bucket=bucket,
                footnote=record["footnote"],
                extra=tuple((c, record[c]) for c in extra_columns),
                repeats=duplicate or 0,
            )
        )
    if problems:
        raise DataProblems(problems)
    return AnnexFile(rows, has_status)


def load_annex(
    path: Path,
    reference: Reference,
    label_set: str,
    footnotes: dict[str, Any],
    columns: tuple[Column, ...] | None = None,
    keep_duplicates: bool = False,
) -> AnnexFile:
    text = read_text(path, encoding="utf-8-sig")
    return parse_annex_file(path, text, reference, label_set, footnotes, columns, keep_duplicates)
