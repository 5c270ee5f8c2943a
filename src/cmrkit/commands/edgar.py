"""`cmrkit edgar YEAR --out DIR`: the year's EDGAR documents from the site's pages and data.
`cmrkit edgar --check FILE...`: check documents against EDGAR's HTML rules, naming each line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cmrkit.commands import add_data_option, add_docs_option, locate_project
from cmrkit.edgar.check import check_document
from cmrkit.edgar.render import write_filing
from cmrkit.errors import CmrkitError
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write the EDGAR documents of a year (YEAR --out DIR), or check documents "
        "against EDGAR's HTML rules (--check FILE...)."
    )
    parser.add_argument("year", nargs="?", help="reporting year, e.g. 2023")
    parser.add_argument("--out", type=Path, help="folder to write the documents into")
    add_data_option(parser)
    add_docs_option(parser)
    parser.add_argument("--check", nargs="+", type=Path, metavar="FILE", help="files to check")


def run(args: argparse.Namespace) -> int:
    if args.check:
        if args.year:
            raise CmrkitError("give either YEAR --out DIR or --check FILE..., not both")
        return check(args.check)
    if not args.year or not args.out:
        raise CmrkitError("usage: cmrkit edgar YEAR --out DIR  |  cmrkit edgar --check FILE...")
    project = locate_project(args)
    report = load_year(project.data_dir, args.year)
    for path in write_filing(report, load_pages(project.docs_dir, report.year), args.out):
        print(path)
    return 0


def check(files: list[Path]) -> int:
    total = 0
    for path in files:
        if not path.is_file():
            raise CmrkitError(f"{path}: no such file")
        violations = check_document(path)
        for violation in violations:
            print(violation)
        total += len(violations)
    if total:
        print(f"{total} violation(s) of EDGAR's rules in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} file(s) keep to EDGAR's rules")
    return 0
