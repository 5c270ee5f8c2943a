"""The year-over-year page of every year's built site: compared with the year before (if any),
its counts table counts the Annex, its chart is inline SVG with a text alternative (the
comparison itself: tests/year/test_compare.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from cmrkit.website.snapshot import main_text
from tests.support.annex_data import csv_rows
from tests.support.project import YEARS


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
