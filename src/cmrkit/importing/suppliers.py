"""How many suppliers the filed prose says were asked and answered, where it says so
("We requested from our seven contract manufacturers ...", "received responses from 41",
"a 100% response rate"). Nothing is assumed: a count the prose does not state stays unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmrkit.checks.numbers import NUMBER
from cmrkit.checks.rules import PrefilingRules, number_value
from cmrkit.importing.counts import _what

_ASKED = re.compile(r"\b(?:request|ask|survey|sen[dt]|contact|reach|identif|solicit|engag)", re.I)
_ANSWERED = re.compile(r"\b(?:receiv|respon|answer|return|provid)", re.I)
_RATE = re.compile(r"(\d{1,3})\s?%\s+response rate|response rate (?:of|was)\s+(\d{1,3})\s?%", re.I)


@dataclass(frozen=True)
class Suppliers:
    asked: int | None = None
    answering: int | None = None


def _sentences(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        out.extend(s for s in re.split(r"(?<=[.;])\s+", " ".join(text.split())) if s)
    return out


def stated_suppliers(texts: list[str], rules: PrefilingRules) -> Suppliers:
    asked = answering = None
    rate = None
    for sentence in _sentences(texts):
        for match in NUMBER.finditer(sentence):
            value = number_value(match.group(0))
            if value is None or value == 0 or match.group(0).lower() == "no":
                continue
            if _what(sentence[match.end() :], rules) != "suppliers":
                continue
            before = sentence[: match.start()]
            if asked is None and _ASKED.search(sentence) and not _ANSWERED.search(before[-40:]):
                asked = value
            elif answering is None and _ANSWERED.search(sentence) and asked is not None:
                answering = value
        found = _RATE.search(sentence)
        if found and rate is None:
            rate = int(found.group(1) or found.group(2))
    if asked is not None and answering is None and rate is not None:
        share = asked * rate / 100
        if share == int(share):
            answering = int(share)
    if answering is not None and asked is not None and answering > asked:
        answering = None
    return Suppliers(asked, answering)
