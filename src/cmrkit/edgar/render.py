"""Writes a year's EDGAR documents (Form SD, Exhibit 1.01) from the site's pages and data.

The pages are the site's own Markdown; only the macros differ: the Annex is a plain text table with
inline styles, footnote markers are text, and the site-only summary and links render nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from cmrkit.edgar import html32
from cmrkit.edgar.address import filing_url
from cmrkit.edgar.leftovers import find_leftovers, source_line
from cmrkit.edgar.rules import DocumentSpec, EdgarRules, load_rules
from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.render import context, words
from cmrkit.render import page_renderer as pages
from cmrkit.year.pages import YearPages
from cmrkit.year.report import YearReport

CHECKBOX = {True: "\u2612", False: "\u2610"}  # ballot box with X, empty ballot box


def _cell(text: str) -> str:
    """Data written as text: markup escaped, and `*`, `_`, `#`, `|` and backquotes as character
    references, so that a status mark or a note never reads as Markdown on the way."""
    return "".join(f"&#{ord(c)};" if c in "*_#|`" else c for c in escape(text, quote=False))


def _table(rules: EdgarRules, rows: list[list[str]], head: list[str]) -> str:
    spec = rules.annex
    table_attrs = "".join(f' {k}="{v}"' for k, v in spec["table"].items())
    header = "".join(f'<th style="{spec["header_style"]}">{_cell(h)}</th>' for h in head)
    lines = [f'<table{table_attrs} style="{spec["table_style"]}">', f"<tr>{header}</tr>"]
    lines += ["<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>" for cells in rows]
    lines.append("</table>")
    return "\n".join(lines)


def annex_table(report: YearReport, rules: EdgarRules) -> str:
    """Annex I as text tables in the year's shape (facts.yml `annex.shape`): one table, or one
    per metal under its heading, rows in printed order, the year's columns, marks and footnote
    markers as filed; then the notes and the status summary by metal when the shape has them.
    Tables follow one another, never nested."""
    spec = rules.annex
    headers = [c.header for c in report.columns]
    parts = []
    for table in report.layout:
        if table.heading is not None:
            parts.append(f'<p style="{spec["heading_style"]}">{_cell(table.heading)}</p>')
        rows = [[p.row.cell(c.name) for c in report.columns] for p in table.rows]
        parts.append(_table(rules, rows, headers))
    parts += [f'<p style="{spec["note_style"]}">{_cell(note)}</p>' for note in report.shape.notes]
    if report.shape.summary:
        head, rows = report.status_summary()
        parts.append(_table(rules, rows, head))
    return "\n".join(parts)


def _marker(marker: str) -> str:
    """A footnote marker as character references: a bare `*` would start a Markdown list."""
    return "".join(f"&#{ord(char)};" for char in str(marker))


def edgar_macros(report: YearReport, rules: EdgarRules) -> dict[str, Callable[..., str]]:
    """The page macros as EDGAR needs them; anything site-only renders as nothing."""
    return context.page_macros(
        {
            "annex_table": lambda: annex_table(report, rules),
            "footnote_anchor": _marker,
            "checkbox": lambda checked: CHECKBOX[bool(checked)],
        }
    )


def refuse_leftovers(path: Path, source: str, rendered: str, body: str, rules: EdgarRules) -> None:
    """A page whose Markdown reaches the EDGAR text as raw syntax is refused, with its line: a
    filing must never carry `[^1]` or `**` where the site shows a footnote or bold type."""
    found = find_leftovers(body, rules)
    if not found:
        return
    problems = []
    for leftover in found:
        line = source_line(source, leftover.text) or source_line(rendered, leftover.text)
        problems.append(
            DataError(
                Location(path, line),
                f"{leftover}: the EDGAR export cannot render it (enable the Markdown extension "
                "for both the site and cmrkit, or write it another way)",
            )
        )
    raise DataProblems(problems)


@dataclass(frozen=True)
class EdgarDocument:
    file: str
    title: str
    pages: tuple[str, ...]
    html: str


def render_document(
    report: YearReport, year_pages: YearPages, spec: DocumentSpec, rules: EdgarRules
) -> EdgarDocument:
    docs_dir = year_pages.folder
    chosen = spec.select(year_pages.files)
    if not chosen:
        raise DataError(
            Location(year_pages.nav_path), f"no page in the nav for {spec.file} ({spec.title})"
        )
    macros = edgar_macros(report, rules)
    bodies = []
    for page in chosen:
        source = pages.page_source(docs_dir, page)
        text = pages.render_template(source, report, macros, docs_dir / page)
        body = html32.reduce_html(pages.markdown_html(text), rules)
        refuse_leftovers(docs_dir / page, source, text, body, rules)
        bodies.append(body)
    name = report.facts.registrant.name
    title = f"{name} - {spec.title} - {report.year}"
    html = html32.document(title, "\n".join(bodies), rules)
    return EdgarDocument(spec.file, title, tuple(chosen), html)


def render_filing(
    report: YearReport, year_pages: YearPages, rules: EdgarRules | None = None
) -> list[EdgarDocument]:
    """Every document of the year's filing, in the order of the rules' `documents`."""
    rules = rules or load_rules()
    return [render_document(report, year_pages, spec, rules) for spec in rules.documents]


def write_filing(report: YearReport, year_pages: YearPages, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in render_filing(report, year_pages):
        path = out_dir / doc.file
        path.write_bytes(doc.html.encode("ascii"))
        written.append(path)
    return written


# The paragraph under the Annex that holds footnote N (the page gives it this id; the marker in
# the table links to it).
_FOOTNOTE = re.compile(r'<p\b[^>]*\bid="annex-footnote-(\d+)"[^>]*>(.*?)</p>', re.S)


def annex_footnote_texts(
    report: YearReport, year_pages: YearPages, rules: EdgarRules | None = None
) -> dict[str, str]:
    """Each Annex footnote's words, by marker, as the year's pages state them (their marker left
    out): the downloads carry them beside the rows they annotate. Rendered like the EDGAR
    documents, so the site's files and `cmrkit export` say the same."""
    rules = rules or load_rules()
    macros = edgar_macros(report, rules)
    markers = list(report.footnotes)
    notes: dict[str, str] = {}
    docs_dir = year_pages.folder
    for page in year_pages.files:
        source = pages.page_source(docs_dir, page)
        if "annex-footnote-" not in source:
            continue
        html = pages.markdown_html(pages.render_template(source, report, macros, docs_dir / page))
        for number, inner in _FOOTNOTE.findall(html):
            index = int(number) - 1
            if not 0 <= index < len(markers):
                continue
            text = " ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split())
            marker = markers[index]
            notes[marker] = text.removeprefix(marker).strip()
    return notes


