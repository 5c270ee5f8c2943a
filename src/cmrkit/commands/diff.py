"""`cmrkit diff BASE HEAD`: the data and rendered-text changes between two git revisions."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmrkit.commands import add_repo_option, locate_project
from cmrkit.website.diff import resolve, review, to_markdown


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Build every year present in both revisions and print, as Markdown, the "
        "Annex and facts changes (facilities added, removed, changed; counts before and after) "
        "and the report's rendered text, sentence by sentence. Only what changed is printed."
    )
    parser.add_argument("base", help="git revision before, e.g. origin/main")
    parser.add_argument("head", help="git revision after, e.g. HEAD")
    add_repo_option(parser)
    parser.add_argument("--output", type=Path, help="write the Markdown to this file too")


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    base, head = resolve(project, args.base), resolve(project, args.head)
    markdown = to_markdown(review(project, base, head))
    if args.output:
        args.output.write_text(markdown, encoding="utf-8")
    print(markdown, end="")
    return 0
