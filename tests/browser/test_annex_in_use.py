"""The Annex in use: its header row stays in view while the table scrolls by, and no
single-character shortcut of Material's (`n` next page, `p` previous, `s`/`f`/`/` search) fires,
whether the reader types into a filter or presses a letter anywhere else (WCAG 2.1.4)."""

from __future__ import annotations

import pytest

from tests.support.browser import annex_url

SHORTCUTS = ("n", "p", ".", ",", "s", "f", "/")
SITE_SCRIPT = "**/assets/site.js"


def search_open(page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def test_the_header_row_stays_in_view_while_the_table_scrolls(
    page, site_url: str, rows: list[dict[str, str]]
) -> None:
    page.goto(annex_url(site_url))
    if page.evaluate("document.querySelector('#annex-i').offsetHeight <= window.innerHeight"):
        pytest.skip(f"the Annex ({len(rows)} rows) fits in the window: nothing scrolls under it")
    page.locator("#annex-i tbody tr").nth(len(rows) * 2 // 3).scroll_into_view_if_needed()
    header_bottom = page.evaluate(
        "document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    table_top = page.evaluate("document.querySelector('#annex-i').getBoundingClientRect().top")
    assert table_top < 0, "the table should have scrolled past the top of the window"
    for cell in page.locator("#annex-i thead th").all():
        box = cell.bounding_box()
        assert box and abs(box["y"] - header_bottom) <= 1, "the header row scrolled away"
        # Nothing covers it: the point in its middle belongs to the cell.
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('th')?.textContent",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top == cell.text_content()


def test_letters_typed_into_the_filters_stay_there(page, site_url: str) -> None:
    page.goto(annex_url(site_url))
    url = page.url
    search = page.get_by_label("Search (any words)")
    search.click()
    page.keyboard.type("".join(SHORTCUTS))
    assert search.input_value() == "".join(SHORTCUTS)
    page.get_by_label("Country", exact=True).focus()
    for key in SHORTCUTS:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == url and not search_open(page)


@pytest.mark.parametrize("where", ["page", "sort button", "link"])
def test_no_single_key_shortcut_fires(page, site_url: str, where: str) -> None:
    page.goto(annex_url(site_url))
    assert page.locator("link[rel=next]").count(), "no next page: `n` would have nowhere to go"
    url = page.url
    if where == "page":
        page.locator("article h1").click()
    elif where == "sort button":
        page.locator("#annex-i thead button").first.focus()
    else:
        page.locator("article a[href]").first.focus()
    for key in SHORTCUTS:
        page.keyboard.press(key)
        page.wait_for_timeout(100)
        assert page.url == url, f"`{key}` moved the reader to {page.url}"
        assert not search_open(page), f"`{key}` opened the search"


def test_without_the_site_script_material_turns_the_page(context, site_url: str) -> None:
    """The check itself: Material's `n` does move a reader on when site.js does not stop it."""
    context.route(SITE_SCRIPT, lambda route: route.abort())
    page = context.new_page()
    page.goto(annex_url(site_url))
    page.locator("article h1").click()
    with page.expect_navigation():
        page.keyboard.press("n")
    assert "annex-i" not in page.url


@pytest.mark.parametrize("width", [390, 1280])
def test_every_annex_control_is_at_least_24_pixels_square(chromium, site_url: str, width: int):
    """WCAG 2.5.8: the filters, the reset button, the sort buttons and the download links."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(annex_url(site_url))
        controls = page.locator(
            ".annex-controls input, .annex-controls select, .annex-controls button,"
            " #annex-i thead button, .annex-downloads a"
        )
        assert controls.count() >= 8
        small = []
        for index in range(controls.count()):
            box = controls.nth(index).bounding_box()
            if not box or box["width"] < 24 or box["height"] < 24:
                small.append((controls.nth(index).inner_text() or index, box))
        assert not small, small
    finally:
        context.close()
