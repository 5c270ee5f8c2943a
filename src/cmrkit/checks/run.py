"""All pre-filing checks of a year, and whether their findings fail it: errors fail a draft year;
a filed year is a legal record, so its findings are reported and never fail or rewrite it."""

from __future__ import annotations

from cmrkit.checks.blanks import blanks
from cmrkit.checks.data import check_data
from cmrkit.checks.findings import ERROR, Finding
from cmrkit.checks.footnotes import footnote_notes
from cmrkit.checks.pages import load_pages
from cmrkit.checks.prose import check_prose
from cmrkit.checks.rules import load_prefiling_rules
from cmrkit.checks.run_problems import left_out
from cmrkit.files.project import reference_folder
from cmrkit.year.pages import YearPages
from cmrkit.year.report import YearReport


def run_checks(report: YearReport, year_pages: YearPages) -> list[Finding]:
    rules = load_prefiling_rules(reference_folder(report.data_dir))  # the repository's, if any
    pages = load_pages(report, year_pages)
    return [
        *blanks(pages, report, rules),
        *check_prose(pages, report, rules),
        *check_data(report, rules),
        *footnote_notes(pages, report),
        *left_out(report),
    ]


def fails(report: YearReport, findings: list[Finding]) -> bool:
    return not report.is_filed and any(f.level == ERROR for f in findings)
