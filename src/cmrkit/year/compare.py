"""Year-over-year comparison of the Annex: which facilities came, went or changed, and counts.

A facility is the same from one year to the next when metal and RMI smelter ID agree (both rows
have one), else, where a row carries no ID (a filer that printed none, a smelter not on RMI's
list), when metal, name and country agree as `cmrkit.reference.names` folds them (case, accents,
quotes, punctuation, spellings of company forms): suppliers' CMRTs and filed reports spell names
differently over the years, while the ID is stable. How many facilities each way matched is part
of the result, for the page to say. Returned as data; pages and the review diff render it."""

from __future__ import annotations

from dataclasses import dataclass

from cmrkit.reference.load import fold
from cmrkit.reference.names import NameRules, load_name_rules
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
    by_id: int = 0  # facilities in both years matched by smelter ID
    by_name: int = 0  # ... by metal, name and country, where a row carries no ID
    # The pairs of rows `by_name` counts, (old, new) in the new year's order: a reviewer reads
    # each to confirm two spellings are one facility (`cmrkit diff` lists them).
    name_matched: tuple[tuple[AnnexRow, AnnexRow], ...] = ()

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


@dataclass(frozen=True)
class Matches:
    pairs: list[tuple[AnnexRow, AnnexRow]]  # (old, new), in the new year's order
    by_name: list[tuple[AnnexRow, AnnexRow]]  # those of `pairs` matched by name and country
    removed: list[AnnexRow]  # old rows matched by none, in file order
    added: list[AnnexRow]  # new rows matched by none, in file order


def match_rows(old: list[AnnexRow], new: list[AnnexRow], rules: NameRules) -> Matches:
    """IDs are matched first, so a renamed facility with an ID stays one facility; then rows of
    which one carries no ID are matched by metal, name and country (`rules`). Two rows whose IDs
    differ are two facilities, whatever their names."""
    pairs: dict[int, AnnexRow] = {}  # index in new -> matched old row
    used_old: set[int] = set()
    by_id = {(r.metal, r.smelter_id): i for i, r in enumerate(old) if r.smelter_id}
    for j, row in enumerate(new):
        i = by_id.get((row.metal, row.smelter_id)) if row.smelter_id else None
        if i is not None and i not in used_old:
            pairs[j] = old[i]
            used_old.add(i)
    id_matched = set(pairs)

    def key(row: AnnexRow) -> tuple[str, str, str]:
        return row.metal, rules.name_key(row.smelter_name), rules.country_key(row.country)

    by_name: dict[tuple[str, str, str], list[int]] = {}  # each key's old rows, in file order
    for i, row in enumerate(old):
        if i not in used_old:
            by_name.setdefault(key(row), []).append(i)
    for j, row in enumerate(new):
        if j in pairs:
            continue
        for i in by_name.get(key(row), ()):
            if i in used_old:
                continue
            if row.smelter_id and old[i].smelter_id and row.smelter_id != old[i].smelter_id:
                continue  # both have IDs and they differ: two facilities sharing a name
            pairs[j] = old[i]
            used_old.add(i)
            break
    return Matches(
        pairs=[(pairs[j], new[j]) for j in sorted(pairs)],
        by_name=[(pairs[j], new[j]) for j in sorted(pairs) if j not in id_matched],
        removed=[row for i, row in enumerate(old) if i not in used_old],
        added=[row for j, row in enumerate(new) if j not in pairs],
    )


def compare_annex(
    old_year: int,
    old: list[AnnexRow],
    new_year: int,
    new: list[AnnexRow],
    rules: NameRules | None = None,
) -> Comparison:
    """`rules`: how names and countries compare (default: cmrkit's facility_names.yml)."""
    matches = match_rows(old, new, rules or load_name_rules())
    changed = []
    for before, after in matches.pairs:
        fields = _differences(before, after)
        if fields:
            changed.append(Changed(before, after, fields))
    return Comparison(
        old_year,
        new_year,
        tuple(matches.added),
        tuple(matches.removed),
        tuple(changed),
        by_id=len(matches.pairs) - len(matches.by_name),
        by_name=len(matches.by_name),
        name_matched=tuple(matches.by_name),
    )


def compare_years(old: YearReport, new: YearReport) -> Comparison:
    """The newer year's repository decides how names compare (its data/reference/)."""
    rules = load_name_rules(new.reference.overrides)
    return compare_annex(old.year, _facilities(old), new.year, _facilities(new), rules)


def _facilities(report: YearReport) -> list[AnnexRow]:
    """The year's rows, each facility once: a row a filed report printed twice (kept as filed)
    is the facility of the row it repeats, not one more added or removed."""
    return [row for row in report.annex if not row.repeats]


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
        report.has_status_figures,
    )


def previous_year(years: list[int], year: int) -> int | None:
    earlier = [y for y in years if y < year]
    return earlier[-1] if earlier else None
