"""Counting how two renderings' lines compare (`tally_lines`), as `diff_lines` shows them."""

from __future__ import annotations

import pytest

from cmrkit.record.sentences import LineTally, diff_lines, tally_lines

OLD = ["Form SD.", "We asked 7 suppliers.", "All 7 answered.", "Annex I follows."]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (OLD, LineTally(matched=4)),
        (["Form SD.", "We asked 8 suppliers.", "All 7 answered.", "Annex I follows."],
         LineTally(matched=3, changed=1)),
        (["Form SD.", "All 7 answered.", "Annex I follows."], LineTally(matched=3, missing=1)),
        ([*OLD, "A new sentence."], LineTally(matched=4, added=1)),
        (["Form SD.", "One.", "Two.", "Three.", "Annex I follows."],
         LineTally(matched=2, changed=2, added=1)),
        ([], LineTally(missing=4)),
    ],
    ids=["same", "changed", "missing", "added", "two replaced by three", "nothing rendered"],
)  # fmt: skip
def test_tally_counts_what_the_diff_shows(new: list[str], expected: LineTally) -> None:
    tally = tally_lines(OLD, new)
    assert tally == expected
    assert tally.total == len(OLD)
    shown = diff_lines(OLD, new)
    assert sum(line.startswith("- ") for line in shown) == tally.changed + tally.missing
    assert sum(line.startswith("+ ") for line in shown) == tally.changed + tally.added


def test_tallies_of_pages_add_up() -> None:
    first, second = LineTally(1, 2, 3, 4), LineTally(10, 20, 30, 40)
    assert first + second == LineTally(11, 22, 33, 44)
    assert (first + second).total == 66
