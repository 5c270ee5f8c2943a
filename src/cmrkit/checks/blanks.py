"""Blanks left to fill: `[[FILL: what to write]]` in a page or in the year's data.

`cmrkit init` writes a narrative template and facts in which every company-specific passage is
such a blank. The site builds with them (a preview shows them plainly), and each one is an error
here until the filer writes their own words, so a report cannot be filed with a blank in it."""

from __future__ import annotations

import re
from pathlib import Path

from cmrkit.checks.findings import ERROR, Finding
from cmrkit.checks.pages import CheckedPage
from cmrkit.checks.rules import PrefilingRules
from cmrkit.errors import Location
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
            found += _in_lines(path, path.read_text(encoding="utf-8").split("\n"), blank)
    return found
