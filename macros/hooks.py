"""MkDocs hooks: each reporting year is built from its own pages (`docs/<year>/`).

The logic ships with cmrkit (`cmrkit.website.hooks`); this file is the same in every repository."""

from cmrkit.website.hooks import on_config, on_files

__all__ = ["on_config", "on_files"]
