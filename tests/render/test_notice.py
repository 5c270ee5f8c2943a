"""The earlier-year notice from the year's facts: which report, filed when; a draft says so."""

from __future__ import annotations

import dataclasses

from cmrkit.render.notice import version_notice
from cmrkit.render.words import long_date
from cmrkit.year.report import load_year
from tests.support.project import DATA, FILED_YEARS


def test_a_filed_year_names_itself_and_its_filing_date() -> None:
    report = load_year(DATA, FILED_YEARS[0])
    notice = version_notice(report)
    filed = long_date(report.facts.filing.filed)
    assert notice.text == f"You are reading the {report.year} report, filed {filed}."
    assert notice.newest_lead == "The newest is"


def test_a_draft_says_it_is_not_filed() -> None:
    report = load_year(DATA, FILED_YEARS[0])
    filing = dataclasses.replace(report.facts.filing, status="draft")
    facts = dataclasses.replace(report.facts, filing=filing)
    notice = version_notice(dataclasses.replace(report, facts=facts))
    assert "draft" in notice.text and "not been filed" in notice.text
