"""A date nobody gave (`filing.signed` or `filing.filed` written as a FILL blank) prints the date
blank wherever a page uses it, bare (`{{ facts.filing.signed }}`) or through `long_date`, in the
pages as the checks and the EDGAR export render them (the site: tests/builds/test_blanks_site.py),
never the blank of a figure; and `cmrkit check` names it once, on its line of facts.yml, with the
page line printing it. For every year present, as a draft made from it and as it is."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cmrkit.checks import pages as checked_pages
from cmrkit.checks.findings import ERROR
from cmrkit.checks.run import run_checks
from cmrkit.edgar.render import render_filing
from cmrkit.files.yamlio import load_yaml
from cmrkit.render.words import NOT_DATED, NOT_GIVEN
from cmrkit.year.facts import BLANK_DATES
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.missing_figures import append_line, blank_date, exhibit_page
from tests.support.project import YEARS, copy_project

HINT = "the date, from the signed Form SD"


@pytest.mark.parametrize("draft", [True, False], ids=["draft", "as is"])
@pytest.mark.parametrize("fact", BLANK_DATES)
@pytest.mark.parametrize("year", YEARS)
def test_a_date_nobody_gave_prints_the_date_blank_bare_and_filtered(
    year: int, fact: str, draft: bool, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    facts = project / "data" / str(year) / "facts.yml"
    blank_date(facts, fact, draft, HINT)
    page = exhibit_page(project, year)
    number = append_line(
        page, f"Bare: {{{{ facts.{fact} }}}}. Filtered: {{{{ facts.{fact} | long_date }}}}."
    )
    expected = f"Bare: {NOT_DATED}. Filtered: {NOT_DATED}."

    report = load_year(project / "data", year)
    year_pages = load_pages(project / "docs", year)
    checked = next(p for p in checked_pages.load_pages(report, year_pages) if p.path == page)
    assert checked.rendered[number - 1] == expected  # as the checks read the page
    assert NOT_GIVEN not in checked.rendered[number - 1]
    edgar = " ".join(html.unescape(doc.html) for doc in render_filing(report, year_pages))
    assert expected in " ".join(edgar.split())  # as the EDGAR documents print it

    findings = run_checks(report, year_pages)
    line = load_yaml(facts).where(tuple(fact.split("."))).line
    named = [f for f in findings if HINT in f.message]
    assert len(named) == 1, "\n".join(map(str, named))
    (finding,) = named
    assert Path(finding.location.path) == facts and finding.location.line == line
    assert finding.level == ERROR  # a page prints it: an error, draft or filed
    assert re.search(
        rf"{re.escape(page.name)} prints a blank where it goes \(lines? [\d, ]*\b{number}\b",
        finding.message,
    ), finding.message
