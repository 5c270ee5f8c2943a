"""The Form SD deadline moves off weekends and holidays (the rule's dates and holidays are data)."""

from __future__ import annotations

import datetime as dt

import pytest

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.rules import load_prefiling_rules
from tests.support.project import DATA

RULES = load_prefiling_rules(DATA / "reference")


@pytest.mark.parametrize(
    ("period_year", "due"),
    [
        (2023, dt.date(2024, 5, 31)),  # a Friday
        (2019, dt.date(2020, 6, 1)),  # May 31, 2020 was a Sunday
        (2020, dt.date(2021, 6, 1)),  # May 31, 2021 was Memorial Day
        (2024, dt.date(2025, 6, 2)),  # May 31, 2025 was a Saturday
    ],
)
def test_deadline(period_year: int, due: dt.date) -> None:
    assert filing_deadline(period_year, RULES.deadline, RULES.holidays) == due


def test_without_holiday_rules_memorial_day_is_a_business_day() -> None:
    # Shows the holiday comes from the data, not from the code.
    assert filing_deadline(2020, RULES.deadline, []) == dt.date(2021, 5, 31)
