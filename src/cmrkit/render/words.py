"""How the report writes numbers and dates: the filing spells small counts as words
("seven contract manufacturers") and dates as "May 30, 2024"."""

from __future__ import annotations

import datetime as dt

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """English words for a whole number below one million ("twenty-one", "one hundred five")."""
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


def count_noun(n: int, singular: str, plural: str, *, zero: str = "no") -> str:
    """'one smelter', 'four smelters', 'no smelters': a count in words with its noun."""
    if n == 0:
        return f"{zero} {plural}"
    return f"{number_words(n)} {singular if n == 1 else plural}"


def is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def long_date(value: dt.date) -> str:
    """'May 30, 2024', as SEC filings write dates."""
    return f"{value:%B} {value.day}, {value.year}"


def month_day(value: dt.date) -> str:
    """'January 1': the first half of a period written within one year."""
    return f"{value:%B} {value.day}"


def percent(rate: float) -> str:
    """'100%': a share written as a whole-number percentage."""
    return f"{round(rate * 100)}%"
