"""Hand decisions on an Annex built from the ingest run: `data/<year>/annex-decisions.csv`.

The run says which facilities suppliers named and how RMI lists them; a person still decides a
few things, and each decision is a reviewed line with its reason:

    metal,smelter_id,smelter_name,country,decision,value,reason
    Gold,CID003185,,,footnote,*,OFAC SDN since 2022-03-17: the note under the Annex explains
    Tin,,Acme Trading,GERMANY,exclude,,not a smelter: a trader
    Tin,CID000292,,,label,Active,RMI re-audit in progress per RMI e-mail of 2025-02-11

A row names its facility by metal and smelter ID (name and country, if also given, must be the
run's), or, for a facility RMI does not list, by metal, name and country. `decision` is
`footnote` (value: a marker of facts.yml `annex.footnotes`), `exclude` (no value: the facility
is not an Annex row), or `label` (value: a label of the year's label set, which also moves the
row to that label's bucket). `reason` is required. Matching the run happens in
`cmrkit.year.annex_run`, where a decision that matches no facility is an error.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.files.csvrows import csv_records
from cmrkit.files.textfile import read_text
from cmrkit.reference.load import Reference
from cmrkit.year.annex import SMELTER_ID

FILE = "annex-decisions.csv"
COLUMNS = ("metal", "smelter_id", "smelter_name", "country", "decision", "value", "reason")
DECISIONS = ("footnote", "exclude", "label")
HEADER = ",".join(COLUMNS) + "\n"


@dataclass(frozen=True)
class Decision:
    path: Path
    line: int
    metal: str
    smelter_id: str
    smelter_name: str
    country: str
    decision: str
    value: str
    reason: str

    @property
    def where(self) -> Location:
        return Location(self.path, self.line)

    def names(self) -> str:
        """The facility as the row names it, for messages."""
        who = self.smelter_id or f"'{self.smelter_name}' ({self.country})"
        return f"{self.metal} {who}"


def parse_decisions(
    path: Path, text: str, reference: Reference, labels: dict[str, str], footnotes: set[str]
) -> list[Decision]:
    """Check every row against the vocabularies; all problems of the file in one message.

    `labels` is the year's label set (bucket -> label), `footnotes` its declared markers."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, None) or []]
    except csv.Error as exc:
        raise DataError(Location(path, 1), f"bad CSV: {exc}") from None
    if not header:
        raise DataError(Location(path, 1), f"empty file: expected the header {HEADER.strip()}")
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        raise DataError(
            Location(path, 1),
            f"the header must name the columns {', '.join(COLUMNS)} once each"
            + (f" (missing: {', '.join(missing)})" if missing else "")
            + (f" (unknown: {', '.join(unknown)})" if unknown else ""),
        )
    decisions: list[Decision] = []
    problems: list[DataError] = []
    try:
        for where, record in csv_records(reader, path, header, problems):
            found = _row_problems(record, reference, labels, footnotes)
            if found:
                problems.extend(DataError(where, p) for p in found)
                continue
            decisions.append(
                Decision(
                    path=path,
                    line=reader.line_num,
                    metal=reference.metals.resolve(record["metal"]) or record["metal"],
                    smelter_id=record["smelter_id"].upper(),
                    smelter_name=record["smelter_name"],
                    country=record["country"],
                    decision=record["decision"].casefold(),
                    value=record["value"],
                    reason=record["reason"],
                )
            )
    except csv.Error as exc:
        problems.append(DataError(Location(path, reader.line_num), f"bad CSV: {exc}"))
    if problems:
        raise DataProblems(problems)
    return decisions


def _row_problems(
    record: dict[str, str], reference: Reference, labels: dict[str, str], footnotes: set[str]
) -> list[str]:
    found = []
    if reference.metals.resolve(record["metal"]) is None:
        found.append(
            f"unknown metal '{record['metal']}' (known: {', '.join(reference.metals.canonical)})"
        )
    if not record["smelter_id"] and not (record["smelter_name"] and record["country"]):
        found.append("name the facility: smelter_id, or smelter_name and country")
    if record["smelter_id"] and not SMELTER_ID.match(record["smelter_id"].upper()):
        found.append(f"smelter_id '{record['smelter_id']}' is not an RMI ID (CID and six digits)")
    decision = record["decision"].casefold()
    value = record["value"]
    if decision not in DECISIONS:
        found.append(f"decision '{record['decision']}' is not one of {', '.join(DECISIONS)}")
    elif decision == "footnote" and value not in footnotes:
        declared = ", ".join(repr(m) for m in sorted(footnotes)) or "none"
        found.append(
            f"footnote marker '{value}' is not in facts.yml annex.footnotes (declared: {declared}):"
            f" declare it there with the sanctions.yml entry its note explains, e.g. "
            f'`footnotes: {{"{value}": ofac-sdn-agr}}` under `annex:` (`cmrkit check` names '
            "the entry of each listed facility)"
        )
    elif decision == "exclude" and value:
        found.append(f"an exclusion takes no value (found '{value}'): say why in 'reason'")
    elif decision == "label" and value not in labels.values():
        allowed = ", ".join(repr(label) for label in labels.values())
        found.append(f"label '{value}' is not in the year's label set (allowed: {allowed})")
    if not record["reason"]:
        found.append("blank reason: every decision says why")
    return found


def load_decisions(
    path: Path, reference: Reference, labels: dict[str, str], footnotes: set[str]
) -> list[Decision]:
    """The year's decisions; no file means none."""
    if not path.is_file():
        return []
    return parse_decisions(
        path, read_text(path, encoding="utf-8-sig"), reference, labels, footnotes
    )
