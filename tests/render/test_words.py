import datetime as dt

import pytest

from cmrkit.render.words import count_noun, is_are, long_date, month_day, number_words, percent


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (1, "one"),
        (7, "seven"),
        (13, "thirteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (100, "one hundred"),
        (105, "one hundred five"),
        (352, "three hundred fifty-two"),
        (1000, "one thousand"),
        (12_345, "twelve thousand three hundred forty-five"),
    ],
)
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


def test_number_words_refuses_what_it_cannot_spell() -> None:
    with pytest.raises(ValueError):
        number_words(1_000_000)


def test_count_noun_agrees_in_number() -> None:
    assert count_noun(0, "smelter", "smelters") == "no smelters"
    assert count_noun(1, "smelter", "smelters") == "one smelter"
    assert count_noun(4, "smelter", "smelters") == "four smelters"
    assert [is_are(n) for n in (0, 1, 2)] == ["are", "is", "are"]


def test_dates_as_filings_write_them() -> None:
    assert long_date(dt.date(2024, 5, 30)) == "May 30, 2024"
    assert long_date(dt.date(2023, 1, 1)) == "January 1, 2023"
    assert month_day(dt.date(2023, 1, 1)) == "January 1"


def test_percent_rounds_to_whole_numbers() -> None:
    assert percent(1.0) == "100%"
    assert percent(7 / 8) == "88%"
    assert percent(0.0) == "0%"
