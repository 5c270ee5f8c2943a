"""The year-over-year trend chart: a scale with room above the largest value, one line per
series, labels escaped."""

from __future__ import annotations

from xml.etree import ElementTree

from cmrkit.render.trend_chart import Series, nice_ceiling, trend_svg


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