SITE_FOLDER = "edgar"  # where the site carries the year's EDGAR documents


def site_links(rules: EdgarRules | None = None) -> list[tuple[str, str]]:
    """(path under the site root, label) of each EDGAR document the site publishes."""
    rules = rules or load_rules()
    return [(f"{SITE_FOLDER}/{doc.file}", f"{doc.title} ({doc.file})") for doc in rules.documents]


def links_html(page_url: str) -> str:
    """Inline links from a page (its site URL, e.g. '' or 'exhibit-1-01/') to the documents."""
    up = "../" * page_url.count("/")
    return " | ".join(
        f'<a href="{up}{escape(path)}">{escape(label)}</a>' for path, label in site_links()
    )


def documents_note(page_url: str, report: YearReport) -> str:
    """The links to the documents, then what they are and where the filing itself is: inline
    HTML, to close the sentence of the page's note that introduces the links.

    The documents are written by this site from the same pages and data; they are not the files
    the registrant submitted. The filing on SEC EDGAR is linked when the year's facts give its
    address (`registrant.cik` and `filing.accession_number`), never guessed."""
    facts = report.facts
    filing = facts.filing
    text = (
        f"{links_html(page_url)}. These files are generated from the same source as this site; "
        "they are not the documents submitted to the SEC."
    )
    if not filing.is_filed:
        return text + f" The {report.year} report has not been filed."
    url = filing_url(facts.registrant.cik, filing.accession_number)
    filed = words.long_date(filing.filed) if filing.filed else ""
    if url:
        label = f"Form SD filed {filed}, accession number {filing.accession_number}"
        return (
            text + " The official filing is on SEC EDGAR: "
            f'<a class="edgar-filing" href="{escape(url)}">{escape(label)}</a>.'
        )
    text += f" The official filing (filed {escape(filed)}) is on SEC EDGAR"
    sec_filings = facts.urls.sec_filings
    if not sec_filings:
        return text + "."
    return (
        text + f"; {escape(facts.registrant.name)} lists its SEC filings at "
        f'<a href="{escape(sec_filings)}">{escape(sec_filings)}</a>.'
    )
