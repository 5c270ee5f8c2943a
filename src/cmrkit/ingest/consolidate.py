"""Roll resolved smelter rows up into one row per facility.

A listed facility is its metal and RMI smelter ID; an unlisted one is its metal, normalised name
and country. Names and countries printed for listed facilities are the reference look-up's, so
every supplier's spelling collapses onto RMI's. Unlisted names that resemble a listed facility
are only *suggested* as matches: merging them silently would change the report's counts on a
guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from cmrkit.ingest.cmrt.lookup import SmelterLookup, normalize_name
from cmrkit.ingest.cmrt.resolve import ResolvedRow
from cmrkit.ingest.facility_keys import facility_key
from cmrkit.ingest.problems import Problem
from cmrkit.reference.load import fold

SUGGESTION_CUTOFF = 0.85


@dataclass
class Facility:
    metal: str
    smelter_id: str
    smelter_name: str
    country: str
    suppliers: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    reported_names: list[str] = field(default_factory=list)
    rows: int = 0
    origins: list[tuple[str, str, str]] = field(default_factory=list)  # (file, sheet, cell)
    suggested_match: str = ""
    suggested_id: str = ""

    @property
    def listed(self) -> bool:
        return bool(self.smelter_id)

    @property
    def supplier_count(self) -> int:
        return len(self.suppliers)

    def key(self) -> tuple[str, str, str]:
        return facility_key(self.metal, self.smelter_id, self.smelter_name, self.country)


@dataclass
class Consolidation:
    facilities: list[Facility]
    problems: list[Problem]


def consolidate(rows: Iterable[ResolvedRow], reference: SmelterLookup) -> Consolidation:
    """One `Facility` per key, suppliers counted once each, sorted by metal then name."""
    by_key: dict[tuple[str, str, str], Facility] = {}
    supplier_keys: dict[tuple[str, str, str], set[str]] = {}
    seen_in_file: dict[tuple[str, tuple[str, str, str]], int] = {}
    problems: list[Problem] = []
    for row in rows:
        key = facility_key(row.metal, row.smelter_id, row.name, row.country)
        facility = by_key.get(key)
        if facility is None:
            facility = Facility(row.metal, row.smelter_id, row.name, row.country)
            by_key[key] = facility
            supplier_keys[key] = set()
        facility.rows += 1
        facility.origins.append((row.file, row.sheet, row.cell))
        if fold(row.supplier) not in supplier_keys[key]:
            supplier_keys[key].add(fold(row.supplier))
            facility.suppliers.append(row.supplier)
        if row.file not in facility.files:
            facility.files.append(row.file)
        if row.reported_name and row.reported_name not in facility.reported_names:
            facility.reported_names.append(row.reported_name)
        first = seen_in_file.setdefault((row.file, key), row.row)
        if first != row.row:
            problems.append(
                Problem.at(
                    row.file,
                    row.sheet,
                    row.cell,
                    "warning",
                    "duplicate_row",
                    f"same facility as row {first} ({row.metal}, "
                    f"{row.smelter_id or row.name}); counted once for this supplier",
                )
            )
    problems.extend(_suggest(by_key.values(), reference))
    facilities = sorted(
        by_key.values(), key=lambda f: (f.metal, fold(f.smelter_name), f.smelter_id)
    )
    return Consolidation(facilities, problems)


def _suggest(facilities: Iterable[Facility], reference: SmelterLookup) -> list[Problem]:
    """Attach the closest listed name to each unlisted facility that resembles one."""
    problems: list[Problem] = []
    for facility in facilities:
        if facility.listed:
            continue
        names = reference.names.get(facility.metal, {})
        wanted = normalize_name(facility.smelter_name)
        if wanted in names:
            best, score = wanted, 1.0
        else:
            close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=SUGGESTION_CUTOFF)
            if not close:
                continue
            best = close[0]
            score = difflib.SequenceMatcher(None, wanted, best).ratio()
        sid = names[best]
        listed = reference.by_id[sid]
        facility.suggested_id = sid
        facility.suggested_match = f"{sid} {listed.standard_name} ({listed.country}), {score:.2f}"
        for file, sheet, cell in facility.origins:
            problems.append(
                Problem.at(
                    file,
                    sheet,
                    cell,
                    "warning",
                    "similar_to_listed",
                    f"unlisted {facility.metal} facility {facility.smelter_name!r} "
                    f"({facility.country}) resembles listed {sid} {listed.standard_name!r} "
                    f"(similarity {score:.2f}); not merged: use the ID if it is the same facility",
                )
            )
    return problems
