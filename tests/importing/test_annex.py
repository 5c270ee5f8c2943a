"""The Annex recognised in the tables agents write: the metal in a title row above the header,
marks on names read with their legend, a sanctions footnote kept apart from the status."""

from __future__ import annotations

from cmrkit.importing.annex import recognise_annex
from cmrkit.importing.blocks import read_html
from cmrkit.importing.layout import tidy
from cmrkit.reference.load import load_reference


def _annex(html: str):  # type: ignore[no-untyped-def]
    return recognise_annex(tidy(read_html(html).blocks), load_reference(), "ex101.htm")


def test_the_metal_in_a_title_row_above_the_header() -> None:
    table = (
        "<table><tr><td colspan='2'><b>{metal}</b></td></tr>"
        "<tr><td><b>Smelter Name</b></td><td><b>Country Location</b></td></tr>"
        "<tr><td>{name}</td><td>{country}</td></tr></table>"
    )
    html = (
        "<p>Annex I</p>"
        + table.format(metal="TIN", name="Minsur*", country="PERU")
        + "<p>Between the tables.</p>"
        + table.format(metal="Gold", name="Metalúrgica Peñoles**", country="MEXICO")
        + "<p>* Conformant smelter or refiner.</p><p>** Participating in the RMAP.</p>"
    )
    annex = _annex(html)
    assert [(r.metal, r.name, r.country, r.status) for r in annex.rows] == [
        ("Tin", "Minsur", "PERU", "Conformant"),
        ("Gold", "Metalúrgica Peñoles", "MEXICO", "Active"),
    ]
    assert [r.printed for r in annex.rows] == [
        ("Minsur*", "PERU"),
        ("Metalúrgica Peñoles**", "MEXICO"),
    ]
    assert annex.shape["tables"] == "per_metal" and annex.shape["metal_order"] == ["Tin", "Gold"]
    assert annex.shape["marks"] == {"*": "Conformant", "**": "Active"}


def test_a_sanctions_mark_is_a_footnote_not_a_status() -> None:
    html = (
        "<table><tr><th>Metal</th><th>Smelter</th><th>Country</th><th>Status</th></tr>"
        "<tr><td>Gold</td><td>African Gold Refinery*</td><td>UGANDA</td><td>Not Enrolled</td></tr>"
        "<tr><td>Gold</td><td>L’Orfebre S.A.†</td><td>ANDORRA</td><td>Conformant</td></tr>"
        "</table><p>* Designated by OFAC.</p>"
    )
    annex = _annex(html)
    assert annex.footnotes == {"*": "ofac-sdn-agr"}
    assert [(r.name, r.footnote, r.status) for r in annex.rows] == [
        ("African Gold Refinery", "*", "Not Enrolled"),
        ("L’Orfebre S.A.†", "", "Conformant"),  # a mark with no meaning stays part of the name
    ]
    assert annex.shape == {"notes": ["* Designated by OFAC."]}
