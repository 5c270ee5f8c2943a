"""A year's own status words (`annex.status_labels` as a mapping): read into a label set the
Annex and the figures use, and a word with no known meaning named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.files.yamlio import load_yaml
from cmrkit.reference.load import load_reference
from cmrkit.year.own_labels import OWN, with_own_labels

FACTS = """registrant:
  name: X
annex:
  file: annex.csv
  status_labels:
    CONFORMANT: conformant
    PARTICIPATING: active
    OTHER: {other}
"""


def _doc(tmp_path: Path, other: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "facts.yml"
    path.write_text(FACTS.format(other=other), encoding="utf-8")
    return load_yaml(path)


def test_the_words_become_the_year_s_label_set(tmp_path: Path) -> None:
    doc, reference = with_own_labels(
        _doc(tmp_path, "[not_enrolled, indeterminable]"), load_reference()
    )
    assert doc.data["annex"]["status_labels"] == OWN
    labels = reference.statuses.label_set(OWN)
    assert labels.bucket_of("PARTICIPATING") == "active"
    assert labels.words["OTHER"] == ("not_enrolled", "indeterminable")
    assert OWN not in load_reference().statuses.label_sets  # the shipped sets are left alone


def test_a_word_with_no_known_meaning_is_named_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        with_own_labels(_doc(tmp_path, "unsure"), load_reference())
    assert error.value.location.line == 8 and "'OTHER' must mean one of the buckets" in str(
        error.value
    )
