"""Where a filing is on SEC EDGAR, from the year's facts: the registrant's CIK and the filing's
accession number name its index page in EDGAR's archives. Without both, there is no address: the
site never guesses one."""

from __future__ import annotations

ARCHIVES = "https://www.sec.gov/Archives/edgar/data"


def filing_index_url(cik: str | int, accession_number: str) -> str:
    """EDGAR's index page of one filing, e.g. .../data/1107843/000110784324000042/
    0001107843-24-000042-index.htm (the CIK without leading zeros, the folder without dashes)."""
    folder = accession_number.replace("-", "")
    return f"{ARCHIVES}/{int(cik)}/{folder}/{accession_number}-index.htm"


def filing_url(cik: str | None, accession_number: str | None) -> str | None:
    """The filing's index page when both facts are given (`registrant.cik`,
    `filing.accession_number`), else None."""
    if cik is None or not accession_number:
        return None
    return filing_index_url(cik, accession_number)
