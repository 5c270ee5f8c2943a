"""Classify consolidated facilities: RMI status onto the report's labels, Covered Countries and
sanctions lists.

The status list maps smelter IDs to RMI's words, read from RMI's facility lists by
`cmrkit.ingest.rmi_lists`. RMI's words change over the years ("Compliant", "Conformant", ...),
so the mapping from a word to a bucket, and from a bucket to the label a report prints, is data in
`data/reference/statuses.yml`, never code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cmrkit.ingest.consolidate import Facility
from cmrkit.ingest.problems import Problem
from cmrkit.reference.load import Reference, SanctionEntry


@dataclass(frozen=True)
class StatusList:
    """Smelter ID -> RMI word, from every list given; an ID on none is not on RMI's lists."""

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
