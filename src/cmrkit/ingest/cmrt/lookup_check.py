"""Compare the Smelter Look-up a supplier's file carries with RMI's, cell by cell.

cmrkit never resolves rows against a supplier's own look-up (see `cmrt.shipped`), but an edited
look-up is worth knowing about: the supplier's spreadsheet showed its rows with the edited
names and countries, and someone may have edited it to mislead. Each facility the file's look-up
adds, renames, moves to another country or metal, or each name it points at another facility,
is a warning naming the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmrkit.ingest.cmrt.layout import Layout
from cmrkit.ingest.cmrt.lookup import SmelterLookup, normalize_id
from cmrkit.ingest.cmrt.read import LOOKUP_FIELDS
from cmrkit.reference.load import Vocabulary, fold

MAX_PER_FILE = 25  # past this, one line counts the rest
_FIELD = {name: index for index, name in enumerate(LOOKUP_FIELDS)}


@dataclass(frozen=True)
class Disagreement:
    cell: str
    reason: str


def _row_number(row: Sequence[str]) -> str:
    return row[len(LOOKUP_FIELDS)] if len(row) > len(LOOKUP_FIELDS) else "?"


def lookup_disagreements(
    rows: Sequence[Sequence[str]],
    shipped: SmelterLookup,
    layout: Layout,
    metals: Vocabulary,
) -> list[Disagreement]:
    """Where a file's look-up rows (as `read.py` stores them) differ from RMI's for an ID."""
    letters = layout.lookup.columns
    where = shipped.source
    out: list[Disagreement] = []
    for row in rows:
        sid = normalize_id(row[_FIELD["smelter_id"]])
        if not sid:
            continue
        number = _row_number(row)
        name = row[_FIELD["lookup_name"]]
        metal = metals.resolve(row[_FIELD["metal"]]) or row[_FIELD["metal"]]
        facility = shipped.by_id.get(sid)
        if facility is None:
            out.append(
                Disagreement(
                    f"{letters['smelter_id']}{number}",
                    f"this file's look-up lists {sid} ({name!r}), which is not in {where}: the "
                    "look-up was edited; rows naming it are not resolved from it",
                )
            )
            continue
        for key, theirs in (
            ("metal", facility.metal),
            ("standard_name", facility.standard_name),
            ("country", facility.country),
        ):
            ours = metal if key == "metal" else row[_FIELD[key]]
            if fold(ours) != fold(theirs):
                out.append(
                    Disagreement(
                        f"{letters[key]}{number}",
                        f"this file's look-up gives {sid} the {key.replace('_', ' ')} {ours!r}; "
                        f"{where} says {theirs!r}, which cmrkit uses",
                    )
                )
        named = shipped.find_name(metal, name) if name else None
        if named is not None and named != sid:
            out.append(
                Disagreement(
                    f"{letters['lookup_name']}{number}",
                    f"this file's look-up points {name!r} at {sid}; in {where} it names "
                    f"{named}, which cmrkit uses",
                )
            )
    if len(out) > MAX_PER_FILE:
        rest = len(out) - MAX_PER_FILE
        out = out[:MAX_PER_FILE]
        out.append(Disagreement("", f"... and {rest} more differences from {where}"))
    return out
