"""Numbers in the rendered report, whatever the wording.

Two questions about every number a reader sees:

* Is it a count, and does the data agree? The words right after a number say what it counts
  ("352 facilities", "seven first tier contract manufacturers", "223 are Conformant", "100%"),
  and the count is compared with every figure of the data that counts the same thing. A number
  the data produced and one typed by hand are compared alike: `{{ figures.active }} suppliers`
  is as wrong as a typed "six suppliers".
* Did a figure produce it? In a draft year, every number typed into the pages (not printed by a
  template expression) is listed: it may be a count that will not follow the data next year.

The vocabulary (what nouns name smelters or suppliers, which words may stand between, which
typed numbers are fixed names such as "Rule 13p-1") is data in `prefiling.yml`; the status words
are the year's label set and RMI's words of `statuses.yml`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.pages import PRODUCED_CLOSE, PRODUCED_OPEN, CheckedPage
from cmrkit.checks.rules import PrefilingRules, number_value
from cmrkit.errors import Location
from cmrkit.render.words import number_words
from cmrkit.year.report import YearReport

_WORDS = sorted(
    {number_words(n) for n in range(1, 20)} | {number_words(n * 10) for n in range(2, 10)},
    key=len,
    reverse=True,
)
_WORD = rf"(?:{'|'.join(_WORDS)})"
# A number as reports write it: digits (with thousands separators or decimals), "no", or words
# ("twenty-one", "one hundred five").
NUMBER = re.compile(
    rf"(?<![\w.,/-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?![\w/]|\.\d)"
    rf"|\b(?:no|{_WORD}(?:[- ](?:hundred|thousand|{_WORD}))*)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
MAX_FILLERS = 4


@dataclass(frozen=True)
class Stated:
    """A number in a line of the report, and what the words after it say it counts."""

    value: int
    text: str
    start: int
    produced: bool  # printed by a template expression
    counts: str | None  # a count class (smelters, suppliers, percent) or None
    status: str | None  # a status word it counts, when the words name one


def _clean(traced: str) -> tuple[str, list[bool]]:
    """The line's text and, for each character, whether a template expression printed it."""
    text: list[str] = []
    mask: list[bool] = []
    inside = 0
    for char in traced:
        if char == PRODUCED_OPEN:
            inside += 1
        elif char == PRODUCED_CLOSE:
            inside = max(0, inside - 1)
        else:
            text.append(char)
            mask.append(inside > 0)
    return "".join(text), mask


def _status_pattern(report: YearReport) -> re.Pattern[str] | None:
    words = {*report.status_words, *_rmi_words(report)}
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _rmi_words(report: YearReport) -> list[str]:
    """RMI's status words as written in statuses.yml (keys are folded there: title-case them)."""
    return [word.title() for word in report.reference.statuses.rmi_statuses]


def _what_it_counts(
    rest: str, rules: PrefilingRules, statuses: re.Pattern[str] | None
) -> tuple[str | None, str | None]:
    """(count class, status word) named by the text after a number, skipping filler words."""
    percent = next((c for c in rules.count_classes if c.name == "percent"), None)
    if percent and percent.nouns.match(rest.lstrip()):
        return "percent", None
    text = rest
    for _ in range(MAX_FILLERS + 1):
        text = text.lstrip(" \t,")
        if re.match(r"of\b", text, re.IGNORECASE):
            return None, None  # "one of our suppliers": a part of something, not a total
        if statuses is not None:
            match = statuses.match(text)
            if match:
                return "smelters", match.group(0)
        for count_class in rules.count_classes:
            if count_class.name != "percent" and count_class.nouns.match(text):
                return count_class.name, None
        filler = rules.fillers.match(text) if rules.fillers else None
        if not filler:
            return None, None
        text = text[filler.end() :]
    return None, None


def stated_numbers(
    page: CheckedPage, report: YearReport, rules: PrefilingRules
) -> list[tuple[int, Stated]]:
    """(line, number) for every number in the page's rendered text, in order."""
    statuses = _status_pattern(report)
    found = []
    for number, traced in enumerate(page.traced or page.rendered, start=1):
        text, mask = _clean(traced)
        for match in NUMBER.finditer(text):
            value = number_value(match.group(0))
            if value is None:
                continue
            counts, status = _what_it_counts(text[match.end() :], rules, statuses)
            if match.group(0).lower() == "no" and counts is None:
                continue  # "no guarantee": not a number
            found.append(
                (
                    number,
                    Stated(
                        value,
                        match.group(0),
                        match.start(),
                        any(mask[match.start() : match.end()]),
                        counts,
                        status,
                    ),
                )
            )
    return found


