"""HTML for the site's tables. Every value from data passes through `escape`: supplier data
reaches the public page, and a name like `<script>` must stay text."""

from __future__ import annotations

from html import escape

from cmrkit.render.downloads import csv_name, xlsx_name
from cmrkit.year.report import YearReport


def checkbox(checked: bool) -> str:
    """The cover page's rule boxes, with a spoken name for screen readers."""
    label = "checked" if checked else "not checked"
    glyph = "☒" if checked else "☐"
    return f'<span class="checkbox" role="img" aria-label="{label}">{glyph}</span>'


def _footnote_ids(report: YearReport) -> dict[str, int]:
    return {marker: index for index, marker in enumerate(report.footnotes, start=1)}


def footnote_anchor(report: YearReport, marker: str) -> str:
    """The marker that opens a footnote under the Annex, linking back to its first row. While no
    row carries the marker (a new year's draft before its ingest run, or a year whose rows no
    longer name that smelter) the marker is printed without a link: a link to a row that is not
    there is a broken anchor, which a strict build (Zensical's) refuses."""
    number = _footnote_ids(report)[marker]
    if marker in report.unused_footnotes:
        return f'<span class="annex-backref">{escape(marker)}</span>'
    return f'<a class="annex-backref" href="#annex-ref-{number}">{escape(marker)}</a>'


def annex_row_id(index: int) -> str:
    """The anchor of the Annex row at `index` (1-based, filed order): search results and links
    open the table at that row."""
    return f"annex-row-{index}"


def annex_table(report: YearReport) -> str:
    """Annex I as filed: one row per CSV line, in file order, in the year's columns (facts.yml
    `annex.columns`), footnote markers linked.

    Cells are separated by a space: Material's search indexes the text between tags as is, and
    cells written back to back would reach it as one word ("Gold8853 S.p.A.ITALY..."). (A space,
    not a line break: the record's text extractor ends a block at a line break.) The body
    is left out of the page's search entry (`data-search-exclude`): every row gets its own entry,
    which opens the table at that row (see cmrkit.website.search)."""
    ids = _footnote_ids(report)
    seen: set[str] = set()
    head = " ".join(f'<th scope="col">{escape(c.header)}</th>' for c in report.columns)
    lines = [
        '<div class="annex-wrap">',
        '<table id="annex-i" class="annex">',
        f"<caption>Smelters and refiners reported for {report.year}</caption>",
        f"<thead><tr> {head} </tr></thead>",
        '<tbody data-search-exclude="">',
    ]
    for index, row in enumerate(report.annex, start=1):
        name = escape(row.smelter_name)
        if row.footnote:
            number = ids[row.footnote]
            anchor = "" if row.footnote in seen else f' id="annex-ref-{number}"'
            seen.add(row.footnote)
            name += (
                f'<a class="annex-marker" href="#annex-footnote-{number}"{anchor}>'
                f"{escape(row.footnote)}</a>"
            )
        cells = " ".join(
            f"<td>{name if c.name == 'smelter_name' else escape(row.value(c.name))}</td>"
            for c in report.columns
        )
        lines.append(
            f'<tr id="{annex_row_id(index)}" data-metal="{escape(row.metal)}"'
            f' data-status="{escape(row.status)}" data-country="{escape(row.country)}">'
            f" {cells} </tr>"
        )
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def annex_summary(report: YearReport, title: str) -> str:
    """Rows of the Annex by metal and status, with totals: a check on the prose's figures.

    Returned as one raw HTML block (a note box holding the table): Markdown does not parse raw
    HTML indented inside an admonition, and would wrap the table in a paragraph."""
    words = report.status_words
    head = " ".join(f'<th scope="col">{escape(word)}</th>' for word in words)
    lines = [
        '<div class="admonition info annex-summary-box">',
        f'<p class="admonition-title">{escape(title)}</p>',
        '<table class="annex-summary">',
        f'<thead><tr> <th scope="col">Metal</th> {head} <th scope="col">Total</th> </tr></thead>',
        "<tbody>",
    ]
    for counts in report.figures.by_metal:
        cells = " ".join(f"<td>{counts.by_status[w]}</td>" for w in words)
        metal = escape(counts.metal)
        lines.append(f'<tr> <th scope="row">{metal}</th> {cells} <td>{counts.total}</td> </tr>')
    totals = " ".join(f"<td>{report.figures.by_status[w]}</td>" for w in words)
    lines.append(f'<tr> <th scope="row">Total</th> {totals} <td>{report.figures.total}</td> </tr>')
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def annex_downloads(report: YearReport, title: str) -> str:
    """Links to the Annex files the build writes next to the page (see `on_post_build`), in a
    note box built here as one raw HTML block, like `annex_summary`."""
    csv_file, xlsx_file = csv_name(report.year), xlsx_name(report.year)
    return (
        '<div class="admonition info annex-extra">'
        f'<p class="admonition-title">{escape(title)}</p>'
        '<ul class="annex-downloads">'
        f'<li><a href="{escape(csv_file)}" download>Annex I as CSV ({escape(csv_file)})</a>'
        " – UTF-8, opens in any spreadsheet program</li>"
        f'<li><a href="{escape(xlsx_file)}" download>Annex I as Excel workbook'
        f" ({escape(xlsx_file)})</a></li>"
        "</ul></div>"
    )
