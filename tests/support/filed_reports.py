# ruff: noqa: E501  (agents' HTML, one element a line, reads best unbroken)
"""Filed reports built by code, in the styles filing agents write EDGAR HTML and in every Annex
shape real filers print, for the `cmrkit import` tests. The company and its text are invented;
the smelter names are single rows carrying the accents and quotes real names carry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

COMPANY = "Northwind Devices, Inc."
YEAR = 2025
RUNNING = f"Northwind Devices, Inc. | {YEAR} Conflict Minerals Report"

# (metal, name, country, status bucket), in the filed order of a one-table Annex.
ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("Gold", "Córrego Refinaria Ltda.", "Brazil", "conformant"),
    ("Gold", "Metalúrgica Peñoles S.A. de C.V.", "Mexico", "conformant"),
    (
        "Gold",
        "Ögussa Österreichische Gold- und Silber-Scheideanstalt GmbH",
        "Austria",
        "conformant",
    ),
    ("Gold", "L’Orfebre S.A.", "Andorra", "active"),
    ("Gold", "Kivu Gold Works", "Rwanda", "not_enrolled"),
    ("Tantalum", "Alpha Tantalum Co., Ltd.", "China", "conformant"),
    ("Tantalum", "Beta Metals GmbH", "Germany", "conformant"),
    ("Tin", "OOO “Technolom” 1", "Russian Federation", "not_enrolled"),
    ("Tin", "Gamma Tin Smelting", "Indonesia", "conformant"),
    ("Tin", "Delta Estanho S.A.", "Brazil", "active"),
    ("Tungsten", "Epsilon Tungsten Industries", "Viet Nam", "conformant"),
    ("Tungsten", "Zeta Wolfram AG", "Austria", "not_enrolled"),
)
Listed = tuple[tuple[str, str, str, str], ...]
# A facility the filer prints twice under one metal (same name and country), as real reports
# sometimes do: appended to ROWS by the tests of duplicate rows.
DUPLICATE = ("Tin", "Gamma Tin Smelting", "Indonesia", "conformant")
WORDS = {"conformant": "Conformant", "active": "Active", "not_enrolled": "Not Enrolled"}
METAL_ORDER = ("Tantalum", "Tin", "Gold", "Tungsten")

# The report's text: (kind, text). kind: title, heading, sub, para, bullet, annex.
INTRO = "This Conflict Minerals Report of Northwind Devices, Inc. (“Northwind”) is filed for the reporting period from January 1, 2025 to December 31, 2025 under Rule 13p-1."
RCOI = "We surveyed twelve suppliers and received responses from ten suppliers. Our suppliers identified 12 smelters and refiners, of which 7 are Conformant with the RMAP and 2 are Active. The remaining 3 smelters and refiners are not enrolled."
METALS = "Of these facilities, 5 gold refiners and 3 tin smelters were reported."
TEXT: tuple[tuple[str, str], ...] = (
    ("title", "Northwind Devices, Inc."),
    ("title", "Conflict Minerals Report"),
    ("para", INTRO),
    ("heading", "Introduction"),
    ("para", "Northwind designs sensors; some contain tin, tantalum, tungsten or gold."),
    ("heading", "Reasonable Country of Origin Inquiry"),
    ("para", RCOI),
    ("heading", "Due Diligence"),
    ("sub", "Management Systems"),
    ("para", "Our program follows the OECD Guidance in five steps:"),
    ("bullet", "We adopted a policy on conflict minerals."),
    ("bullet", "We asked suppliers for a CMRT & followed up <when> needed."),
    ("para", "We kept records for five years."),
    ("heading", "Findings"),
    ("para", METALS),
    ("heading", "Annex I – Smelters and Refiners"),
    ("annex", ""),
    ("heading", "Forward-Looking Statements"),
    ("para", "Statements here speak as of the date of filing."),
)


@dataclass(frozen=True)
class Style:
    """How one filing agent writes each kind of block."""

    title: Callable[[str], str]
    heading: Callable[[str], str]
    sub: Callable[[str], str]
    para: Callable[[str], str]
    bullet: Callable[[str], str]
    page_break: Callable[[int], str]  # the page number, a break, the running header
    spanned: bool = False  # table cells spanning three grid columns


def _e(text: str) -> str:
    """ASCII HTML with entities, as EDGAR requires; non-breaking spaces the way agents use them."""
    return escape(text, quote=False).encode("ascii", "xmlcharrefreplace").decode()


DIV_SPAN = Style(
    title=lambda t: (
        f'<div style="text-align:center"><span style="font-weight:bold;font-size:12pt">{_e(t)}</span></div>'
    ),
    heading=lambda t: (
        f'<div style="margin-top:12pt"><div><span style="font-weight:700">{_e(t)}</span></div></div>'
    ),
    sub=lambda t: (
        f'<div><span style="text-decoration:underline;font-weight:bold;font-style:italic">{_e(t)}</span></div>'
    ),
    para=lambda t: (
        f'<div style="text-align:justify"><span style="font-family:Times">{_e(t)}</span><span>&#160;</span></div>'
    ),
    bullet=lambda t: (
        f'<div style="margin-left:24pt"><span>&#8226;&#160;&#160;</span><span>{_e(t)}</span></div>'
    ),
    page_break=lambda n: (
        f'<div style="text-align:center"><span>{n}</span></div>'
        '<div style="page-break-after:always"></div>'
        f'<div><span style="font-size:8pt">{_e(RUNNING)}</span></div>'
    ),
)
P_FONT = Style(
    title=lambda t: f'<p align="center"><font size="3"><b>{_e(t.upper())}</b></font></p>',
    heading=lambda t: (
        f'<p style="margin:0"><font style="font-family:Arial"><b>{_e(t)}</b></font></p>'
    ),
    sub=lambda t: f"<p><font><u>{_e(t)}</u></font></p>",
    para=lambda t: (
        f'<p style="margin:0pt;text-indent:24pt"><font style="font-size:10pt">{_e(t)}</font></p>'
    ),
    bullet=lambda t: (
        '<table cellpadding="0" cellspacing="0" style="width:100%"><tr>'
        '<td style="width:18pt">&#160;</td><td style="width:18pt;vertical-align:top">&#183;</td>'
        f"<td><font>{_e(t)}</font></td></tr></table>"
    ),
    page_break=lambda n: (
        f'<p align="center"><font>- {n} -</font></p><hr style="page-break-after:always">'
        f'<p align="right"><font size="1">{_e(RUNNING)}</font></p>'
    ),
)
H_TAGS = Style(
    title=lambda t: f"<h1>{_e(t)}</h1>",
    heading=lambda t: f"<h2>{_e(t)}</h2>",
    sub=lambda t: f"<h3>{_e(t)}</h3>",
    para=lambda t: f"<p>{_e(t)}</p>",
    bullet=lambda t: f"<ul><li>{_e(t)}</li></ul>",
    page_break=lambda n: f'<p style="text-align:center">Page {n}</p><hr>',
)
WORKIVA = Style(
    title=lambda t: (
        '<div style="margin-top:12pt;text-align:center"><span style="color:#000000;'
        f"font-family:'Times New Roman',serif;font-size:10pt;font-weight:700\">{_e(t.upper())}"
        "</span></div>"
    ),
    heading=lambda t: (
        '<div style="margin-top:6pt"><span style="color:#000000;font-size:10pt;'
        f'font-weight:700;line-height:120%">{_e(t)}</span></div>'
    ),
    sub=lambda t: f'<div><span style="font-style:italic;font-weight:700">{_e(t)}</span></div>',
    para=lambda t: (
        '<div style="margin-top:6pt;text-align:justify;text-indent:36pt"><span style="'
        f'color:#000000;font-size:10pt">{_e(t)}</span></div>'
    ),
    bullet=lambda t: (
        '<div style="padding-left:36pt;text-indent:-18pt"><span>&#8226;</span>'
        f'<span style="padding-left:13.5pt">{_e(t)}</span></div>'
    ),
    page_break=lambda n: (
        '<div style="height:42.75pt;position:relative;width:100%"><div style="bottom:0;'
        f'position:absolute;width:100%"><div style="text-align:center"><span>{n}</span></div>'
        '</div></div><div id="i0"></div><hr style="page-break-after:always"/><div style="'
        f'min-height:42.75pt;width:100%"><div><span>{_e(RUNNING)}</span></div></div>'
    ),
    spanned=True,
)
STYLES = {"div_span": DIV_SPAN, "p_font": P_FONT, "h_tags": H_TAGS, "workiva": WORKIVA}


# --- Annex shapes ---------------------------------------------------------------------------------


def _table(
    headers: list[str], rows: list[list[str]], style: Style, page: list[int], split: bool = True
) -> str:
    """A table, split every four rows across a page break with its header repeated (`split`);
    cells as the style lays them out (a spacer cell after each, or each spanning three grid
    columns with the value in the middle one, as some agents do)."""
    if style.spanned:
        head = (
            "<tr>"
            + "".join(
                f'<td colspan="3"><div style="text-align:center"><span style="font-weight:700">'
                f"{_e(h)}</span></div></td>"
                for h in headers
            )
            + "</tr>"
        )

        def row(cells: list[str]) -> str:
            return (
                "<tr>"
                + "".join(
                    f'<td style="padding:0">&#160;</td><td><span>{_e(c)}</span></td><td></td>'
                    for c in cells
                )
                + "</tr>"
            )
    else:
        head = (
            "<tr>"
            + "".join(f'<td style="font-weight:bold">{_e(h)}</td><td></td>' for h in headers)
            + "</tr>"
        )

        def row(cells: list[str]) -> str:
            return "<tr>" + "".join(f"<td>{_e(c)}</td><td>&#160;</td>" for c in cells) + "</tr>"

    chunks = [rows[i : i + 4] for i in range(0, len(rows), 4)] if split else [rows]
    parts = []
    for n, chunk in enumerate(chunks):
        if n:
            page[0] += 1
            parts.append(style.page_break(page[0]))
        body = "".join(row(cells) for cells in chunk)
        parts.append(f'<table style="width:100%;border-collapse:collapse">{head}{body}</table>')
    return "".join(parts)


def annex_one_table(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    rows = [[m, n, c.upper(), WORDS[s]] for m, n, c, s in listed]
    return _table(["Metal", "Smelter Name", "Country", "Status"], rows, style, page)


def annex_own_words(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    """Status words no label set of statuses.yml prints, in capitals."""
    words = {
        "conformant": "CONFORMANT",
        "active": "PARTICIPATING",
        "not_enrolled": "NOT PARTICIPATING",
    }
    rows = [[m, n, c, words[s]] for m, n, c, s in listed]
    return _table(["Metal", "Smelter Name", "Country", "RMAP Status"], rows, style, page)


def annex_per_metal(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    parts = []
    for metal in METAL_ORDER:
        parts.append(style.sub(metal))
        rows = [[n, c] for m, n, c, _ in listed if m == metal]
        parts.append(_table(["Smelter Name", "Country†"], rows, style, page, split=False))
    parts.append(style.para("† Country as reported by the smelter or refiner."))
    return "".join(parts) + _summary(style, page)


def _summary(style: Style, page: list[int]) -> str:
    """A status summary table by metal, as filers print it next to the Annex."""
    summary = [
        ["Tantalum", "2", "0"],
        ["Tin", "1", "1"],
        ["Gold", "3", "1"],
        ["Tungsten", "1", "0"],
    ]
    return style.sub("Summary by status") + _table(
        ["Metal", "Conformant", "Active"], summary, style, page, split=False
    )


def annex_per_metal_summary(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    """A table per metal with no status per row, and a summary by metal and status whose counts
    are the rows' (counted here from ROWS, the tests' yardstick), with a Total column and row."""
    parts = []
    for metal in METAL_ORDER:
        parts.append(style.sub(metal))
        rows = [[n, c] for m, n, c, _ in listed if m == metal]
        parts.append(_table(["Smelter Name", "Country"], rows, style, page, split=False))
    buckets = list(WORDS)
    summary = []
    for metal in METAL_ORDER:
        counts = [sum(1 for m, _, _, s in listed if m == metal and s == b) for b in buckets]
        summary.append([metal, *map(str, counts), str(sum(counts))])
    totals = [sum(1 for *_, s in listed if s == b) for b in buckets]
    summary.append(["Total", *map(str, totals), str(len(listed))])
    headers = ["Metal", *(WORDS[b] for b in buckets), "Total"]
    return (
        "".join(parts)
        + style.sub("Smelters and Refiners by Status")
        + _table(headers, summary, style, page, split=False)
    )


def annex_marks(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    mark = {"conformant": "*", "active": "**", "not_enrolled": ""}
    rows = [[m, n + mark[s], c] for m, n, c, s in listed]
    table = _table(["Metal", "Smelter or Refiner", "Country"], rows, style, page)
    legend = [
        "* Conformant with the RMAP standard.",
        "** Active: participating in the RMAP.",
    ]
    return table + "".join(style.para(line) for line in legend) + _summary(style, page)


def annex_no_status(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    ordered = [r for metal in METAL_ORDER for r in listed if r[0] == metal]
    rows = [[m, n, c.upper()] for m, n, c, _ in ordered]
    return _table(["Metal", "Facility Name", "Country"], rows, style, page)


def annex_none(style: Style, page: list[int], listed: Listed = ROWS) -> str:
    return style.para("Our suppliers reported these countries of origin: Brazil, China, Rwanda.")


SHAPES = {
    "one_table": annex_one_table,
    "per_metal": annex_per_metal,
    "per_metal_summary": annex_per_metal_summary,
    "marks": annex_marks,
    "own_words": annex_own_words,
    "no_status": annex_no_status,
    "none": annex_none,
}


# What a filer that prints no status says instead of counting statuses.
RCOI_NO_STATUS = "We surveyed twelve suppliers and received responses from ten suppliers. Our suppliers identified 12 smelters and refiners, listed in Annex I."
WITHOUT_STATUS = ("per_metal", "no_status", "none")
# A filer that lists no smelters at all counts none.
RCOI_NO_LIST = "We surveyed twelve suppliers and received responses from ten suppliers."


def exhibit_html(
    style_name: str = "div_span", shape: str = "one_table", listed: Listed = ROWS
) -> str:
    """An Exhibit 1.01 as one filing agent writes it, with page breaks after every few blocks;
    `listed`: the Annex rows it prints (default ROWS)."""
    style = STYLES[style_name]
    page = [1]
    parts = ["<html><head><title>ex101</title></head><body>"]
    for index, (kind, text) in enumerate(TEXT):
        if text == RCOI and shape in WITHOUT_STATUS:
            text = RCOI_NO_LIST if shape == "none" else RCOI_NO_STATUS
        if kind == "annex":
            parts.append(SHAPES[shape](style, page, listed))
            continue
        parts.append(getattr(style, kind)(text))
        if index in (6, 12):
            page[0] += 1
            parts.append(style.page_break(page[0]))
    parts.append(f'<p style="text-align:center">{page[0] + 1}</p></body></html>')
    return "".join(parts)


def form_sd_html() -> str:
    cells = (
        "<table><tr><td>Delaware</td><td>001-99999</td></tr>"
        "<tr><td>(State or other jurisdiction of incorporation)</td>"
        "<td>(Commission File Number)</td></tr></table>"
    )
    return (
        "<html><body>"
        '<p style="text-align:center"><b>UNITED STATES<br>SECURITIES AND EXCHANGE COMMISSION</b></p>'
        '<p style="text-align:center">Washington, D.C. 20549</p>'
        '<p style="text-align:center"><b>FORM SD</b></p>'
        '<p style="text-align:center"><b>SPECIALIZED DISCLOSURE REPORT</b></p>'
        '<p style="text-align:center"><b>NORTHWIND DEVICES, INC.</b></p>'
        '<p style="text-align:center">(Exact name of registrant as specified in its charter)</p>'
        f"{cells}"
        '<p style="text-align:center">1 Harbor Way, Portland, Oregon 97201</p>'
        '<p style="text-align:center">(Address of principal executive offices) (Zip Code)</p>'
        '<p style="text-align:center">Ada Park, General Counsel, (503) 555-0100</p>'
        '<p style="text-align:center">(Name and telephone number, including area code, of the '
        "person to contact in connection with this report)</p>"
        "<p>Rule 13p-1 under the Securities Exchange Act for the reporting period from January 1 "
        "to December 31, 2025.</p>"
        "<p><b>Item 1.01 Conflict Minerals Disclosure and Report</b></p>"
        "<p>The Conflict Minerals Report is filed as Exhibit 1.01.</p>"
        "<p><b>Item 3.01 Exhibits</b></p>"
        "<p>Exhibit 1.01 &#8211; Conflict Minerals Report.</p>"
        "<p><b>SIGNATURES</b></p>"
        "<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
        "has duly caused this report to be signed on its behalf.</p>"
        "<p>Northwind Devices, Inc.</p>"
        "<table><tr><td>By:</td><td>/s/ Ada Park</td></tr>"
        "<tr><td>Name:</td><td>Ada Park</td></tr>"
        "<tr><td>Title:</td><td>General Counsel</td></tr></table>"
        "<p>Date: May 28, 2026</p>"
        "</body></html>"
    )


def full_submission(exhibit: str, form_sd: str) -> str:
    """An EDGAR full submission (.txt): header, then each document wrapped as EDGAR wraps it."""
    return (
        "<SEC-DOCUMENT>0000000000-26-000001.txt : 20260529\n"
        "<SEC-HEADER>\nACCESSION NUMBER:\t\t0000000000-26-000001\n"
        "CONFORMED SUBMISSION TYPE:\tSD\nFILED AS OF DATE:\t\t20260529\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>SD\n<SEQUENCE>1\n<FILENAME>formsd.htm\n<TEXT>\n{form_sd}\n</TEXT>\n</DOCUMENT>\n"
        f"<DOCUMENT>\n<TYPE>EX-1.01\n<SEQUENCE>2\n<FILENAME>ex101.htm\n<TEXT>\n{exhibit}\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM\nend\n</TEXT>\n</DOCUMENT>\n"
        "</SEC-DOCUMENT>\n"
    )


def prose_paragraphs(shape: str = "one_table") -> list[str]:
    """Every paragraph and list item of the report's text, as filed (not the Annex)."""
    texts = [t for kind, t in TEXT if kind in ("para", "bullet")]
    instead = RCOI_NO_LIST if shape == "none" else RCOI_NO_STATUS
    return [instead if t == RCOI and shape in WITHOUT_STATUS else t for t in texts]
