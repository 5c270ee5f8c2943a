"""No request leaves the reader's browser for another host, on any page or while filtering."""

from __future__ import annotations

from pathlib import Path

from tests.support.annex_data import csv_rows
from tests.support.browser import RESET_BUTTON, annex_url, material_search, page_urls


def test_every_page_loads_only_from_the_site(
    context, page, built_site: Path, year: int, site_url: str
) -> None:
    urls = page_urls(built_site, site_url, year)
    for url in urls:
        page.goto(url, wait_until="networkidle")
    page.goto(annex_url(site_url), wait_until="networkidle")
    page.get_by_label("Search (any words)").fill("gold")
    if csv_rows(year):  # a draft before its first ingest run has no rows to filter or sort
        page.get_by_label("Metal", exact=True).select_option(index=1)
        page.get_by_label("Country", exact=True).select_option(index=2)
        page.locator("#annex-i thead th button").nth(2).click()
        page.get_by_role("button", name=RESET_BUTTON).click()
    material_search(page, "refinery")  # Material's search: its index and worker
    log = context.request_log
    assert len(log.urls) > len(urls), "the request log recorded nothing: the check would be vacuous"
    assert any(u.endswith("annex.js") for u in log.urls)
    assert not log.third_party(), log.third_party()
