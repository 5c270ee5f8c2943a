"""The version of cmrkit, written once: the package metadata (pyproject.toml reads it),
`cmrkit --version` and the pin `cmrkit init` writes into a new filer's repository come from here."""

__version__ = "0.1.0"
