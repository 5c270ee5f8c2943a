"""`cmrkit export YEAR --out DIR`: the Annex as CSV and XLSX, the same files the site offers."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.edgar.render import annex_footnote_texts
from cmrkit.files.project import locate
from cmrkit.render.downloads import write_annex_files
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a year's Annex I as CSV and XLSX",
        description="Load data/YEAR, check it, and write annex-i-YEAR.csv and .xlsx into DIR, "
        "with the words of each footnote under the Annex (from the pages).",
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument(
        "--data", type=Path, help="data folder (default: data/ of the repository around ./)"
    )
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (.)")
    parser.add_argument(
        "--docs",
        type=Path,
        help="pages, one folder per year, for the footnotes' words (default: docs/ by the data)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = locate(args.data, getattr(args, "docs", None))
    report = load_year(project.data_dir, args.year)
    # The footnotes' words are in the pages, under the Annex: read as the site reads them.
    notes = annex_footnote_texts(report, load_pages(project.docs_dir, report.year))
    for path in write_annex_files(report, args.out, notes):
        print(path)
    return 0
