"""The Annex rows as the CSV holds them, read without the engine: the tests' own yardstick."""

from __future__ import annotations

import csv
from pathlib import Path

from ..conftest import DATA


def csv_rows(path: Path = DATA / "2023" / "annex.csv") -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
