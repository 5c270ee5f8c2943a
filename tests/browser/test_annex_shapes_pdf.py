"""`cmrkit pdf` of a year in each Annex shape real filers print: every name as printed (marks
included, accents and typographic quotes intact) in printed order, the headings of a table per
metal in the shape's order, the notes under the table. Read back with poppler's pdftotext."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.annex_shapes import SHAPES, printed_names
from tests.support.printed_pdf import print_site
from tests.support.scratch_years import ShapeSites


@pytest.mark.parametrize("name", ["per_metal", "marks", "no_status"])
def test_the_pdf_prints_the_shape(name: str, shape_sites: ShapeSites, tmp_path: Path) -> None:
    project, site = shape_sites(name)
    text = " ".join(print_site(site, tmp_path / "report.pdf").text().split())
    places = []
    for printed in printed_names(SHAPES[name]):
        assert printed in text, printed
        places.append(text.index(printed))
    assert places == sorted(places), "rows out of printed order"
    from cmrkit.year.report import load_year

    report = load_year(project / "data", 2031)
    for note in report.shape.notes:
        assert " ".join(note.split()) in text
    if report.shape.tables == "per_metal":
        headings = [text.index(table.heading) for table in report.layout if table.heading]
        assert headings == sorted(headings)
