"""Every figure the report prints, computed from the Annex and the year's facts.

The prose reads these; nothing is counted by hand. A figure lives here once, so the site, the
EDGAR export and the pre-filing checks cannot disagree. What the named counts add up (which
buckets are "other") and which rows are "at greater risk" are rules in `statuses.yml`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cmrkit.reference.load import LabelSet, Reference, SanctionEntry
from cmrkit.year.annex import AnnexRow
from cmrkit.year.facts import Facts


@dataclass(frozen=True)
class MetalCounts:
    metal: str
    total: int
    by_bucket: dict[str, int]
    by_status: dict[str, int] = field(default_factory=dict)  # printed word -> rows


@dataclass(frozen=True)
class Figures:
    total: int
    by_bucket: dict[str, int]  # every bucket of statuses.yml
    by_metal: tuple[MetalCounts, ...]
    covered_country_rows: int
    greater_risk: int  # rows meeting a greater_risk rule of statuses.yml
    sanctioned: tuple[tuple[AnnexRow, SanctionEntry], ...]
    suppliers_asked: int | None  # None: not given (the pages print a blank, check names it)
    suppliers_answering: int
    by_status: dict[str, int] = field(default_factory=dict)  # the year's words, in set order
    counts: dict[str, int] = field(default_factory=dict)  # named counts of statuses.yml

    def __getattr__(self, name: str) -> int:
        # `figures.conformant`, `figures.other`, `figures.suspended`: a named count of
        # statuses.yml, else a bucket. Only called for names that are not fields.
        if name.startswith("_"):
            raise AttributeError(name)
        counts = self.__dict__.get("counts") or {}
        if name in counts:
            return counts[name]
        buckets = self.__dict__.get("by_bucket") or {}
        if name in buckets:
            return buckets[name]
        raise AttributeError(f"no figure '{name}'")

    # The CMRTs answering by declaration scope (company, product, user_defined, blank), as the
    # ingest run counted them; empty when the year's RCOI counts are typed.
    declarations: dict[str, int] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        """Answering / asked; None when the number asked is not given (no rate is stated)."""
        if self.suppliers_asked is None:
            return None
        return self.suppliers_answering / self.suppliers_asked if self.suppliers_asked else 0.0

    @property
    def suppliers_not_answering(self) -> int | None:
        if self.suppliers_asked is None:
            return None
        return self.suppliers_asked - self.suppliers_answering


def is_greater_risk(row: AnnexRow, reference: Reference, sanctioned: bool) -> bool:
    covered = reference.is_covered_country(row.country)
    return any(
        rule.matches(covered_country=covered, bucket=row.bucket, sanctioned=sanctioned)
        for rule in reference.statuses.greater_risk
    )


def compute_figures(
    rows: list[AnnexRow],
    facts: Facts,
    reference: Reference,
    labels: LabelSet | None = None,
    declarations: dict[str, int] | None = None,
) -> Figures:
    statuses = reference.statuses
    buckets = statuses.buckets
    labels = labels or statuses.label_set(facts.annex.status_labels)
    by_bucket = Counter(row.bucket for row in rows)
    by_word = Counter(row.status for row in rows)
    by_metal = []
    for metal in reference.metals.canonical:
        metal_rows = [row for row in rows if row.metal == metal]
        counts = Counter(row.bucket for row in metal_rows)
        words = Counter(row.status for row in metal_rows)
        by_metal.append(
            MetalCounts(
                metal,
                len(metal_rows),
                {b: counts[b] for b in buckets},
                {w: words[w] for w in labels.words},
            )
        )
    covered = [row for row in rows if reference.is_covered_country(row.country)]
    sanctioned = tuple(
        (row, entry)
        for row in rows
        for entry in reference.sanctions_for(row.metal, row.smelter_name, row.smelter_id or None)
    )
    listed = {id(row) for row, _ in sanctioned}
    rcoi = facts.rcoi
    return Figures(
        total=len(rows),
        by_bucket={b: by_bucket[b] for b in buckets},
        by_metal=tuple(by_metal),
        covered_country_rows=len(covered),
        greater_risk=sum(1 for row in rows if is_greater_risk(row, reference, id(row) in listed)),
        sanctioned=sanctioned,
        suppliers_asked=rcoi.contract_manufacturers_asked,
        suppliers_answering=rcoi.contract_manufacturers_answering,
        by_status={w: by_word[w] for w in labels.words},
        counts={
            name: sum(by_bucket[b] for b in members) for name, members in statuses.counts.items()
        },
        declarations=dict(declarations or {}),
    )
