"""Every figure the report prints, computed from the Annex and the year's facts.

The prose reads these; nothing is counted by hand. A figure lives here once, so the site, the
EDGAR export and the pre-filing checks cannot disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from cmrkit.reference.load import Reference, SanctionEntry
from cmrkit.year.annex import AnnexRow


@dataclass(frozen=True)
class MetalCounts:
    metal: str
    total: int
    by_bucket: dict[str, int]


@dataclass(frozen=True)
class Figures:
    total: int
    by_bucket: dict[str, int]
    by_metal: tuple[MetalCounts, ...]
    covered_country_rows: int
    greater_risk: int  # rows in a Covered Country whose status is in the third bucket
    sanctioned: tuple[tuple[AnnexRow, SanctionEntry], ...]
    suppliers_asked: int
    suppliers_answering: int

    @property
    def conformant(self) -> int:
        return self.by_bucket["conformant"]

    @property
    def active(self) -> int:
        return self.by_bucket["active"]

    @property
    def other(self) -> int:
        return self.by_bucket["other"]

    @property
    def response_rate(self) -> float:
        return self.suppliers_answering / self.suppliers_asked if self.suppliers_asked else 0.0


def compute_figures(rows: list[AnnexRow], facts: dict[str, Any], reference: Reference) -> Figures:
    buckets = reference.statuses.buckets
    by_bucket = Counter(row.bucket for row in rows)
    by_metal = []
    for metal in reference.metals.canonical:
        metal_rows = [row for row in rows if row.metal == metal]
        counts = Counter(row.bucket for row in metal_rows)
        by_metal.append(MetalCounts(metal, len(metal_rows), {b: counts[b] for b in buckets}))
    covered = [row for row in rows if reference.is_covered_country(row.country)]
    sanctioned = tuple(
        (row, entry)
        for row in rows
        for entry in reference.sanctions_for(row.metal, row.smelter_name, row.smelter_id or None)
    )
    rcoi = facts["rcoi"]
    return Figures(
        total=len(rows),
        by_bucket={b: by_bucket[b] for b in buckets},
        by_metal=tuple(by_metal),
        covered_country_rows=len(covered),
        greater_risk=sum(1 for row in covered if row.bucket == "other"),
        sanctioned=sanctioned,
        suppliers_asked=rcoi["contract_manufacturers_asked"],
        suppliers_answering=rcoi["contract_manufacturers_answering"],
    )
