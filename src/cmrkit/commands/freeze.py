"""`cmrkit freeze YEAR`: record what a filed year says and what its readers get, or amend it
deliberately."""

from __future__ import annotations

import argparse

from cmrkit.commands import add_repo_option, locate_project
from cmrkit.website.freeze import freeze, record_path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Deploy a filed year with mike to a scratch branch and record each report "
        "page's sentences and sha256, the Annex rows' sha256, and what a reader gets: every "
        "page's text as Chromium shows it, every link's target, every download's sha256. A "
        "format 1 record is migrated (its filed text must be unchanged). With --amend, "
        "re-record after a deliberate correction and append the date, reason and old/new hashes "
        "to the manifest's history."
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument("--amend", action="store_true", help="record a deliberate correction")
    parser.add_argument("--reason", help="why the record changes (required with --amend)")
    add_repo_option(parser)


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    result = freeze(project, args.year, amend=args.amend, reason=args.reason)
    path = record_path(project, result.manifest.year)
    if not result.written:
        print(f"{result.manifest.year} is frozen and unchanged ({path}).")
    elif result.migrated:
        print(
            f"Migrated {path} to format {result.manifest.format}: the filed text is unchanged, "
            "what a reader gets is now recorded too. Review and commit it."
        )
    elif result.differences:
        print(f"Amended {path}:\n{result.differences.describe()}")
    else:
        pages = len(result.manifest.pages)
        print(
            f"Froze {result.manifest.year}: {pages} pages, {result.manifest.annex_rows} "
            f"Annex rows in {path}. Review and commit it."
        )
    return 0
