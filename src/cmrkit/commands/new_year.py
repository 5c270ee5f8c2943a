"""`cmrkit new-year YEAR`: scaffold data/YEAR from the previous year."""

from __future__ import annotations

import argparse

from cmrkit.commands import add_data_option, add_docs_option, locate_project
from cmrkit.website.init import untouched_template_year
from cmrkit.year.new_year import new_year


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Create data/YEAR and docs/YEAR from the latest earlier year: its pages and "
        "navigation copied to docs/YEAR to edit freely; facts with the period moved on, "
        "filing.signed a [[FILL: ...]] blank (never last year's date moved on), "
        "filing.status draft, filing.filed and filing.accession_number removed; the Annex built "
        "from the year's ingest run (annex.source: ingest; an empty run and an empty "
        "annex-decisions.csv to start), and so are the RCOI counts (rcoi.source: "
        "ingest/rcoi.yml; the suppliers asked a blank until --asked N); an empty cmrt/ folder "
        "for the suppliers' CMRTs. "
        "Never overwrites a year, except one that is still exactly the template `cmrkit "
        "init` wrote (a repository started with the year to write, before its filed years "
        "were imported), which it replaces and says so."
    )
    parser.add_argument("year", help="the new reporting year, e.g. 2024")
    add_data_option(parser)
    add_docs_option(parser)


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    _, replace = untouched_template_year(project, str(args.year))
    scaffold = new_year(project, args.year, replace=replace)
    print(f"Created {scaffold.folder} from {scaffold.previous}:")
    for path in scaffold.files:
        print(f"  {path}")
    if replace:
        print(f"  (replaced the untouched {scaffold.year} template of `cmrkit init`)")
    print(
        f"Next: put the suppliers' CMRTs in {scaffold.folder / 'cmrt'}/, run `cmrkit ingest "
        f"{scaffold.year} --asked N --status conformant=FILE --status active=FILE --as-of DATE` "
        "with RMI's lists and the number of suppliers asked, update the facts, edit the pages in "
        f"docs/{scaffold.year}/, then build with `make site YEAR={scaffold.year}`."
    )
    return 0
