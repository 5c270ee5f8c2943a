"""The site's Annex table in each shape real filers print (facts.yml `annex.shape`), rendered
without a build: tables and headings, printed order, status marks, notes, the status summary,
and one search entry per printed row at that row's anchor."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from cmrkit.render.htmltext import page_text
from cmrkit.website import tables
from cmrkit.website.search import annex_documents
from cmrkit.year.report import load_year
from tests.support.annex_shapes import ACCENTED, SHAPES, expected_rows
from tests.support.project import DATA, YEARS
from tests.support.scratch_years import write_shape_year

YEAR = 2031


def _report(tmp_path: Path, name: str):
    write_shape_year(tmp_path, YEAR, name)
    return load_year(tmp_path / "data", YEAR)


def _body_rows(html: str) -> list[tuple[str, ...]]:
    found = page_text(f"<body>{html}</body>", None).tables
    return [
        row
        for key, rows in found.items()
        if re.fullmatch(r"annex-i(-\d+)?", key)
        for row in rows[1:]
    ]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_on_the_site(name: str, tmp_path: Path) -> None:
    report = _report(tmp_path, name)
    html = tables.annex_table(report)
    rows = expected_rows(SHAPES[name])
    printed = _body_rows(html)
    assert len(printed) == len(rows)
    name_at = [c.name for c in report.columns].index("smelter_name")
    marks = {word: mark for mark, word in report.shape.marks.items()}
    by_name = {r["smelter_name"]: r for r in rows}
    for cells, row in zip(printed, report.printed_rows, strict=True):
        written = by_name[row.smelter_name]
        assert cells[name_at] == written["smelter_name"] + marks.get(written.get("status", ""), "")
    ids = re.findall(r'<table id="([^"]+)" class="annex"', html)
    headings = [
        unescape(h) for h in re.findall(r'<h2 class="annex-metal-heading"[^>]*>([^<]*)</h2>', html)
    ]
    if report.shape.tables == "per_metal":
        metals = [m for m in report.shape.metal_order if any(r["metal"] == m for r in rows)]
        assert headings == [report.shape.heading(m) for m in metals]
        assert ids == ["annex-i"] + [f"annex-i-{n}" for n in range(2, len(metals) + 1)]
    else:
        assert headings == [] and ids == ["annex-i"]
    assert ("data-status=" in html) == report.has_status
    text = unescape(html)
    for accented in ACCENTED:
        assert accented in text
    for note in report.shape.notes:
        assert '<p class="annex-note">' in html and note in text
    assert ('id="annex-status-summary"' in html) == report.shape.summary


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_search_entries_open_the_printed_row(name: str, tmp_path: Path) -> None:
    report = _report(tmp_path, name)
    html = tables.annex_table(report)
    anchors = re.findall(r'<tr id="(annex-row-\d+)"', html)
    names = [
        unescape(n)
        for n in re.findall(r'<tr id="annex-row-\d+"[^>]*> <td>(?:[^<]*</td> <td>)?([^<]*)', html)
    ]
    entries = annex_documents(report.printed_rows, "annex/", tables.annex_row_id)
    assert [e["location"] for e in entries] == [f"annex/#{a}" for a in anchors]
    assert [unescape(e["title"]) for e in entries] == [r.smelter_name for r in report.printed_rows]
    assert len(entries) == len(expected_rows(SHAPES[name])) == len(names)


@pytest.mark.parametrize("year", YEARS)
def test_every_years_table_prints_every_row_once(year: int) -> None:
    report = load_year(DATA, year)
    html = tables.annex_table(report)
    assert len(_body_rows(html)) == len(report.annex)
    assert re.findall(r'<tr id="annex-row-(\d+)"', html) == [
        str(n) for n in range(1, len(report.annex) + 1)
    ]


def test_the_site_only_summary_and_charts_work_without_status(tmp_path: Path) -> None:
    from cmrkit.render.charts import annex_charts

    report = _report(tmp_path, "no_status")
    summary = tables.annex_summary(report, "Summary")
    assert "Conformant" not in summary and f"<td>{len(report.annex)}</td>" in summary
    charts = annex_charts(report, "Charts")
    assert "by metal, " in charts and "and status" not in charts
