"""`cmrkit pdf`: the built site as one PDF, every page in reading order, printed by Chromium.

Chromium prints with the site's own print stylesheet, so the PDF is what a reader gets from the
browser's print dialog (no navigation; the Annex header repeated on every sheet), for all pages
at once. The combined page is removed again so the site folder stays as the build left it."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.website import chromium
from cmrkit.website.pdf import write_print_page

CHROMIUM_FLAGS = (
    "--headless",
    *chromium.LAUNCH_FLAGS,
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)
TIMEOUT = 300


class PdfError(CmrkitError):
    """Chromium is missing or did not write the PDF."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pdf",
        help="print the built site (all pages, in navigation order) to one PDF",
        description="Combine every page of a built site in reading order and print it to PDF "
        "with headless Chromium. Build the site first (make site).",
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (./site)")
    parser.add_argument("--out", type=Path, default=Path("build/report.pdf"), help="PDF to write")
    parser.add_argument("--chromium", default="chromium", help="Chromium executable (chromium)")
    parser.set_defaults(func=run)


def print_to_pdf(html: Path, out: Path, chromium: str) -> None:
    executable = shutil.which(chromium)
    if not executable:
        raise PdfError(f"'{chromium}' not found: install Chromium (apt-get install chromium)")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    result = subprocess.run(
        [executable, *CHROMIUM_FLAGS, f"--print-to-pdf={out.resolve()}", html.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if not out.is_file() or out.stat().st_size == 0:
        detail = result.stderr.strip().splitlines()[-1:] or ["no output"]
        raise PdfError(f"Chromium wrote no PDF to {out} (exit {result.returncode}): {detail[0]}")


def run(args: argparse.Namespace) -> int:
    page = write_print_page(args.site)
    try:
        print_to_pdf(page, args.out, args.chromium)
    finally:
        page.unlink(missing_ok=True)
    print(args.out)
    return 0
