"""Statuses onto the report's labels, Covered Countries and sanctions lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.classify import classify, list_columns, load_status_list, sanctions_text
from cmrkit.consolidate import Facility
from cmrkit.errors import DataError
from cmrkit.reference import Reference, load_reference

REPO = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO / "data" / "reference"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


def _status_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "status.csv"
    path.write_text(text, encoding="utf-8")
    return path


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


def test_rmi_words_map_onto_each_label_set(reference: Reference, tmp_path: Path) -> None:
    path = _status_csv(
        tmp_path,
        "Smelter ID,Standard Smelter Name,RMI Status\n"
        "CID002763,8853 S.p.A.,Conformant\n"
        "cid000292,Alpha,Active\n",
    )
    statuses = load_status_list(path, reference, list_columns(REFERENCE_DIR))
    rmap = {k: classify(f, reference, statuses, "rmap") for k, f in FACILITIES.items()}
    assert (rmap["conformant"].bucket, rmap["conformant"].label) == ("conformant", "Conformant")
    assert (rmap["active"].bucket, rmap["active"].label) == ("active", "Active")
    assert (rmap["agr"].bucket, rmap["agr"].label) == ("other", "Not Enrolled")
    assert rmap["unlisted"].bucket == "other"
    cfsp = {k: classify(f, reference, statuses, "cfsp") for k, f in FACILITIES.items()}
    assert cfsp["conformant"].label == "Full Compliant"
    assert cfsp["agr"].label == "Indeterminable"


def test_old_words_and_unknown_words(reference: Reference, tmp_path: Path) -> None:
    path = _status_csv(
        tmp_path,
        "Facility ID;Status\n".replace(";", ",")
        + "CID002763,Compliant\nCID000292,Pending review\n",
    )
    statuses = load_status_list(path, reference, list_columns(REFERENCE_DIR))
    assert classify(FACILITIES["conformant"], reference, statuses, "cfsp").label == "Full Compliant"
    active = classify(FACILITIES["active"], reference, statuses, "rmap")
    assert active.bucket == "other"
    assert [(p.cell, p.code) for p in statuses.problems] == [("line 3", "unknown_status")]


def test_a_row_without_an_id_is_reported_not_dropped(reference: Reference, tmp_path: Path) -> None:
    path = _status_csv(tmp_path, "Smelter ID,RMI Status\n,Conformant\nCID002763,Active\n,\n")
    statuses = load_status_list(path, reference, list_columns(REFERENCE_DIR))
    assert [(p.cell, p.code) for p in statuses.problems] == [("line 2", "no_smelter_id")]


def test_a_status_list_without_an_id_column_is_an_error(
    reference: Reference, tmp_path: Path
) -> None:
    path = _status_csv(tmp_path, "Name,Status\nX,Active\n")
    with pytest.raises(DataError, match="no smelter_id column"):
        load_status_list(path, reference, list_columns(REFERENCE_DIR))


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
