"""The Form SD deadline: May 31 of the year after the reporting period, or the next business day
when that is a weekend or a federal holiday. Dates and holiday rules come from `prefiling.yml`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    days = [
        dt.date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, day).weekday() == weekday
    ]
    return days[nth - 1] if nth > 0 else days[nth]


def holiday_dates(year: int, rules: Iterable[dict[str, Any]]) -> set[dt.date]:
    """The holidays of a year under the rules: fixed dates (moved to Friday or Monday when
    `observed` and on a weekend) and n-th weekdays of a month (nth -1 = the last)."""
    dates = set()
    for rule in rules:
        if "weekday" in rule:
            dates.add(_nth_weekday(year, rule["month"], rule["weekday"], rule["nth"]))
            continue
        date = dt.date(year, rule["month"], rule["day"])
        if rule.get("observed"):
            if date.weekday() == 5:
                date -= dt.timedelta(days=1)
            elif date.weekday() == 6:
                date += dt.timedelta(days=1)
        dates.add(date)
    return dates


def filing_deadline(
    period_year: int, month_day: tuple[int, int], holidays: Iterable[dict[str, Any]]
) -> dt.date:
    rules = list(holidays)
    date = dt.date(period_year + 1, *month_day)
    closed = holiday_dates(date.year, rules)
    while date.weekday() >= 5 or date in closed:
        date += dt.timedelta(days=1)
    return date
