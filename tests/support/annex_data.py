"""The Annex rows of a year as its data holds them: the hand-kept CSV read without the engine
(the tests' own yardstick), or, for a year built from an ingest run, the engine's rows."""

from __future__ import annotations

import csv

from cmrkit.year.report import load_year
from tests.support.project import DATA

COLUMNS = ("metal", "smelter_id", "smelter_name", "country", "status", "footnote")


def csv_rows(year: int) -> list[dict[str, str]]:
    report = load_year(DATA, year)
    name = report.facts.annex.file
    if name:
        with open(DATA / str(year) / name, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    return [
        {
            "metal": row.metal,
            "smelter_id": row.smelter_id or "",
            "smelter_name": row.smelter_name,
            "country": row.country,
            "status": row.status,
            "footnote": row.footnote or "",
        }
        for row in report.annex
    ]
