"""`cmrkit pdf`: the whole report in one PDF, pages in reading order, the Annex header on every
sheet of the table, no navigation. Read back with pdftotext (poppler-utils, installed by make)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.record.filed import filed_record_path, load_filed, normalize
from cmrkit.website.pdf import PRINT_NAME

from ..conftest import DATA
from ..website.pages import site_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pdf_sheets(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run `make browser` (installs poppler-utils)")
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    assert main(["pdf", "--site", str(built_site), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert not (built_site / PRINT_NAME).exists(), "the combined page was left in the site"
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [normalize(sheet) for sheet in text.split("\f") if sheet.strip()]


def test_every_page_is_in_the_pdf_in_reading_order(
    pdf_sheets: list[str], built_site: Path, year: int
) -> None:
    text = " ".join(pdf_sheets)
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
    pdf_sheets: list[str], rows: list[dict[str, str]]
) -> None:
    names = {row["smelter_name"] for row in rows}
    # Sheets printing table rows, found by the rows' own text rather than by position.
    table_sheets = [s for s in pdf_sheets if sum(name in s for name in names) >= 5]
    assert len(table_sheets) >= 2, "the Annex should run over several sheets"
    for sheet in table_sheets:
        assert "Metal Smelter or refiner Country Status" in sheet


def test_no_navigation_in_the_pdf(pdf_sheets: list[str]) -> None:
    text = " ".join(pdf_sheets)
    hidden = ("Skip to content", "Previous", "Back to top", "Show all in filed order", "as CSV")
    for chrome in hidden:
        assert chrome not in text


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
