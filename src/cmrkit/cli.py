"""The `cmrkit` console command.

The commands are listed in `cmrkit.commands.COMMANDS`; a command's module is imported only when
that command runs (`cmrkit --help` and `cmrkit figures 2023` load no other command nor the
engine behind it), so adding a command never means editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from cmrkit.commands import COMMANDS, add_debug_option
from cmrkit.errors import CmrkitError
from cmrkit.version import __version__


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs: its first word that is not an option (the main parser's options
    take no value), None when there is none or it is not a command."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in COMMANDS else None


def build_parser(command: str | None = None, every: bool = False) -> argparse.ArgumentParser:
    """The parser, with the options of `command` (or of `every` command) loaded; the others are
    listed with their one-line help only."""
    parser = argparse.ArgumentParser(prog="cmrkit", description="Conflict Minerals Report engine.")
    parser.add_argument("--version", action="version", version=f"cmrkit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command_info in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command_info.help, description=command_info.help)
        if every or name == command:
            module = importlib.import_module(f"cmrkit.commands.{command_info.module}")
            module.configure(sub)
            sub.set_defaults(func=module.run)
        add_debug_option(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The one error boundary: every command's failure ends here as one line and an exit status
    (2: bad data, usage or file; 3: a fault of cmrkit itself), never a traceback unless
    `--debug` asks for it (before or after the command's name)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_named(argv))
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
