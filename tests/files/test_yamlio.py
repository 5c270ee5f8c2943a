"""`known_keys`: a settings mapping read from YAML has only known keys; a stray or misspelt one,
or a value that is no mapping, is one message naming the file, the line and the known keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.files.yamlio import known_keys, load_yaml

KNOWN = ("tables", "rows", "status")
TEXT = """annex:
  file: annex.csv
  shape:
    tables: per_metal
    rows: by_metal
"""


def _doc(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def _line(text: str, start: str) -> int:
    """The 1-based line of `text` that starts with `start` (the test's own count)."""
    (number,) = [n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start)]
    return number


def test_known_keys_give_the_mapping_back(tmp_path: Path) -> None:
    doc = _doc(tmp_path, TEXT)
    shape = doc.data["annex"]["shape"]
    assert known_keys(doc, ("annex", "shape"), shape, KNOWN, "annex.shape") is shape


def test_a_stray_key_is_named_on_its_own_line_with_the_known_ones(tmp_path: Path) -> None:
    text = TEXT.replace("    rows: by_metal\n", "    rows: by_metal\n    colour: blue\n")
    doc = _doc(tmp_path, text)
    with pytest.raises(DataError) as caught:
        known_keys(doc, ("annex", "shape"), doc.data["annex"]["shape"], KNOWN, "annex.shape")
    assert caught.value.location.path == tmp_path / "facts.yml"
    assert caught.value.location.line == _line(text, "    colour:")
    assert "annex.shape: unknown key 'colour' (known: tables, rows, status)" in str(caught.value)


def test_a_value_that_is_no_mapping_is_named_on_its_line(tmp_path: Path) -> None:
    text = TEXT.replace("  shape:\n    tables: per_metal\n    rows: by_metal\n", "  shape: yes\n")
    doc = _doc(tmp_path, text)
    shape = doc.data["annex"]["shape"]
    with pytest.raises(DataError) as caught:
        known_keys(doc, ("annex", "shape"), shape, KNOWN, "a rule", "condition")
    line = _line(text, "  shape:")
    assert str(caught.value) == (
        f"{tmp_path / 'facts.yml'}, line {line}: a rule must be a mapping "
        "(conditions: tables, rows, status)"
    )
