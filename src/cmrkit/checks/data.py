"""Checks on the year's data rather than the words: the filing date against the deadline, Annex
rows on a sanctions list without a footnote, status labels that use outdated names."""

from __future__ import annotations

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.rules import PrefilingRules
from cmrkit.errors import Location
from cmrkit.files.yamlio import load_yaml
from cmrkit.render.words import long_date
from cmrkit.year.report import YearReport


def _facts_doc(report: YearReport):
    return load_yaml(report.data_dir / str(report.year) / "facts.yml")


def deadline(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    filing = report.facts["filing"]
    due = filing_deadline(report.facts["period"]["end"].year, rules.deadline, rules.holidays)
    doc = _facts_doc(report)
    found = []
    for key in ("filed", "signed"):
        date = filing.get(key)
        if date is None:
            continue
        where = doc.where(("filing", key))
        if date > due:
            found.append(
                Finding(
                    ERROR,
                    "deadline",
                    where,
                    f"filing.{key} {long_date(date)} is after the deadline {long_date(due)}",
                )
            )
        elif date <= report.facts["period"]["end"]:
            found.append(
                Finding(
                    ERROR,
                    "deadline",
                    where,
                    f"filing.{key} {long_date(date)} is not after the reporting period",
                )
            )
    return found


def unmarked_sanctioned_rows(report: YearReport) -> list[Finding]:
    """A facility on a sanctions or suspension list should carry a footnote saying so."""
    path = report.data_dir / str(report.year) / report.facts["annex"]["file"]
    return [
        Finding(
            WARNING,
            "sanctions-footnote",
            Location(path, row.line),
            f"{row.metal} '{row.smelter_name}' is on the {entry.list} since "
            f"{long_date(entry.date)} ({entry.id}) but carries no footnote",
        )
        for row, entry in report.figures.sanctioned
        if not row.footnote
    ]


def outdated_labels(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    """The Annex's status words come from a label set; an outdated word there is in every row."""
    label_set = report.facts["annex"]["status_labels"]
    where = _facts_doc(report).where(("annex", "status_labels"))
    found = []
    for bucket, label in report.labels.items():
        for name in rules.outdated_names:
            if name.pattern.search(label):
                count = report.figures.by_bucket.get(bucket, 0)
                found.append(
                    Finding(
                        name.level,
                        "outdated-name",
                        where,
                        f"label set '{label_set}' prints '{label}' in {count} Annex rows; "
                        f"today: '{name.new}'",
                    )
                )
    return found


def unfinished(report: YearReport) -> list[Finding]:
    """A draft with no Annex rows or no supplier asked is not ready to file (a new repository
    starts so, and builds)."""
    doc = _facts_doc(report)
    found = []
    if not report.annex:
        path = report.data_dir / str(report.year) / report.facts["annex"]["file"]
        found.append(
            Finding(
                ERROR,
                "unfinished",
                Location(path, 1),
                "Annex I has no rows: add the smelters and refiners (cmrkit ingest rolls them "
                "up from the suppliers' CMRTs)",
            )
        )
    if report.figures.suppliers_asked == 0:
        found.append(
            Finding(
                ERROR,
                "unfinished",
                doc.where(("rcoi", "contract_manufacturers_asked")),
                "no supplier asked: give the RCOI counts, or their source (rcoi.source)",
            )
        )
    return found


def check_data(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    return [
        *unfinished(report),
        *deadline(report, rules),
        *unmarked_sanctioned_rows(report),
        *outdated_labels(report, rules),
    ]
