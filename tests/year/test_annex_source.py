"""Where a year's Annex comes from, as the year loads: a hand-kept CSV or the ingest run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.year.decisions import HEADER
from cmrkit.year.report import available_years, load_year
from tests.support.project import DATA


def hand_kept_years() -> list[int]:
    return [y for y in available_years(DATA) if load_year(DATA, y).facts.annex.file]


@pytest.mark.parametrize("year", hand_kept_years())
def test_decisions_next_to_a_hand_kept_annex_are_refused(year: int, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    decisions = data / str(year) / "annex-decisions.csv"
    decisions.write_text(HEADER, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_year(data, year)
    assert str(caught.value).startswith(f"{decisions}: decisions apply to an Annex built from")


@pytest.mark.parametrize("year", hand_kept_years())
def test_a_year_switched_to_its_run_takes_the_run_rows(year: int, tmp_path: Path) -> None:
    """The same year, its Annex now from a run holding its first row only."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = load_year(data, year)
    first = before.annex[0]
    folder = data / str(year)
    facts = folder / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace(f"file: {before.facts.annex.file}", "source: ingest", 1))
    facility = {
        "metal": first.metal,
        "smelter_id": first.smelter_id,
        "smelter_name": first.smelter_name,
        "country": first.country,
        "rmi_status": "",
        "bucket": first.bucket,
        "suppliers": 1,
    }
    write_run(run_path(folder), run_text(str(year), [facility], None, []))
    after = load_year(data, year)
    assert [(r.metal, r.smelter_id, r.status) for r in after.annex] == [
        (first.metal, first.smelter_id, first.status)
    ]
    assert after.figures.total == 1
    assert after.annex_path == run_path(folder)
    # Its markers are attached to nothing yet: not a load error, a pre-filing finding.
    assert after.unused_footnotes == list(before.facts.annex.footnotes)
