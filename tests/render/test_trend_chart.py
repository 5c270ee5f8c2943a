"""The year-over-year trend chart: a scale with room above the largest value, one line per
series, labels escaped."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from cmrkit.reference.load import load_reference
from cmrkit.render.trend_chart import STYLES, Series, nice_ceiling, trend_svg
from tests.support.project import DATA

SVG = "{http://www.w3.org/2000/svg}"


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


def _series_looks(svg: str) -> list[tuple[str, str, str]]:
    """(dash pattern, marker element, marker geometry kind) of each series' plotted line."""
    tree = ElementTree.fromstring(svg)
    looks = []
    for group in tree.iter(f"{SVG}g"):
        if "trend-series" not in group.get("class", "") or group.find(f"{SVG}title") is None:
            continue
        line = group.find(f"{SVG}polyline")
        assert line is not None
        marker = next(e for e in group if e.tag not in (f"{SVG}title", f"{SVG}polyline"))
        fingerprint = marker.get("fill", "") + ("d" if marker.get("d") else "")
        if marker.get("d"):
            fingerprint += "x" if "L" in marker.get("d", "") else "+"
        if marker.get("points"):
            fingerprint += str(len(marker.get("points", "").split()))
            ys = [float(p.split(",")[1]) for p in marker.get("points", "").split()]
            fingerprint += "up" if ys[0] == min(ys) else "down"
        looks.append((line.get("stroke-dasharray", ""), marker.tag, fingerprint))
    return looks


def test_every_series_has_its_own_marker_and_line_style() -> None:
    """The year-over-year chart draws Total and every status: no two lines alike without colour
    (Non-Conformant once looked like Total, Suspended like Conformant)."""
    buckets = load_reference(DATA / "reference").statuses.buckets
    names = ["Total", *buckets]
    svg = trend_svg(
        [2030, 2031], [Series(n, (i, i + 1)) for i, n in enumerate(names)], "T", "D", "t"
    )
    looks = _series_looks(svg)
    assert len(looks) == len(names)
    assert len({dash for dash, _, _ in looks}) == len(names), looks
    assert len({(tag, shape) for _, tag, shape in looks}) == len(names), looks
    with pytest.raises(ValueError, match="distinct line styles"):
        trend_svg([2030], [Series(str(i), (i,)) for i in range(len(STYLES) + 1)], "T", "D", "t")
