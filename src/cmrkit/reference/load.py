"""Reference knowledge kept as data (shipped in `cmrkit/reference/data/`, overridable file by file
in a repository's `data/reference/`): metals, Covered Countries, status vocabularies and sanctions
entries. Nothing here is hard-coded: a change in the rules is a change
in a YAML file, reviewed like any other data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from cmrkit.errors import DataError
from cmrkit.files.yamlio import PathKey, YamlDoc, known_keys, load_yaml
from cmrkit.reference.files import reference_file

T = TypeVar("T")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key two spellings of a name share: case and runs of blanks do not matter.
    Remembered: an ingest run folds the same few thousand names hundreds of thousands of times."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """Canonical names and every accepted spelling of them."""

    canonical: tuple[str, ...]
    spellings: dict[str, str]

    def resolve(self, text: str) -> str | None:
        return self.spellings.get(fold(text))


@dataclass(frozen=True)
class SanctionEntry:
    id: str
    list: str
    authority: str
    date: dt.date
    facility: str
    country: str
    metal: str
    source: str
    smelter_id: str | None = None


@dataclass(frozen=True)
class LabelSet:
    """The words one report prints for statuses: each word stands for one bucket, or for several
    when the report lumps them together (its first bucket is the word's own)."""

    name: str
    words: dict[str, tuple[str, ...]]  # printed word -> buckets, in the file's order

    def bucket_of(self, word: str) -> str | None:
        buckets = self.words.get(word)
        return buckets[0] if buckets else None

    def word_for(self, bucket: str) -> str | None:
        """The word this set prints for a bucket (the first that stands for it), or None."""
        return next((word for word, buckets in self.words.items() if bucket in buckets), None)


@dataclass(frozen=True)
class RiskRule:
    """One way for an Annex row to be at greater risk: every condition given must hold."""

    covered_country: bool | None = None
    buckets: tuple[str, ...] | None = None
    sanctioned: bool | None = None

    def matches(self, *, covered_country: bool, bucket: str, sanctioned: bool) -> bool:
        return (
            (self.covered_country is None or self.covered_country == covered_country)
            and (self.buckets is None or bucket in self.buckets)
            and (self.sanctioned is None or self.sanctioned == sanctioned)
        )


# The conditions a greater_risk rule of statuses.yml may give (RiskRule's fields).
RISK_CONDITIONS = ("covered_country", "buckets", "sanctioned")


@dataclass(frozen=True)
class StatusVocabulary:
    buckets: tuple[str, ...]
    rmi_statuses: dict[str, str]  # folded RMI word -> bucket
    label_sets: dict[str, LabelSet]
    default_bucket: str = "not_enrolled"
    counts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # figure name -> buckets
    greater_risk: tuple[RiskRule, ...] = ()

    def bucket_of_rmi(self, word: str) -> str | None:
        return self.rmi_statuses.get(fold(word))

    def label_set(self, name: str) -> LabelSet:
        return self.label_sets[name]

    def labels(self, name: str) -> dict[str, str]:
        """Bucket -> the word a label set prints for it, for every bucket the set has a word for,
        in the set's order (a word's own bucket first), so reading it backwards with setdefault
        gives each word its own bucket."""
        out: dict[str, str] = {}
        for word, buckets in self.label_sets[name].words.items():
            for bucket in buckets:
                out.setdefault(bucket, word)
        return out


@dataclass(frozen=True)
class AnnexDefaults:
    """The Annex columns a year prints when its facts name none, and known columns' headers."""

    columns: tuple[str, ...]
    headers: dict[str, str]


@dataclass(frozen=True)
class Reference:
    metals: Vocabulary
    covered_countries: Vocabulary
    statuses: StatusVocabulary
    sanctions: tuple[SanctionEntry, ...]
    annex: AnnexDefaults = field(default_factory=lambda: AnnexDefaults((), {}))
    # The repository's data/reference/ (None: only what cmrkit ships), for the files read on
    # demand (RMI's Smelter Look-ups, `cmrkit.ingest.cmrt.shipped`).
    overrides: Path | None = None

    def is_covered_country(self, country: str) -> bool:
        return self.covered_countries.resolve(country) is not None

    def sanctions_for(
        self, metal: str, name: str, smelter_id: str | None = None
    ) -> list[SanctionEntry]:
        """Entries that name this facility: by RMI smelter ID when both sides have one (RMI's
        standard name need not be the list's spelling), else by name, case and spacing aside."""
        hits = []
        for entry in self.sanctions:
            if fold(entry.metal) != fold(metal):
                continue
            if smelter_id and entry.smelter_id:
                if entry.smelter_id == smelter_id:
                    hits.append(entry)
            elif fold(entry.facility) == fold(name):
                hits.append(entry)
        return hits


def _find(doc: YamlDoc, key: PathKey) -> object:
    value: object = doc.data
    for part in key:
        if isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
            continue
        if not (isinstance(value, dict) and part in value):
            raise DataError(doc.where(key), f"missing '{'.'.join(map(str, key))}'")
        value = value[part]
    return value


def _require(doc: YamlDoc, key: PathKey, kind: type[T]) -> T:
    """The value at `key`, which must be a `kind`; else a DataError naming its line."""
    value = _find(doc, key)
    if not isinstance(value, kind):
        raise DataError(doc.where(key), f"'{'.'.join(map(str, key))}' must be a {kind.__name__}")
    return value


def _vocabulary(doc: YamlDoc, list_key: str) -> Vocabulary:
    items = _require(doc, (list_key,), list)
    canonical: list[str] = []
    spellings: dict[str, str] = {}
    for index in range(len(items)):
        name = str(_require(doc, (list_key, index, "name"), str))
        canonical.append(name)
        names = _require(doc, (list_key, index, "names"), list)
        for spelling in [name, *names]:
            previous = spellings.setdefault(fold(spelling), name)
            if previous != name:
                raise DataError(
                    doc.where((list_key, index, "names")),
                    f"'{spelling}' already names '{previous}'",
                )
    return Vocabulary(tuple(canonical), spellings)


def _bucket_list(
    doc: YamlDoc, key: PathKey, value: object, buckets: tuple[str, ...]
) -> tuple[str, ...]:
    listed = value if isinstance(value, list) else [value]
    if not listed or not all(isinstance(b, str) for b in listed):
        raise DataError(doc.where(key), "expected a bucket or a list of buckets")
    unknown = [b for b in listed if b not in buckets]
    if unknown:
        raise DataError(
            doc.where(key), f"unknown bucket '{unknown[0]}' (buckets: {', '.join(buckets)})"
        )
    return tuple(str(b) for b in listed)


def _risk_rules(doc: YamlDoc, buckets: tuple[str, ...]) -> tuple[RiskRule, ...]:
    rules = []
    for index, rule in enumerate(doc.data.get("greater_risk") or []):
        key: PathKey = ("greater_risk", index)
        known_keys(doc, key, rule, RISK_CONDITIONS, "greater_risk rule", "condition")
        if not rule:
            conditions = ", ".join(RISK_CONDITIONS)
            raise DataError(doc.where(key), f"greater_risk rule gives no condition ({conditions})")
        for flag in ("covered_country", "sanctioned"):
            if flag in rule and not isinstance(rule[flag], bool):
                raise DataError(doc.where((*key, flag)), f"'{flag}' must be true or false")
        listed = rule.get("buckets")
        rules.append(
            RiskRule(
                covered_country=rule.get("covered_country"),
                buckets=None
                if listed is None
                else _bucket_list(doc, (*key, "buckets"), listed, buckets),
                sanctioned=rule.get("sanctioned"),
            )
        )
    return tuple(rules)


def _statuses(doc: YamlDoc) -> StatusVocabulary:
    declared = _find(doc, ("buckets",))
    if not isinstance(declared, dict | list):
        raise DataError(doc.where(("buckets",)), "'buckets' must be a dict or list")
    buckets = tuple(str(b) for b in declared)
    rmi = _require(doc, ("rmi_statuses",), dict)
    rmi_statuses: dict[str, str] = {}
    for word, bucket in rmi.items():
        key: PathKey = ("rmi_statuses", str(word))
        rmi_statuses[fold(word)] = _bucket_list(doc, key, bucket, buckets)[0]
    label_sets: dict[str, LabelSet] = {}
    for name in _require(doc, ("label_sets",), dict):
        words = _require(doc, ("label_sets", name), dict)
        label_sets[str(name)] = LabelSet(
            str(name),
            {
                str(word): _bucket_list(doc, ("label_sets", name, str(word)), value, buckets)
                for word, value in words.items()
            },
        )
    counts = {
        str(name): _bucket_list(doc, ("counts", str(name)), value, buckets)
        for name, value in (doc.data.get("counts") or {}).items()
    }
    default = doc.data.get("default_bucket", buckets[0] if buckets else "")
    if default not in buckets:
        raise DataError(doc.where(("default_bucket",)), f"unknown bucket '{default}'")
    return StatusVocabulary(
        buckets,
        rmi_statuses,
        label_sets,
        default_bucket=str(default),
        counts=counts,
        greater_risk=_risk_rules(doc, buckets),
    )


def _sanctions(doc: YamlDoc) -> tuple[SanctionEntry, ...]:
    entries = []
    for index in range(len(_require(doc, ("entries",), list))):
        text = {
            name: _require(doc, ("entries", index, name), str)
            for name in ("id", "list", "authority", "facility", "country", "metal", "source")
        }
        date = _require(doc, ("entries", index, "date"), dt.date)
        smelter_id = doc.data["entries"][index].get("smelter_id")
        if smelter_id is not None and not (
            isinstance(smelter_id, str) and re.fullmatch(r"CID[0-9]{6}", smelter_id)
        ):
            raise DataError(
                doc.where(("entries", index, "smelter_id")),
                f"'smelter_id' must be an RMI smelter ID like CID003185, not {smelter_id!r}",
            )
        entries.append(
            SanctionEntry(
                id=text["id"],
                list=text["list"],
                authority=text["authority"],
                date=date,
                facility=text["facility"],
                country=text["country"],
                metal=text["metal"],
                source=text["source"],
                smelter_id=smelter_id,
            )
        )
    return tuple(entries)


def _annex(doc: YamlDoc) -> AnnexDefaults:
    columns = _require(doc, ("default_columns",), list)
    headers = _require(doc, ("headers",), dict)
    return AnnexDefaults(
        tuple(str(c) for c in columns),
        {str(k): str(v) for k, v in headers.items()},
    )


def load_reference(overrides: Path | None = None) -> Reference:
    """Read every reference file: the repository's own copy in `overrides` (its
    `data/reference/`) when it has one, else the one shipped with cmrkit. Any defect is a
    DataError naming the file and line."""
    return Reference(
        metals=_vocabulary(load_yaml(reference_file("metals.yml", overrides)), "metals"),
        covered_countries=_vocabulary(
            load_yaml(reference_file("covered_countries.yml", overrides)), "countries"
        ),
        statuses=_statuses(load_yaml(reference_file("statuses.yml", overrides))),
        sanctions=_sanctions(load_yaml(reference_file("sanctions.yml", overrides))),
        annex=_annex(load_yaml(reference_file("annex.yml", overrides))),
        overrides=overrides,
    )
