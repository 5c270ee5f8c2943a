"""The built site says what was filed: every paragraph in order, every Annex row."""

from __future__ import annotations

import re
from pathlib import Path

from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed

from ..conftest import DATA
from .pages import annex_rows, html_path, site_pages, site_text

RECORD = load_filed(filed_record_path(DATA / "2023"))  # type: ignore[arg-type]


def test_the_record_is_the_whole_filing() -> None:
    # Guards the comparison itself: an empty or truncated record would make the test below vacuous.
    assert RECORD.paragraphs[0].startswith("UNITED STATES SECURITIES AND EXCHANGE COMMISSION")
    assert RECORD.paragraphs[-1].startswith("The statements above are based on the RCOI")
    assert any(p.startswith("ANNEX I") for p in RECORD.paragraphs)


def test_every_filed_paragraph_appears_in_order(built_site: Path) -> None:
    problems = compare_paragraphs(RECORD, site_text(built_site))
    assert not problems, "\n".join(map(str, problems))


def test_every_annex_row_matches_the_filed_table(built_site: Path) -> None:
    rows = annex_rows(built_site)
    problems = compare_annex(RECORD, rows)
    assert not problems, "\n".join(map(str, problems[:20]))
    assert len(rows) == len(RECORD.annex_rows)


def test_comparison_catches_a_changed_word(built_site: Path) -> None:
    text = site_text(built_site).replace("we received a", "we got a")
    problems = compare_paragraphs(RECORD, text)
    assert [p.filed[:30] for p in problems] == ["We requested from our seven co"]


def test_comparison_catches_a_changed_row(built_site: Path) -> None:
    rows = annex_rows(built_site)
    rows[3] = (rows[3][0], rows[3][1], rows[3][2], "Full Compliant")
    problems = compare_annex(RECORD, rows)
    assert [p.index for p in problems] == [4]


def test_footnote_marker_links_to_the_ofac_note(built_site: Path) -> None:
    annex = html_path(built_site, "exhibit-1-01/annex-i.md").read_text(encoding="utf-8")
    link = re.search(r'African Gold Refinery<a class="annex-marker" href="#([^"]+)"', annex)
    assert link, "the footnote marker is not a link"
    assert f'id="{link.group(1)}"' in annex
    note = annex[annex.index(f'id="{link.group(1)}"') :]
    assert "Office of Foreign Assets Control" in note[:600]


def test_status_words_are_the_filed_year_labels(built_site: Path) -> None:
    statuses = {row[3] for row in annex_rows(built_site)}
    assert statuses == {status for *_, status in RECORD.annex_rows}


def test_no_request_leaves_for_a_third_party(built_site: Path) -> None:
    # Material loads Google Fonts unless theme.font is false; nothing may load from elsewhere.
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not loads, f"{page} loads from another host"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_pages_follow_the_filed_order(built_site: Path) -> None:
    report = [
        (md, page)
        for md, page in site_pages(built_site)
        if md == "index.md" or md.startswith("exhibit-1-01/")  # the year-over-year page is not
    ]
    first = [page.blocks[0] if page.blocks else "" for _, page in report]
    assert first[0].startswith("UNITED STATES")
    assert first[-1] == "Additional Risk Factors"
