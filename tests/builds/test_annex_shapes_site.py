"""A built site with a year in each Annex shape real filers print (facts.yml `annex.shape`):
the Annex page, the record's snapshot of its rows, the downloads, the EDGAR documents the site
carries, and one search entry per printed row. Names with accents and typographic quotes come
through every output."""

from __future__ import annotations

import csv
import io
import json
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from cmrkit.edgar.check import check_document
from cmrkit.render.downloads import csv_name, xlsx_name
from cmrkit.render.htmltext import page_text, table_body_rows
from cmrkit.website.snapshot import MAIN_CONTENT, load_archive_config, take_snapshot
from tests.support.annex_shapes import ACCENTED, SCRATCH_YEAR, SHAPES, expected_rows, printed_names
from tests.support.scratch_years import ShapeSites

ANNEX_PAGE = Path("exhibit-1-01") / "annex-i" / "index.html"


def _names(rows: list[tuple[str, ...]], name_at: int) -> list[str]:
    return [row[name_at] for row in rows]


def _name_column(project: Path) -> tuple[int, list[str]]:
    from cmrkit.year.report import load_year

    report = load_year(project / "data", SCRATCH_YEAR)
    names = [c.name for c in report.columns]
    return names.index("smelter_name"), [c.header for c in report.columns]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_annex_page_prints_the_shape(name: str, shape_sites: ShapeSites) -> None:
    project, site = shape_sites(name)
    shape = SHAPES[name]
    html = (site / ANNEX_PAGE).read_text(encoding="utf-8")
    text = page_text(html, MAIN_CONTENT)
    name_at, headers = _name_column(project)
    rows = table_body_rows(text.tables, "annex-i")
    assert rows is not None
    assert _names(rows, name_at) == printed_names(shape)
    for accented in ACCENTED:
        assert accented in text.text
    # The record's snapshot of a built year reads the same rows, across a table per metal.
    snapshot = take_snapshot(site, load_archive_config(project / "data"))
    assert _names(snapshot.annex_rows, name_at) == printed_names(shape)
    assert all(h in text.text for h in headers)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_downloads_carry_every_row_in_the_printed_columns(
    name: str, shape_sites: ShapeSites
) -> None:
    project, site = shape_sites(name)
    _, headers = _name_column(project)
    folder = site / ANNEX_PAGE.parent
    table = list(csv.reader(io.StringIO((folder / csv_name(SCRATCH_YEAR)).read_text("utf-8-sig"))))
    sheet = openpyxl.load_workbook(folder / xlsx_name(SCRATCH_YEAR)).active
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    rows = expected_rows(SHAPES[name])
    for lines in (table, cells):
        assert [h for h in lines[0] if h in headers] == headers
        assert len(lines) == len(rows) + 1
        flat = " ".join(" ".join(line) for line in lines)
        for accented in ACCENTED:
            assert accented in flat


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_sites_edgar_documents_keep_to_the_rules(name: str, shape_sites: ShapeSites) -> None:
    _, site = shape_sites(name)
    exhibit = site / "edgar" / "ex101.htm"
    assert check_document(exhibit) == []
    text = unescape(exhibit.read_text(encoding="ascii"))
    for printed in printed_names(SHAPES[name]):
        assert printed in text


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_one_search_entry_per_printed_row(name: str, shape_sites: ShapeSites) -> None:
    _, site = shape_sites(name)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if "#annex-row-" in d["location"]]
    html = (site / ANNEX_PAGE).read_text(encoding="utf-8")
    for entry in entries:
        anchor = entry["location"].split("#", 1)[1]
        assert f'id="{anchor}"' in html
    plain = [r["smelter_name"] for r in _printed_rows(name)]  # the title: the name, unmarked
    assert [unescape(e["title"]) for e in entries] == plain


def _printed_rows(name: str) -> list[dict[str, str]]:
    shape = SHAPES[name]
    rows = expected_rows(shape)
    if shape.grouped:
        rows = [r for metal in shape.grouped for r in rows if r["metal"] == metal]
    return rows
