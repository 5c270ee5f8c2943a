"""RCOI figures come out of the same run that builds the smelter list."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.ingest.rcoi import RcoiFigures, scope_kind
from cmrkit.ingest.run import IngestOptions, run_ingest
from cmrkit.reference.load import load_reference

REPO = Path(__file__).resolve().parents[2]
SCOPES = {"A": "company", "B": "product", "C": "user_defined"}


@pytest.fixture(scope="module")
def figures(supplier_folder: Path) -> RcoiFigures:
    reference = load_reference(REPO / "data" / "reference")
    return run_ingest(supplier_folder, reference, IngestOptions(jobs=1)).rcoi


def test_suppliers_asked_and_answering(figures: RcoiFigures) -> None:
    """Seven files came (one refused): how many suppliers were asked is not among them."""
    assert figures.asked is None and figures.asked_basis == "not_given"
    assert figures.answering == 6
    assert (figures.files_read, figures.files_refused) == (6, 1)


def test_company_versus_product_level(figures: RcoiFigures) -> None:
    assert figures.declarations == {"company": 5, "product": 1, "user_defined": 0, "blank": 0}
    assert figures.cmrt_level == "mixed"


def test_per_metal_answers(figures: RcoiFigures) -> None:
    q1 = figures.metal_questions["Q1"]
    assert q1["Tantalum"] == {"No": 1, "Yes": 5}
    assert q1["Gold"] == {"No": 1, "Yes": 5}
    q6 = figures.metal_questions["Q6"]
    assert q6["Tantalum"] == {"100%": 1, "blank": 5}  # 6.22 stores "100%" as the number 1
    assert q6["Tungsten"] == {"None": 1, "blank": 5}
    assert figures.suppliers_with_3tg == 6
    assert figures.revisions == {"6.01": 1, "6.1": 1, "6.22": 1, "6.31": 1, "6.4": 1, "6.5": 1}


def test_asked_from_a_count_or_a_list(supplier_folder: Path) -> None:
    reference = load_reference(REPO / "data" / "reference")
    counted = run_ingest(supplier_folder, reference, IngestOptions(jobs=1, asked=9)).rcoi
    assert (counted.asked, counted.asked_basis) == (9, "count")
    listed = run_ingest(
        supplier_folder, reference, IngestOptions(jobs=1, asked_list=("A", "B", "b", ""))
    ).rcoi
    assert (listed.asked, listed.asked_basis) == (2, "list")
    assert listed.answering == 0 and listed.not_answering == ("A", "B")


def test_a_list_of_suppliers_asked_tells_who_did_not_answer(supplier_folder: Path) -> None:
    """Names are compared without case and extra blanks; a supplier that answered but is not on
    the list is not counted as answering, and each gap is a line of the problems."""
    reference = load_reference(REPO / "data" / "reference")
    asked = ("alpha  corp", "BETA GmbH", "Omega Ltd", "Delta KK", "Epsilon", "Zeta")
    result = run_ingest(supplier_folder, reference, IngestOptions(jobs=1, asked_list=asked))
    rcoi = result.rcoi
    assert (rcoi.asked, rcoi.answering) == (6, 5)
    assert rcoi.not_answering == ("Omega Ltd",)
    assert len(rcoi.not_listed) == 1 and rcoi.not_listed[0] not in asked
    assert rcoi.as_dict()["asked_list"] == {
        "not_answering": ["Omega Ltd"],
        "not_listed": list(rcoi.not_listed),
    }
    codes = {(p.code, p.severity) for p in result.problems}
    assert {("not_answering", "info"), ("not_on_asked_list", "warning")} <= codes


def test_the_file_format_matches_facts_rcoi_keys(figures: RcoiFigures) -> None:
    data = figures.as_dict()
    assert data["rcoi"] == {
        "contract_manufacturers_asked": None,
        "contract_manufacturers_answering": 6,
        "cmrt_level": "mixed",
        "template": "CMRT",
    }
    assert data["facilities"]["total"] == 7


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("A. Company", "company"),
        ("B. Product (or List of Products)", "product"),
        ("C. User defined [Specify in 'Description of scope']", "user_defined"),
        ("", "blank"),
        ("Company-wide", "company"),
    ],
)
def test_scope_kind(answer: str, kind: str) -> None:
    assert scope_kind(answer, SCOPES) == kind
