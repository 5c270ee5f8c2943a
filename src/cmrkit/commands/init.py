"""`cmrkit init DIR --company NAME --year YEAR`: start a new filer's repository."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.website.init import init_repository


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a new repository for a filer into DIR (new or empty): mkdocs.yml, "
        "Makefile, README.md, CI, the site's glue, docs/YEAR with a narrative template whose "
        "company-specific blanks `cmrkit check` lists until filled, data/YEAR/facts.yml, and "
        "cmrkit's tests, and this cmrkit's wheel in vendor/, pinned by its hash in "
        "requirements.lock: `make site` installs it on any machine, no checkout needed."
    )
    parser.add_argument("dir", type=Path, help="the new repository's folder")
    parser.add_argument("--company", required=True, help='registrant, e.g. "Acme Sensors, Inc."')
    parser.add_argument("--year", required=True, help="first reporting year, e.g. 2025")


def run(args: argparse.Namespace) -> int:
    repo = init_repository(args.dir, args.company, args.year)
    print(f"Created {repo.folder} for {repo.company}, reporting year {repo.year}:")
    print(f"  {len(repo.files)} files" + (", git repository initialised" if repo.git else ""))
    print(
        "Next:\n"
        f"  cd {repo.folder}\n"
        "  make site        # installs cmrkit (vendor/) and the site generator, builds site/\n"
        "  make test        # cmrkit's tests for a filer's repository\n"
        f"  make check       # lists every [[FILL: ...]] blank of {repo.year} still to write"
    )
    return 0
