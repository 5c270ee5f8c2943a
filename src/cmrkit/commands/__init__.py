"""Subcommands of `cmrkit`: one module each, with `configure(parser)` (its options) and
`run(args)` (calls the engine, prints, returns the exit status).

`COMMANDS` names every command with its module and one-line help, so `cmrkit --help` lists them
without importing any: a command's module (and the engine behind it) is imported only when that
command runs. The options several commands share are defined here, once, and so is the way a
command finds its repository from them (`project`): built once in `run(args)` and passed down."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a command runs, not for `cmrkit --help`
    from cmrkit.files.project import Project


@dataclass(frozen=True)
class Command:
    module: str  # under cmrkit.commands
    help: str  # the line `cmrkit --help` shows


COMMANDS: dict[str, Command] = {
    "check": Command(
        "check", "pre-filing checks: figures in the prose, stale years and names, deadline"
    ),
    "diff": Command("diff", "Markdown of what changes between two revisions: data and report text"),
    "edgar": Command(
        "edgar",
        "write a year's Form SD and Exhibit 1.01 as EDGAR HTML, or check EDGAR documents",
    ),
    "export": Command("export", "write a year's Annex I as CSV and XLSX"),
    "figures": Command(
        "figures", "print the figures a year's report states (counts by status, metal, RCOI)"
    ),
    "freeze": Command(
        "freeze",
        "record a filed year's text and what its readers get in data/YEAR/filed/manifest.json",
    ),
    "import": Command(
        "import_", "make a filed year from the report filed on EDGAR (Exhibit 1.01, Form SD)"
    ),
    "ingest": Command("ingest", "roll supplier CMRTs up into the consolidated smelter list"),
    "init": Command(
        "init", "write a new filer's repository (site, data, narrative template, tests)"
    ),
    "new-year": Command(
        "new_year", "start data/YEAR and docs/YEAR from the previous year (dates moved on, draft)"
    ),
    "pdf": Command("pdf", "print the built site (all pages, in navigation order) to one PDF"),
    "publish": Command("publish", "build a year and deploy it as a version of the site (mike)"),
}


def add_debug_option(parser: argparse.ArgumentParser) -> None:
    """`--debug`: the traceback of an internal error (exit status 3), before or after the
    command name. Suppressed by default so a subcommand's default never hides the main one."""
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on an internal error, show the traceback (otherwise one line)",
    )


def add_data_option(parser: argparse.ArgumentParser, more: str = "") -> None:
    """`--data DIR`: the repository's data folder, one folder per reporting year."""
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="data folder, one folder per year (default: data/ of the repository around ./)"
        + (f"; {more}" if more else ""),
    )


def add_docs_option(parser: argparse.ArgumentParser, more: str = "") -> None:
    """`--docs DIR`: the repository's pages, one folder per reporting year."""
    parser.add_argument(
        "--docs",
        type=Path,
        metavar="DIR",
        help="pages folder, one folder per year (default: docs/ beside the data folder)"
        + (f"; {more}" if more else ""),
    )


def add_repo_option(parser: argparse.ArgumentParser) -> None:
    """`--repo DIR`: the repository (a git work tree), for commands that work on its history
    or branches; any folder inside it will do, as for the current folder."""
    parser.add_argument(
        "--repo",
        type=Path,
        metavar="DIR",
        help="the repository, a git work tree (default: the one around ./)",
    )


def locate_project(args: argparse.Namespace) -> Project:
    """The repository a command works on, from its shared options: `--data`/`--docs`, or
    `--repo`, else the one around the current folder (a one-line error when there is none)."""
    from cmrkit.files.project import locate

    repo = getattr(args, "repo", None)
    option = "--repo DIR" if hasattr(args, "repo") else "--data DIR"
    return locate(getattr(args, "data", None), getattr(args, "docs", None), repo, option)


def optional_project(args: argparse.Namespace) -> Project | None:
    """The repository around the command when there is one (`ingest FOLDER` works without);
    a `--data` folder that does not exist is still an error."""
    from cmrkit.files.project import optional

    return optional(getattr(args, "data", None))
