"""The filed status summary (`annex-summary.csv`) of a year whose rows carry no status: its
counts are the figures by status (total and by metal); a summary that disagrees with the rows,
or names an unknown metal or status, stops the load with the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import CmrkitError
from cmrkit.website.tables import status_summary_table
from cmrkit.year.annex_summary import FILE
from cmrkit.year.compare import year_counts
from cmrkit.year.figures import StatusMissing
from cmrkit.year.report import load_year
from tests.support.annex_shapes import FACILITIES, status_summary_lines
from tests.support.scratch_years import write_shape_year, write_status_summary

YEAR = 2031


def _summary_lines() -> list[list[str]]:
    return status_summary_lines()


def _write(tmp_path: Path, lines: list[list[str]], header: tuple[str, ...] = ()) -> Path:
    data = write_shape_year(tmp_path, YEAR, "no_status")
    return write_status_summary(data, lines, header)


def _refused(tmp_path: Path, lines: list[list[str]], header: tuple[str, ...] = ()) -> str:
    path = _write(tmp_path, lines, header)
    with pytest.raises(CmrkitError) as caught:
        load_year(tmp_path / "data", YEAR)
    message = str(caught.value)
    assert str(path) in message and "Traceback" not in message
    return message


def test_without_a_summary_no_figure_by_status_exists(tmp_path: Path) -> None:
    write_shape_year(tmp_path, YEAR, "no_status")
    report = load_year(tmp_path / "data", YEAR)
    assert not report.has_status_figures and report.filed_summary is None
    with pytest.raises(StatusMissing):
        _ = report.figures.conformant


def test_the_figures_by_status_are_the_summary_s(tmp_path: Path) -> None:
    _write(tmp_path, _summary_lines())
    report = load_year(tmp_path / "data", YEAR)
    assert not report.has_status and report.has_status_figures
    figures = report.figures
    statuses = [s for *_, s in FACILITIES]
    assert figures.by_status["Conformant"] == statuses.count("Conformant") == 5
    assert figures.by_status["Not Enrolled"] == statuses.count("Not Enrolled") == 2
    assert figures.conformant == 5 and figures.active == 1 and figures.other == 2
    gold = next(m for m in figures.by_metal if m.metal == "Gold")
    assert gold.total == 3 and gold.by_status["Conformant"] == 2
    assert gold.by_status["Not Enrolled"] == 1 and gold.by_bucket["conformant"] == 2
    # the summary the site prints: the words as filed, a row per metal, then the totals
    head, rows = report.status_summary()
    assert head == ["Metal", "Conformant", "Not Enrolled", "Active", "Total"]
    assert rows[-1] == ["Total", "5", "2", "1", "8"]


def test_a_metal_whose_counts_are_not_its_rows_is_refused_on_its_line(tmp_path: Path) -> None:
    lines = _summary_lines()
    gold = next(i for i, line in enumerate(lines) if line[0] == "Gold")
    lines[gold][2] = str(int(lines[gold][2]) + 1)
    last_gold = max(i for i, line in enumerate(lines) if line[0] == "Gold")
    message = _refused(tmp_path, lines)
    assert f"line {last_gold + 2}:" in message
    assert "Gold counts add up to 4, but the Annex lists 3 Gold rows" in message


def test_a_metal_missing_from_the_summary_is_refused(tmp_path: Path) -> None:
    lines = [line for line in _summary_lines() if line[0] != "Tungsten"]
    message = _refused(tmp_path, lines)
    assert "no Tungsten counts, but the Annex lists 1 Tungsten rows" in message


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (["Silver", "Conformant", "0"], "unknown metal 'Silver'"),
        (["Gold", "Compliantish", "0"], "status 'Compliantish' is not in the year's label set"),
        (["Gold", "Active", "two"], "count 'two' is not a whole number"),
        (["Gold", "Conformant", "2"], "Gold Conformant is given twice (also line 2)"),
    ],
)
def test_a_bad_line_is_refused_with_its_line(tmp_path: Path, bad: list[str], problem: str) -> None:
    lines = _summary_lines()
    message = _refused(tmp_path, [*lines, bad])
    assert f"line {len(lines) + 2}: {problem}" in message


def test_a_bad_header_is_refused_on_line_1(tmp_path: Path) -> None:
    message = _refused(tmp_path, _summary_lines(), ("metal", "word", "count"))
    assert "line 1: the header must be metal,status,count" in message


def test_a_summary_beside_rows_with_status_is_refused(tmp_path: Path) -> None:
    data = write_shape_year(tmp_path, YEAR, "one_table")
    (data / FILE).write_text("metal,status,count\n", encoding="utf-8")
    with pytest.raises(CmrkitError, match="gives each row its status"):
        load_year(tmp_path / "data", YEAR)


def test_year_over_year_and_the_site_read_the_same_figures(tmp_path: Path) -> None:
    _write(tmp_path, _summary_lines())
    report = load_year(tmp_path / "data", YEAR)
    counts = year_counts(report)
    assert counts.has_status and counts.by_bucket["conformant"] == report.figures.conformant == 5
    assert counts.by_metal["Gold"] == {**report.figures.by_metal[0].by_bucket, "total": 3}
    html = status_summary_table(report)
    assert '<th scope="col">Not Enrolled</th>' in html
    assert '<th scope="row">Total</th> <td>5</td> <td>2</td> <td>1</td> <td>8</td>' in html
