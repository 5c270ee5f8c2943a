"""The filed status summary (`data/<year>/annex-summary.csv`): counts by metal and status as a
filed report printed them, for a filer whose smelter rows carry no status.

Some filers print their smelters without a status per row and a summary table by metal and
status beside them. Those printed counts are the year's only figures by status, so they are kept
as data (`metal,status,count`, one line a printed cell) rather than invented or left typed in
prose. The file is refused when a metal's counts do not add up to that metal's Annex rows: the
summary and the list must describe the same smelters."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.files.csvrows import csv_records
from cmrkit.files.textfile import read_text
from cmrkit.reference.load import LabelSet, Reference

FILE = "annex-summary.csv"
HEADER = ("metal", "status", "count")


@dataclass(frozen=True)
class StatusSummary:
    """(metal, status word) -> smelters, in the file's order."""

    counts: Mapping[tuple[str, str], int]

    def by_status(self, metal: str | None = None) -> dict[str, int]:
        """Status word -> smelters, for one metal or for all."""
        out: dict[str, int] = {}
        for (m, word), count in self.counts.items():
            if metal is None or m == metal:
                out[word] = out.get(word, 0) + count
        return out


def parse_summary(
    path: Path, text: str, reference: Reference, labels: LabelSet, rows_by_metal: Mapping[str, int]
) -> StatusSummary:
    """Check the summary against the vocabularies and the Annex rows; every problem is reported
    with its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        raise DataError(
            Location(path, 1), f"the header must be {','.join(HEADER)} (got {header or 'nothing'})"
        )
    problems: list[DataError] = []
    counts: dict[tuple[str, str], int] = {}
    lines: dict[tuple[str, str], int] = {}
    last_line: dict[str, int] = {}
    for where, record in csv_records(reader, path, HEADER, problems):
        metal = reference.metals.resolve(record["metal"])
        word = record["status"]
        found = []
        if metal is None:
            known = ", ".join(reference.metals.canonical)
            found.append(f"unknown metal '{record['metal']}' (known: {known})")
        if labels.bucket_of(word) is None:
            allowed = ", ".join(repr(w) for w in labels.words)
            found.append(f"status '{word}' is not in the year's label set (allowed: {allowed})")
        count = record["count"].replace(",", "")
        if not count.isdigit():
            found.append(f"count '{record['count']}' is not a whole number")
        if found or metal is None:
            problems.extend(DataError(where, p) for p in found)
            continue
        key = (metal, word)
        if key in lines:
            problems.append(
                DataError(where, f"{metal} {word} is given twice (also line {lines[key]})")
            )
            continue
        lines[key], counts[key] = where.line or 0, int(count)
        last_line[metal] = where.line or 0
    if problems:
        raise DataProblems(problems)
    summary = StatusSummary(counts)
    for metal, line in last_line.items():
        given = sum(summary.by_status(metal).values())
        listed = rows_by_metal.get(metal, 0)
        if given != listed:
            problems.append(
                DataError(
                    Location(path, line),
                    f"the {metal} counts add up to {given}, but the Annex lists {listed} {metal} "
                    "rows",
                )
            )
    for metal, listed in rows_by_metal.items():
        if listed and metal not in last_line:
            problems.append(
                DataError(
                    Location(path, 1),
                    f"no {metal} counts, but the Annex lists {listed} {metal} rows",
                )
            )
    if problems:
        raise DataProblems(problems)
    return summary


def load_summary(
    path: Path, reference: Reference, labels: LabelSet, rows_by_metal: Mapping[str, int]
) -> StatusSummary:
    return parse_summary(path, read_text(path), reference, labels, rows_by_metal)
