"""Blanks left to fill: `[[FILL: what to write]]` in a page or in the year's data.

`cmrkit init` writes a narrative template and facts in which every company-specific passage is
such a blank. The site builds with them (a preview shows them plainly), and each one is an error
here until the filer writes their own words, so a report cannot be filed with a blank in it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.pages import CheckedPage
from cmrkit.checks.rules import PrefilingRules
from cmrkit.errors import Location
from cmrkit.files.yamlio import load_yaml
from cmrkit.year.report import YearReport, year_dir


def _in_lines(
    path: Path, lines: list[str] | tuple[str, ...], blank: re.Pattern[str]
) -> list[Finding]:
    found = []
    for number, line in enumerate(lines, start=1):
        for match in blank.finditer(line):
            hint = match.group("hint").strip() or "a blank"
            found.append(Finding(ERROR, "blank", Location(path, number), f"to fill: {hint}"))
    return found


def blanks(pages: list[CheckedPage], report: YearReport, rules: PrefilingRules) -> list[Finding]:
    """Every blank of the year's pages (as written) and data files, with its line."""
    blank = rules.blank
    if blank is None:
        return []
    found: list[Finding] = []
    for page in pages:
        found += _in_lines(page.path, page.written, blank)
    folder = year_dir(report.data_dir, report.year)
    for path in (folder / "facts.yml", report.annex_path):
        if path is not None and path.is_file():
            lines = path.read_text(encoding="utf-8").split("\n")
            data = _in_lines(path, lines, blank)
            found += _unprinted(data, lines, pages, blank) if report.is_filed else data
    return found + counts_not_given(pages, report, blank)


# The page variables that print the number asked or answering (or a figure made from it).
_ASKED = ("figures.suppliers_asked", "figures.response_rate", "suppliers_not_answering")
_ANSWERING = ("figures.suppliers_answering", "figures.response_rate", "suppliers_not_answering")


def counts_not_given(
    pages: list[CheckedPage], report: YearReport, blank: re.Pattern[str]
) -> list[Finding]:
    """How many suppliers were asked, and how many answered, when nobody gave them (a filed
    report that does not say): the pages print a blank where they and the response rate go, and
    this names each fact. An error in a draft or where a page prints it; in a filed year whose
    pages do not print it, a fact to fill for the record (a warning), as the dates of a Form SD
    not imported: the filed text has no blank there."""
    figures = report.figures
    found: list[Finding] = []
    if figures.suppliers_asked is None:
        how = f"`cmrkit ingest {report.year} --asked N` (or --asked-list FILE)"
        run = f"run {how}, or " if report.facts.rcoi.source else ""
        found += _not_given(
            pages, report, blank, "contract_manufacturers_asked", _ASKED,
            "the number of suppliers asked is not given, so the report prints a blank where it "
            f"and the response rate go: {run}"
            "give rcoi.contract_manufacturers_asked in facts.yml (the files received are not the "
            "suppliers asked)",
        )  # fmt: skip
    if figures.suppliers_answering is None:
        found += _not_given(
            pages, report, blank, "contract_manufacturers_answering", _ANSWERING,
            "the number of suppliers that answered is not given: give "
            "rcoi.contract_manufacturers_answering in facts.yml (or its run, rcoi.source)",
        )  # fmt: skip
    return found


def _not_given(
    pages: list[CheckedPage],
    report: YearReport,
    blank: re.Pattern[str],
    key: str,
    names: tuple[str, ...],
    what: str,
) -> list[Finding]:
    doc = load_yaml(year_dir(report.data_dir, report.year) / "facts.yml")
    where = doc.where(("rcoi", key))
    printed = [
        page.path
        for page in pages
        if any(name in page.path.read_text(encoding="utf-8") for name in names)
    ]
    if printed or not report.is_filed:
        shown = f"; {printed[0].name} prints a blank where it goes" if printed else ""
        return [Finding(ERROR, "unfinished", where, what + shown)]
    line = doc.path.read_text(encoding="utf-8").split("\n")[(where.line or 1) - 1]
    if blank.search(line):  # the blank is named above, for the record
        return []
    return [
        Finding(
            WARNING,
            "blank-record",
            where,
            f"{what} (for the record: no page of the filed year prints it)",
        )
    ]


def _unprinted(
    found: list[Finding], lines: list[str], pages: list[CheckedPage], blank: re.Pattern[str]
) -> list[Finding]:
    """In a filed year, a blank in the data that no page prints is not in the filed text: a
    fact the filed documents did not state (a Form SD not imported, say). It is named, to fill
    for the record, as a warning; a blank a page prints stays an error."""
    shown = html.unescape("\n".join(line for page in pages for line in page.rendered))
    out = []
    for finding in found:
        line = lines[(finding.location.line or 1) - 1]
        if any(m.group(0) in shown for m in blank.finditer(line)):
            out.append(finding)
        else:
            out.append(
                Finding(
                    WARNING,
                    "blank-record",
                    finding.location,
                    f"{finding.message} (for the record: no page of the filed year prints it)",
                )
            )
    return out
