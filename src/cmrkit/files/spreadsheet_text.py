"""Text that a spreadsheet program shows, never runs.

Supplier data reaches every CSV cmrkit writes (the Annex downloads, the ingest reports), and
Excel or LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return that hides one) as a formula. One rule, used by every CSV writer: such a value is
prefixed with an apostrophe, the convention spreadsheet programs show as text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """The text of a CSV cell a spreadsheet will show, not run."""
    return "'" + value if is_formula_like(value) else value
