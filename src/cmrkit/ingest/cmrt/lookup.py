"""RMI's Smelter Look-up: the list every CMRT carries, used to resolve and check smelter rows.

A look-up comes either from a CMRT (its 'Smelter Look-up' sheet, by default the newest revision
among a run's inputs) or from a CSV a user passes with `--reference`. Matching of names ignores
case and runs of blanks, as the template's own drop-downs effectively do.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cmrt.read import LOOKUP_FIELDS
from cmrkit.ingest.facility_keys import normalize_name
from cmrkit.reference.load import Vocabulary, fold

_CID = re.compile(r"^CID\s*0*(\d{1,6})$")

# Accepted header spellings of a `--reference` CSV, folded.
REFERENCE_CSV_COLUMNS = {
    "smelter_id": ("smelter_id", "smelter id", "facility id", "smelter identification", "cid"),
    "metal": ("metal",),
    "standard_name": (
        "smelter_name",
        "smelter name",
        "standard smelter name",
        "standard_name",
        "facility name",
        "standard facility name",
    ),
    "country": ("country", "smelter country", "country location", "facility country"),
    "lookup_name": ("lookup_name", "look-up name", "smelter look-up", "alias", "aliases"),
}


@lru_cache(maxsize=1 << 14)
def normalize_id(raw: str) -> str:
    """A smelter ID in its canonical spelling: "cid 2763" -> "CID002763"; others uppercased."""
    compact = "".join(raw.split()).upper()
    match = _CID.match(compact)
    if match:
        return f"CID{int(match.group(1)):06d}"
    return compact


@dataclass(frozen=True)
class LookupFacility:
    smelter_id: str
    metal: str
    standard_name: str
    country: str


@dataclass
class SmelterLookup:
    """Facilities by ID and by (metal, look-up name), plus the country names of the template."""

    source: str
    revision: str | None
    by_id: dict[str, LookupFacility] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # metal -> folded name -> ID
    countries: dict[str, str] = field(default_factory=dict)  # folded -> canonical spelling

    def add(self, metal: str, lookup_name: str, standard_name: str, country: str, sid: str) -> None:
        sid = normalize_id(sid)
        if not sid:
            return
        self.by_id.setdefault(sid, LookupFacility(sid, metal, standard_name, country))
        for name in (lookup_name, standard_name):
            if name:
                self.by_name.setdefault((fold(metal), fold(name)), sid)
                self.names.setdefault(metal, {}).setdefault(normalize_name(name), sid)
        if country:
            self.countries.setdefault(fold(country), country)

    def find_name(self, metal: str, name: str) -> str | None:
        return self.by_name.get((fold(metal), fold(name)))

    def metals_naming(self, name: str) -> list[str]:
        """Metals under which `name` is a look-up name (to explain a wrong-metal row)."""
        return sorted({m for (m, n) in self.by_name if n == fold(name)})


def lookup_from_rows(
    rows: Iterable[Sequence[str]],
    countries: Iterable[str],
    source: str,
    revision: str | None,
    metals: Vocabulary,
) -> SmelterLookup:
    """Build a look-up from rows in `LOOKUP_FIELDS` order (as `read.py` stores them)."""
    lookup = SmelterLookup(source=source, revision=revision)
    index = {name: i for i, name in enumerate(LOOKUP_FIELDS)}
    for row in rows:
        metal = metals.resolve(row[index["metal"]]) or row[index["metal"]]
        lookup.add(
            metal,
            row[index["lookup_name"]],
            row[index["standard_name"]],
            row[index["country"]],
            row[index["smelter_id"]],
        )
    for country in countries:
        lookup.countries.setdefault(fold(country), country)
    return lookup


def lookup_from_csv(path: Path, metals: Vocabulary) -> SmelterLookup:
    """Read a `--reference` CSV: one row per facility (or per alias), headers as above."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(Location(path), f"cannot read reference list: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        headers = {fold(h): h for h in reader.fieldnames or []}
        columns: dict[str, str] = {}
        for key, spellings in REFERENCE_CSV_COLUMNS.items():
            for spelling in spellings:
                if spelling in headers:
                    columns[key] = headers[spelling]
                    break
        required = ("smelter_id", "metal", "standard_name", "country")
        missing = [k for k in required if k not in columns]
        if missing:
            raise DataError(
                Location(path, 1), f"reference list lacks column(s): {', '.join(missing)}"
            )
        lookup = SmelterLookup(source=str(path), revision=None)
        try:
            for line, row in enumerate(reader, start=2):
                metal_raw = (row.get(columns["metal"]) or "").strip()
                metal = metals.resolve(metal_raw)
                if metal is None:
                    raise DataError(Location(path, line), f"unknown metal {metal_raw!r}")
                lookup.add(
                    metal,
                    (row.get(columns.get("lookup_name", ""), "") or "").strip(),
                    (row.get(columns["standard_name"]) or "").strip(),
                    (row.get(columns["country"]) or "").strip(),
                    (row.get(columns["smelter_id"]) or "").strip(),
                )
        except UnicodeDecodeError as exc:
            raise DataError(Location(path), f"not UTF-8 text ({exc.reason})") from None
        except csv.Error as exc:
            raise DataError(Location(path, reader.line_num), f"bad CSV: {exc}") from None
    return lookup
