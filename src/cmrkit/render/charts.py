"""Charts of the Annex as static, accessible SVG, drawn when the site is built.

No charting library and no script: the figure is plain markup the browser draws, so it loads
nothing from anywhere, prints, and reads the same with JavaScript off. Each chart carries a
<title> and <desc> (named by aria-labelledby) and comes with a data table holding the same
numbers, because a bar's length is not something a screen reader can announce."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from cmrkit.year.report import YearReport

# Fill for each status bucket on a light background; report.css-style sheets may override them
# per colour scheme through the class `chart-<bucket>`.
BUCKET_FILLS = {
    "conformant": "#1b6e3a",
    "active": "#a34f00",
    "not_enrolled": "#5b3fa8",
    "indeterminable": "#5b3fa8",
    "non_conformant": "#b00020",
    "suspended": "#6d1b1b",
}
FALLBACK_FILL = "#37474f"
TOP_COUNTRIES = 10

BAR_HEIGHT = 22
BAR_GAP = 10
LEGEND_LINE = 28
LABEL_LINE = 18  # room above each bar for its label, in the compact layout
# Drawing widths, in the SVG's own units. The stylesheet never draws a chart wider than this in
# CSS pixels and switches to the compact drawing below the width where the wide one's 13-unit
# text would shrink under 11 pixels (720 * 11 / 13 = 609); the compact drawing keeps its text
# at 11 pixels or more down to a 240-pixel-wide box (a 320-pixel phone, inside a note box).
CHART_WIDTH = 720
COMPACT_WIDTH = 280
CHAR_WIDTH = 8.2  # average width of an upper-case letter at the chart's 13px font size
VALUE_ROOM = 48  # space right of the longest bar for its total


@dataclass(frozen=True)
class Series:
    key: str  # the status bucket, used for the fill and the CSS class
    label: str  # the word the report prints for it


@dataclass(frozen=True)
class Category:
    label: str
    values: tuple[int, ...]  # one per series

    @property
    def total(self) -> int:
        return sum(self.values)


ROWS = Series("rows", "Smelters and refiners")  # the one series of a chart without status


def status_series(report: YearReport) -> list[Series]:
    """One series per status word the figures by status are shown under (the rows' statuses,
    or the filed summary's: the figures the prose reads); one series of all rows when no figure
    by status exists."""
    labels = report.label_set
    words = report.figure_words
    if not words:
        return [ROWS]
    return [Series(labels.bucket_of(word) or word, word) for word in words]


def row_series(report: YearReport) -> list[Series]:
    """The series of a chart counted from the rows themselves (by country): by status only when
    each row carries its status."""
    return status_series(report) if report.has_status else [ROWS]


def by_metal(report: YearReport) -> list[Category]:
    """Rows per metal, split by status word (the figures by status, from the rows or the filed
    summary), metals in the reference order."""
    words = report.figure_words
    if not words:
        return [Category(counts.metal, (counts.total,)) for counts in report.figures.by_metal]
    return [
        Category(counts.metal, tuple(counts.by_status[w] for w in words))
        for counts in report.figures.by_metal
    ]


def no_status_reason(report: YearReport, per_row: bool) -> str:
    """Why a chart draws no series by status (its text alternative says it), or "" when it
    draws them. `per_row`: the chart counts rows (by country), which a summary by metal does
    not split."""
    if not report.has_status_figures:
        return (
            f"No bars by status: the {report.year} report prints no status, so no figure by "
            "status exists."
        )
    if per_row and not report.has_status:
        return (
            f"No bars by status: the {report.year} report prints no status per facility, only a "
            "summary by metal and status, so no count by country and status exists."
        )
    return ""


def by_country(report: YearReport, top: int = TOP_COUNTRIES) -> list[Category]:
    """The `top` countries with most rows (ties by name), then every other country as one bar."""
    buckets = report.status_words if report.has_status else ("",)
    per_country: dict[str, Counter[str]] = {}
    for row in report.annex:
        per_country.setdefault(row.country, Counter())[row.status] += 1
    ranked = sorted(per_country.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    shown = [Category(name, tuple(c[b] for b in buckets)) for name, c in ranked[:top]]
    rest = ranked[top:]
    if rest:
        totals: Counter[str] = Counter()
        for _, counts in rest:
            totals.update(counts)
        label = f"Other countries ({len(rest)})"
        shown.append(Category(label, tuple(totals[b] for b in buckets)))
    return shown


# A category of one reads "1 facility", not "1 facilities" (the units the charts count in).
_SINGULAR = {"facilities": "facility", "rows": "row"}


def describe(
    categories: Sequence[Category], series: Sequence[Series], unit: str, note: str = ""
) -> str:
    """The chart's numbers as a sentence: its text alternative, followed by `note` (why no
    series by status is drawn)."""
    parts = []
    for category in categories:
        split = ", ".join(
            f"{value} {s.label}" for s, value in zip(series, category.values, strict=True)
        )
        noun = _SINGULAR.get(unit, unit) if category.total == 1 else unit
        parts.append(f"{category.label}: {category.total} {noun} ({split})")
    return "; ".join(parts) + "." + (f" {note}" if note else "")


def _legend(series: Sequence[Series], left: int, width: int) -> tuple[list[str], int]:
    """Swatch and word per series, wrapping onto a new line at the chart's edge; returns the
    markup and the height it takes."""
    out, x, y = [], left, 6
    for s in series:
        item = 20 + int(len(s.label) * CHAR_WIDTH) + 24
        if x > left and x + item > width:
            x, y = left, y + LEGEND_LINE
        fill = BUCKET_FILLS.get(s.key, FALLBACK_FILL)
        out.append(
            f'<rect class="chart-{escape(s.key)}" x="{x}" y="{y}" width="14" height="14" '
            f'fill="{fill}"/>'
            f'<text x="{x + 20}" y="{y + 12}" fill="currentColor">{escape(s.label)}</text>'
        )
        x += item
    return out, y + LEGEND_LINE


def stacked_bar_svg(
    chart_id: str,
    title: str,
    categories: Sequence[Category],
    series: Sequence[Series],
    unit: str,
    compact: bool = False,
    note: str = "",
) -> str:
    """Horizontal stacked bars, one per category, with a legend and each bar's total.

    The wide layout puts each label left of its bar; the compact one (for phones, where the wide
    drawing would shrink its text below reading size) puts the label above the bar."""
    width = COMPACT_WIDTH if compact else CHART_WIDTH
    longest = max((len(c.label) for c in categories), default=0)
    label_width = 0 if compact else int(longest * CHAR_WIDTH) + 12
    label_room = LABEL_LINE if compact else 0
    plot_width = width - label_width - VALUE_ROOM
    largest = max((c.total for c in categories), default=0) or 1
    legend, legend_height = _legend(series, label_width, width)
    row_height = label_room + BAR_HEIGHT + BAR_GAP
    height = legend_height + len(categories) * row_height
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg id="{escape(chart_id)}" class="chart{" chart--compact" if compact else ""}" '
        f'role="img" aria-labelledby="{escape(title_id)}" aria-describedby="{escape(desc_id)}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13" data-search-exclude="">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(describe(categories, series, unit, note))}</desc>',
        *legend,
    ]
    for index, category in enumerate(categories):
        y = legend_height + index * row_height + label_room
        middle = y + BAR_HEIGHT / 2 + 4.5
        if compact:
            out.append(
                f'<text x="0" y="{y - 5}" fill="currentColor">{escape(category.label)}</text>'
            )
        else:
            out.append(
                f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" '
                f'fill="currentColor">{escape(category.label)}</text>'
            )
        left = float(label_width)
        for s, value in zip(series, category.values, strict=True):
            if not value:
                continue
            bar = plot_width * value / largest
            fill = BUCKET_FILLS.get(s.key, FALLBACK_FILL)
            out.append(
                f'<rect class="chart-{escape(s.key)}" x="{left:.1f}" y="{y}" '
                f'width="{bar:.1f}" height="{BAR_HEIGHT}" fill="{fill}"/>'
            )
            left += bar
        out.append(
            f'<text x="{left + 6:.1f}" y="{middle}" fill="currentColor">{category.total}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def data_table(
    table_id: str,
    caption: str,
    heading: str,
    categories: Sequence[Category],
    series: Sequence[Series],
) -> str:
    """The chart's numbers as a table with row and column headers."""
    # A space between cells: search indexes the text between tags as is (macros/tables.py).
    head = " ".join(f'<th scope="col">{escape(s.label)}</th>' for s in series)
    rows = "\n".join(
        f'<tr> <th scope="row">{escape(c.label)}</th> '
        + " ".join(f"<td>{v}</td>" for v in c.values)
        + f" <td>{c.total}</td> </tr>"
        for c in categories
    )
    return (
        f'<table id="{escape(table_id)}" class="chart-data" data-search-exclude="">\n'
        f"<caption>{escape(caption)}</caption>\n"
        f'<thead><tr> <th scope="col">{escape(heading)}</th> {head} '
        f'<th scope="col">Total</th> </tr></thead>\n<tbody>\n{rows}\n</tbody></table>'
    )


