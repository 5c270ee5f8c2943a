"""The year-over-year trend as an inline SVG line chart, drawn at build time.

Written here rather than with a charting library: the site sends no request to a third party and
runs no script for it, and the chart stays readable without colour (each series has its own
marker and dash pattern) and without sight (<title>, <desc> and the data table beside it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # one per year, in year order


# Per series: stroke colour, dash pattern, marker shape. Colours from a colour-blind-safe set.
STYLES = (
    ("#1f4e79", "", "circle"),
    ("#1b7837", "6 3", "square"),
    ("#b35806", "2 3", "triangle"),
    ("#762a83", "8 3 2 3", "diamond"),
)
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 160, 24, 40


TICKS = 4


def nice_ceiling(value: int) -> int:
    """The axis maximum: four equal steps of 1, 2 or 5 times a power of ten, reaching `value`."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if TICKS * factor * power >= value:
                return TICKS * factor * power
        power *= 10


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    r = 4.5
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    if shape == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
            f'fill="{colour}"/>'
        )
    if shape == "triangle":
        points = f"{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} {x + r + 1:.1f},{y + r:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    d = r + 1
    points = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{colour}"/>'


def trend_svg(
    years: Sequence[int], series: Sequence[Series], title: str, description: str, ident: str
) -> str:
    """An accessible SVG: `ident` prefixes the ids that tie the title and description to it."""
    if not years:
        raise ValueError("a trend needs at least one year")
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max((v for s in series for v in s.values), default=0))

    def x_at(index: int) -> float:
        return LEFT + (plot_w / 2 if len(years) == 1 else plot_w * index / (len(years) - 1))

    def y_at(value: int) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg class="trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        'style="max-width:100%;height:auto" font-family="sans-serif" font-size="12">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in range(TICKS + 1):
        value = top * tick // TICKS
        y = y_at(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="currentColor">'
            f"{value}</text>"
        )
    for index, year in enumerate(years):
        parts.append(
            f'<text x="{x_at(index):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
            f'fill="currentColor">{year}</text>'
        )
    for number, line in enumerate(series):
        colour, dash, shape = STYLES[number % len(STYLES)]
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(line.values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="trend-series"><title>{escape(line.name)}</title>')
        if len(line.values) > 1:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        for i, value in enumerate(line.values):
            parts.append(_marker(shape, x_at(i), y_at(value), colour))
        parts.append("</g>")
        legend_y = TOP + 10 + number * 22
        legend_x = WIDTH - RIGHT + 16
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 28}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(_marker(shape, legend_x + 14, legend_y, colour))
        parts.append(
            f'<text x="{legend_x + 36}" y="{legend_y + 4}" fill="currentColor">'
            f"{escape(line.name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
