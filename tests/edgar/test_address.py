"""Where the filing is on SEC EDGAR, and what the Form SD page's note says about the documents:
the address only from facts that give it, never guessed; a draft says it is not filed."""

from __future__ import annotations

import dataclasses

from cmrkit.edgar.address import filing_index_url, filing_url
from cmrkit.edgar.render import documents_note
from cmrkit.year.report import YearReport, load_year
from tests.support.project import DATA, FILED_YEARS

CIK, ACCESSION = "1107843", "0001107843-24-000042"  # planted: not any registrant's real filing


def with_facts(year: int, **changes: dict[str, object]) -> YearReport:
    """The year with facts changed, by section: `registrant={"cik": CIK}`."""
    report = load_year(DATA, year)
    facts = report.facts
    sections = {
        name: dataclasses.replace(getattr(facts, name), **new) for name, new in changes.items()
    }
    return dataclasses.replace(report, facts=dataclasses.replace(facts, **sections))


def test_the_index_page_of_a_filing() -> None:
    assert filing_index_url("0001107843", ACCESSION) == (
        "https://www.sec.gov/Archives/edgar/data/1107843/000110784324000042/"
        "0001107843-24-000042-index.htm"
    )
    assert filing_url(CIK, ACCESSION) == filing_index_url(CIK, ACCESSION)
    assert filing_url(CIK, None) is None
    assert filing_url(None, ACCESSION) is None


def test_the_note_links_the_filing_when_the_facts_give_it() -> None:
    year = FILED_YEARS[0]
    report = with_facts(year, registrant={"cik": CIK}, filing={"accession_number": ACCESSION})
    note = documents_note("", report)
    assert "generated from the same source as this site" in note
    assert f'href="{filing_index_url(CIK, ACCESSION)}"' in note and ACCESSION in note


def test_without_an_address_the_note_names_none() -> None:
    report = load_year(DATA, FILED_YEARS[0])
    if filing_url(report.facts.registrant.cik, report.facts.filing.accession_number):
        report = with_facts(FILED_YEARS[0], registrant={"cik": None})
    note = documents_note("", report)
    assert "sec.gov" not in note
    assert report.facts.urls.sec_filings in note


def test_a_draft_says_it_is_not_filed() -> None:
    report = with_facts(FILED_YEARS[0], filing={"status": "draft"})
    assert "has not been filed" in documents_note("", report)
