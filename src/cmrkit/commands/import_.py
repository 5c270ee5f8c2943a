"""`cmrkit import YEAR FILE...`: a report already filed on EDGAR as a filed year."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cmrkit.commands import add_data_option, add_docs_option, locate_project
from cmrkit.errors import CmrkitError
from cmrkit.importing.run import plan_import, write_import
from cmrkit.website.init import untouched_template_year


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read a filed Exhibit 1.01 and optionally its Form SD, each as EDGAR serves "
        "it (HTML, or a full submission .txt holding both), and write YEAR as a filed year: "
        "docs/YEAR/ split at the report's own headings with nav.yml, data/YEAR/facts.yml "
        "(what the documents do not state stays a FILL blank), data/YEAR/annex.csv with the "
        "Annex's shape as filed, the filed record in data/YEAR/filed/, counts in the prose bound "
        "to the data, and data/YEAR/import-review.md listing every number bound or left typed. "
        "Never overwrites a year (a year that is still the untouched template of `cmrkit init` "
        "is replaced)."
    )
    parser.add_argument("year", help="the reporting year the report covers, e.g. 2024")
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="the Exhibit 1.01 and optionally the Form SD (.htm), or a .txt",
    )
    parser.add_argument("--filed", type=_date, help="the date filed, when no document says it")
    parser.add_argument("--signed", type=_date, help="the date signed, when no document says it")
    add_data_option(parser)
    add_docs_option(parser)


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    name, replace = untouched_template_year(project, args.year)
    imported = plan_import(
        project.data_dir, project.docs_dir, args.year, args.files,
        filed=args.filed, signed=args.signed, fallback_name=name,
    )  # fmt: skip
    if not replace and any(folder.exists() for folder in imported.folders):
        raise CmrkitError(
            f"{args.year} exists in {project.data_dir} or {project.docs_dir}: cmrkit import never "
            "overwrites a year"
        )
    written = write_import(imported, replace=replace)
    for message in imported.messages:
        print(f"note: {message}")
    print(
        f"Imported {imported.year}: {len(written)} files, {imported.annex_rows} Annex rows, "
        f"{imported.bound} counts bound to the data, {imported.typed} numbers left as typed."
    )
    if replace:
        print(f"  (replaced the untouched {imported.year} template of `cmrkit init`)")
    if imported.blanks:
        print(f"  Not stated in the documents (FILL blanks): {', '.join(imported.blanks)}")
    print(
        f"Next: read data/{imported.year}/import-review.md, run `cmrkit check {imported.year}`, "
        f"then `make site YEAR={imported.year}`."
    )
    return 0
