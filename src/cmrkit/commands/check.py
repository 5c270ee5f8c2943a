"""`cmrkit check YEAR`: pre-filing checks on the rendered pages and the year's data.

Warnings and errors are printed apart; errors make the command fail only for a draft year. A
supplier contact's e-mail address or phone number in a file git tracks or in the built site (or
a supplier file tracked at all) fails it for every year: personal data is no legal record."""

from __future__ import annotations

import argparse

from cmrkit.checks.findings import ERROR, WARNING
from cmrkit.checks.run import fails, run_checks
from cmrkit.commands import add_data_option, add_docs_option, locate_project
from cmrkit.website.privacy import privacy_findings
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a year's pages and data before filing. Errors fail a draft year; "
        "a filed year's findings are reported without failing."
    )
    parser.add_argument("year", help="reporting year, e.g. 2024")
    add_data_option(parser)
    add_docs_option(parser)


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    report = load_year(project.data_dir, args.year)
    findings = run_checks(report, load_pages(project.docs_dir, report.year))
    private = privacy_findings(project)
    findings += private
    errors = [f for f in findings if f.level == ERROR]
    warnings = [f for f in findings if f.level == WARNING]
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        if group:
            print(f"{title}:")
            for finding in group:
                print(f"  {finding}")
    status = report.facts.filing.status
    print(f"{report.year} ({status}): {len(errors)} error(s), {len(warnings)} warning(s)")
    if status == "filed" and findings:
        print(
            "A filed year is a legal record: findings are reported, the filed text stays as filed."
        )
    return 1 if private or fails(report, findings) else 0
