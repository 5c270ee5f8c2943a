"""`cmrkit publish YEAR`: deploy a year as a version of the site with mike."""

from __future__ import annotations

import argparse

from cmrkit.commands import add_repo_option, locate_project
from cmrkit.website.publish import publish


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Build data/YEAR strictly and deploy it with mike as version YEAR on the "
        "site branch; the newest filed year is aliased 'latest' and made the default. A draft "
        "year needs --draft. A filed year must match its frozen record (see `cmrkit freeze`): "
        "the files mike commits are read back (Chromium, downloads) before anything is kept or "
        "pushed, and the branch is put back where it was on a difference."
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument("--branch", default="gh-pages", help="site branch (gh-pages)")
    parser.add_argument("--push", action="store_true", help="push the site branch to origin")
    add_repo_option(parser)
    parser.add_argument(
        "--draft",
        action="store_true",
        help="publish a draft year as a preview: version 'YEAR (draft)' with a banner on every "
        "page, never 'latest' or the default",
    )


def run(args: argparse.Namespace) -> int:
    steps = publish(
        locate_project(args), args.year, branch=args.branch, push=args.push, draft=args.draft
    )
    where = f"branch {args.branch}" + (" (pushed)" if args.push else "")
    alias = " as 'latest' (default)" if steps.newest else (" as a draft" if args.draft else "")
    print(f"Published {steps.year}{alias} on {where}.")
    return 0
