"""Giving a draft's filing dates, as a filer does in `data/<year>/facts.yml`: `cmrkit new-year`
starts the day signed as a FILL blank (no date is invented), so a test that files the new year
states the day, by the deadline, the way a person would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.rules import load_prefiling_rules

from .project import DATA


def day_to_sign(year: int | str) -> dt.date:
    """A day the report for `year` could be signed: two days before its filing deadline."""
    rules = load_prefiling_rules(DATA / "reference")
    return filing_deadline(int(year), rules.deadline, rules.holidays) - dt.timedelta(days=2)


def give_filing_dates(facts: Path, day: dt.date, *, filed: bool = False) -> None:
    """Write `day` as `filing.signed` (in place of its blank or date) and, when `filed`, as
    `filing.filed` too, with `filing.status: filed`."""
    text = facts.read_text(encoding="utf-8")
    signed = f"signed: {day.isoformat()}" + (f"\n  filed: {day.isoformat()}" if filed else "")
    text, found = re.subn(r"(?m)^(  )signed: .*$", rf"\g<1>{signed}", text, count=1)
    assert found == 1, f"no filing.signed line in {facts}"
    if filed:
        text = re.sub(r"(?m)^(  status: )draft\b", r"\g<1>filed", text, count=1)
    facts.write_text(text, encoding="utf-8")
