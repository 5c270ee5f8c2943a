"""Checks on the words of the pages: figures stated in the prose, years, outdated names, and the
Covered Countries definition. Each returns findings naming page and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.numbers import stated_counts, typed_numbers
from cmrkit.checks.pages import CheckedPage
from cmrkit.checks.rules import PrefilingRules, number_value
from cmrkit.errors import Location
from cmrkit.reference.load import Reference
from cmrkit.render.words import long_date
from cmrkit.year.report import YearReport

STATUS_FIGURES = ("conformant", "active", "other")


def figure_values(report: YearReport) -> dict[str, int | None]:
    """Every figure a statement in `prefiling.yml` may name, computed from data (none by status
    when the Annex has no status: see `stated_figures`; None: a figure nobody gave, such as the
    number of suppliers asked)."""
    figures = report.figures
    rate = figures.response_rate
    by_status = (
        {"conformant": figures.conformant, "active": figures.active, "other": figures.other}
        if report.has_status_figures
        else {}
    )
    return {
        "total": figures.total,
        **by_status,
        "greater_risk": figures.greater_risk,
        "covered_country_rows": figures.covered_country_rows,
        "suppliers_asked": figures.suppliers_asked,
        "suppliers_answering": figures.suppliers_answering,
        "response_percent": None if rate is None else round(rate * 100),
    }


def stated_figures(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """A number in a sentence that states a figure must be that figure: catches a count typed by
    hand (or left from last year) where the data says otherwise."""
    values = figure_values(report)
    found = []
    for page in pages:
        for number, line in page.lines():
            for statement in rules.figure_statements:
                for match in statement.pattern.finditer(line):
                    stated = number_value(match.group("n"))
                    expected = values.get(statement.figure)
                    if (
                        stated is not None
                        and statement.figure in STATUS_FIGURES
                        and (not report.has_status_figures)
                    ):
                        found.append(
                            Finding(
                                ERROR,
                                "figures",
                                Location(page.path, number),
                                f"'{match.group(0)}' states {stated} ({statement.figure}), but "
                                "the Annex has no status column: no figure by status exists",
                            )
                        )
                        continue
                    if stated is not None and statement.figure in values and expected is None:
                        found.append(
                            Finding(
                                ERROR,
                                "figures",
                                Location(page.path, number),
                                f"'{match.group(0)}' states {stated}, but no one has given "
                                f"{statement.figure} (a figure without a source)",
                            )
                        )
                        continue
                    if stated is None or expected is None or stated == expected:
                        continue
                    found.append(
                        Finding(
                            ERROR,
                            "figures",
                            Location(page.path, number),
                            f"'{match.group(0)}' states {stated}, but the data gives "
                            f"{statement.figure} = {expected}",
                        )
                    )
    return found


def filing_year(report: YearReport) -> int:
    """The year the report is filed: from its dates, or, while both are blanks, the year after
    the reporting period (a report is due by May 31 of that year)."""
    filing = report.facts.filing
    day = filing.filed or filing.signed
    return day.year if day else report.facts.period.end.year + 1


def filing_years(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """'In 2023, we publicly filed the Form SD' in a report filed in 2024: copied forward."""
    year = filing_year(report)
    found = []
    for page in pages:
        for number, line in page.lines():
            for pattern in rules.filing_year_statements:
                for match in pattern.finditer(line):
                    if int(match.group("year")) != year:
                        found.append(
                            Finding(
                                WARNING,
                                "filing-year",
                                Location(page.path, number),
                                f"'{match.group(0)}': this report is filed in {year}; the "
                                "sentence names another year (copied from the previous report?)",
                            )
                        )
    return found


def period_statements(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """'For the reporting period from January 1 to December 31, 2023' in the 2024 report: the
    dates of a report imported as typed, carried into the next year by `cmrkit new-year`. A
    typed year alone is only a warning (a page may name a past year on purpose); a sentence
    stating the period is wrong with any year but the period's, so in a draft it is an error."""
    period = report.facts.period
    years = {period.start.year, period.end.year}
    level = WARNING if report.is_filed else ERROR
    found = []
    for where, match in _statements(pages, rules.period_statements):
        stated = sorted({int(y) for y in re.findall(r"\d{4}", match.group(0))})
        if set(stated) <= years:
            continue
        found.append(
            Finding(
                level,
                "reporting-period",
                where,
                f"'{match.group(0)}' states {', '.join(map(str, stated))}, but the "
                f"reporting period is {long_date(period.start)} to "
                f"{long_date(period.end)} (facts.yml period; copied from an earlier "
                "report?): print it from the data, {{ facts.period.start | "
                "long_date }} to {{ facts.period.end | long_date }}",
            )
        )
    return found


