"""The Year over year page with a year whose Annex has no status (a filer that printed none):
its counts by status are dashes, never zeros, and the chart draws totals only."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from cmrkit.render.yoy_page import NO_STATUS_CELL, section, year_over_year
from cmrkit.year.report import available_years, load_year
from tests.support.annex_shapes import FACILITIES, SCRATCH_YEAR, write_shape_year
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


# Years built by code: one printing RMI's smelter IDs, the next none, its names and countries
# spelled otherwise (capitals, accents dropped, straight quotes, company forms written out).
RESPELLED = {
    "Metalúrgica Córrego Fundo": "METALURGICA CORREGO FUNDO",
    "OOO \u201cTechnolom\u201d": 'OOO "Technolom"',
    "Met-Mex Peñoles S.A. de C.V.": "Met Mex Penoles SA de CV",
    "Ögussa Österreichische Gold- und Silber-Scheideanstalt": (
        "Ogussa Osterreichische Gold und Silber Scheideanstalt"
    ),
    "L\u2019Orfebre S.A.": "L'Orfebre, Sociedad Anónima",
    "Thaisarco": "THAISARCO",
    "African Gold Refinery": "African Gold Refinery",
    "Taki Chemical Co., Ltd.": "Taki Chemical Company Limited",
}
FIRST, SECOND = SCRATCH_YEAR, SCRATCH_YEAR + 1
NEWCOMER = ("Tin", "Example Tin Smelter", "Malaysia", "Active")


def write_year(project: Path, year: int, with_ids: bool) -> None:
    """A scratch year (tests.support.annex_shapes) whose annex.csv has a smelter_id column
    (`with_ids`), or none and the names respelled, one facility dropped and one added."""
    data = write_shape_year(project, year, "one_table")
    rows = [list(f) for f in FACILITIES]
    if with_ids:
        header = ["metal", "smelter_id", "smelter_name", "country", "status"]
        rows = [[m, f"CID{n:06d}", name, c, s] for n, (m, name, c, s) in enumerate(rows, 1)]
        facts = data / "facts.yml"
        text = facts.read_text(encoding="utf-8")
        facts.write_text(
            text.replace(
                "    - metal: Metal\n", "    - metal: Metal\n    - smelter_id: Smelter ID\n"
            )
        )
    else:
        header = ["metal", "smelter_name", "country", "status"]
        rows = [[m, RESPELLED[name], c.title(), s] for m, name, c, s in rows[1:]]
        rows.append(list(NEWCOMER))
    with open(data / "annex.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def test_facilities_without_ids_are_matched_by_name_and_country_and_the_page_says_so(
    tmp_path: Path,
) -> None:
    write_year(tmp_path, FIRST, with_ids=True)
    write_year(tmp_path, SECOND, with_ids=False)
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
    write_year(tmp_path, FIRST, with_ids=True)
    write_year(tmp_path, SECOND, with_ids=False)
    own = tmp_path / "data" / "reference" / "facility_names.yml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("characters: {}\nwords: {}\ncountries: {}\n", encoding="utf-8")
    comparison = year_over_year(load_year(tmp_path / "data", SECOND)).comparison
    assert comparison is not None
    forms = ["L'Orfebre, Sociedad Anónima", "Taki Chemical Company Limited"]
    assert sorted(r.smelter_name for r in comparison.added) == sorted([*forms, NEWCOMER[1]])
    assert comparison.by_name == len(FACILITIES) - 1 - len(forms)
