"""The Annex downloads, fetched the way a reader does (clicking the links on the page)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from cmrkit.year.report import load_year
from tests.support.browser import annex_url
from tests.support.project import DATA


def printed(year: int, header: list[str], body: list[list[str]], rows: list[dict[str, str]]):
    """The download's cells under the year's printed headers (facts.yml `annex.columns`), and
    the data file's values of the same columns, in printed order when the year prints rows as
    filed (sorted otherwise)."""
    report = load_year(DATA, year)
    columns = report.columns
    picked = [header.index(c.header) for c in columns]
    got = [tuple(row[i] for i in picked) for row in body]
    want = [tuple(r.get(c.name, "") for c in columns) for r in rows]
    if report.printed_rows != report.annex:
        return sorted(got), sorted(want)
    return got, want


def download(page, link_text: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_bytes()


def test_csv_download_holds_every_row(
    year: int, rows: list[dict[str, str]], page, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    name, data = download(page, "Annex I as CSV")
    assert name == f"annex-i-{year}.csv"
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = table[0], table[1:]
    assert len(body) == len(rows)
    got, want = printed(year, header, body, rows)
    assert got == want


def test_xlsx_download_holds_every_row_with_a_frozen_header(
    year: int, rows: list[dict[str, str]], page, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    name, data = download(page, "Annex I as Excel workbook")
    assert name == f"annex-i-{year}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    header, body = values[0], values[1:]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.cell(1, i + 1).font.bold for i in range(len(header)))
    assert len(body) == len(rows)
    got, want = printed(year, header, body, rows)
    assert got == want
    name_header = next(c.header for c in load_year(DATA, year).columns if c.name == "smelter_name")
    name_column = openpyxl.utils.get_column_letter(header.index(name_header) + 1)
    longest = max(len(r["smelter_name"]) for r in rows)
    assert sheet.column_dimensions[name_column].width >= min(longest, 60)


def test_download_links_resolve_in_the_built_site(built_site: Path) -> None:
    import re

    page = built_site / "exhibit-1-01" / "annex-i" / "index.html"
    links = re.findall(r'<a href="([^"]+)" download>', page.read_text(encoding="utf-8"))
    assert len(links) == 2
    for link in links:
        assert (page.parent / link).is_file(), link


def footnotes_on_the_page(page) -> dict[str, str]:
    """Each footnote under the Annex as the reader sees it, by its marker."""
    notes = page.eval_on_selector_all(
        ".annex-footnote", "nodes => nodes.map(n => n.textContent.trim())"
    )
    out = {}
    for text in notes:
        marker, words = text.split(" ", 1)
        out[marker] = " ".join(words.split())
    return out


def test_both_downloads_carry_the_footnote_text(
    rows: list[dict[str, str]], page, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    notes = footnotes_on_the_page(page)
    markers = {r["footnote"] for r in rows if r["footnote"]}
    assert set(notes) >= markers, "a marked row with no footnote under the Annex"
    _, data = download(page, "Annex I as CSV")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    _, workbook = download(page, "Annex I as Excel workbook")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    for lines in (table, cells):
        header, body = lines[0], lines[1:]
        marker, text = header.index("Footnote"), header.index("Footnote text")
        marked = [row for row in body if row[marker]]
        assert len(marked) == sum(1 for r in rows if r["footnote"])
        for row in marked:
            assert row[text] and " ".join(row[text].split()) == notes[row[marker]]
        assert all(not row[text] for row in body if not row[marker])
