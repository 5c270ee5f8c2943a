"""The notice a reader meets on a year that is not the newest: which report this is and when it
was filed, from the year's facts. Which year is the newest is known only where the years are
published side by side (the site's list of versions), so the page completes the sentence."""

from __future__ import annotations

from dataclasses import dataclass

from cmrkit.render.words import long_date
from cmrkit.year.report import YearReport


@dataclass(frozen=True)
class VersionNotice:
    text: str  # "You are reading the 2023 report, filed May 30, 2024."
    newest_lead: str  # followed by the newest year: "The newest is" 2024.


def version_notice(report: YearReport) -> VersionNotice:
    filing = report.facts.filing
    if filing.is_filed:
        # A filing date the facts leave blank is said to be not given, never guessed.
        when = f"filed {long_date(filing.filed)}" if filing.filed else "its filing date not given"
        return VersionNotice(f"You are reading the {report.year} report, {when}.", "The newest is")
    return VersionNotice(
        f"You are reading a draft of the {report.year} report; it has not been filed.",
        "The newest filed report is",
    )
