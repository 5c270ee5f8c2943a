"""MkDocs glue: the pages' variables, filters and macros come from `cmrkit.website.macros`.

The logic ships with cmrkit, so every filer's site gets its fixes by upgrading cmrkit; this file
is the same in every repository (`cmrkit init` writes it, a test keeps them equal)."""

from cmrkit.website.macros import define_env, on_post_build

__all__ = ["define_env", "on_post_build"]
