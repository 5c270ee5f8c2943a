"""The Annex (`data/<year>/annex.csv`): one row per line of the report's smelter table.

The CSV is edited by hand and by `cmrkit ingest`, so every row is checked against the reference
vocabularies; a bad row stops the build with its line, and nothing is silently skipped."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.files.textfile import read_text
from cmrkit.reference.load import Reference, fold

REQUIRED_COLUMNS = ("metal", "smelter_name", "country", "status", "footnote")
OPTIONAL_COLUMNS = ("smelter_id",)
SMELTER_ID = re.compile(r"^(CID\d{6}|[0-9][A-Z]{3}[0-9]{3})$")


@dataclass(frozen=True)
class AnnexRow:
    line: int
    metal: str
    smelter_id: str
    smelter_name: str
    country: str
    status: str  # the label as printed in the report
    bucket: str  # conformant, active or other
    footnote: str

    @property
    def display_name(self) -> str:
        """The name as the filed table prints it: footnote marker attached."""
        return self.smelter_name + self.footnote


def _check_header(path: Path, header: list[str] | None) -> list[str]:
    if not header:
        raise DataError(Location(path, 1), "empty file: expected a header row")
    header = [h.strip() for h in header]
    problems = []
    for column in REQUIRED_COLUMNS:
        if column not in header:
            problems.append(DataError(Location(path, 1), f"missing column '{column}'"))
    for column in header:
        if column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            allowed = ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
            problems.append(
                DataError(Location(path, 1), f"unknown column '{column}' (allowed: {allowed})")
            )
    if len(set(header)) != len(header):
        problems.append(DataError(Location(path, 1), "a column name appears twice"))
    if problems:
        raise DataProblems(problems)
    return header


def parse_annex(
    path: Path, text: str, reference: Reference, label_set: str, footnotes: dict[str, str]
) -> list[AnnexRow]:
    """Check and convert the CSV text; every problem in the file is reported in one message."""
    labels = reference.statuses.labels(label_set)
    bucket_of_label = {label: bucket for bucket, label in labels.items()}
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _check_header(path, next(reader, None))
    rows: list[AnnexRow] = []
    problems: list[DataError] = []
    seen: dict[tuple[str, ...], int] = {}
    for values in reader:
        number = reader.line_num
        where = Location(path, number)
        if not any(v.strip() for v in values):
            problems.append(DataError(where, "blank row (delete it)"))
            continue
        if len(values) != len(header):
            problems.append(
                DataError(where, f"{len(values)} fields where the header has {len(header)}")
            )
            continue
        record = {column: value.strip() for column, value in zip(header, values, strict=True)}
        record.setdefault("smelter_id", "")
        row_problems = []
        metal = reference.metals.resolve(record["metal"])
        if metal is None:
            known = ", ".join(reference.metals.canonical)
            row_problems.append(f"unknown metal '{record['metal']}' (known: {known})")
        status = record["status"]
        if status not in bucket_of_label:
            allowed = ", ".join(repr(label) for label in labels.values())
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
        if row_problems:
            problems.extend(DataError(where, p) for p in row_problems)
            continue
        keys = [("name", metal, fold(record["smelter_name"]), fold(record["country"]))]
        if record["smelter_id"]:
            keys.append(("id", metal, record["smelter_id"]))
        duplicate = next((seen[k] for k in keys if k in seen), None)
        if duplicate is not None:
            problems.append(DataError(where, f"duplicate row: same facility as line {duplicate}"))
            continue
        for key in keys:
            seen[key] = number
        rows.append(
            AnnexRow(
                line=number,
                metal=metal,  # type: ignore[arg-type]
                smelter_id=record["smelter_id"],
                smelter_name=record["smelter_name"],
                country=record["country"],
                status=status,
                bucket=bucket_of_label[status],
                footnote=record["footnote"],
            )
        )
    if problems:
        raise DataProblems(problems)
    if not rows:
        raise DataError(Location(path, 1), "the Annex has no rows")
    return rows


def load_annex(
    path: Path, reference: Reference, label_set: str, footnotes: dict[str, str]
) -> list[AnnexRow]:
    text = read_text(path, encoding="utf-8-sig")
    return parse_annex(path, text, reference, label_set, footnotes)
