"""`cmrkit freeze YEAR`: record what a filed year says and what its readers get, or amend it
deliberately."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.commands import add_repo_option, locate_project
from cmrkit.importing.filed_record import undo_record, write_filed_record
from cmrkit.record.filed import filed_record_path
from cmrkit.website.freeze import freeze, record_path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Deploy a filed year with mike to a scratch branch and record each report "
        "page's sentences and sha256, the Annex rows' sha256, and what a reader gets: every "
        "page's text as Chromium shows it, every link's target, every download's sha256. A "
        "format 1 record is migrated (its filed text must be unchanged). With --amend, "
        "re-record after a deliberate correction and append the date, reason and old/new hashes "
        "to the manifest's history. With --documents, first write the year's filed record "
        "(data/YEAR/filed/*.txt, the text as filed: the yardstick of the word-for-word tests) "
        "from the documents EDGAR accepted."
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument("--amend", action="store_true", help="record a deliberate correction")
    parser.add_argument("--reason", help="why the record changes (required with --amend)")
    parser.add_argument(
        "--documents",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="the documents as accepted on EDGAR (the Form SD and Exhibit 1.01 .htm, or the full "
        "submission .txt): write the year's filed record from them before freezing",
    )
    add_repo_option(parser)


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    if args.documents:
        written = write_filed_record(project, args.year, args.documents, amend=args.amend)
        try:
            result = freeze(project, args.year, amend=args.amend, reason=args.reason)
        except BaseException:
            undo_record(written)  # a refused freeze leaves the record as it was
            raise
        for message in written.messages:
            print(message)
        shown = written.path.relative_to(project.root)
        if written.written:
            print(f"Wrote {shown} from {', '.join(map(str, args.documents))}.")
        else:
            print(f"{shown} already holds the text of these documents.")
    else:
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
    year = result.manifest.year
    if filed_record_path(project.year_data(year)) is None:
        folder = project.year_data(year).relative_to(project.root) / "filed"
        print(
            f"{year} has no filed record ({folder}/*.txt), so the word-for-word tests "
            "do not check it: give the documents EDGAR accepted, "
            f"cmrkit freeze {year} --documents FILE... (the Form SD and Exhibit 1.01 "
            ".htm, or the full submission .txt)"
        )
    return 0