def _statements(
    pages: list[CheckedPage], patterns: Iterable[re.Pattern[str]]
) -> Iterator[tuple[Location, re.Match[str]]]:
    """Each match of a pre-filing rule's patterns in the pages' rendered lines, where it is:
    the period and the signature-date checks read the pages the same way."""
    for page in pages:
        for number, line in page.lines():
            for pattern in patterns:
                for match in pattern.finditer(line):
                    yield Location(page.path, number), match


def signature_dates(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """'Date: May 30, 2024' under the signature of a Form SD imported as typed, carried into the
    next year's draft: the date the page states must be `filing.signed`."""
    signed = report.facts.filing.signed
    level = WARNING if report.is_filed else ERROR
    found = []
    given = f"filing.signed is {long_date(signed)}" if signed else "filing.signed is not given yet"
    for where, match in _statements(pages, rules.signature_date_statements):
        try:
            stated = dt.datetime.strptime(match.group("date"), "%B %d, %Y").date()
        except ValueError:
            continue  # not a date in words: nothing to compare
        if stated == signed:
            continue
        found.append(
            Finding(
                level,
                "signature-date",
                where,
                f"'{match.group(0)}' is typed, but {given} (facts.yml; copied from "
                "an earlier report?): print it from the data, "
                "{{ facts.filing.signed | long_date }}",
            )
        )
    return found


def typed_years(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """A year typed into the Markdown does not move with the data: next year it is stale."""
    found = []
    for page in pages:
        for number, line in enumerate(page.written, start=1):
            spared = line
            for phrase in rules.typed_year_allowed:
                spared = spared.replace(phrase, " " * len(phrase))
            for match in rules.typed_year.finditer(spared):
                year = int(match.group(0))
                if year < report.year:
                    why = (
                        f"earlier than the reporting year {report.year} (left from a past report?)"
                    )
                else:
                    why = "typed into the page; take it from data ({{ year }}, facts.yml)"
                found.append(
                    Finding(WARNING, "typed-year", Location(page.path, number), f"{year}: {why}")
                )
    return found


def outdated_names(pages: list[CheckedPage], rules: PrefilingRules) -> list[Finding]:
    found = []
    for page in pages:
        for number, line in page.lines():
            for name in rules.outdated_names:
                count = len(name.pattern.findall(line))
                if count:
                    times = f" ({count} times)" if count > 1 else ""
                    found.append(
                        Finding(
                            name.level,
                            "outdated-name",
                            Location(page.path, number),
                            f"'{name.old}'{times} is an outdated name; today: '{name.new}'",
                        )
                    )
    return found


def _listed_countries(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)
    items = re.split(r",\s*|\s+and\s+", text)
    names = []
    for item in items:
        item = re.sub(r"^(?:and|or)\s+", "", item.strip())
        item = re.sub(r"^the\s+", "", item, flags=re.IGNORECASE).strip(" “”\"'")
        if item:
            names.append(item)
    return names


def covered_countries(
    pages: list[CheckedPage], reference: Reference, rules: PrefilingRules
) -> list[Finding]:
    """The definition of the Covered Countries must list exactly the countries of the Rule."""
    found = []
    vocabulary = reference.covered_countries
    definitions = 0
    for page in pages:
        for number, line in page.lines():
            for match in rules.covered_definition.finditer(line):
                definitions += 1
                where = Location(page.path, number)
                listed = _listed_countries(match.group("list"))
                named = set()
                for country in listed:
                    canonical = vocabulary.resolve(country) or vocabulary.resolve(f"the {country}")
                    if canonical is None:
                        found.append(
                            Finding(
                                ERROR,
                                "covered-countries",
                                where,
                                f"'{country}' is listed as a Covered Country but is not one "
                                "(data/reference/covered_countries.yml)",
                            )
                        )
                    else:
                        named.add(canonical)
                for country in vocabulary.canonical:
                    if country not in named:
                        found.append(
                            Finding(
                                ERROR,
                                "covered-countries",
                                where,
                                f"the Covered Countries definition omits {country}",
                            )
                        )
    if pages and not definitions:
        found.append(
            Finding(
                WARNING,
                "covered-countries",
                Location(pages[0].path),
                "no sentence defines the Covered Countries (pattern covered_definition)",
            )
        )
    return found


def check_prose(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    found: list[Any] = []
    found += stated_figures(pages, report, rules)  # patterns of prefiling.yml, if any
    found += stated_counts(pages, report, rules)
    found += typed_numbers(pages, report, rules)
    found += filing_years(pages, report, rules)
    found += period_statements(pages, report, rules)
    found += signature_dates(pages, report, rules)
    found += typed_years(pages, report, rules)
    found += outdated_names(pages, rules)
    found += covered_countries(pages, report.reference, rules)
    return found