def class_values(report: YearReport, names: tuple[str, ...]) -> dict[str, int]:
    """The figures a count class is compared with, by name, from the year's data."""
    figures = report.figures
    values: dict[str, int] = {}
    for name in names:
        if name in ("by_status", "by_bucket", "counts", "declarations", "facilities_by_status"):
            values.update({f"{name}.{k}": v for k, v in getattr(figures, name).items()})
        elif name == "by_metal":
            for metal in figures.by_metal:
                values[f"{metal.metal}"] = metal.total
                if metal.facilities != metal.total:  # a facility a filed report printed twice
                    values[f"{metal.metal}.facilities"] = metal.facilities
                values.update({f"{metal.metal}.{w}": n for w, n in metal.by_status.items()})
        elif name == "sanctioned":
            values["sanctioned"] = len(figures.sanctioned)
        elif name == "response_percent":
            rate = figures.response_rate
            if rate is not None:
                values[name] = round(rate * 100)
        else:
            value = getattr(figures, name)
            if value is not None:  # a figure not given (suppliers asked) is compared to nothing
                values[name] = value
    return values


def _status_values(report: YearReport, word: str) -> dict[str, int]:
    """The rows of one status: the year's word, or an RMI word through its bucket; overall and
    per metal (a sentence may count one metal's smelters)."""
    figures = report.figures
    own = {w.casefold(): w for w in report.status_words}
    if word.casefold() in own:
        printed = own[word.casefold()]
        values = {f"by_status.{printed}": figures.by_status[printed]}
        values.update({f"{m.metal}.{printed}": m.by_status[printed] for m in figures.by_metal})
        once = dict(figures.facilities_by_status).get(printed)  # each facility once
        if once is not None and once != values[f"by_status.{printed}"]:
            values[f"facilities_by_status.{printed}"] = once
        return values
    bucket = report.reference.statuses.bucket_of_rmi(word)
    if bucket is None:
        return {}
    values = {f"by_bucket.{bucket}": figures.by_bucket[bucket]}
    values.update({f"{m.metal}.{bucket}": m.by_bucket[bucket] for m in figures.by_metal})
    return values


def _summary(values: dict[str, int]) -> str:
    shown = list(values.items())[:6]
    more = "" if len(values) <= 6 else ", ..."
    return ", ".join(f"{name} = {value}" for name, value in shown) + more


def stated_counts(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """Every count in the prose against the data's figures for what it counts."""
    classes = {c.name: c for c in rules.count_classes}
    found = []
    for page in pages:
        for line, stated in stated_numbers(page, report, rules):
            if stated.counts is None or (stated.value == 0 and stated.counts != "percent"):
                continue
            if stated.status is not None and not report.has_status_figures:
                found.append(
                    Finding(
                        ERROR,
                        "figures",
                        Location(page.path, line),
                        f"'{stated.text}' counts {stated.status} rows, but the Annex has no "
                        "status column: no figure by status exists",
                    )
                )
                continue
            if stated.status is not None:
                values = _status_values(report, stated.status)
                what = f"{stated.status} rows"
            else:
                values = class_values(report, classes[stated.counts].figures)
                what = stated.counts
            if not values or stated.value in values.values():
                if not stated.produced and values and not YEAR.match(stated.text):
                    name = next(n for n, v in values.items() if v == stated.value)
                    found.append(
                        Finding(
                            WARNING,
                            "typed-number",
                            Location(page.path, line),
                            f"'{stated.text}' ({what}) is typed into the page; it equals {name} "
                            "today: print it from data so it follows the data",
                        )
                    )
                continue
            origin = "printed from data" if stated.produced else "typed"
            found.append(
                Finding(
                    ERROR,
                    "figures",
                    Location(page.path, line),
                    f"'{stated.text}' states {stated.value}, a count of {what} ({origin}), but "
                    f"no figure of the data for {what} is {stated.value} ({_summary(values)})",
                )
            )
    return found


def _allowed_spans(text: str, rules: PrefilingRules) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (*rules.typed_number_allowed, rules.typed_year):
        spans.extend(match.span() for match in pattern.finditer(text))
    return spans


def typed_numbers(
    pages: list[CheckedPage], report: YearReport, rules: PrefilingRules
) -> list[Finding]:
    """In a draft year, each number in digits that no template expression printed, outside
    the fixed names of `typed_number_allowed`: it may be a count typed by hand."""
    if report.is_filed:
        return []
    found = []
    for page in pages:
        lines = page.traced or page.rendered
        for line, stated in stated_numbers(page, report, rules):
            if stated.produced or stated.counts is not None or not stated.text[0].isdigit():
                continue  # counts are compared above; words ("five steps") are not listed
            text, _ = _clean(lines[line - 1])
            inside = any(s <= stated.start < e for s, e in _allowed_spans(text, rules))
            if inside:
                continue
            found.append(
                Finding(
                    WARNING,
                    "typed-number",
                    Location(page.path, line),
                    f"'{stated.text}' is typed into the page, not printed from data (if it is "
                    "a count, print it from data; a fixed name goes in prefiling.yml "
                    "typed_number_allowed)",
                )
            )
    return found
