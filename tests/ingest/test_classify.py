"""Statuses onto the report's labels, Covered Countries and sanctions lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.ingest.classify import StatusList, classify, sanctions_text
from cmrkit.ingest.consolidate import Facility
from cmrkit.reference.load import Reference, load_reference

REPO = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO / "data" / "reference"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


FACILITIES = {
    "conformant": Facility("Gold", "CID002763", "8853 S.p.A.", "ITALY"),
    "active": Facility("Tin", "CID000292", "Alpha Assembly Solutions Inc", "UNITED STATES"),
    "agr": Facility("Gold", "CID003185", "African Gold Refinery", "UGANDA"),
    "unlisted": Facility("Gold", "", "Acme Refinery", "GERMANY"),
    "russian": Facility("Gold", "CID000929", "JSC Uralelectromed", "RUSSIAN FEDERATION"),
    # RMI's standard name is not LBMA's spelling "JSC Krastsvetmet": the ID decides.
    "krastsvetmet": Facility(
        "Gold",
        "CID001326",
        'OJSC "The Gulidov Krasnoyarsk Non-Ferrous Metals Plant" (OJSC Krastsvetmet)',
        "RUSSIAN FEDERATION",
    ),
    "unlisted_russian": Facility("Gold", "", "jsc  URALELECTROMED", "RUSSIAN FEDERATION"),
}


def test_covered_country_and_sanctions_flags(reference: Reference) -> None:
    agr = classify(FACILITIES["agr"], reference, None, "rmap")
    assert agr.covered_country
    assert [e.id for e in agr.sanctions] == ["ofac-sdn-agr"]
    text = sanctions_text(agr.sanctions)
    assert "OFAC" in text and "2022-03-17" in text
    russian = classify(FACILITIES["russian"], reference, None, "rmap")
    assert not russian.covered_country
    assert [e.id for e in russian.sanctions] == ["lbma-suspension-uralelectromed"]
    krastsvetmet = classify(FACILITIES["krastsvetmet"], reference, None, "rmap")
    assert [e.id for e in krastsvetmet.sanctions] == ["lbma-suspension-krastsvetmet"]
    # No ID on the row: the name is the fallback, case and spacing aside.
    unlisted = classify(FACILITIES["unlisted_russian"], reference, None, "rmap")
    assert [e.id for e in unlisted.sanctions] == ["lbma-suspension-uralelectromed"]
    # An ID that is not the entry's never matches by name.
    other = Facility("Gold", "CID000000", "JSC Uralelectromed", "RUSSIAN FEDERATION")
    assert classify(other, reference, None, "rmap").sanctions == []
    plain = classify(FACILITIES["conformant"], reference, None, "rmap")
    assert not plain.covered_country and plain.sanctions == [] and plain.label == ""
    drc = Facility("Tin", "CID004065", "X", "CONGO, DEMOCRATIC REPUBLIC OF THE")
    assert classify(drc, reference, None, "rmap").covered_country


@pytest.mark.parametrize(
    ("word", "rmap", "cfsp"),
    [
        ("Cross-recognized", "Cross-recognized", "Full Compliant"),
        ("cross recognized", "Cross-recognized", "Full Compliant"),
        ("Conformant", "Conformant", "Full Compliant"),
        ("Active", "Active", "Active"),
    ],
)
def test_rmi_s_third_status_word_is_known_next_to_conformant_and_active(
    reference: Reference, word: str, rmap: str, cfsp: str
) -> None:
    facility = FACILITIES["conformant"]
    listed = StatusList("test", {facility.smelter_id: word})
    assert classify(facility, reference, listed, "rmap").label == rmap
    assert classify(facility, reference, listed, "cfsp").label == cfsp
    assert reference.statuses.bucket_of_rmi(word) != reference.statuses.default_bucket
