"""On the built site, as on the EDGAR documents (tests/checks/test_blanks_figures.py and
test_blanks_dates.py), every figure nobody gave prints the project's FILL blank, and every date
the date blank, used bare or through a filter: never "None", never nothing. The PDF is printed
from these pages. For every year present, all such figures and dates at once, in one build."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.render.words import NOT_DATED, NOT_GIVEN
from cmrkit.year.facts import BLANK_DATES
from cmrkit.year.figures import MADE_FROM
from tests.support.missing_figures import (
    FILTERED,
    MISSING,
    append_line,
    blank_date,
    exhibit_page,
    forget,
)
from tests.support.pages import site_text
from tests.support.project import YEARS, build, copy_project


@pytest.mark.parametrize("year", YEARS)
def test_every_figure_nobody_gave_is_a_blank_on_the_site(year: int, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for fact in {fact for facts in MADE_FROM.values() for fact in facts}:
        forget(project, year, fact)
    page = exhibit_page(project, year)
    expected = []
    for figure in sorted(MISSING):
        uses = FILTERED[MISSING[figure]]
        filtered = " ".join(f"{{{{ figures.{figure} | {f} }}}}." for f, _ in uses)
        append_line(page, f"Figure {figure}: {{{{ figures.{figure} }}}}. Filtered: {filtered}")
        shown = " ".join(f"{text}." for _, text in uses)
        expected.append(f"Figure {figure}: {NOT_GIVEN}. Filtered: {shown}")
    # A date nobody gave prints the date blank, bare and through long_date, not a figure's.
    facts = project / "data" / str(year) / "facts.yml"
    for fact in BLANK_DATES:
        blank_date(facts, fact, draft=False)
        append_line(
            page, f"Date {fact}: {{{{ facts.{fact} }}}}, {{{{ facts.{fact} | long_date }}}}."
        )
        expected.append(f"Date {fact}: {NOT_DATED}, {NOT_DATED}.")
    result = build(project, year)
    assert result.returncode == 0, result.stderr
    text = " ".join(site_text(project / "site", year, report_only=True).split())
    for sentence in expected:
        assert sentence in text, sentence
