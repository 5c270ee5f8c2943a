"""Figures a year may lack (None: nobody gave a fact they are made from), found from the types
of `Figures`, and a project copy where they are missing and a page prints them."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import yaml

from cmrkit.edgar.render import render_filing
from cmrkit.render.words import NOT_GIVEN
from cmrkit.year.figures import Figures
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def may_be_missing() -> dict[str, type]:
    """Each figure whose type admits None (a field, or a property of `Figures`), with the type
    of its value when given."""
    out: dict[str, type] = {}
    typed = dict(typing.get_type_hints(Figures))
    for name, member in vars(Figures).items():
        if isinstance(member, property):
            typed[name] = typing.get_type_hints(member.fget).get("return", object)
    for name, hint in typed.items():
        args = typing.get_args(hint)
        if type(None) in args:
            (given,) = [a for a in args if a is not type(None)]
            out[name] = given
    return out


MISSING = may_be_missing()
# How a page writes each kind of figure through a filter, and what the filter prints for none.
FILTERED = {
    int: [("words", NOT_GIVEN), ("count_noun('supplier', 'suppliers')", f"{NOT_GIVEN} suppliers")],
    float: [("percent", NOT_GIVEN)],
}


def forget(project: Path, year: int, fact: str) -> None:
    """The fact (`rcoi.contract_manufacturers_asked`, ...) made null where it is given: in
    facts.yml, or in the run the facts read it from."""
    section, key = fact.split(".")
    folder = project / "data" / str(year)
    facts = folder / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    text, typed = re.subn(rf"(?m)^(\s+{key}:).*$", r"\1 null", text)
    facts.write_text(text, encoding="utf-8")
    source = (yaml.safe_load(text).get(section) or {}).get("source")
    if source and not typed:
        path = folder / source
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data[section][key] = None
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def blank_date(facts: Path, fact: str, draft: bool, hint: str = "the date") -> None:
    """`fact` written as a FILL blank in facts.yml (added under its section when absent); with
    `draft`, the year made a draft (status draft, no filing date but a blank one)."""
    section, key = fact.split(".")
    text = facts.read_text(encoding="utf-8")
    if draft:
        text = re.sub(r"(?m)^(\s+status:\s*)filed\b", r"\1draft", text)
        if key != "filed":
            text = re.sub(r"(?m)^\s+filed: .*\n", "", text)
    blank = f'"[[FILL: {hint}]]"'
    text, typed = re.subn(rf"(?m)^(\s+{key}:).*$", rf"\1 {blank}", text)
    if not typed:
        text = text.replace(f"\n{section}:\n", f"\n{section}:\n  {key}: {blank}\n", 1)
    facts.write_text(text, encoding="utf-8")


def exhibit_page(project: Path, year: int) -> Path:
    """A page of the year that the EDGAR documents carry."""
    report = load_year(project / "data", year)
    year_pages = load_pages(project / "docs", year)
    chosen = {page for doc in render_filing(report, year_pages) for page in doc.pages}
    return year_pages.folder / next(p for p in year_pages.files if p in chosen)


def append_line(page: Path, line: str) -> int:
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    page.write_text(text, encoding="utf-8")
    return text.count("\n")
