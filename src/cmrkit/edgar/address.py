"""Where a filing is on SEC EDGAR, from the year's facts: the registrant's CIK and the filing's
accession number name its index page in EDGAR's archives. Without both, there is no address: the
site never guesses one."""

from __future__ import annotations

from typing import Any

ARCHIVES = "https://www.sec.gov/Archives/edgar/data"


def filing_index_url(cik: str | int, accession_number: str) -> str:
    """EDGAR's index page of one filing, e.g. .../data/1107843/000110784324000042/
    0001107843-24-000042-index.htm (the CIK without leading zeros, the folder without dashes)."""
    folder = accession_number.replace("-", "")
    return f"{ARCHIVES}/{int(cik)}/{folder}/{accession_number}-index.htm"


def filing_url(facts: dict[str, Any]) -> str | None:
    cik = (facts.get("registrant") or {}).get("cik")
    accession = (facts.get("filing") or {}).get("accession_number")
    if cik is None or not accession:
        return None
    return filing_index_url(cik, accession)
