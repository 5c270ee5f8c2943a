"""`cmrkit pdf`: the whole report in one PDF a lawyer can hand out, for every year: pages in
reading order, the Annex header on every sheet of the table, no navigation, "Page N of M" and a
running header (company, report, year) on every page, bookmarks from the headings, title,
author and language set, tagged, and no link to a file of the machine that printed it. Read
back with poppler's pdftotext, pdfinfo and pdftohtml (poppler-utils, installed by make)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from cmrkit.record.filed import filed_record_path, load_filed, normalize
from cmrkit.website.pdf import book_of, pages_in_order
from tests.support.pages import site_pages
from tests.support.printed_pdf import Printed, poppler, print_site
from tests.support.project import DATA, build, copy_project

PUBLIC = "https://reports.example.com/cmr/"


def body(sheet: str) -> str:
    """A sheet's text without its running header (first line) and page number (last line)."""
    lines = [line for line in sheet.splitlines() if line.strip()]
    return normalize("\n".join(lines[1:-1]))


def uris(data: bytes) -> list[str]:
    return [m.decode("latin-1") for m in re.findall(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", data)]


@pytest.fixture(scope="module")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_site(built_site, tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="module")
def printed_public(year: int, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The year's report from a site that has a public address (facts urls.site, planted)."""
    project = copy_project(tmp_path_factory.mktemp("public"))
    facts = project / "data" / str(year) / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("urls:", f"urls:\n  site: {PUBLIC}", 1), encoding="utf-8")
    result = build(project, year)
    assert result.returncode == 0, result.stderr
    return print_site(project / "site", project / "report.pdf")


def test_every_page_is_in_the_pdf_in_reading_order(
    printed: Printed, built_site: Path, year: int
) -> None:
    text = " ".join(body(sheet) for sheet in printed.sheets)
    position = 0
    for markdown, page in site_pages(built_site, year):
        found = text.find(page.blocks[0], position)
        assert found >= 0, f"{markdown}: its first line is missing or out of order"
        position = found
    record_path = filed_record_path(DATA / str(year))
    if record_path is not None:  # a filed year's PDF opens and ends as its filing does
        record = load_filed(record_path)
        assert text.startswith(normalize(record.paragraphs[0])[:40])
        assert normalize(record.paragraphs[-1])[:60] in text


def test_annex_header_repeats_on_every_sheet_of_the_table(
    printed: Printed, rows: list[dict[str, str]]
) -> None:
    names = {row["smelter_name"] for row in rows}
    # Sheets printing table rows, found by the rows' own text rather than by position.
    sheets = [body(s) for s in printed.sheets]
    table_sheets = [s for s in sheets if sum(name in s for name in names) >= min(5, len(names))]
    whole = [s for s in table_sheets if all(name in s for name in names)]
    # A short Annex (a year's first ingest run) fits on one sheet, which has the header.
    assert whole or len(table_sheets) >= 2, "the Annex rows are on no sheet of the table"
    for sheet in table_sheets:
        assert "Metal Smelter or refiner Country Status" in sheet


def test_no_navigation_in_the_pdf(printed: Printed) -> None:
    text = " ".join(normalize(s) for s in printed.sheets)
    hidden = ("Skip to content", "Previous", "Back to top", "Show all in ", "as CSV")
    for chrome in hidden:
        assert chrome not in text


def test_every_page_says_page_n_of_m_under_a_running_header(
    printed: Printed, built_site: Path, year: int
) -> None:
    total = int(printed.info["Pages"])
    assert len(printed.sheets) == total
    book = book_of(pages_in_order(built_site))
    assert book.company and book.report and book.year == str(year)
    for number, sheet in enumerate(printed.sheets, start=1):
        lines = [normalize(line) for line in sheet.splitlines() if line.strip()]
        assert lines[-1] == f"Page {number} of {total}", f"page {number}: {lines[-1]!r}"
        assert lines[0] == f"{book.company} {book.report} {book.year}", f"page {number}"


def test_title_author_language_and_tags(printed: Printed, built_site: Path, year: int) -> None:
    book = book_of(pages_in_order(built_site))
    assert printed.info["Title"] == book.title
    assert book.company in book.title and str(year) in book.title
    assert printed.info["Author"] == book.company
    assert printed.info["Tagged"] == "yes"
    assert re.search(rb"/Lang\s*\(en\)", printed.data), "no document language"
    assert b"/StructTreeRoot" in printed.data


def test_bookmarks_follow_the_headings(printed: Printed, built_site: Path) -> None:
    outline = poppler("pdftohtml", "-xml", "-i", "-stdout", str(printed.path))
    items = [normalize(unescape(t)) for t in re.findall(r'<item page="\d+">(.*?)</item>', outline)]
    assert items, "the PDF has no bookmarks"
    headings = []
    for page in pages_in_order(built_site):
        article = page.html[page.html.index("<article") : page.html.index("</article>")]
        for _, inner in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", article, re.S):
            text = re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", inner)
            headings.append(normalize(unescape(text)))
    assert items == headings


def test_no_link_points_at_a_local_file(printed: Printed) -> None:
    found = uris(printed.data)
    assert found, "no link at all: the check would be vacuous"
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in found), found
    assert b"/Dest" in printed.data, "no link within the document"


def test_links_to_site_files_go_to_the_public_site(printed_public: Printed, year: int) -> None:
    found = uris(printed_public.data)
    assert not [u for u in found if u.startswith("file:")]
    assert f"{PUBLIC}{year}/edgar/formsd.htm" in found
    assert f"{PUBLIC}{year}/edgar/ex101.htm" in found


def test_a_page_printed_from_the_browser_has_no_navigation(page, site_url: str) -> None:
    page.goto(site_url + "exhibit-1-01/annex-i/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".annex-controls"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} prints"
    assert page.locator("#annex-i").is_visible()
    head = page.evaluate("getComputedStyle(document.querySelector('#annex-i thead')).display")
    assert head == "table-header-group"
    if page.locator("#annex-i tbody tr").count() == 0:
        return  # a draft before its first ingest run: no row to keep whole
    breaks = page.evaluate(
        "getComputedStyle(document.querySelector('#annex-i tbody tr')).breakInside"
    )
    assert breaks == "avoid"
