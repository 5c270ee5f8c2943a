"""The `cmrkit` console command.

Each subcommand lives in its own module under `cmrkit.commands` and exposes
`register(subparsers)`; they are discovered here so that adding a command
never means editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from cmrkit import __version__, commands
from cmrkit.errors import CmrkitError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cmrkit", description="Conflict Minerals Report engine.")
    parser.add_argument("--version", action="version", version=f"cmrkit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The one error boundary: every command's failure ends here as one line and an exit status
    (2: bad data, usage or file; 3: a fault of cmrkit itself), never a traceback unless
    `--debug` asks for it."""
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
    except OSError as exc:
        print(f"cmrkit: error: {os_error_message(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"cmrkit: internal error: {internal_error_line(exc)} "
            "(run again with --debug for the traceback, and report it)",
            file=sys.stderr,
        )
        return 3


def internal_error_line(exc: BaseException) -> str:
    """An unexpected error in one line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:300]}" if lines else type(exc).__name__


def os_error_message(exc: OSError) -> str:
    """An OSError as a user reads it: what went wrong, and with which path."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    paths = [p for p in (exc.filename, exc.filename2) if p is not None]
    return f"{': '.join(map(str, paths))}: {reason}" if paths else reason


if __name__ == "__main__":
    sys.exit(main())
