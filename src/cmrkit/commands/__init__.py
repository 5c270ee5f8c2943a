"""Subcommands of `cmrkit`: one module each, each with `register(subparsers)`."""
