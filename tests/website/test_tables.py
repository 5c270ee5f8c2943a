"""The Annex table's footnote markers and the notes' back-links: a note links back to the first
row carrying its marker, and to nothing while no row carries it (a draft before its ingest run),
so no build meets a link to an anchor that is not there."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cmrkit.files.project import Project
from cmrkit.website.tables import annex_table, footnote_anchor
from cmrkit.year.new_year import new_year
from cmrkit.year.report import load_year
from tests.support.annex_rows import read_annex_rows, write_annex_rows
from tests.support.project import DATA, YEARS

MARKER = "*"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the data whose first year declares the footnote marker."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("filed", "cmrt"))
    facts = copy / str(YEARS[0]) / "facts.yml"
    if MARKER not in load_year(copy, YEARS[0]).facts.annex.footnotes:
        text = facts.read_text(encoding="utf-8")
        text = re.sub(
            r"(?m)^(  status_labels:.*)$", rf'\1\n  footnotes:\n    "{MARKER}": ofac-sdn-agr', text
        )
        facts.write_text(text, encoding="utf-8")
    return copy


def ids(html: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', html))


def test_the_note_links_back_to_the_first_row_with_its_marker(data: Path) -> None:
    header, rows = read_annex_rows(data, YEARS[0])
    marker_at = header.index("footnote")
    for row in rows:
        row[marker_at] = ""
    rows[1][marker_at] = rows[2][marker_at] = MARKER
    write_annex_rows(data, YEARS[0], header, rows)
    report = load_year(data, YEARS[0])
    table, back = annex_table(report), footnote_anchor(report, MARKER)
    target = re.search(r'href="#([^"]+)"', back)
    assert target and target.group(1) in ids(table)
    row = re.search(rf'<tr id="([^"]+)"[^>]*>(?:(?!</tr>).)*id="{target.group(1)}"', table)
    assert row and row.group(1) == "annex-row-2"  # the first row with the marker


@pytest.mark.parametrize("rows", ["no row", "rows without the marker"])
def test_a_note_no_row_refers_to_links_nowhere(data: Path, rows: str) -> None:
    """A year built from its ingest run, right after `cmrkit new-year` (no row) or with rows
    none of which is marked yet (a decision `cmrkit check` reports as not made)."""
    shutil.copytree(DATA.parent / "docs", data.parent / "docs")
    year = YEARS[-1] + 1
    new_year(Project.around(data), year)
    if rows != "no row":
        header, kept = read_annex_rows(data, YEARS[0])
        marker_at = header.index("footnote")
        unmarked = [[*r[:marker_at], "", *r[marker_at + 1 :]] for r in kept]
        write_annex_rows(data, year, header, unmarked)
    report = load_year(data, year)
    assert MARKER in report.facts.annex.footnotes and (rows == "no row") == (not report.annex)
    back = footnote_anchor(report, MARKER)
    assert "href" not in back and MARKER in back
    assert not [i for i in ids(annex_table(report)) if i.startswith("annex-ref-")]
