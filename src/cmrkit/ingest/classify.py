"""Classify consolidated facilities: RMI status onto the report's labels, Covered Countries and
sanctions lists.

The status list is a CSV a user exports from RMI's facility lists (one row per smelter ID with
its RMI status). RMI's words change over the years ("Compliant", "Conformant", ...), so the
mapping from a word to a bucket, and from a bucket to the label a report prints, is data in
`data/reference/statuses.yml`, never code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.errors import DataError, Location
from cmrkit.files.yamlio import load_yaml
from cmrkit.ingest.cmrt.lookup import normalize_id
from cmrkit.ingest.consolidate import Facility
from cmrkit.ingest.problems import Problem
from cmrkit.reference.files import reference_file
from cmrkit.reference.load import Reference, SanctionEntry, fold

DEFAULT_LIST_COLUMNS = {
    "smelter_id": ("smelter id", "facility id", "cid", "smelter_id"),
    "status": ("rmi status", "status", "rmi_status"),
}


@dataclass(frozen=True)
class StatusList:
    source: str
    statuses: dict[str, str]  # smelter ID -> RMI word as exported
    problems: tuple[Problem, ...] = ()


@dataclass
class Classification:
    rmi_status: str = ""
    bucket: str = ""
    label: str = ""
    covered_country: bool = False
    sanctions: list[SanctionEntry] = field(default_factory=list)


def list_columns(reference_dir: Path | None) -> dict[str, tuple[str, ...]]:
    """Header spellings of a status list, from statuses.yml (`status_list_columns`): the
    repository's own in `reference_dir` when it has one, else the packaged one."""
    data = load_yaml(reference_file("statuses.yml", reference_dir)).data or {}
    spec = data.get("status_list_columns") or {}
    columns = dict(DEFAULT_LIST_COLUMNS)
    for key in columns:
        if spec.get(key):
            columns[key] = tuple(fold(name) for name in spec[key])
    return columns


def load_status_list(
    path: Path, reference: Reference, columns: dict[str, tuple[str, ...]]
) -> StatusList:
    """Read a status CSV; rows with an unknown status word are reported, not guessed."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(Location(path), f"cannot read status list: {exc.strerror}") from None
    statuses: dict[str, str] = {}
    problems: list[Problem] = []
    with handle:
        try:
            reader = csv.DictReader(handle)
            headers = {fold(h): h for h in reader.fieldnames or [] if h}
            chosen: dict[str, str] = {}
            for key, spellings in columns.items():
                for spelling in spellings:
                    if spelling in headers:
                        chosen[key] = headers[spelling]
                        break
                else:
                    raise DataError(
                        Location(path, 1),
                        f"status list has no {key} column (looked for: {', '.join(spellings)})",
                    )
            for row in reader:
                line = reader.line_num

                def warn(code: str, reason: str, line: int = line) -> None:
                    problems.append(Problem(path.name, "", f"line {line}", "warning", code, reason))

                sid = normalize_id(row.get(chosen["smelter_id"]) or "")
                word = " ".join((row.get(chosen["status"]) or "").split())
                if not sid:
                    if any((value or "").strip() for value in row.values()):
                        warn("no_smelter_id", "status list row without a smelter ID: not used")
                    continue
                if word and reference.statuses.bucket_of_rmi(word) is None:
                    warn(
                        "unknown_status",
                        f"status {word!r} of {sid} is not in statuses.yml rmi_statuses; "
                        "the facility is counted in the default bucket of statuses.yml",
                    )
                previous = statuses.setdefault(sid, word)
                if previous != word:
                    warn(
                        "conflicting_status",
                        f"{sid} is listed as {previous!r} and {word!r}; the first wins",
                    )
        except UnicodeDecodeError as exc:
            raise DataError(Location(path), f"not UTF-8 text ({exc.reason})") from None
        except csv.Error as exc:
            raise DataError(Location(path, reader.line_num), f"bad CSV: {exc}") from None
    return StatusList(str(path), statuses, tuple(problems))


def classify(
    facility: Facility,
    reference: Reference,
    status_list: StatusList | None,
    label_set: str,
) -> Classification:
    """Status, Covered Country and sanctions of one facility."""
    result = Classification()
    if status_list is not None:
        word = status_list.statuses.get(facility.smelter_id, "") if facility.listed else ""
        bucket = reference.statuses.bucket_of_rmi(word) if word else None
        result.rmi_status = word
        result.bucket = bucket or reference.statuses.default_bucket
        result.label = reference.statuses.label_set(label_set).word_for(result.bucket) or ""
    result.covered_country = reference.is_covered_country(facility.country)
    result.sanctions = reference.sanctions_for(
        facility.metal, facility.smelter_name, facility.smelter_id or None
    )
    return result


def sanctions_text(entries: list[SanctionEntry]) -> str:
    """How a sanctions hit reads in the CSV: list, date and source of each entry."""
    return "; ".join(f"{e.list} ({e.date.isoformat()}, {e.id}): {e.source}" for e in entries)
