"""`cmrkit freeze YEAR`: record the text of a filed year, or amend it deliberately."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.record.manifest import manifest_path
from cmrkit.website.build import repo_root
from cmrkit.website.freeze import freeze
from cmrkit.year.report import year_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "freeze",
        help="record a filed year's report text in data/YEAR/filed/manifest.json",
        description="Build a filed year and record each report page's sentences and sha256 and "
        "the Annex rows' sha256. With --amend, re-record after a deliberate correction and "
        "append the date, reason and old/new hashes to the manifest's history.",
    )
    parser.add_argument("year", help="reporting year, e.g. 2023")
    parser.add_argument("--amend", action="store_true", help="record a deliberate correction")
    parser.add_argument("--reason", help="why the filed text changes (required with --amend)")
    parser.add_argument("--repo", type=Path, help="repository (default: the one around ./)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.repo)
    result = freeze(root, args.year, amend=args.amend, reason=args.reason)
    path = manifest_path(year_dir(root / "data", result.manifest.year)).relative_to(root)
    if not result.written:
        print(f"{result.manifest.year} is frozen and unchanged ({path}).")
    elif result.differences:
        print(f"Amended {path}:\n{result.differences.describe()}")
    else:
        pages = len(result.manifest.pages)
        print(
            f"Froze {result.manifest.year}: {pages} pages, {result.manifest.annex_rows} "
            f"Annex rows in {path}. Review and commit it."
        )
    return 0
