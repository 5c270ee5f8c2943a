"""`cmrkit export YEAR --out DIR`: the Annex as CSV and XLSX, the same files the site offers."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.files.project import locate
from cmrkit.render.downloads import write_annex_files
from cmrkit.year.report import load_year


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a year's Annex I as CSV and XLSX",
        description="Load data/YEAR, check it, and write annex-i-YEAR.csv and .xlsx into DIR.",
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument(
        "--data", type=Path, help="data folder (default: data/ of the repository around ./)"
    )
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (.)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = locate(args.data, getattr(args, "docs", None))
    report = load_year(project.data_dir, args.year)
    for path in write_annex_files(report, args.out):
        print(path)
    return 0
