"""`cmrkit pdf`: the built site as one PDF, every page in reading order, printed by Chromium.

Chromium prints with the site's own print stylesheet, so the PDF is what a reader gets from the
browser's print dialog (no navigation; the Annex header repeated on every sheet), for all pages
at once, with page numbers, a running header, bookmarks, tags, and links that work outside the
machine that printed it (see cmrkit.website.pdf). The combined page is removed again so the site
folder stays as the build left it."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.website import chromium
from cmrkit.website.pdf import book_of, pages_in_order, write_print_page
from cmrkit.website.pdf_print import print_pdf


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Combine every page of a built site in reading order and print it to PDF "
        "with headless Chromium. Build the site first (make site)."
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (./site)")
    parser.add_argument("--out", type=Path, default=Path("build/report.pdf"), help="PDF to write")
    parser.add_argument(
        "--chromium", default=chromium.EXECUTABLE, help=f"Chromium ({chromium.EXECUTABLE})"
    )


def run(args: argparse.Namespace) -> int:
    book = book_of(pages_in_order(args.site))
    page = write_print_page(args.site)
    try:
        print_pdf(page, args.out, book, args.chromium)
    finally:
        page.unlink(missing_ok=True)
    print(args.out)
    return 0
