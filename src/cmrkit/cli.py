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
from collections.abc import Sequence

from cmrkit import __version__, commands
from cmrkit.errors import CmrkitError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cmrkit", description="Conflict Minerals Report engine.")
    parser.add_argument("--version", action="version", version=f"cmrkit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
