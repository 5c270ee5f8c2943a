"""What a page template sees: the year's variables and the filters that write figures as words.

Shared by every renderer of the pages (the MkDocs site through `macros/`, the EDGAR export), so
the same Markdown says the same thing wherever it is rendered. Renderers add their own macros for
what differs by medium, such as the Annex table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cmrkit import words
from cmrkit.report import YearReport

FILTERS: dict[str, Callable[..., str]] = {
    "words": words.number_words,
    "count_noun": words.count_noun,
    "is_are": words.is_are,
    "long_date": words.long_date,
    "month_day": words.month_day,
    "percent": words.percent,
}


def variables(report: YearReport) -> dict[str, Any]:
    return {
        "report": report,
        "facts": report.facts,
        "figures": report.figures,
        "year": report.year,
    }
