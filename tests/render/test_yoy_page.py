"""The Year over year page with a year whose Annex has no status (a filer that printed none):
its counts by status are dashes, never zeros, and the chart draws totals only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cmrkit.render.yoy_page import NO_STATUS_CELL, section, year_over_year
from cmrkit.year.report import available_years, load_year
from tests.support.annex_shapes import (
    FACILITIES,
    NEWCOMER,
    SCRATCH_YEAR,
    status_summary_lines,
    write_respelled_year,
    write_shape_year,
    write_status_summary,
)
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
    # Why no line per status is drawn, in the text alternative and the caption alike.
    reason = f"No line per status: the {SCRATCH_YEAR} report prints no status."
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", chart, re.S)
    assert desc is not None and reason in desc.group(1)
    assert re.search(rf"<figcaption>[^<]*<span[^>]*>{re.escape(reason)}</span>", chart)
    assert not section(view, "status").count("<td>")  # no status changed: none was stated


FIRST, SECOND = SCRATCH_YEAR, SCRATCH_YEAR + 1


def test_facilities_without_ids_are_matched_by_name_and_country_and_the_page_says_so(
    tmp_path: Path,
) -> None:
    write_respelled_year(tmp_path, FIRST, with_ids=True)
    write_respelled_year(tmp_path, SECOND, with_ids=False)
    report = load_year(tmp_path / "data", SECOND)
    assert all(not row.smelter_id for row in report.annex)
    view = year_over_year(report)
    kept = len(FACILITIES) - 1
    assert view.comparison is not None
    assert [r.smelter_name for r in view.comparison.added] == [NEWCOMER[1]]
    assert [r.smelter_name for r in view.comparison.removed] == [FACILITIES[0][1]]
    text = " ".join(re.sub(r"<[^>]+>", " ", section(view, "summary")).split())
    assert (
        f"{kept} facilities are in both years: 0 matched by smelter ID, and {kept} by metal, "
        "name and country where a row carries no smelter ID"
    ) in text
    assert "Co., Ltd." in text and "Company Limited" in text  # the variants it names


def test_the_repositorys_own_name_rules_decide_the_matching(tmp_path: Path) -> None:
    """data/reference/facility_names.yml of the repository replaces cmrkit's rules whole: with
    one that knows no company form, "Co., Ltd." and "Company Limited" are two facilities, and so
    are "S.A." and "Sociedad Anónima"."""
    write_respelled_year(tmp_path, FIRST, with_ids=True)
    write_respelled_year(tmp_path, SECOND, with_ids=False)
    own = tmp_path / "data" / "reference" / "facility_names.yml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("characters: {}\nwords: {}\ncountries: {}\n", encoding="utf-8")
    comparison = year_over_year(load_year(tmp_path / "data", SECOND)).comparison
    assert comparison is not None
    forms = ["L'Orfebre, Sociedad Anónima", "Taki Chemical Company Limited"]
    assert sorted(r.smelter_name for r in comparison.added) == sorted([*forms, NEWCOMER[1]])
    assert comparison.by_name == len(FACILITIES) - 1 - len(forms)


def test_a_year_whose_statuses_come_from_its_filed_summary_draws_lines_by_status(
    tmp_path: Path,
) -> None:
    """A filed report printing no status per row but a summary by metal and status
    (`annex-summary.csv`): its figures by status are the summary's, and the trend draws them."""
    shutil.copytree(DATA, tmp_path / "data")
    data = write_shape_year(tmp_path, SCRATCH_YEAR, "no_status")
    lines = status_summary_lines()
    write_status_summary(data, lines)
    view = year_over_year(load_year(tmp_path / "data", SCRATCH_YEAR))
    chart = section(view, "chart")
    assert "by status" in chart and "No line per status" not in chart
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", chart, re.S)
    assert desc is not None
    labels = view.report.labels
    for word in {s for _, s, _ in lines}:
        bucket = view.report.label_set.bucket_of(word)
        count = sum(int(n) for _, s, n in lines if s == word)
        assert f"{labels[bucket]} {count}" in desc.group(1).split(f"{SCRATCH_YEAR}:")[1]
