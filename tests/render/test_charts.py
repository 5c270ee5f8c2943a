"""Charts: numbers counted from the data file, accessible markup, escaped labels."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import Counter

from cmrkit.render.charts import (
    TOP_COUNTRIES,
    Category,
    Series,
    annex_charts,
    by_country,
    by_metal,
    describe,
    stacked_bar_svg,
)
from cmrkit.year.report import load_year
from tests.support.annex_shapes import SCRATCH_YEAR, status_summary_lines
from tests.support.project import DATA
from tests.support.scratch_years import write_shape_year, write_status_summary

REPORT = load_year(DATA, 2023)
SVG = "{http://www.w3.org/2000/svg}"


def data_rows() -> list[dict[str, str]]:
    with open(DATA / "2023" / "annex.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_metal_bars_match_the_data_file() -> None:
    counted = Counter(row["metal"] for row in data_rows())
    assert {c.label: c.total for c in by_metal(REPORT)} == dict(counted)


def test_country_bars_are_the_top_countries_then_the_rest() -> None:
    counted = Counter(row["country"] for row in data_rows())
    bars = by_country(REPORT)
    top = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:TOP_COUNTRIES]
    assert [(c.label, c.total) for c in bars[:TOP_COUNTRIES]] == top
    assert bars[-1].label == f"Other countries ({len(counted) - TOP_COUNTRIES})"
    assert sum(c.total for c in bars) == len(data_rows())


def svgs(html: str) -> list[ET.Element]:
    return [
        ET.fromstring("<svg" + part.split("</svg>")[0] + "</svg>")
        for part in html.split("<svg")[1:]
    ]


def test_svg_is_an_image_named_by_its_title_with_a_description() -> None:
    html = annex_charts(REPORT, "Charts")
    roots = svgs(html)
    assert len(roots) == 4  # two charts, each drawn wide and compact
    ids = [element.get("id") for root in roots for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    for root in roots:
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        desc = root.find(f"{SVG}desc")
        assert title is not None and root.get("aria-labelledby") == title.get("id")
        assert desc is not None and root.get("aria-describedby") == desc.get("id")
    counted = Counter(row["metal"] for row in data_rows())
    text = roots[0].find(f"{SVG}desc").text
    for metal, count in counted.items():
        assert f"{metal}: {count} facilities" in text


def test_compact_drawing_has_the_same_bars() -> None:
    roots = svgs(annex_charts(REPORT, "Charts"))
    for wide, compact in ((roots[0], roots[1]), (roots[2], roots[3])):
        assert "chart--compact" in compact.get("class")
        wide_rects = [r.get("class") for r in wide.iter(f"{SVG}rect")]
        assert wide_rects == [r.get("class") for r in compact.iter(f"{SVG}rect")]


def test_each_chart_has_a_data_table_with_headers() -> None:
    html = annex_charts(REPORT, "Charts")
    assert html.count('<table id="chart-') == 2
    assert html.count('<th scope="row">') == len(by_metal(REPORT)) + len(by_country(REPORT))


def test_labels_are_escaped() -> None:
    series = [Series("conformant", "<b>ok</b>")]
    svg = stacked_bar_svg(
        "c", "<script>x</script>", [Category("<img src=x>", (3,))], series, "rows"
    )
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    ET.fromstring(svg)  # still well-formed XML


def test_a_bar_is_as_long_as_its_count() -> None:
    series = [Series("conformant", "A"), Series("other", "B")]
    cats = [Category("one", (2, 2)), Category("two", (1, 0))]
    root = ET.fromstring(stacked_bar_svg("c", "t", cats, series, "rows"))
    bars = [r for r in root.iter(f"{SVG}rect") if float(r.get("y")) > 30]
    widths = [float(r.get("width")) for r in bars]
    assert widths[0] == widths[1] == 2 * widths[2]


def _scratch(tmp_path, summary: bool):  # type: ignore[no-untyped-def]
    """A year printing no status per row (tests.support.annex_shapes), with the status summary
    by metal its report printed (`annex-summary.csv`) or without one."""
    data = write_shape_year(tmp_path, SCRATCH_YEAR, "no_status")
    lines = status_summary_lines()
    if summary:
        write_status_summary(data, lines)
    return load_year(tmp_path / "data", SCRATCH_YEAR), lines


def _descs(html: str) -> list[str]:
    return [root.find(f"{SVG}desc").text or "" for root in svgs(html)]


def test_a_filed_summary_draws_the_metal_bars_by_status_from_the_prose_figures(tmp_path) -> None:
    report, lines = _scratch(tmp_path, summary=True)
    html = annex_charts(report, "Charts")
    metal_wide, _, country_wide, _ = svgs(html)
    # The by-metal chart: a series per status word of the summary, each bar the figure the
    # prose reads (figures.by_metal ... by_status), which is the summary's count.
    words = list(dict.fromkeys(status for _, status, _ in lines))
    title = metal_wide.find(f"{SVG}title").text or ""
    assert "by metal and status" in title
    desc = _descs(html)[0]
    for metal in {m for m, _, _ in lines}:
        counts = {s: int(n) for m, s, n in lines if m == metal}
        figures = next(c for c in report.figures.by_metal if c.metal == metal)
        assert all(figures.by_status[w] == n for w, n in counts.items())
        split = ", ".join(f"{counts.get(w, 0)} {w}" for w in words)
        total = sum(counts.values())
        noun = "facility" if total == 1 else "facilities"
        assert f"{metal}: {total} {noun} ({split})" in desc, desc
    classes = {r.get("class") for r in metal_wide.iter(f"{SVG}rect")}
    buckets = {f"chart-{report.label_set.bucket_of(w)}" for w in words}
    assert buckets <= classes and "chart-rows" not in classes
    for word in words:
        assert f'<th scope="col">{word}</th>' in html
    # The by-country chart: no status per row exists, so no series by status, and its text
    # alternative says why.
    country_classes = {r.get("class") for r in country_wide.iter(f"{SVG}rect")}
    assert country_classes == {"chart-rows"}
    assert "and status" not in (country_wide.find(f"{SVG}title").text or "")
    assert "no status per facility" in _descs(html)[2]


def test_without_any_figure_by_status_no_series_by_status_and_the_reason(tmp_path) -> None:
    report, _ = _scratch(tmp_path, summary=False)
    html = annex_charts(report, "Charts")
    for root, desc in zip(svgs(html), _descs(html), strict=True):
        assert {r.get("class") for r in root.iter(f"{SVG}rect")} == {"chart-rows"}
        assert "prints no status" in desc, desc
    assert "and status" not in html


def test_a_category_of_one_is_worded_in_the_singular() -> None:
    """The text alternative a screen reader speaks: "AUSTRALIA: 1 facility", not "1 facilities"."""
    series = [Series("conformant", "Conformant"), Series("active", "Active")]
    categories = [Category("AUSTRALIA", (1, 0)), Category("CHINA", (1, 1))]
    assert describe(categories, series, "facilities") == (
        "AUSTRALIA: 1 facility (1 Conformant, 0 Active); CHINA: 2 facilities (1 Conformant, "
        "1 Active)."
    )
    assert describe(categories[:1], series, "rows").startswith("AUSTRALIA: 1 row (")
