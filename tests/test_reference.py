"""Reference data: the Covered Countries and status words the report relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.reference.load import load_reference

from .conftest import DATA

REFERENCE = load_reference(DATA / "reference")


@pytest.mark.parametrize(
    "country",
    ["UGANDA", "Democratic Republic of the Congo", "CONGO, DEMOCRATIC REPUBLIC OF THE", "Rwanda"],
)
def test_covered_countries(country: str) -> None:
    assert REFERENCE.is_covered_country(country)


@pytest.mark.parametrize("country", ["SUDAN", "Kenya", "CHINA", "Congo Basin"])
def test_countries_that_are_not_covered(country: str) -> None:
    # Sudan is not a Covered Country; South Sudan is.
    assert not REFERENCE.is_covered_country(country)


def test_the_definition_names_ten_countries() -> None:
    assert len(REFERENCE.covered_countries.canonical) == 10


def test_old_and_new_status_words_map_to_the_same_bucket() -> None:
    statuses = REFERENCE.statuses
    assert statuses.bucket_of_rmi("Conformant") == statuses.bucket_of_rmi("Full Compliant")
    assert statuses.bucket_of_rmi("ACTIVE") == "active"
    assert statuses.label_set("cfsp").word_for("not_enrolled") == "Indeterminable"
    assert statuses.label_set("rmap").bucket_of("Not Enrolled") == "not_enrolled"


def test_sanctions_match_by_id_before_name() -> None:
    by_name = REFERENCE.sanctions_for("Gold", "african gold refinery")
    assert [e.id for e in by_name] == ["ofac-sdn-agr"]
    assert REFERENCE.sanctions_for("Gold", "African Gold Refinery", "CID000000") == []
    assert REFERENCE.sanctions_for("Tin", "African Gold Refinery") == []


def test_a_spelling_claimed_twice_is_refused(tmp_path: Path) -> None:
    # A repository's own metals.yml overrides the packaged one; the other files stay packaged.
    (tmp_path / "metals.yml").write_text(
        "metals:\n  - name: Gold\n    names: [Au]\n  - name: Tin\n    names: [Au]\n"
    )
    with pytest.raises(DataError, match=r"metals.yml, line 5: 'Au' already names 'Gold'"):
        load_reference(tmp_path)
