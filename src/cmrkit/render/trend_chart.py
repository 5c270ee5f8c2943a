"""The year-over-year trend as an inline SVG line chart, drawn at build time.

Written here rather than with a charting library: the site sends no request to a third party and
runs no script for it, and the chart stays readable without colour (each series has its own
marker and dash pattern) and without sight (<title>, <desc> and the data table beside it).

It is drawn twice, like the Annex charts: a wide drawing with the legend beside the plot and a
compact one with the legend below it, for narrow screens, where the wide drawing would shrink its
text below reading size. The stylesheet shows one of them by the width of the box it sits in.
Each series carries a class (`trend-s1` ...) and draws in `currentColor`, so the stylesheet can
give the dark colour scheme its own colours; the `color` attribute is the light scheme's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # one per year, in year order


@dataclass(frozen=True)
class Layout:
    width: int
    height: int  # of the plot area and axis labels, legend excluded
    left: int
    right: int
    top: int
    bottom: int
    legend_below: bool


# Per series: stroke colour on a light page (at least 4.5:1 on white), dash pattern, marker.
# Every series of a chart gets its own marker and its own dash pattern, so no two lines look
# alike without colour (Total and a status, or two statuses); a chart with more series than
# styles is refused rather than repeat one.
STYLES = (
    ("#1f4e79", "", "circle"),
    ("#1b7837", "6 3", "square"),
    ("#b35806", "2 3", "triangle"),
    ("#762a83", "8 3 2 3", "diamond"),
    ("#a50026", "10 3", "triangle-down"),
    ("#00607a", "4 2 1 2", "cross"),
    ("#595959", "1 3", "ring"),
    ("#7a5c00", "12 3 3 3", "plus"),
)
FONT_SIZE = 13
LEGEND_LINE = 22
# The wide drawing is never drawn wider than WIDE.width CSS pixels and shows only when its box is
# at least 620 pixels wide, so its text stays at 12.6 pixels or more; the compact drawing keeps
# 11 pixels or more down to a 240-pixel box.
WIDE = Layout(640, 320, 56, 160, 24, 40, legend_below=False)
COMPACT = Layout(280, 230, 44, 16, 16, 36, legend_below=True)
TICKS = 4


def nice_ceiling(value: int) -> int:
    """The axis maximum: four equal steps of 1, 2 or 5 times a power of ten, reaching `value`."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if TICKS * factor * power >= value:
                return TICKS * factor * power
        power *= 10


def _marker(shape: str, x: float, y: float) -> str:
    r = 4.5
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="currentColor"/>'
    if shape == "ring":
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="none" stroke="currentColor" '
            'stroke-width="2"/>'
        )
    if shape == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
            'fill="currentColor"/>'
        )
    if shape in ("triangle", "triangle-down"):
        tip, base = (y - r - 1, y + r) if shape == "triangle" else (y + r + 1, y - r)
        points = f"{x:.1f},{tip:.1f} {x - r - 1:.1f},{base:.1f} {x + r + 1:.1f},{base:.1f}"
        return f'<polygon points="{points}" fill="currentColor"/>'
    if shape in ("cross", "plus"):
        d = r + 0.5
        if shape == "cross":
            path = (
                f"M{x - d:.1f},{y - d:.1f}L{x + d:.1f},{y + d:.1f}"
                f"M{x - d:.1f},{y + d:.1f}L{x + d:.1f},{y - d:.1f}"
            )
        else:
            path = f"M{x - d:.1f},{y:.1f}H{x + d:.1f}M{x:.1f},{y - d:.1f}V{y + d:.1f}"
        return f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="2.5"/>'
    d = r + 1
    points = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="currentColor"/>'


def _series_group(number: int) -> tuple[str, str]:
    """The opening tag of a series' group (class and light-scheme colour) and its dash pattern."""
    colour, dash, _ = STYLES[number % len(STYLES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<g class="trend-series trend-s{number % len(STYLES) + 1}" color="{colour}">', dash_attr


def trend_svg(
    years: Sequence[int],
    series: Sequence[Series],
    title: str,
    description: str,
    ident: str,
    compact: bool = False,
) -> str:
    """An accessible SVG: `ident` prefixes the ids that tie the title and description to it."""
    if not years:
        raise ValueError("a trend needs at least one year")
    if len(series) > len(STYLES):
        raise ValueError(
            f"{len(series)} series but {len(STYLES)} distinct line styles: two would look alike"
        )
    layout = COMPACT if compact else WIDE
    plot_w = layout.width - layout.left - layout.right
    plot_h = layout.height - layout.top - layout.bottom
    top = nice_ceiling(max((v for s in series for v in s.values), default=0))
    legend_height = len(series) * LEGEND_LINE + 8 if layout.legend_below else 0
    height = layout.height + legend_height

    def x_at(index: int) -> float:
        return layout.left + (plot_w / 2 if len(years) == 1 else plot_w * index / (len(years) - 1))

    def y_at(value: int) -> float:
        return layout.top + plot_h * (1 - value / top)

    classes = "trend-chart" + (" trend-chart--compact" if compact else "")
    parts = [
        f'<svg class="{classes}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
        f'{layout.width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="sans-serif" '
        f'font-size="{FONT_SIZE}" data-search-exclude="">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in range(TICKS + 1):
        value = top * tick // TICKS
        y = y_at(value)
        parts.append(
            f'<line x1="{layout.left}" x2="{layout.left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        parts.append(
            f'<text x="{layout.left - 8}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="currentColor">{value}</text>'
        )
    for index, year in enumerate(years):
        parts.append(
            f'<text x="{x_at(index):.1f}" y="{layout.height - layout.bottom + 22}" '
            f'text-anchor="middle" fill="currentColor">{year}</text>'
        )
    for number, line in enumerate(series):
        _, _, shape = STYLES[number % len(STYLES)]
        group, dash_attr = _series_group(number)
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(line.values))
        parts.append(f"{group}<title>{escape(line.name)}</title>")
        if len(line.values) > 1:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="currentColor" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        for i, value in enumerate(line.values):
            parts.append(_marker(shape, x_at(i), y_at(value)))
        parts.append("</g>")
        if layout.legend_below:
            legend_x, legend_y = layout.left, layout.height + 4 + number * LEGEND_LINE
        else:
            legend_x = layout.width - layout.right + 16
            legend_y = layout.top + 10 + number * LEGEND_LINE
        parts.append(
            f'{group}<line x1="{legend_x}" x2="{legend_x + 28}" y1="{legend_y}" '
            f'y2="{legend_y}" stroke="currentColor" stroke-width="2.5"{dash_attr}/>'
            f"{_marker(shape, legend_x + 14, legend_y)}</g>"
        )
        parts.append(
            f'<text x="{legend_x + 36}" y="{legend_y + 4.5}" fill="currentColor">'
            f"{escape(line.name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_figure_svgs(
    years: Sequence[int], series: Sequence[Series], title: str, description: str, ident: str
) -> str:
    """Both drawings, wide first; only one shows at a time (see the module's docstring), and
    `display: none` hides the other from screen readers too, so the chart is announced once."""
    return trend_svg(years, series, title, description, ident) + trend_svg(
        years, series, title, description, f"{ident}-compact", compact=True
    )
