"""Reference data: the Covered Countries and status words the report relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.reference.load import load_reference
from tests.support.project import DATA

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


def _shipped_lookups() -> dict[str, object]:
    from cmrkit.ingest.cmrt.shipped import index_path, load_index, shipped_lookup

    index = index_path(DATA / "reference")
    return {r: shipped_lookup(index, r, REFERENCE.metals) for r in load_index(index)}


def test_every_sanctions_entry_rmi_lists_carries_its_smelter_id() -> None:
    """An entry whose facility RMI's look-up names (standard name or alias, case and spacing
    aside, same metal) must carry that ID: names alone miss RMI's other spellings."""
    from cmrkit.reference.load import fold

    lookups = _shipped_lookups()
    assert lookups, "no shipped RMI look-up"
    for entry in REFERENCE.sanctions:
        named = {
            lookup.find_name(entry.metal, entry.facility)  # type: ignore[attr-defined]
            for lookup in lookups.values()
        } - {None}
        if named:
            assert entry.smelter_id in named, (entry.id, named)
        if entry.smelter_id:
            found = [
                lookup.by_id[entry.smelter_id]  # type: ignore[attr-defined]
                for lookup in lookups.values()
                if entry.smelter_id in lookup.by_id  # type: ignore[attr-defined]
            ]
            assert found, f"{entry.id}: {entry.smelter_id} is in no shipped RMI look-up"
            assert {fold(f.metal) for f in found} == {fold(entry.metal)}


def test_every_lbma_suspended_refiner_in_rmis_reference_is_flagged_by_id() -> None:
    from cmrkit.ingest.classify import classify
    from cmrkit.ingest.consolidate import Facility

    lookups = _shipped_lookups()
    newest = list(lookups.values())[-1]
    lbma = [e for e in REFERENCE.sanctions if "LBMA" in e.list]
    assert len(lbma) == 6  # the six Russian refiners suspended on March 7, 2022
    for entry in lbma:
        assert entry.smelter_id, entry.id
        listed = newest.by_id[entry.smelter_id]  # type: ignore[attr-defined]
        facility = Facility(listed.metal, listed.smelter_id, listed.standard_name, listed.country)
        hits = classify(facility, REFERENCE, None, "rmap").sanctions
        assert [e.id for e in hits] == [entry.id], (entry.id, listed.standard_name)


def test_a_malformed_sanctions_smelter_id_is_refused(tmp_path: Path) -> None:
    from cmrkit.reference.files import reference_file

    text = reference_file("sanctions.yml").read_text(encoding="utf-8")
    (tmp_path / "sanctions.yml").write_text(text.replace("CID001326", "CID1326"))
    with pytest.raises(DataError, match=r"sanctions.yml, line \d+: 'smelter_id' must be"):
        load_reference(tmp_path)
