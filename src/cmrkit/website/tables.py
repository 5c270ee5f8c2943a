"""HTML for the site's tables. Every value from data passes through `escape`: supplier data
reaches the public page, and a name like `<script>` must stay text."""

from __future__ import annotations

import re
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
    """The anchor of the Annex row at `index` (1-based, printed order across the Annex's
    tables): search results and links open the table at that row."""
    return f"annex-row-{index}"


def annex_table_id(index: int) -> str:
    """The id of the Annex's `index`-th table (1-based): `annex-i`, then `annex-i-2`, ... (one
    table per metal); the record's snapshot reads them in this order."""
    return "annex-i" if index == 1 else f"annex-i-{index}"


def _metal_id(metal: str) -> str:
    return "annex-metal-" + re.sub(r"[^a-z0-9]+", "-", metal.lower()).strip("-")


def annex_table(report: YearReport) -> str:
    """Annex I as filed, in the year's shape (facts.yml `annex.shape`): one table, or one table
    per metal under its heading; rows in printed order; the year's columns (`annex.columns`);
    status marks on the name; footnote markers linked; the notes printed under the table; the
    status summary by metal when the shape has one.

    Cells are separated by a space: Material's search indexes the text between tags as is, and
    cells written back to back would reach it as one word ("Gold8853 S.p.A.ITALY..."). (A space,
    not a line break: the record's text extractor ends a block at a line break.) Each body is
    left out of the page's search entry (`data-search-exclude`): every row gets its own entry,
    which opens the table at that row (see cmrkit.website.search)."""
    ids = _footnote_ids(report)
    seen: set[str] = set()
    head = " ".join(f'<th scope="col">{escape(c.header)}</th>' for c in report.columns)
    # Whose order the rows are in: the report's as filed, or a draft's (the JS says which).
    order = "filed" if report.is_filed else "draft"
    lines = [f'<div class="annex-wrap" data-order="{order}">']
    for number, table in enumerate(report.layout, start=1):
        if table.metal is not None:
            heading = escape(table.heading or table.metal)
            lines.append(
                f'<h2 class="annex-metal-heading" id="{_metal_id(table.metal)}">{heading}</h2>'
            )
            caption = f"{heading}: smelters and refiners reported for {report.year}"
        else:
            caption = f"Smelters and refiners reported for {report.year}"
        metal = f' data-metal="{escape(table.metal)}"' if table.metal else ""
        lines += [
            f'<table id="{annex_table_id(number)}" class="annex"{metal}>',
            f"<caption>{caption}</caption>",
            f"<thead><tr> {head} </tr></thead>",
            '<tbody data-search-exclude="">',
        ]
        for printed in table.rows:
            row = printed.row
            name = escape(row.smelter_name)
            if row.mark:
                name += f'<span class="annex-status-mark">{escape(row.mark)}</span>'
            if row.footnote:
                marker = ids[row.footnote]
                anchor = "" if row.footnote in seen else f' id="annex-ref-{marker}"'
                seen.add(row.footnote)
                name += (
                    f'<a class="annex-marker" href="#annex-footnote-{marker}"{anchor}>'
                    f"{escape(row.footnote)}</a>"
                )
            cells = " ".join(
                f"<td>{name if c.name == 'smelter_name' else escape(row.value(c.name))}</td>"
                for c in report.columns
            )
            status = f' data-status="{escape(row.status)}"' if report.has_status else ""
            lines.append(
                f'<tr id="{annex_row_id(printed.number)}" data-metal="{escape(row.metal)}"'
                f'{status} data-country="{escape(row.country)}"> {cells} </tr>'
            )
        lines += ["</tbody>", "</table>"]
    if report.shape.notes:
        lines.append('<div class="annex-notes">')
        lines += [f'<p class="annex-note">{escape(note)}</p>' for note in report.shape.notes]
        lines.append("</div>")
    if report.shape.summary:
        lines.append(status_summary_table(report))
    lines.append("</div>")
    return "\n".join(lines)


def status_summary_table(report: YearReport) -> str:
    """The status summary by metal that the filed report prints (`annex.shape.summary`),
    computed from the rows (`YearReport.status_summary`)."""
    head, rows = report.status_summary()
    cells = " ".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    lines = [
        '<table id="annex-status-summary" class="annex-status-summary">',
        f"<caption>Smelters and refiners by metal and status, {report.year}</caption>",
        f"<thead><tr> {cells} </tr></thead>",
        "<tbody>",
    ]
    for first, *counts in rows:
        values = " ".join(f"<td>{n}</td>" for n in counts)
        lines.append(f'<tr> <th scope="row">{escape(first)}</th> {values} </tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def annex_summary(report: YearReport, title: str) -> str:
    """Rows of the Annex by metal and status, with totals: a check on the prose's figures (by
    metal only when the Annex has no status).

    Returned as one raw HTML block (a note box holding the table): Markdown does not parse raw
    HTML indented inside an admonition, and would wrap the table in a paragraph."""
    words = report.status_words if report.has_status else ()
    head = " ".join(f'<th scope="col">{escape(word)}</th>' for word in words)
    lines = [
        '<div class="admonition info annex-summary-box">',
        f'<p class="admonition-title">{escape(title)}</p>',
        '<table class="annex-summary">',
        f'<thead><tr> <th scope="col">Metal</th> {head} <th scope="col">Total</th> </tr></thead>',
        "<tbody>",
    ]
    for counts in report.figures.by_metal:
        cells = "".join(f"<td>{counts.by_status[w]}</td> " for w in words)
        metal = escape(counts.metal)
        lines.append(f'<tr> <th scope="row">{metal}</th> {cells}<td>{counts.total}</td> </tr>')
    totals = "".join(f"<td>{report.figures.by_status[w]}</td> " for w in words)
    lines.append(f'<tr> <th scope="row">Total</th> {totals}<td>{report.figures.total}</td> </tr>')
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
