"""The `cmrkit` console command.

Each subcommand lives in its own module under `cmrkit.commands` and exposes
`register(subparsers)`; they are discovered here so that adding a command
never means editing this file.

Exit status: what the command returns (0 clean; commands document their own 1), 2 for bad
usage or bad data (a `CmrkitError`, shown as one message), 3 for an internal error: a bug in
cmrkit, shown as one line; `--debug` adds the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from cmrkit import __version__, commands
from cmrkit.commands import add_debug_option
from cmrkit.errors import CmrkitError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cmrkit", description="Conflict Minerals Report engine.")
    parser.add_argument("--version", action="version", version=f"cmrkit {__version__}")
    add_debug_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


INTERNAL_ERROR = 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CmrkitError as exc:
        print(f"cmrkit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cmrkit: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in cmrkit: one line, the traceback only on request
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"cmrkit: internal error: {internal_error_line(exc)}", file=sys.stderr)
        if not getattr(args, "debug", False):
            print("cmrkit: run again with --debug for the traceback", file=sys.stderr)
        return INTERNAL_ERROR


def internal_error_line(exc: BaseException) -> str:
    """One line naming an unexpected error: its type and first line of message."""
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0][:300]}" if message else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
