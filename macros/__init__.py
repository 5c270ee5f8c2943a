"""MkDocs glue: the pages' variables, filters and macros come from `cmrkit.website.macros`.

The logic ships with cmrkit, as do the theme overrides, scripts, styles and shared pages the
hooks serve (cmrkit.website.served), so every filer's site gets its fixes by upgrading cmrkit;
this file is the same in every repository (`cmrkit init` writes it)."""

from cmrkit.website.macros import define_env, on_post_build

__all__ = ["define_env", "on_post_build"]
