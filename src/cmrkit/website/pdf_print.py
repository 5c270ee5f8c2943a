"""Printing the combined report page to PDF with Chromium, through Playwright.

What the command line `--print-to-pdf` cannot do and a report handed out needs: "Page N of M"
and a running header (company, report, year) on every page, bookmarks from the headings
(Chromium's document outline) and a tagged PDF for screen readers (its structure tree, in the
page's language). Chromium writes no author, so it is added afterwards (cmrkit.website.pdf_info).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from cmrkit.errors import CmrkitError
from cmrkit.website import chromium
from cmrkit.website.pdf import Book
from cmrkit.website.pdf_info import with_info

if TYPE_CHECKING:
    from playwright.sync_api import PdfMargins

MARGIN: PdfMargins = {"top": "0.8in", "bottom": "0.75in", "left": "0.6in", "right": "0.6in"}
# Chromium draws these in the top and bottom margins; their text needs its own size (the default
# is too small to read) and their own spacing. pageNumber and totalPages are filled in by it.
_BAND = (
    "font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #333;"
    " width: 100%; margin: 0 0.6in; display: flex; justify-content: space-between; gap: 1em;"
)
TIMEOUT_MS = 300_000


class PdfError(CmrkitError):
    """Chromium is missing or did not write the PDF."""


def header_html(book: Book) -> str:
    parts = [book.company, book.report, book.year]
    return (
        f'<div style="{_BAND}">'
        + "".join(f"<span>{escape(part)}</span>" for part in parts if part)
        + "</div>"
    )


def footer_html() -> str:
    return (
        f'<div style="{_BAND} justify-content: center;">'
        'Page&nbsp;<span class="pageNumber"></span>&nbsp;of&nbsp;<span class="totalPages"></span>'
        "</div>"
    )


def print_pdf(
    page_file: Path, out: Path, book: Book, executable: str = chromium.EXECUTABLE
) -> None:
    """Print `page_file` (a page inside the built site) to `out`."""
    if not Path(executable).is_file():
        raise PdfError(f"{executable} not found: install Chromium (make browser)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PdfError("cmrkit pdf needs Playwright: pip install 'cmrkit[pdf]'") from None

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=list(chromium.LAUNCH_FLAGS)
            )
            try:
                page = browser.new_page()
                page.goto(page_file.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
                data = page.pdf(
                    display_header_footer=True,
                    header_template=header_html(book),
                    footer_template=footer_html(),
                    margin=MARGIN,
                    outline=True,
                    tagged=True,
                )
            finally:
                browser.close()
    except Error as exc:
        raise PdfError(f"Chromium could not print {page_file}: {exc.message}") from None
    info = {"Title": book.title, "Author": book.company}
    if book.report:
        info["Subject"] = f"{book.report}, {book.year}".strip(", ")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(with_info(data, {k: v for k, v in info.items() if v}))
