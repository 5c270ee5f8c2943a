"""Data that looks like markup or a formula stays text: in the table, the filters, the search,
the charts and the downloads. Built from a private copy of the project with such rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from cmrkit.year.report import load_year
from tests.support.browser import annex_url, material_search
from tests.support.localserver import serve
from tests.support.project import DATA, HAND_KEPT_YEARS, build, copy_project

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_COUNTRY = "<img src=x onerror=alert(2)>"
YEAR = HAND_KEPT_YEARS[-1]  # a year whose Annex is a hand-kept CSV to plant rows in
FORMULA_NAME = '=HYPERLINK("http://example.invalid/","click")'
ACCENTED_NAME = "Métaux Précieux Ünique SA"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    annex = project / "data" / str(YEAR) / load_year(DATA, YEAR).facts.annex.file
    with open(annex, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    rows[0]["smelter_name"] = SCRIPT_NAME
    rows[1]["smelter_name"] = FORMULA_NAME
    rows[2]["smelter_name"] = ACCENTED_NAME
    rows[3]["country"] = IMG_COUNTRY
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    annex.write_text(out.getvalue(), encoding="utf-8")
    result = build(project, YEAR)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield project / "site", url


def test_markup_in_a_name_shows_as_text(page, hostile_site: tuple[Path, str]) -> None:
    _, url = hostile_site
    page.goto(annex_url(url), wait_until="networkidle")
    first = page.locator("#annex-i tbody tr").first.locator("td").nth(1)
    assert first.inner_text() == SCRIPT_NAME
    assert page.locator("#annex-i tbody tr").nth(3).locator("td").nth(2).inner_text() == IMG_COUNTRY
    injected = page.evaluate(
        "Array.from(document.scripts).some(s => s.textContent.includes('alert(1)'))"
        " || document.querySelectorAll('img[src=x]').length > 0"
    )
    assert not injected
    assert page.dialogs == []


def test_markup_stays_text_in_filters_and_search(context, page, hostile_site) -> None:
    _, url = hostile_site
    page.goto(annex_url(url))
    page.get_by_label("Search (any words)").fill("alert(1)")
    page.wait_for_function("document.querySelector('#annex-i').dataset.shown === '1'")
    shown = page.locator("#annex-i tbody tr:not([hidden]) td").nth(1).inner_text()
    assert shown == SCRIPT_NAME
    page.get_by_label("Search (any words)").fill("metaux precieux unique")  # accents folded
    page.wait_for_function("document.querySelector('#annex-i').dataset.shown === '1'")
    page.get_by_label("Search (any words)").fill("")
    page.get_by_label("Country", exact=True).select_option(label=IMG_COUNTRY)
    page.wait_for_function("document.querySelector('#annex-i').dataset.shown === '1'")
    # Material's own search, over the same data: the row's text shows in the result snippet.
    material_search(page, "advanced chemical")
    assert IMG_COUNTRY in page.locator(".md-search-result__item").first.inner_text()
    assert page.dialogs == []
    assert not any(u.rstrip("/").endswith("/x") for u in context.request_log.urls)


def test_downloads_keep_the_text_and_defuse_formulas(hostile_site) -> None:
    site, _ = hostile_site
    folder = site / "exhibit-1-01" / "annex-i"
    table = list(csv.reader(io.StringIO((folder / f"annex-i-{YEAR}.csv").read_text("utf-8-sig"))))
    names = [row[1] for row in table[1:]]
    assert names[0] == SCRIPT_NAME
    assert names[1] == "'" + FORMULA_NAME
    assert names[2] == ACCENTED_NAME
    sheet = openpyxl.load_workbook(folder / f"annex-i-{YEAR}.xlsx").active
    assert sheet["B2"].value == SCRIPT_NAME
    assert sheet["B3"].value == FORMULA_NAME and sheet["B3"].data_type == "s"
    assert sheet["B4"].value == ACCENTED_NAME


def test_charts_escape_country_names(hostile_site) -> None:
    site, _ = hostile_site
    html = (site / "exhibit-1-01" / "annex-i" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "<script>alert" not in html
