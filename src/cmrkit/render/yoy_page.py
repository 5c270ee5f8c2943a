"""HTML for the year-over-year page (not part of the filed report): what changed in the Annex
since the previous year, counts per year, and the trend chart with its data table.

Every value from data passes through `escape`: names come from suppliers' files."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from cmrkit.render.matching import matching_sentence
from cmrkit.render.trend_chart import Series, trend_figure_svgs
from cmrkit.year.annex import AnnexRow
from cmrkit.year.compare import Comparison, YearCounts, compare_years, previous_year, year_counts
from cmrkit.year.report import YearReport, available_years, load_year


@dataclass(frozen=True)
class YearOverYear:
    report: YearReport
    previous: YearReport | None
    comparison: Comparison | None
    counts: tuple[YearCounts, ...]  # every year up to the report's, oldest first

    @property
    def buckets(self) -> tuple[str, ...]:
        """The buckets the report's status words stand for, in its label set's order."""
        return self.report.shown_buckets

    def shown(self, by_bucket: dict[str, int]) -> dict[str, int]:
        """Counts of any year regrouped under this year's words: each bucket is counted under
        the word the report prints for it (a year may have used another label set)."""
        labels = self.report.label_set
        out = dict.fromkeys(self.buckets, 0)
        for bucket, n in by_bucket.items():
            word = labels.word_for(bucket)
            primary = labels.bucket_of(word) if word else None
            if primary in out:
                out[primary] += n
        return out

    @property
    def metals(self) -> tuple[str, ...]:
        return tuple(self.report.reference.metals.canonical)


def year_over_year(report: YearReport) -> YearOverYear:
    """Load the years up to the report's (a later year's data never shows in an earlier
    version of the site) and compare the report with the one before it."""
    years = [y for y in available_years(report.data_dir) if y <= report.year]
    reports = {y: report if y == report.year else load_year(report.data_dir, y) for y in years}
    before = previous_year(years, report.year)
    previous = reports[before] if before is not None else None
    comparison = compare_years(previous, report) if previous is not None else None
    counts = tuple(year_counts(reports[y]) for y in years)
    return YearOverYear(report, previous, comparison, counts)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def summary(view: YearOverYear) -> str:
    year = view.report.year
    if view.comparison is None:
        return _p(
            f"{year} is the first reporting year in this site's data, so there is no previous "
            "year to compare it with. The counts below are this year's."
        )
    c = view.comparison
    before = view.previous.figures.total if view.previous else 0

    def rows(n: int) -> str:
        return f"{n} {'smelter or refiner' if n == 1 else 'smelters or refiners'}"

    return (
        _p(
            f"Compared with {c.old_year}, the {year} Annex adds {rows(len(c.added))}, removes "
            f"{rows(len(c.removed))} and changes the status of {rows(len(c.status_changes))} "
            f"({before} rows in {c.old_year}, {view.report.figures.total} in {year})."
        )
        + "\n"
        + matching(c)
    )


def matching(c: Comparison) -> str:
    """How the rows of the two years were found to be one facility (the sentence `cmrkit diff`
    prints too)."""
    return _p(matching_sentence(c))


HEADINGS = ("Metal", "Smelter or refiner", "Smelter ID", "Country", "Status")


def _row(cells: list[str]) -> str:
    """A table row with a space between cells: Material's search indexes the text between tags
    as is, and cells written back to back would reach it as one word. (A space, not a line
    break: the record's text extractor ends a block at a line break.)"""
    return "<tr> " + " ".join(cells) + " </tr>"


def _facility_table(rows: tuple[AnnexRow, ...], ident: str, caption: str) -> str:
    if not rows:
        return _p("None.")
    lines = [
        f'<table id="{ident}" class="yoy-table"><caption>{escape(caption)}</caption>',
        "<thead>" + _row([f'<th scope="col">{h}</th>' for h in HEADINGS]) + "</thead><tbody>",
    ]
    for row in rows:
        values = (row.metal, row.smelter_name, row.smelter_id, row.country, row.status)
        lines.append(_row([f"<td>{escape(value)}</td>" for value in values]))
    lines.append("</tbody></table>")
    return "\n".join(lines)


def facilities(view: YearOverYear, which: str) -> str:
    """`which` is "added", "removed" or "status": the facilities in that part of the change."""
    c = view.comparison
    if c is None:
        return _p("No previous year to compare with.")
    if which == "added":
        return _facility_table(c.added, "yoy-added", f"In {c.new_year}, not in {c.old_year}")
    if which == "removed":
        return _facility_table(c.removed, "yoy-removed", f"In {c.old_year}, not in {c.new_year}")
    if which != "status":
        raise ValueError(f"unknown section '{which}' (added, removed, status)")
    if not c.status_changes:
        return _p("None.")
    lines = [
        '<table id="yoy-status" class="yoy-table">'
        f"<caption>Status in {c.old_year} and in {c.new_year}</caption>",
        "<thead>"
        + _row(
            [
                f'<th scope="col">{h}</th>'
                for h in ("Metal", "Smelter or refiner", c.old_year, c.new_year)
            ]
        )
        + "</thead><tbody>",
    ]
    for change in c.status_changes:
        values = (change.new.metal, change.new.smelter_name, change.old.status, change.new.status)
        lines.append(_row([f"<td>{escape(value)}</td>" for value in values]))
    lines.append("</tbody></table>")
    return "\n".join(lines)


def counts_table(view: YearOverYear) -> str:
    """Rows per year and metal (and all metals), by status bucket; the chart's data table."""
    labels = view.report.labels
    head = [f'<th scope="col">{escape(labels[b])}</th>' for b in view.buckets]
    lines = [
        '<table id="yoy-counts" class="yoy-table">'
        "<caption>Annex rows by year, metal and status</caption>",
        "<thead>"
        + _row(
            [
                '<th scope="col">Year</th>',
                '<th scope="col">Metal</th>',
                *head,
                '<th scope="col">Total</th>',
            ]
        )
        + "</thead><tbody>",
    ]
    for counts in view.counts:
        groups = [("All metals", {**view.shown(counts.by_bucket), "total": counts.total})]
        groups += [
            (
                metal,
                {**view.shown(counts.by_metal[metal]), "total": counts.by_metal[metal]["total"]},
            )
            for metal in view.metals
        ]
        for metal, numbers in groups:
            # A year whose Annex has no status has no count by status: a dash, never a zero.
            cells = [
                f"<td>{numbers.get(b, 0)}</td>" if counts.has_status else NO_STATUS_CELL
                for b in view.buckets
            ]
            lines.append(
                _row(
                    [
                        f'<th scope="row">{counts.year}</th>',
                        f"<td>{escape(metal)}</td>",
                        *cells,
                        f"<td>{numbers['total']}</td>",
                    ]
                )
            )
    lines.append("</tbody></table>")
    return "\n".join(lines)


NO_STATUS_CELL = '<td><abbr title="no status in that year\'s report">–</abbr></td>'


def chart(view: YearOverYear) -> str:
    labels = view.report.labels
    years = [c.year for c in view.counts]
    series = [Series("Total", tuple(c.total for c in view.counts))]
    # Lines by status only when every year states its statuses (none is drawn as a zero).
    by_status = all(c.has_status for c in view.counts)
    buckets = view.buckets if by_status else ()
    shown = [view.shown(c.by_bucket) for c in view.counts]
    series += [Series(labels[b], tuple(s[b] for s in shown)) for b in buckets]
    description = "; ".join(
        f"{c.year}: {c.total} rows"
        + (" (" + ", ".join(f"{labels[b]} {s[b]}" for b in buckets) + ")" if buckets else "")
        for c, s in zip(view.counts, shown, strict=True)
    )
    what = "by status" if by_status else "in total"
    title = f"Smelters and refiners in the Annex {what}, {years[0]}" + (
        f" to {years[-1]}" if len(years) > 1 else ""
    )
    note = "" if by_status else no_status_lines(view)
    svg = trend_figure_svgs(
        years,
        series,
        title,
        description + ". The table below gives the same data." + (f" {note}" if note else ""),
        "yoy-trend",
    )
    said = f' <span class="chart-note">{escape(note)}</span>' if note else ""
    caption = f"<figcaption>{escape(title)}{said}</figcaption>"
    return f'<figure class="yoy-chart">{svg}{caption}</figure>'


def no_status_lines(view: YearOverYear) -> str:
    """Why the trend draws no line per status: the years whose report gives no figure by status
    (neither a status per row nor a filed summary by status); a line with a gap would read as a
    zero nobody counted."""
    missing = [str(c.year) for c in view.counts if not c.has_status]
    which = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    reports = "report prints" if len(missing) == 1 else "reports print"
    return f"No line per status: the {which} {reports} no status."


SECTIONS = {
    "summary": summary,
    "added": lambda view: facilities(view, "added"),
    "removed": lambda view: facilities(view, "removed"),
    "status": lambda view: facilities(view, "status"),
    "counts": counts_table,
    "chart": chart,
}


def section(view: YearOverYear, name: str) -> str:
    if name not in SECTIONS:
        raise ValueError(f"unknown year-over-year section '{name}' ({', '.join(SECTIONS)})")
    return SECTIONS[name](view)
