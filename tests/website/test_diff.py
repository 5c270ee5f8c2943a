"""`cmrkit diff`'s comment: a table cell's text cannot break the Markdown table or the HTML around
it (the command end to end, on a private repository: tests/builds/test_diff.py)."""

from __future__ import annotations

from cmrkit.website.diff import _cell


def test_table_cells_cannot_break_a_comment() -> None:
    assert _cell("<img src=x> | a\nb") == "&lt;img src=x&gt; &#124; a b"
