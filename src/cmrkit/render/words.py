"""How the report writes numbers and dates: the filing spells small counts as words
("seven contract manufacturers") and dates as "May 30, 2024".

A figure nobody gave (None, such as the number of suppliers asked before it is given) is written
as a blank to fill, never as a number: `cmrkit check` names the fact to give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cmrkit.year.facts import DateNotGiven

NOT_GIVEN = "[[FILL: a figure not given yet; cmrkit check names it]]"

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int | None) -> str:
    """English words for a whole number below one million ("twenty-one", "one hundred five")."""
    if n is None:
        return NOT_GIVEN
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    raise ValueError(f"{n} is too large to write in words")


def count_noun(n: int | None, singular: str, plural: str, *, zero: str = "no") -> str:
    """'one smelter', 'four smelters', 'no smelters': a count in words with its noun."""
    if n is None:
        return f"{NOT_GIVEN} {plural}"
    if n == 0:
        return f"{zero} {plural}"
    return f"{number_words(n)} {singular if n == 1 else plural}"


def is_are(n: int) -> str:
    return "is" if n == 1 else "are"


NOT_DATED = "[[FILL: a date not given yet; cmrkit check names it]]"


def long_date(value: dt.date | DateNotGiven | None) -> str:
    """'May 30, 2024', as SEC filings write dates; a date the facts leave blank (None, or
    `DATE_NOT_GIVEN` as the pages see it) prints as the date blank, never as a date standing in
    for it: the same blank a page prints for the date used bare (`context.shown`)."""
    if value is None or isinstance(value, DateNotGiven):
        return NOT_DATED
    return f"{value:%B} {value.day}, {value.year}"


def month_day(value: dt.date | DateNotGiven | None) -> str:
    """'January 1': the first half of a period written within one year (a date not given: the
    date blank, as `long_date`)."""
    if value is None or isinstance(value, DateNotGiven):
        return NOT_DATED
    return f"{value:%B} {value.day}"


def percent(rate: float | None) -> str:
    """'100%': a share written as a whole-number percentage."""
    if rate is None:
        return NOT_GIVEN
    return f"{round(rate * 100)}%"


# How each declaration scope of a CMRT (Declaration D9, counted by the ingest run) is written.
_SCOPE_WORDS = (
    ("company", "company-level CMRT", "company-level CMRTs"),
    ("product", "product-level CMRT", "product-level CMRTs"),
    ("user_defined", "user-defined CMRT", "user-defined CMRTs"),
    ("blank", "CMRT that stated no scope", "CMRTs that stated no scope"),
)
NO_CMRT = "[[FILL: the level of the CMRTs received; no CMRT is read yet (cmrkit ingest)]]"


def cmrt_scopes(declarations: Mapping[str, int] | None) -> str:
    """The CMRTs received by scope, as counted, for any mix: 'five company-level CMRTs', or
    'one company-level CMRT, two product-level CMRTs and one CMRT that stated no scope'. With no
    count (no run yet, or counts typed by hand), a blank to fill."""
    parts = [
        count_noun(declarations[key], singular, plural)
        for key, singular, plural in _SCOPE_WORDS
        if declarations and declarations.get(key)
    ]
    if not parts:
        return NO_CMRT
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
