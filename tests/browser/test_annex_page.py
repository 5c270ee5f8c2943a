"""The Annex page in a browser: filters, search, sorting, the announced count, keyboard use."""

from __future__ import annotations

import unicodedata

from cmrkit.year.report import load_year
from tests.support.browser import RESET_BUTTON, annex_url, reset_label
from tests.support.project import DATA


def visible_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#annex-i tbody tr:not([hidden])",
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))",
    )


def wait_count(page, shown: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('#annex-i').dataset.shown === String(n)", arg=shown
    )


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def test_all_rows_show_and_the_count_is_announced(
    rows: list[dict[str, str]], page, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    status = page.locator("#annex-count")
    assert status.get_attribute("aria-live") == "polite"
    assert str(len(rows)) in status.inner_text()
    assert len(visible_rows(page)) == len(rows)


def test_filters_by_metal_status_and_country(
    rows: list[dict[str, str]], page, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    metal, status = rows[0]["metal"], rows[0]["status"]
    page.get_by_label("Metal", exact=True).select_option(metal)
    page.get_by_label("Status", exact=True).select_option(status)
    expected = [r for r in rows if r["metal"] == metal and r["status"] == status]
    wait_count(page, len(expected))
    shown = visible_rows(page)
    assert [row[1].rstrip("*") for row in shown] == [r["smelter_name"] for r in expected]
    assert f"{len(expected)} of {len(rows)}" in page.locator("#annex-count").inner_text()
    country = rows[0]["country"]
    page.get_by_label("Country", exact=True).select_option(country)
    expected = [r for r in expected if r["country"] == country]
    wait_count(page, len(expected))
    assert {row[2] for row in visible_rows(page)} == {country}


def test_text_search_ignores_case(rows: list[dict[str, str]], page, site_url: str) -> None:
    page.goto(annex_url(site_url))
    word = max(rows[5]["smelter_name"].split(), key=len)
    page.get_by_label("Search (any words)").fill(word.upper())
    expected = [
        r
        for r in rows
        if fold(word)
        in fold(" ".join(r[c] for c in ("metal", "smelter_name", "country", "status")))
    ]
    wait_count(page, len(expected))
    assert 0 < len(expected) < len(rows)
    page.get_by_label("Search (any words)").fill("no smelter is called this")
    wait_count(page, 0)
    page.wait_for_function("document.querySelector('#annex-count').textContent.includes('No rows')")


def test_sorting_by_each_column_both_ways(rows: list[dict[str, str]], page, site_url: str) -> None:
    page.goto(annex_url(site_url))
    headers = page.locator("#annex-i thead th")
    for column in range(headers.count()):
        button = headers.nth(column).get_by_role("button")
        button.click()
        assert headers.nth(column).get_attribute("aria-sort") == "ascending"
        values = [row[column] for row in visible_rows(page)]
        assert values == sorted(values, key=str.casefold) or values == sorted(
            values, key=lambda v: fold(v)
        ), f"column {column} not ascending"
        button.click()
        assert headers.nth(column).get_attribute("aria-sort") == "descending"
        descending = [row[column] for row in visible_rows(page)]
        assert [fold(v) for v in descending] == sorted((fold(v) for v in descending), reverse=True)
        others = [headers.nth(i).get_attribute("aria-sort") for i in range(headers.count())]
        assert others.count(None) == headers.count() - 1
    page.get_by_role("button", name=RESET_BUTTON).click()
    assert [row[1].rstrip("*") for row in visible_rows(page)] == [r["smelter_name"] for r in rows]


def test_keyboard_alone_filters_and_sorts(rows: list[dict[str, str]], page, site_url: str) -> None:
    page.goto(annex_url(site_url))
    page.get_by_label("Search (any words)").focus()
    page.keyboard.type(rows[0]["smelter_name"])
    wait_count(
        page, sum(1 for r in rows if fold(rows[0]["smelter_name"]) in fold(" ".join(r.values())))
    )
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    wait_count(page, len(rows))
    page.keyboard.press("Tab")  # to the metal select
    assert page.evaluate("document.activeElement.id") == "annex-metal"
    page.keyboard.press("ArrowDown")  # first metal, as a keyboard user picks it
    metal = page.evaluate("document.activeElement.value")
    assert metal
    wait_count(page, sum(1 for r in rows if r["metal"] == metal))
    page.locator("#annex-i thead th").first.get_by_role("button").focus()
    page.keyboard.press("Enter")
    assert page.locator("#annex-i thead th").first.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert page.locator("#annex-i thead th").first.get_attribute("aria-sort") == "descending"


def test_focus_is_visible_on_the_controls(page, site_url: str) -> None:
    page.goto(annex_url(site_url))
    page.get_by_label("Search (any words)").focus()
    page.keyboard.press("Tab")
    # Chromium's own ring is a thin "auto" outline; the site draws a solid one at least 2px wide.
    style, width = page.evaluate(
        "[getComputedStyle(document.activeElement).outlineStyle,"
        " parseFloat(getComputedStyle(document.activeElement).outlineWidth)]"
    )
    assert style == "solid" and width >= 2
    page.locator("#annex-i thead th button").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.classList.contains('annex-sort')")
    assert style == "solid"


def test_the_table_is_complete_without_javascript(
    rows: list[dict[str, str]], chromium, site_url: str
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(annex_url(site_url))
        assert page.locator("#annex-i tbody tr").count() == len(rows)
        assert page.locator(".annex-controls").count() == 0
        assert page.locator("#annex-i thead th[scope=col]").count() == 4
    finally:
        context.close()


def test_the_reset_button_says_whose_order(
    rows: list[dict[str, str]], page, site_url: str, year: int
) -> None:
    page.goto(annex_url(site_url))
    filed = load_year(DATA, year).is_filed
    assert page.get_by_role("button", name=RESET_BUTTON).inner_text() == reset_label(filed)
