"""`cmrkit export YEAR --out DIR`: the Annex as CSV and XLSX, the same files the site offers."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.commands import add_data_option, add_docs_option, locate_project
from cmrkit.edgar.render import annex_footnote_texts
from cmrkit.render.downloads import write_annex_files
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Load data/YEAR, check it, and write annex-i-YEAR.csv and .xlsx into DIR, "
        "with the words of each footnote under the Annex (from the pages)."
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    add_data_option(parser)
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (.)")
    add_docs_option(parser, "the footnotes' words are read from the pages")


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    report = load_year(project.data_dir, args.year)
    # The footnotes' words are in the pages, under the Annex: read as the site reads them.
    notes = annex_footnote_texts(report, load_pages(project.docs_dir, report.year))
    for path in write_annex_files(report, args.out, notes):
        print(path)
    return 0
