"""Reference knowledge kept as data in `data/reference/`: metals, Covered Countries, status
vocabularies and sanctions entries. Nothing here is hard-coded: a change in the rules is a change
in a YAML file, reviewed like any other data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import DataError
from cmrkit.files.yamlio import YamlDoc, load_yaml


def fold(text: str) -> str:
    """The key two spellings of a name share: case and runs of blanks do not matter."""
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
class StatusVocabulary:
    buckets: tuple[str, ...]
    rmi_statuses: dict[str, str]  # folded RMI word -> bucket
    label_sets: dict[str, dict[str, str]]  # set name -> bucket -> printed label

    def bucket_of_rmi(self, word: str) -> str | None:
        return self.rmi_statuses.get(fold(word))

    def labels(self, label_set: str) -> dict[str, str]:
        return self.label_sets[label_set]


@dataclass(frozen=True)
class Reference:
    metals: Vocabulary
    covered_countries: Vocabulary
    statuses: StatusVocabulary
    sanctions: tuple[SanctionEntry, ...]
    directory: Path | None = None  # where it was read from (RMI's look-ups are read on demand)

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


def _require(doc: YamlDoc, key: tuple[str | int, ...], kind: type | tuple[type, ...]) -> object:
    value: object = doc.data
    for part in key:
        in_dict = isinstance(value, dict) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if in_dict or in_list:
            value = value[part]  # type: ignore[index]
        else:
            raise DataError(doc.where(key), f"missing '{'.'.join(map(str, key))}'")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DataError(doc.where(key), f"'{'.'.join(map(str, key))}' must be a {names}")
    return value


def _vocabulary(doc: YamlDoc, list_key: str) -> Vocabulary:
    items = _require(doc, (list_key,), list)
    canonical: list[str] = []
    spellings: dict[str, str] = {}
    for index, _item in enumerate(items):  # type: ignore[arg-type]
        name = str(_require(doc, (list_key, index, "name"), str))
        canonical.append(name)
        names = _require(doc, (list_key, index, "names"), list)
        for spelling in [name, *names]:  # type: ignore[misc]
            previous = spellings.setdefault(fold(spelling), name)
            if previous != name:
                raise DataError(
                    doc.where((list_key, index, "names")),
                    f"'{spelling}' already names '{previous}'",
                )
    return Vocabulary(tuple(canonical), spellings)


def _statuses(doc: YamlDoc) -> StatusVocabulary:
    buckets = tuple(str(b) for b in _require(doc, ("buckets",), list))  # type: ignore[union-attr]
    rmi = _require(doc, ("rmi_statuses",), dict)
    rmi_statuses: dict[str, str] = {}
    for word, bucket in rmi.items():  # type: ignore[union-attr]
        if bucket not in buckets:
            raise DataError(doc.where(("rmi_statuses", word)), f"unknown bucket '{bucket}'")
        rmi_statuses[fold(word)] = str(bucket)
    label_sets: dict[str, dict[str, str]] = {}
    for name, labels in _require(doc, ("label_sets",), dict).items():  # type: ignore[union-attr]
        labels = _require(doc, ("label_sets", name), dict)
        missing = [b for b in buckets if b not in labels]  # type: ignore[operator]
        if missing:
            raise DataError(
                doc.where(("label_sets", name)), f"label set '{name}' lacks {', '.join(missing)}"
            )
        label_sets[str(name)] = {str(b): str(labels[b]) for b in buckets}  # type: ignore[index]
    return StatusVocabulary(buckets, rmi_statuses, label_sets)


def _sanctions(doc: YamlDoc) -> tuple[SanctionEntry, ...]:
    entries = []
    for index, _ in enumerate(_require(doc, ("entries",), list)):  # type: ignore[arg-type]
        fields = {
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
        entries.append(SanctionEntry(date=date, smelter_id=smelter_id, **fields))  # type: ignore[arg-type]
    return tuple(entries)


def load_reference(reference_dir: Path) -> Reference:
    """Read every reference file; any defect is a DataError naming the file and line."""
    return Reference(
        metals=_vocabulary(load_yaml(reference_dir / "metals.yml"), "metals"),
        covered_countries=_vocabulary(
            load_yaml(reference_dir / "covered_countries.yml"), "countries"
        ),
        statuses=_statuses(load_yaml(reference_dir / "statuses.yml")),
        sanctions=_sanctions(load_yaml(reference_dir / "sanctions.yml")),
        directory=reference_dir,
    )
