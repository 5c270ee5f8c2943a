"""The EDGAR export prints the Annex in each shape real filers print (facts.yml `annex.shape`),
inside EDGAR's rules: ASCII through character references, tables one after another (never
nested), names with accents and typographic quotes intact once the references are read."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest

from cmrkit.edgar.check import check_html
from cmrkit.edgar.render import render_filing
from cmrkit.edgar.rules import load_rules
from cmrkit.render.htmltext import page_text
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.annex_shapes import ACCENTED, GROUPED_ORDER, SHAPES, expected_rows
from tests.support.scratch_years import write_shape_year

YEAR = 2031


def _exhibit(tmp_path: Path, name: str):
    write_shape_year(tmp_path, YEAR, name)
    report = load_year(tmp_path / "data", YEAR)
    documents = render_filing(report, load_pages(tmp_path / "docs", YEAR))
    return report, documents[-1].html


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_keeps_to_edgars_rules(name: str, tmp_path: Path) -> None:
    _, html = _exhibit(tmp_path, name)
    html.encode("ascii")  # raises on any character outside ASCII
    assert check_html(html, load_rules()) == []
    text = unescape(html)
    for accented in ACCENTED:
        assert accented in text


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_prints_its_tables_rows_marks_and_notes(name: str, tmp_path: Path) -> None:
    report, html = _exhibit(tmp_path, name)
    shape = SHAPES[name]
    rows = expected_rows(shape)
    headers = tuple(c.header for c in report.columns)
    tables = [t for t in page_text(html, None, name_tables=True).tables.values() if t]
    annex = [t for t in tables if t[0] == headers]
    printed = [cells for table in annex for cells in table[1:]]
    assert len(printed) == len(rows)
    name_at = [c.name for c in report.columns].index("smelter_name")
    marks = dict((word, mark) for mark, word in report.shape.marks.items())
    expected_names = [r["smelter_name"] + marks.get(r.get("status", ""), "") for r in rows]
    if report.shape.rows == "by_metal" or report.shape.tables == "per_metal":
        order = report.shape.metal_order
        grouped = [
            n for m in order for r, n in zip(rows, expected_names, strict=True) if r["metal"] == m
        ]
        assert [cells[name_at] for cells in printed] == grouped
    else:
        assert [cells[name_at] for cells in printed] == expected_names
    text = page_text(html, None).text
    if report.shape.tables == "per_metal":
        assert len(annex) == len({r["metal"] for r in rows})
        places = [text.index(report.shape.heading(m)) for m in report.shape.metal_order]
        assert places == sorted(places)
    else:
        assert len(annex) == 1
    for note in report.shape.notes:
        assert note in text
    if name in ("per_metal", "no_status"):
        assert report.shape.metal_order == GROUPED_ORDER


def test_the_status_summary_counts_the_rows(tmp_path: Path) -> None:
    _, html = _exhibit(tmp_path, "per_metal")
    rows = expected_rows(SHAPES["per_metal"])
    tables = page_text(html, None, name_tables=True).tables.values()
    [summary] = [t for t in tables if t and t[0][0] == "Metal" and t[0][-1] == "Total"]
    words = summary[0][1:-1]
    assert set(words) >= {r["status"] for r in rows}
    for metal, *counts in summary[1:]:
        mine = [r for r in rows if metal in ("Total", r["metal"])]
        assert [int(n) for n in counts] == [sum(r["status"] == w for r in mine) for w in words] + [
            len(mine)
        ]


def test_the_rows_of_every_table_per_metal_are_read_back(tmp_path: Path) -> None:
    """What the filed-record comparison of the EDGAR documents reads: every table's rows."""
    from cmrkit.edgar.text import annex_rows

    report, html = _exhibit(tmp_path, "per_metal")
    rows = annex_rows([html], [c.header for c in report.columns])
    assert [r[0] for r in rows] == [r.smelter_name for r in report.printed_rows]