def figure(
    chart_id: str,
    title: str,
    heading: str,
    categories: Sequence[Category],
    series: Sequence[Series],
    unit: str = "facilities",
    note: str = "",
) -> str:
    """A chart drawn twice (wide and compact) with its caption and data table. `note` (why no
    series by status is drawn) is said alike by the drawings' text alternative and, for
    sighted readers, the caption."""
    # Two drawings of the same chart; the stylesheet shows one, by screen width (display: none
    # also hides the other from screen readers, so the chart is announced once).
    svg = stacked_bar_svg(chart_id, title, categories, series, unit, note=note) + stacked_bar_svg(
        f"{chart_id}-compact", title, categories, series, unit, compact=True, note=note
    )
    table = data_table(
        f"{chart_id}-data", f"Data for the chart: {title}", heading, categories, series
    )
    said = f' <span class="chart-note">{escape(note)}</span>' if note else ""
    caption = f"<figcaption>{escape(title)}{said}</figcaption>"
    return f'<figure class="chart-figure">{svg}{caption}{table}</figure>'


def annex_charts(report: YearReport, title: str) -> str:
    """Both charts of a year's Annex (by metal and status, and by country) in one note box,
    returned as one raw HTML block: Markdown leaves it alone, inside or outside a list."""
    if not report.annex:  # a new year before its first ingest run: no bars to draw
        return "\n".join(
            [
                '<div class="admonition info annex-extra">',
                f'<p class="admonition-title">{escape(title)}</p>',
                "<p>The Annex has no rows yet: nothing to chart.</p>",
                "</div>",
            ]
        )
    series = status_series(report)
    countries = by_country(report)
    metal_note = no_status_reason(report, per_row=False)
    country_title = f"Smelters and refiners by country, {report.year}"
    if len(countries) > TOP_COUNTRIES:
        country_title = (
            f"Smelters and refiners by country: the {TOP_COUNTRIES} countries with most rows,"
            f" then all others, {report.year}"
        )
    return "\n".join(
        [
            '<div class="admonition info annex-extra">',
            f'<p class="admonition-title">{escape(title)}</p>',
            figure(
                "chart-metal-status",
                f"Smelters and refiners by metal{'' if metal_note else ' and status'}, "
                f"{report.year}",
                "Metal",
                by_metal(report),
                series,
                note=metal_note,
            ),
            figure(
                "chart-country",
                country_title,
                "Country",
                countries,
                row_series(report),
                note=no_status_reason(report, per_row=True),
            ),
            "</div>",
        ]
    )
