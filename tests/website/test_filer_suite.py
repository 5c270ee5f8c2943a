"""The filer suite's pre-filing test treats what a draft has not written yet as unfinished (a
warning), and a wrong statement as a failure: a footnote marker whose note is not written yet
is unfinished; a sentence stating last year's reporting period fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cmrkit.files.project import Project
from cmrkit.website.filer_tests import suite
from cmrkit.year.report import load_year
from tests.checks.test_footnotes import _drop_notes
from tests.checks.test_run import filing_deadline
from tests.support.check_project import draft_year, edit, new_project
from tests.support.project import FILED_YEARS, REPO, YEARS

DRAFT = max(YEARS) + 1


def _draft(tmp_path: Path) -> tuple[Path, int]:
    year = next((y for y in FILED_YEARS if load_year(REPO / "data", y).footnotes), None)
    if year is None:
        pytest.skip("no filed year has an Annex footnote")
    project = new_project(tmp_path)
    draft_year(project, DRAFT, filing_deadline(DRAFT) - dt.timedelta(days=2), year)
    return project, year


def test_a_note_not_written_yet_is_unfinished(tmp_path: Path) -> None:
    project, _ = _draft(tmp_path)
    assert _drop_notes(project / "docs" / str(DRAFT)) > 0
    with pytest.warns(UserWarning, match="blanks or gaps still to fill"):
        suite.test_prefiling_checks_pass(Project.at(project), DRAFT)


def test_last_years_period_fails(tmp_path: Path) -> None:
    project, year = _draft(tmp_path)
    edit(
        project / "docs" / str(DRAFT) / "exhibit-1-01" / "index.md",
        "{{ facts.period.start | long_date }} to {{ facts.period.end | long_date }}",
        f"January 1, {year} to December 31, {year}",
    )
    with pytest.raises(AssertionError, match="reporting-period"):
        suite.test_prefiling_checks_pass(Project.at(project), DRAFT)
