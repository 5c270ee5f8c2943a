"""Subcommands of `cmrkit`: one module each, each with `register(subparsers)`."""

from __future__ import annotations

import argparse


def add_debug_option(parser: argparse.ArgumentParser) -> None:
    """`--debug`: the traceback of an internal error (exit status 3), before or after the
    command name. Suppressed by default so a subcommand's default never hides the main one."""
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on an internal error, show the traceback (otherwise one line)",
    )
