"""The checks' knowledge, read from `data/reference/prefiling.yml`: patterns, outdated names, the
deadline and holiday rules. A bad pattern is reported with its line like any other bad data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.reference.files import reference_file
from cmrkit.render.words import number_words

RULES_NAME = "prefiling.yml"
_WORDS = "|".join(
    sorted(
        {number_words(n) for n in range(20)}
        | {number_words(n * 10) for n in range(2, 10)}
        | {"hundred", "thousand"},
        key=len,
        reverse=True,  # "seventeen" before "seven"
    )
)
# A count as the report writes it: digits, "no", or number words ("twenty-one", "one hundred five").
NUM = rf"(?:\d[\d,]*|no|(?:{_WORDS})(?:[- ](?:{_WORDS}))*)"
_VALUES = {number_words(n): n for n in range(10_000)} | {"no": 0}


def number_value(text: str) -> int | None:
    text = text.strip().lower()
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    return _VALUES.get(text)


@dataclass(frozen=True)
class FigureStatement:
    pattern: re.Pattern[str]
    figure: str


@dataclass(frozen=True)
class OutdatedName:
    old: str
    new: str
    level: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class CountClass:
    """What a stated count may count (smelters, suppliers, a percentage): the words that name it
    and the figures of the data it is compared with."""

    name: str
    nouns: re.Pattern[str]  # matches at the start of the text after the number
    figures: tuple[str, ...]


@dataclass(frozen=True)
class PrefilingRules:
    doc: YamlDoc
    figure_statements: tuple[FigureStatement, ...]
    filing_year_statements: tuple[re.Pattern[str], ...]
    typed_year: re.Pattern[str]
    typed_year_allowed: tuple[str, ...]
    outdated_names: tuple[OutdatedName, ...]
    covered_definition: re.Pattern[str]
    deadline: tuple[int, int]  # month, day
    holidays: tuple[dict[str, Any], ...]
    count_classes: tuple[CountClass, ...] = ()
    fillers: re.Pattern[str] | None = None  # matches one filler word at the start of a text
    typed_number_allowed: tuple[re.Pattern[str], ...] = ()
    blank: re.Pattern[str] | None = None
    period_statements: tuple[re.Pattern[str], ...] = ()
    signature_date_statements: tuple[re.Pattern[str], ...] = ()


def _compile(doc: YamlDoc, key: tuple[str | int, ...], text: str) -> re.Pattern[str]:
    try:
        return re.compile(str(text).replace("NUM", NUM))
    except re.error as exc:
        raise DataError(doc.where(key), f"bad pattern {text!r}: {exc}") from None


def load_prefiling_rules(reference_dir: Path | None = None) -> PrefilingRules:
    """The packaged `prefiling.yml`, or the repository's own in `reference_dir`."""
    doc = load_yaml(reference_file(RULES_NAME, reference_dir))
    data = doc.data
    try:
        figures = tuple(
            FigureStatement(_compile(doc, ("figure_statements", i), s["pattern"]), s["figure"])
            for i, s in enumerate(data.get("figure_statements") or ())
        )
        classes = tuple(
            CountClass(
                str(name),
                _compile(
                    doc,
                    ("counts", name, "nouns"),
                    r"(?:" + "|".join(spec["nouns"]) + r")(?![\w-])"
                    if name != "percent"
                    else r"(?:" + "|".join(spec["nouns"]) + r")",
                ),
                tuple(str(f) for f in spec["figures"]),
            )
            for name, spec in (data.get("counts") or {}).items()
        )
        fillers = data.get("fillers") or []
        filler = (
            _compile(doc, ("fillers",), r"(?:" + "|".join(map(str, fillers)) + r")(?![\w-])[\s,]*")
            if fillers
            else None
        )
        names = tuple(
            OutdatedName(
                n["old"],
                n["new"],
                n.get("level", "warning"),
                re.compile(rf"(?<![\w-]){re.escape(n['old'])}(?![\w-])"),
            )
            for n in data["outdated_names"]
        )
        return PrefilingRules(
            doc=doc,
            figure_statements=figures,
            filing_year_statements=tuple(
                _compile(doc, ("filing_year_statements", i), p)
                for i, p in enumerate(data["filing_year_statements"])
            ),
            typed_year=_compile(doc, ("typed_year",), data["typed_year"]["pattern"]),
            typed_year_allowed=tuple(data["typed_year"].get("allowed") or ()),
            outdated_names=names,
            covered_definition=_compile(doc, ("covered_definition",), data["covered_definition"]),
            deadline=(int(data["deadline"]["month"]), int(data["deadline"]["day"])),
            holidays=tuple(data.get("holidays") or ()),
            count_classes=classes,
            blank=_compile(doc, ("blank",), data["blank"]) if data.get("blank") else None,
            fillers=filler,
            typed_number_allowed=tuple(
                _compile(doc, ("typed_number_allowed", i), p)
                for i, p in enumerate(data.get("typed_number_allowed") or ())
            ),
            period_statements=tuple(
                _compile(doc, ("period_statements", i), p)
                for i, p in enumerate(data.get("period_statements") or ())
            ),
            signature_date_statements=tuple(
                _compile(doc, ("signature_date_statements", i), p)
                for i, p in enumerate(data.get("signature_date_statements") or ())
            ),
        )
    except (KeyError, TypeError) as exc:
        raise DataError(doc.where(()), f"missing or malformed entry: {exc}") from None
