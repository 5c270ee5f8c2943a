"""Every figure the report prints, computed from the Annex and the year's facts.

The prose reads these; nothing is counted by hand. A figure lives here once, so the site, the
EDGAR export and the pre-filing checks cannot disagree. What the named counts add up (which
buckets are "other") and which rows are "at greater risk" are rules in `statuses.yml`.

A year whose Annex has no status column (a filer that printed none) has no figure by status: its
`by_bucket`, `by_status` and named counts are empty, and asking for one (`figures.conformant`,
`figures.by_status['Active']`) raises `StatusMissing` with a message a page's author can act on,
never a zero nobody counted. When such a filer printed a status summary by metal
(`annex-summary.csv`, see `cmrkit.year.annex_summary`), its counts are the figures by status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from cmrkit.errors import CmrkitError
from cmrkit.reference.load import LabelSet, Reference, SanctionEntry
from cmrkit.year.annex import AnnexRow
from cmrkit.year.annex_summary import StatusSummary
from cmrkit.year.facts import Facts

# The figures a year may lack (None: nobody gave a fact they are made from), each with the facts
# of `facts.yml` it is made from. A page prints such a figure as a FILL blank, bare or through a
# filter, and `cmrkit check` names these facts, with every page line that prints the blank
# (`cmrkit.checks.blanks`). A figure typed `... | None` must be listed here (a test checks it).
ASKED_FACT = "rcoi.contract_manufacturers_asked"
ANSWERING_FACT = "rcoi.contract_manufacturers_answering"
MADE_FROM: dict[str, tuple[str, ...]] = {
    "suppliers_asked": (ASKED_FACT,),
    "suppliers_answering": (ANSWERING_FACT,),
    "response_rate": (ASKED_FACT, ANSWERING_FACT),
    "suppliers_not_answering": (ASKED_FACT, ANSWERING_FACT),
}


def printing_names(fact: str) -> tuple[str, ...]:
    """The page variables that print `fact` or a figure made from it."""
    return (
        f"facts.{fact}",
        *(f"figures.{name}" for name, made in MADE_FROM.items() if fact in made),
    )


# Why no distinct count by status exists when the rows carry none, the status summary counts
# rows as printed and a facility is printed twice: the repeated row's status is not known.
SUMMARY_OF_ROWS = (
    "this year's statuses come from the filed status summary (annex-summary.csv), which counts "
    "rows as printed, and a facility is printed twice, so no count of each facility once by "
    "status exists; state the rows' count (figures.by_status), or give each row of the Annex its "
    "status"
)


class StatusMissing(CmrkitError):
    """A figure by status asked of a year whose Annex gives no status."""

    def __init__(self, name: str, why: str = "") -> None:
        super().__init__(
            f"no figure '{name}': "
            + (
                why
                or "this year's Annex has no status column (the report prints no status), so no "
                "count by status exists; state none, or give each row of the Annex its status"
            )
        )


class NoStatus(Mapping[str, int]):
    """The counts by status of an Annex without statuses: empty when listed, an error when one
    is asked for by name (a missing count must not read as zero)."""

    def __init__(self, what: str, why: str = "") -> None:
        self.what = what
        self.why = why

    def __getitem__(self, key: str) -> int:
        raise StatusMissing(f"{self.what}['{key}']", self.why)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@dataclass(frozen=True)
class MetalCounts:
    metal: str
    total: int
    by_bucket: Mapping[str, int]
    by_status: Mapping[str, int] = field(default_factory=dict)  # printed word -> rows
    # The metal's facilities, each once (`total` less the rows a filed report printed twice).
    facilities: int = 0


@dataclass(frozen=True)
class Figures:
    total: int  # Annex rows as printed (a facility a filed report prints twice counts twice)
    by_bucket: Mapping[str, int]  # every bucket of statuses.yml
    by_metal: tuple[MetalCounts, ...]
    covered_country_rows: int
    greater_risk: int  # rows meeting a greater_risk rule of statuses.yml
    sanctioned: tuple[tuple[AnnexRow, SanctionEntry], ...]
    suppliers_asked: int | None  # None: not given (the pages print a blank, check names it)
    suppliers_answering: int | None  # None: not given, like the number asked
    by_status: Mapping[str, int] = field(default_factory=dict)  # the year's words, in set order
    counts: Mapping[str, int] = field(default_factory=dict)  # named counts of statuses.yml
    has_status: bool = True
    # The names of the figures by status (named counts and buckets), which exist only with status.
    status_names: frozenset[str] = frozenset()

    def __getattr__(self, name: str) -> int:
        # `figures.conformant`, `figures.other`, `figures.suspended`: a named count of
        # statuses.yml, else a bucket. Only called for names that are not fields.
        if name.startswith("_"):
            raise AttributeError(name)
        if not self.__dict__.get("has_status", True) and name in self.__dict__["status_names"]:
            raise StatusMissing(name)
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
    # Distinct facilities: the rows less those repeating a facility listed above them (kept as
    # filed, `annex.duplicates_as_filed`). Every other count here is of rows as printed.
    facilities: int = 0
    # `by_status` with each facility once: the same counts unless a filed report printed a
    # facility twice (see `compute_figures` for a year whose statuses come from its summary).
    facilities_by_status: Mapping[str, int] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        """Answering / asked; None when either is not given (no rate is stated)."""
        if self.suppliers_asked is None or self.suppliers_answering is None:
            return None
        return self.suppliers_answering / self.suppliers_asked if self.suppliers_asked else 0.0

    @property
    def suppliers_not_answering(self) -> int | None:
        if self.suppliers_asked is None or self.suppliers_answering is None:
            return None
        return self.suppliers_asked - self.suppliers_answering


def _bucketed(by_word: Counter[str], labels: LabelSet) -> Counter[str]:
    out: Counter[str] = Counter()
    for word, count in by_word.items():
        out[labels.bucket_of(word) or ""] += count
    return out


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
    *,
    has_status: bool = True,
    declarations: dict[str, int] | None = None,
    summary: StatusSummary | None = None,
) -> Figures:
    """The year's figures; with `has_status` False (an Annex without statuses), none by
    status, unless the filed report's status summary (`summary`) gives them: then the figures by
    status (total and by metal) are the printed counts."""
    statuses = reference.statuses
    buckets = statuses.buckets
    labels = labels or statuses.label_set(facts.annex.status_labels)
    by_bucket = Counter(row.bucket for row in rows)
    by_word = Counter(row.status for row in rows)
    filed = summary if not has_status else None  # the printed counts stand for the rows'
    if filed is not None:
        by_word = Counter(filed.by_status())
        by_bucket = _bucketed(by_word, labels)
        has_status = True
    by_metal = []
    for metal in reference.metals.canonical:
        metal_rows = [row for row in rows if row.metal == metal]
        counts = Counter(row.bucket for row in metal_rows)
        words = Counter(row.status for row in metal_rows)
        if filed is not None:
            words = Counter(filed.by_status(metal))
            counts = _bucketed(words, labels)
        by_metal.append(
            MetalCounts(
                metal,
                len(metal_rows),
                {b: counts[b] for b in buckets} if has_status else NoStatus(f"{metal}.by_bucket"),
                {w: words[w] for w in labels.words}
                if has_status
                else NoStatus(f"{metal}.by_status"),
                facilities=sum(1 for row in metal_rows if not row.repeats),
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
        by_bucket={b: by_bucket[b] for b in buckets} if has_status else NoStatus("by_bucket"),
        by_metal=tuple(by_metal),
        covered_country_rows=len(covered),
        greater_risk=sum(1 for row in rows if is_greater_risk(row, reference, id(row) in listed)),
        sanctioned=sanctioned,
        suppliers_asked=rcoi.contract_manufacturers_asked,
        suppliers_answering=rcoi.contract_manufacturers_answering,
        by_status={w: by_word[w] for w in labels.words} if has_status else NoStatus("by_status"),
        counts={
            name: sum(by_bucket[b] for b in members) for name, members in statuses.counts.items()
        }
        if has_status
        else NoStatus("counts"),
        has_status=has_status,
        status_names=frozenset(statuses.counts) | frozenset(buckets),
        declarations=dict(declarations or {}),
        facilities=sum(1 for row in rows if not row.repeats),
        facilities_by_status=_facilities_by_status(rows, labels, by_word, has_status, filed),
    )


def _facilities_by_status(
    rows: list[AnnexRow],
    labels: LabelSet,
    by_word: Counter[str],
    has_status: bool,
    filed: StatusSummary | None,
) -> Mapping[str, int]:
    """The counts by status word of each facility once. The rows carry the facility key the
    loader found (`AnnexRow.repeats`, from `annex.facility_keys`); a summary counts rows as
    printed, so with a row printed twice it gives no such count (the row's status is unknown)."""
    repeated = any(row.repeats for row in rows)
    if not has_status:
        return NoStatus("facilities_by_status")
    if filed is not None:
        if repeated:
            return NoStatus("facilities_by_status", SUMMARY_OF_ROWS)
        return {w: by_word[w] for w in labels.words}
    once = Counter(row.status for row in rows if not row.repeats)
    return {w: once[w] for w in labels.words}
