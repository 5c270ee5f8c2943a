"""Revision detection on RMI's real templates, and refusal of the legacy ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.layout import load_layouts, revision_key
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.safety import Refused
from tests.support.cmrt.builder import REVISIONS, legacy_path, template_path


@pytest.mark.parametrize("revision", REVISIONS)
def test_each_real_revision_is_detected(templates: Path, revision: str) -> None:
    supplier = read_supplier_file(template_path(revision))
    assert supplier.revision == revision
    assert supplier.layout == "cmrt6"
    # Every template carries RMI's look-up; the blank 6.5 one has 637 rows and 349 IDs.
    assert len(supplier.lookup) > 500
    if revision == "6.5":
        assert len(supplier.lookup) == 637
        assert len({row[4] for row in supplier.lookup if row[4]}) == 349
    # A blank template answers nothing (6.31's copy carries stray answers, see its README).
    assert supplier.unfilled is (revision != "6.31")
    assert supplier.products == []  # the copyright line under the Product List is no product


@pytest.mark.parametrize(
    ("revision", "shown"), [("2.03a", "2.03a"), ("3.01", "3.01")], ids=["2.03a", "3.01"]
)
def test_legacy_templates_are_refused_with_their_revision(
    templates: Path, revision: str, shown: str
) -> None:
    with pytest.raises(Refused) as info:
        read_supplier_file(legacy_path(revision))
    assert f"revision {shown} is a legacy template" in info.value.reason
    assert (info.value.sheet, info.value.cell) == ("Declaration", "J3")


def test_revision_order_follows_rmi_numbering() -> None:
    ordered = sorted(["6.5", "6.01", "6.31", "6.1", "6.4", "6.22"], key=revision_key)
    assert ordered == ["6.01", "6.1", "6.22", "6.31", "6.4", "6.5"]


def test_5x_is_recognised_but_refused_until_a_layout_is_verified() -> None:
    layouts = load_layouts()
    reason = layouts.refusal_for("5.12")
    assert reason is not None and "5.12" in reason and "5.x" in reason
    assert layouts.for_revision("6.5") is not None
    assert layouts.refusal_for("6.5") is None
