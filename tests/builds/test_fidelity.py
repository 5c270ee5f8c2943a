"""The built site says what was filed, for every filed year with a filed record: every paragraph
in order, every Annex row, every footnote linked to its note.

Every filed paragraph in order, every Annex row, and no request to another host are checked by
the suite cmrkit ships to every filer (cmrkit.website.filer_tests, run here by
tests/builds/test_filing.py); this module keeps the guards of the comparison and this site's
extras."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import FiledRecord, filed_record_path, load_filed
from cmrkit.year.report import load_year
from tests.support.pages import annex_rows, html_path, report_files, site_pages, site_text
from tests.support.project import DATA


@pytest.fixture(scope="session")
def record(filed_year: int) -> FiledRecord:
    path = filed_record_path(DATA / str(filed_year))
    assert path is not None
    return load_filed(path)


def test_comparison_catches_a_changed_word(
    record: FiledRecord, filed_site: Path, filed_year: int
) -> None:
    text = site_text(filed_site, filed_year)
    # The longest filed paragraph, with one of its words changed in the rendered text.
    target = max(record.paragraphs, key=len)
    word = max(target.split(), key=len)
    changed = target.replace(word, word[::-1] + "x", 1)
    problems = compare_paragraphs(record, text.replace(target, changed, 1))
    assert [p.filed for p in problems] == [target]


def test_comparison_catches_a_changed_row(
    record: FiledRecord, filed_site: Path, filed_year: int
) -> None:
    rows = [list(row) for row in annex_rows(filed_site, filed_year)]
    rows[3][-1] = rows[3][-1] + " (changed)"
    problems = compare_annex(record, rows)
    assert [p.index for p in problems] == [4]


def test_every_footnote_marker_links_to_its_note(built_site: Path, year: int) -> None:
    """For every year: each row's marker is a link to a note on the same page that quotes the
    sanctions entry the facts point it at."""
    report = load_year(DATA, year)
    annex_md = next(
        md for md in report_files(built_site.parent, year) if "annex_table" in _source(year, md)
    )
    html = html_path(built_site, annex_md).read_text(encoding="utf-8")
    for row in (r for r in report.annex if r.footnote):
        name = re.escape(row.smelter_name.replace("&", "&amp;"))
        link = re.search(name + r'<a class="annex-marker" href="#([^"]+)"', html)
        assert link, f"the footnote marker of {row.smelter_name} is not a link"
        assert f'id="{link.group(1)}"' in html
        note = html[html.index(f'id="{link.group(1)}"') :][:800]
        entry = report.footnotes[row.footnote]
        assert entry.authority.split()[0] in note or entry.id in note, note
    # A note's marker links back only to a row there is (none before a draft's ingest run).
    for target in re.findall(r'<a class="annex-backref" href="#([^"]+)"', html):
        assert f'id="{target}"' in html, f"a footnote's back-link leads to no row: #{target}"


def _source(year: int, markdown: str) -> str:
    return (DATA.parent / "docs" / str(year) / markdown).read_text(encoding="utf-8")


def test_status_words_are_the_filed_year_labels(
    record: FiledRecord, filed_site: Path, filed_year: int
) -> None:
    statuses = {row[-1] for row in annex_rows(filed_site, filed_year)}
    assert statuses == {row[-1] for row in record.annex_rows}


def test_report_pages_come_first_in_their_own_order(built_site: Path, year: int) -> None:
    pages = site_pages(built_site, year)
    own = report_files(built_site.parent, year)
    assert [md for md, _ in pages[: len(own)]] == own
    assert pages[0][1].blocks, "the first page of the report is empty"
