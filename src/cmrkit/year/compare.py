"""Year-over-year comparison of the Annex: which facilities came, went or changed, and counts.

A facility is the same from one year to the next when metal and RMI smelter ID agree (both rows
have one), else when metal and name agree, case and spacing aside: suppliers' CMRTs spell names
differently over the years, while the ID is stable. Returned as data; pages and the review diff
render it."""

from __future__ import annotations

from dataclasses import dataclass

from cmrkit.reference.load import fold
from cmrkit.year.annex import AnnexRow
from cmrkit.year.report import YearReport


@dataclass(frozen=True)
class Changed:
    old: AnnexRow
    new: AnnexRow
    fields: tuple[str, ...]  # "status" compares buckets, not labels

    @property
    def status_changed(self) -> bool:
        return "status" in self.fields


@dataclass(frozen=True)
class Comparison:
    old_year: int
    new_year: int
    added: tuple[AnnexRow, ...]
    removed: tuple[AnnexRow, ...]
    changed: tuple[Changed, ...]

    @property
    def status_changes(self) -> tuple[Changed, ...]:
        return tuple(c for c in self.changed if c.status_changed)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _differences(old: AnnexRow, new: AnnexRow) -> tuple[str, ...]:
    fields = []
    # A year whose Annex has no status (bucket "") says nothing about a change of status.
    if old.bucket and new.bucket and old.bucket != new.bucket:
        fields.append("status")
    if " ".join(old.smelter_name.split()) != " ".join(new.smelter_name.split()):
        fields.append("smelter_name")
    if fold(old.country) != fold(new.country):
        fields.append("country")
    if old.footnote != new.footnote:
        fields.append("footnote")
    if old.smelter_id != new.smelter_id:
        fields.append("smelter_id")
    return tuple(fields)


def match_rows(
    old: list[AnnexRow], new: list[AnnexRow]
) -> tuple[list[tuple[AnnexRow, AnnexRow]], list[AnnexRow], list[AnnexRow]]:
    """Pairs (old, new), then unmatched old rows and unmatched new rows, in file order.
    IDs are matched first, so a renamed facility with an ID stays one facility."""
    pairs: dict[int, AnnexRow] = {}  # index in new -> matched old row
    used_old: set[int] = set()
    by_id = {(r.metal, r.smelter_id): i for i, r in enumerate(old) if r.smelter_id}
    for j, row in enumerate(new):
        i = by_id.get((row.metal, row.smelter_id)) if row.smelter_id else None
        if i is not None and i not in used_old:
            pairs[j] = old[i]
            used_old.add(i)
    by_name: dict[tuple[str, str], int] = {}
    for i, row in enumerate(old):
        if i not in used_old:
            by_name.setdefault((row.metal, fold(row.smelter_name)), i)
    for j, row in enumerate(new):
        if j in pairs:
            continue
        i = by_name.get((row.metal, fold(row.smelter_name)))
        if i is None or i in used_old:
            continue
        if row.smelter_id and old[i].smelter_id and row.smelter_id != old[i].smelter_id:
            continue  # both have IDs and they differ: two facilities sharing a name
        pairs[j] = old[i]
        used_old.add(i)
    matched = [(pairs[j], new[j]) for j in sorted(pairs)]
    removed = [row for i, row in enumerate(old) if i not in used_old]
    added = [row for j, row in enumerate(new) if j not in pairs]
    return matched, removed, added


def compare_annex(
    old_year: int, old: list[AnnexRow], new_year: int, new: list[AnnexRow]
) -> Comparison:
    matched, removed, added = match_rows(old, new)
    changed = []
    for before, after in matched:
        fields = _differences(before, after)
        if fields:
            changed.append(Changed(before, after, fields))
    return Comparison(old_year, new_year, tuple(added), tuple(removed), tuple(changed))


def compare_years(old: YearReport, new: YearReport) -> Comparison:
    return compare_annex(old.year, old.annex, new.year, new.annex)


@dataclass(frozen=True)
class YearCounts:
    year: int
    total: int
    by_bucket: dict[str, int]
    by_metal: dict[str, dict[str, int]]  # metal -> bucket -> rows, plus "total"
    labels: dict[str, str]  # bucket -> the word that year's report prints
    has_status: bool = True  # False: that year's Annex has no status, so no count by status


def year_counts(report: YearReport) -> YearCounts:
    figures = report.figures
    by_metal = {m.metal: {**m.by_bucket, "total": m.total} for m in figures.by_metal}
    return YearCounts(
        report.year,
        figures.total,
        dict(figures.by_bucket),
        by_metal,
        report.labels,
        report.has_status,
    )


def previous_year(years: list[int], year: int) -> int | None:
    earlier = [y for y in years if y < year]
    return earlier[-1] if earlier else None
