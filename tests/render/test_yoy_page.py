"""The Year over year page with a year whose Annex has no status (a filer that printed none):
its counts by status are dashes, never zeros, and the chart draws totals only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cmrkit.render.yoy_page import NO_STATUS_CELL, section, year_over_year
from cmrkit.year.report import available_years, load_year
from tests.support.annex_shapes import SCRATCH_YEAR, write_shape_year
from tests.support.project import DATA


def test_a_year_without_status_counts_no_status(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    write_shape_year(tmp_path, SCRATCH_YEAR, "no_status")
    view = year_over_year(load_year(tmp_path / "data", SCRATCH_YEAR))
    table = section(view, "counts")
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    mine = [r for r in rows if f">{SCRATCH_YEAR}<" in r]
    assert mine and all(r.count(NO_STATUS_CELL) == len(view.buckets) for r in mine)
    others = [r for r in rows if r not in mine and "<td>" in r]
    assert len(others) == 5 * (len(available_years(DATA)))  # all metals + four metals a year
    assert all(NO_STATUS_CELL not in r for r in others)
    chart = section(view, "chart")
    assert "in total" in chart and "by status" not in chart
    assert not section(view, "status").count("<td>")  # no status changed: none was stated
