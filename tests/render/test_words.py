import datetime as dt

import pytest

from cmrkit.render import words as wording
from cmrkit.render.context import shown
from cmrkit.render.words import (
    NOT_DATED,
    NOT_GIVEN,
    count_noun,
    is_are,
    long_date,
    month_day,
    number_words,
    percent,
)
from cmrkit.year.facts import DATE_NOT_GIVEN


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


def test_a_date_not_given_prints_as_a_blank_the_checks_name() -> None:
    printed = long_date(None)
    assert printed.startswith("[[FILL:") and "cmrkit check" in printed
    assert not any(ch.isdigit() for ch in printed)  # no date stands in for it
    # As the pages see a date written as a blank: the same date blank, through either filter,
    # and the same a page prints for it used bare.
    assert long_date(DATE_NOT_GIVEN) == month_day(DATE_NOT_GIVEN) == printed == NOT_DATED
    assert shown(DATE_NOT_GIVEN) == NOT_DATED and shown(None) == NOT_GIVEN != NOT_DATED


def test_percent_rounds_to_whole_numbers() -> None:
    assert percent(1.0) == "100%"
    assert percent(7 / 8) == "88%"
    assert percent(0.0) == "0%"


@pytest.mark.parametrize(
    ("declarations", "text"),
    [
        ({"company": 5, "product": 0, "user_defined": 0, "blank": 0}, "five company-level CMRTs"),
        (
            {"company": 1, "product": 2, "user_defined": 1, "blank": 1},
            "one company-level CMRT, two product-level CMRTs, one user-defined CMRT and one CMRT "
            "that stated no scope",
        ),
        ({"product": 1, "blank": 2}, "one product-level CMRT and two CMRTs that stated no scope"),
    ],
)
def test_cmrt_scopes_word_any_mix(declarations: dict[str, int], text: str) -> None:
    assert wording.cmrt_scopes(declarations) == text


@pytest.mark.parametrize("declarations", [None, {}, {"company": 0, "product": 0}])
def test_no_cmrt_counted_is_a_blank(declarations: dict[str, int] | None) -> None:
    assert wording.cmrt_scopes(declarations) == wording.NO_CMRT
    assert wording.NO_CMRT.startswith("[[FILL: ")


def test_a_figure_not_given_is_written_as_a_blank() -> None:
    assert wording.number_words(None) == wording.NOT_GIVEN
    assert wording.count_noun(None, "supplier", "suppliers") == f"{wording.NOT_GIVEN} suppliers"
    assert wording.percent(None) == wording.NOT_GIVEN
    assert wording.percent(0.75) == "75%"
