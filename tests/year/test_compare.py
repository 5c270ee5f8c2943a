"""Year-over-year comparison: facilities matched by ID, else by name; the page and its chart."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from cmrkit.render.trend_chart import Series, nice_ceiling, trend_svg
from cmrkit.website.snapshot import main_text
from cmrkit.year.annex import AnnexRow
from cmrkit.year.compare import compare_annex

from ..browser.annex_data import csv_rows
from ..conftest import YEARS


def row(metal: str, name: str, smelter_id: str = "", status: str = "Active", line: int = 2):
    bucket = {"Active": "active", "Full Compliant": "conformant"}.get(status, "other")
    return AnnexRow(line, metal, smelter_id, name, "CHINA", status, bucket, "")


def test_a_renamed_facility_with_the_same_id_is_one_facility() -> None:
    old = [row("Tin", "Old Name Co.", "CID000001")]
    new = [row("Tin", "New Name Co.", "CID000001", "Full Compliant")]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    assert result.changed[0].fields == ("status", "smelter_name")
    assert result.status_changes == result.changed


def test_without_an_id_on_one_side_the_name_matches_case_and_spacing_aside() -> None:
    old = [row("Gold", "Some  Refinery", "")]
    new = [row("Gold", "SOME REFINERY", "CID000002")]
    result = compare_annex(2023, old, 2024, new)
    assert not result.added and not result.removed
    # Matched as one facility; the printed name did change (case), and it gained an ID.
    assert result.changed[0].fields == ("smelter_name", "smelter_id")


def test_same_name_under_another_metal_or_another_id_is_another_facility() -> None:
    old = [row("Gold", "Dowa", "CID000003"), row("Tin", "Shared", "CID000010")]
    new = [row("Tin", "Dowa", "CID000004"), row("Tin", "Shared", "CID000011")]
    result = compare_annex(2023, old, 2024, new)
    assert [r.smelter_id for r in result.removed] == ["CID000003", "CID000010"]
    assert [r.smelter_id for r in result.added] == ["CID000004", "CID000011"]
    assert not result.changed


def test_identical_years_compare_equal() -> None:
    rows = [row("Gold", "A", "CID000005"), row("Tin", "B")]
    assert not compare_annex(2023, rows, 2024, list(rows))


def test_the_page_compares_with_the_year_before_if_any(built_site: Path, year: int) -> None:
    html = (built_site / "year-over-year" / "index.html").read_text(encoding="utf-8")
    text = main_text(html).text
    earlier = [y for y in YEARS if y < year]
    if earlier:
        assert f"Compared with {earlier[-1]}" in text
    else:
        assert "no previous year to compare" in text
    assert "Not part of the filed report" in text


def test_the_counts_table_counts_the_annex(built_site: Path, year: int) -> None:
    records = csv_rows(year)
    by_status = Counter(r["status"] for r in records)
    html = (built_site / "year-over-year" / "index.html").read_text(encoding="utf-8")
    table = main_text(html).tables["yoy-counts"]
    header = table[0]
    body = [r for r in table[1:] if r[0] == str(year)] or table[1:]
    all_metals = next(r for r in body if r[1] == "All metals")
    for status, n in by_status.items():
        assert all_metals[header.index(status)] == str(n)
    assert all_metals[-1] == str(len(records))
    for metal, n in Counter(r["metal"] for r in records).items():
        assert next(r for r in body if r[1] == metal)[-1] == str(n)


def test_the_chart_is_inline_svg_with_a_text_alternative(built_site: Path, year: int) -> None:
    html = (built_site / "year-over-year" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"trend-chart\".*?</svg>", html, re.S)
    assert svg, "no inline SVG chart"
    tree = ElementTree.fromstring(svg.group())  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert tree.get("role") == "img"
    labelled = tree.get("aria-labelledby", "").split()
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    assert labelled and set(labelled) <= ids
    desc = tree.find(f"{ns}desc")
    assert desc is not None and str(year) in (desc.text or "")
    assert not re.search(r"(src|href)=\"(https?:)?//", svg.group())  # nothing fetched


def test_chart_scales_and_draws_one_marker_per_value() -> None:
    assert nice_ceiling(352) == 400 and nice_ceiling(3) == 4 and nice_ceiling(0) == 4
    svg = trend_svg(
        [2023, 2024, 2025],
        [Series("Total", (352, 340, 360)), Series("A & <B>", (1, 2, 3))],
        "Title",
        "Desc",
        "t",
    )
    tree = ElementTree.fromstring(svg)
    assert len(tree.findall(".//{http://www.w3.org/2000/svg}polyline")) == 2
    assert "A &amp; &lt;B&gt;" in svg
