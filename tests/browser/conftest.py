"""Browser fixtures: the built site served on localhost, a fresh Chromium profile whose every
request is recorded, and a page (helpers in tests.support.browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.annex_data import csv_rows
from tests.support.browser import RequestLog
from tests.support.localserver import serve


@pytest.fixture(scope="session")
def rows(year: int) -> list[dict[str, str]]:
    """The Annex rows of the year whose site is served. A test of the rows (filters, sorting,
    downloads, printing) is skipped for a year that has none yet: a draft started by
    `cmrkit new-year` before its first ingest run, which `cmrkit check` reports as unfileable."""
    found = csv_rows(year)
    if not found:
        pytest.skip(f"{year}'s Annex has no rows yet (no ingest run of its CMRTs)")
    return found


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture
def context(chromium):
    """A fresh browser profile whose every request is logged in `context.request_log`."""
    ctx = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    log = RequestLog()
    ctx.on("request", lambda request: log.urls.append(request.url))
    ctx.request_log = log  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.dialogs = dialogs  # type: ignore[attr-defined]
    return page
