"""RMI's lists as downloaded to a status per smelter ID: one status per file, or a status column."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import CmrkitError, DataError
from cmrkit.ingest.classify import classify
from cmrkit.ingest.consolidate import Facility
from cmrkit.ingest.rmi_lists import (
    ListSpec,
    ListVocabulary,
    header_key,
    list_vocabulary,
    parse_list_arg,
    read_status_lists,
)
from cmrkit.reference.load import Reference, load_reference
from tests.support.rmi_fixtures import (
    ACTIVE_HEADERS,
    CONFORMANT_HEADERS,
    active_row,
    conformant_row,
    write_list,
)

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def vocabulary() -> ListVocabulary:
    return list_vocabulary(REFERENCE_DIR)


FACILITIES = {
    "conformant": Facility("Gold", "CID002763", "8853 S.p.A.", "ITALY"),
    "active": Facility("Tin", "CID000292", "Alpha Assembly Solutions Inc", "UNITED STATES"),
    "agr": Facility("Gold", "CID003185", "African Gold Refinery", "UGANDA"),
    "unlisted": Facility("Gold", "", "Acme Refinery", "GERMANY"),
}


def _status_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "status.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_spellings_are_one_header() -> None:
    assert header_key("STATE/ PROVINCE/ REGION") == header_key("State/Province/Region")
    assert header_key("SMELTER ID") == header_key("smelter_id") == "smelterid"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xls"])
def test_rmi_downloads_give_each_id_its_list_status(
    tmp_path: Path, suffix: str, reference: Reference, vocabulary: ListVocabulary
) -> None:
    conformant = write_list(
        tmp_path / f"conformant{suffix}",
        CONFORMANT_HEADERS,
        [conformant_row("Gold", "CID002763", "8853 S.p.A.", "ITALY")],
    )
    active = write_list(
        tmp_path / f"active{suffix}",
        ACTIVE_HEADERS,
        [active_row("Tin", "cid 292", "Alpha Assembly Solutions Inc", "UNITED STATES")],
    )
    specs = [
        parse_list_arg(f"conformant={conformant}", reference, vocabulary),
        parse_list_arg(f"Active={active}", reference, vocabulary),
    ]
    assert [s.status for s in specs] == ["Conformant", "Active"]
    statuses, read = read_status_lists(specs, reference, vocabulary)
    assert statuses.statuses == {"CID002763": "Conformant", "CID000292": "Active"}
    assert statuses.problems == ()
    assert [(r.rows, r.ids) for r in read] == [(1, 1), (1, 1)]
    labels = {k: classify(f, reference, statuses, "rmap").label for k, f in FACILITIES.items()}
    assert labels == {
        "conformant": "Conformant",
        "active": "Active",
        "agr": "Not Enrolled",  # on no list
        "unlisted": "Not Enrolled",  # "Smelter not listed": on no list either
    }


def test_argument_forms(tmp_path: Path, reference: Reference, vocabulary: ListVocabulary) -> None:
    odd = tmp_path / "a=b.csv"
    odd.write_text("x")
    assert parse_list_arg(str(odd), reference, vocabulary) == ListSpec(odd)
    assert parse_list_arg("plain.csv", reference, vocabulary) == ListSpec(Path("plain.csv"))
    with pytest.raises(CmrkitError, match="'conformnt' is not a status"):
        parse_list_arg("conformnt=x.xlsx", reference, vocabulary)
    with pytest.raises(CmrkitError, match="no file after"):
        parse_list_arg("active=", reference, vocabulary)


def test_a_file_of_one_status_needs_it_said(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    path = write_list(
        tmp_path / "conformant.xlsx",
        CONFORMANT_HEADERS,
        [conformant_row("Gold", "CID002763", "8853 S.p.A.", "ITALY")],
        sheet="Conformant",
    )
    with pytest.raises(DataError, match=r"sheet 'Conformant', cell B1: no status column.*STATUS="):
        read_status_lists([ListSpec(path)], reference, vocabulary)


def test_old_words_map_and_unknown_words_are_counted_once_each(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    path = _status_csv(
        tmp_path,
        "Smelter ID,RMI Status\n"
        "CID002763,Compliant\n"
        "CID000292,Pending review\n"
        "CID000001, pending  REVIEW\n"
        "CID000002,Withdrawn\n"
        "CID000003,Pending review\n",
    )
    statuses, _ = read_status_lists([ListSpec(path)], reference, vocabulary)
    assert classify(FACILITIES["conformant"], reference, statuses, "cfsp").label == "Full Compliant"
    active = classify(FACILITIES["active"], reference, statuses, "rmap")
    assert (active.bucket, active.rmi_status) == ("not_enrolled", "Pending review")
    unknown = [p for p in statuses.problems if p.code == "unknown_status"]
    assert [(p.cell, p.reason.split(" is not")[0]) for p in unknown] == [
        ("line 3", "status 'Pending review', ' pending  REVIEW' (3 rows, first here)"),
        ("line 5", "status 'Withdrawn' (1 row, first here)"),
    ]


def test_an_id_on_two_lists_keeps_the_better_status_whatever_the_order(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    conformant = write_list(
        tmp_path / "c.csv", CONFORMANT_HEADERS, [conformant_row("Gold", "CID002763", "X", "IT")]
    )
    active = write_list(
        tmp_path / "a.csv", ACTIVE_HEADERS, [active_row("Gold", "CID002763", "X", "IT")]
    )
    for order in (
        ((conformant, "Conformant"), (active, "Active")),
        (
            (active, "Active"),
            (conformant, "Conformant"),
        ),
    ):
        specs = [ListSpec(path, status) for path, status in order]
        statuses, _ = read_status_lists(specs, reference, vocabulary)
        assert statuses.statuses == {"CID002763": "Conformant"}
        assert [p.code for p in statuses.problems] == ["conflicting_status"]


def test_a_row_without_an_id_is_reported_not_dropped(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    path = _status_csv(tmp_path, "Smelter ID,RMI Status\n,Conformant\nCID002763,Active\n,\n")
    statuses, _ = read_status_lists([ListSpec(path)], reference, vocabulary)
    assert [(p.cell, p.code) for p in statuses.problems] == [("line 2", "no_smelter_id")]
    assert statuses.statuses == {"CID002763": "Active"}


def test_a_list_without_an_id_column_is_an_error(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    path = _status_csv(tmp_path, "Name,Status\nX,Active\n")
    with pytest.raises(DataError, match="no header row"):
        read_status_lists([ListSpec(path)], reference, vocabulary)


def test_a_list_with_no_facility_is_a_warning(
    tmp_path: Path, reference: Reference, vocabulary: ListVocabulary
) -> None:
    path = write_list(tmp_path / "active.xlsx", ACTIVE_HEADERS, [])
    statuses, read = read_status_lists([ListSpec(path, "Active")], reference, vocabulary)
    assert [p.code for p in statuses.problems] == ["empty_list"]
    assert read[0].rows == 0
