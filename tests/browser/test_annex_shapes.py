"""The Annex filters, search and sorting in a browser, for a year in each Annex shape real
filers print (facts.yml `annex.shape`): one set of controls over one table or a table per
metal, the status filter only where rows have a status, accents ignored by the search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.annex_shapes import SHAPES, expected_rows, printed_names
from tests.support.browser import RESET_BUTTON, annex_url
from tests.support.localserver import serve
from tests.support.scratch_years import ShapeSites


@pytest.fixture(params=sorted(SHAPES))
def shape(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def shape_url(shape: str, shape_sites: ShapeSites) -> Iterator[str]:
    _, site = shape_sites(shape)
    with serve(site) as url:
        yield annex_url(url)


def names_shown(page) -> list[str]:
    """The name cell of each row shown, whichever column holds it (the cell a row's name is in
    carries the name as printed, marks included)."""
    return page.eval_on_selector_all(
        ".annex-wrap table.annex tbody tr:not([hidden])",
        "rows => rows.map(r => r.getAttribute('id'))",
    )


def wait_shown(page, shown: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('.annex-wrap').dataset.shown === String(n)", arg=shown
    )


def test_every_row_shows_with_one_set_of_controls(shape: str, shape_url: str, page) -> None:
    page.goto(shape_url)
    rows = expected_rows(SHAPES[shape])
    assert page.locator(".annex-controls").count() == 1
    assert str(len(rows)) in page.locator("#annex-count").inner_text()
    assert len(names_shown(page)) == len(rows)
    cells = page.eval_on_selector_all(
        ".annex-wrap table.annex tbody tr", "rows => rows.map(r => r.textContent)"
    )
    for printed, cell in zip(printed_names(SHAPES[shape]), cells, strict=True):
        assert printed in cell
    assert (page.get_by_label("Status", exact=True).count() == 1) == SHAPES[shape].with_status
    assert page.dialogs == []


def test_the_metal_filter_keeps_that_metals_rows_and_headings(
    shape: str, shape_url: str, page
) -> None:
    page.goto(shape_url)
    rows = expected_rows(SHAPES[shape])
    page.get_by_label("Metal", exact=True).select_option("Tin")
    tin = [r for r in rows if r["metal"] == "Tin"]
    wait_shown(page, len(tin))
    shown = page.eval_on_selector_all(
        ".annex-wrap table.annex tbody tr:not([hidden])",
        "rows => rows.map(r => r.dataset.metal)",
    )
    assert shown == ["Tin"] * len(tin)
    visible_headings = page.eval_on_selector_all(
        ".annex-metal-heading:not([hidden])", "hs => hs.map(h => h.textContent)"
    )
    if "per_metal" in shape:
        assert len(visible_headings) == 1 and "Tin" in visible_headings[0]
        assert page.locator(".annex-wrap table.annex:not([hidden])").count() == 1
    page.get_by_role("button", name=RESET_BUTTON).click()
    wait_shown(page, len(rows))
    assert page.locator(".annex-wrap table.annex[hidden]").count() == 0


def test_search_ignores_accents_and_quotes_stay_text(shape: str, shape_url: str, page) -> None:
    page.goto(shape_url)
    search = page.get_by_label("Search (any words)")
    for word, name in (("corrego", "Córrego"), ("OGUSSA", "Ögussa"), ("technolom", "Technolom")):
        search.fill(word)
        wait_shown(page, 1)
        text = page.locator(".annex-wrap table.annex tbody tr:not([hidden])").inner_text()
        assert name in text
    search.fill("gold")  # a metal is found by name, whether or not a column prints it
    gold = [
        r
        for r in expected_rows(SHAPES[shape])
        if "gold" in r["metal"].lower() or "gold" in r["smelter_name"].lower()
    ]
    wait_shown(page, len(gold))


def test_the_status_filter_where_rows_have_a_status(shape: str, shape_url: str, page) -> None:
    if not SHAPES[shape].with_status:
        pytest.skip(f"{shape}: no status in annex.csv, so no status filter")
    page.goto(shape_url)
    rows = expected_rows(SHAPES[shape])
    page.get_by_label("Status", exact=True).select_option("Conformant")
    wait_shown(page, sum(r["status"] == "Conformant" for r in rows))


def test_each_table_sorts_on_its_own(shape: str, shape_url: str, page) -> None:
    page.goto(shape_url)
    first = page.locator(".annex-wrap table.annex").first
    before = page.eval_on_selector_all(
        ".annex-wrap table.annex:not(#annex-i) tbody tr", "rows => rows.map(r => r.id)"
    )
    first.locator("thead th button").first.click()
    assert first.locator("thead th").first.get_attribute("aria-sort") == "ascending"
    after = page.eval_on_selector_all(
        ".annex-wrap table.annex:not(#annex-i) tbody tr", "rows => rows.map(r => r.id)"
    )
    assert after == before  # the other tables keep their order


def test_axe_finds_nothing_on_the_annex_in_each_shape(shape: str, shape_url: str, page) -> None:
    """Headings per metal, several captioned tables, marks and notes: still no violation."""
    from tests.support.browser import axe_violations

    page.goto(shape_url)
    violations = axe_violations(page)
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
