"""Sentences of the report's text: split at full stops, not at abbreviations; a diff of two
texts shows only what changed (`cmrkit diff` end to end: tests/builds/test_diff.py)."""

from __future__ import annotations

from cmrkit.record.sentences import diff_lines, split_sentences


def test_sentences_split_at_full_stops_not_at_abbreviations() -> None:
    text = "Qualys, Inc. (the Company) reports. We asked 7 suppliers. Dowa Co. Ltd. is one!"
    assert split_sentences(text) == [
        "Qualys, Inc. (the Company) reports.",
        "We asked 7 suppliers.",
        "Dowa Co. Ltd. is one!",
    ]


def test_diff_lines_show_only_changes() -> None:
    assert diff_lines(["a", "b", "c"], ["a", "x", "c"]) == ["- b", "+ x"]
    assert diff_lines(["a"], ["a"]) == []
