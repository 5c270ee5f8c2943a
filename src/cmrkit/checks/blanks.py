"""Blanks left to fill: `[[FILL: what to write]]` in a page or in the year's data, and figures
nobody gave, which the pages print as such a blank.

`cmrkit init` writes a narrative template and facts in which every company-specific passage is
such a blank. The site builds with them (a preview shows them plainly), and each one is an error
here until the filer writes their own words, so a report cannot be filed with a blank in it.

Each blank is named once, where it is to be filled (the page line, or the line of the data file),
with every page line that prints it: a fact written as a blank and also missing as a count (the
number of suppliers answering typed as a blank) is one finding, not two. A blank a page prints
from data that no fact accounts for (the CMRTs' level before any CMRT is read) is named on the
page line that prints it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.pages import PRODUCED_CLOSE, PRODUCED_OPEN, CheckedPage
from cmrkit.checks.rules import PrefilingRules
from cmrkit.errors import Location
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.render.words import NOT_DATED, NOT_GIVEN
from cmrkit.year.figures import ANSWERING_FACT, ASKED_FACT, printing_names
from cmrkit.year.report import YearReport

_PRODUCED = re.compile(f"{PRODUCED_OPEN}(.*?){PRODUCED_CLOSE}", re.DOTALL)


@dataclass(frozen=True)
class Printed:
    """A blank a page printed from data: the page, its line, and the blank as printed."""

    path: Path
    line: int
    source: str  # the page's line as written, with its template expressions
    text: str


@dataclass
class _Blank:
    """A blank of the data to name once: where to fill it, what to say, the page variables that
    print it, the blanks those print, and every page line found printing it."""

    location: Location
    check: str
    message: str
    names: tuple[str, ...] = ()
    prints: frozenset[str] = frozenset()
    places: list[Printed] = field(default_factory=list)

    def claims(self, printed: Printed) -> bool:
        return printed.text in self.prints and any(name in printed.source for name in self.names)


def _in_lines(
    path: Path, lines: list[str] | tuple[str, ...], blank: re.Pattern[str]
) -> list[Finding]:
    found = []
    for number, line in enumerate(lines, start=1):
        for match in blank.finditer(line):
            hint = match.group("hint").strip() or "a blank"
            found.append(Finding(ERROR, "blank", Location(path, number), f"to fill: {hint}"))
    return found


def blanks(pages: list[CheckedPage], report: YearReport, rules: PrefilingRules) -> list[Finding]:
    """Every blank of the year's pages (as written) and data files, with its line, and every
    figure not given, each once, with the page lines printing it."""
    blank = rules.blank
    if blank is None:
        return []
    found: list[Finding] = []
    for page in pages:
        found += _in_lines(page.path, page.written, blank)
    data = _merged([*_data_blanks(report, blank), *_counts_not_given(report, blank)])
    printed = printed_blanks(pages, blank)
    unclaimed = []
    for place in printed:
        claimants = [item for item in data if item.claims(place)]
        for item in claimants:
            item.places.append(place)
        if not claimants:
            unclaimed.append(place)
    shown = html.unescape("\n".join(line for page in pages for line in page.rendered))
    generic = frozenset({_blank_of(NOT_GIVEN, blank), _blank_of(NOT_DATED, blank)})
    found += [_finding(item, report, shown, generic) for item in data]
    return found + _unclaimed(unclaimed, blank)


def printed_blanks(pages: list[CheckedPage], blank: re.Pattern[str]) -> list[Printed]:
    """Every blank a page printed from data (what a template expression produced), by line."""
    out = []
    for page in pages:
        source = page.path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(page.traced, start=1):
            written = source[number - 1] if number <= len(source) else ""
            for produced in _PRODUCED.finditer(line):
                for match in blank.finditer(html.unescape(produced.group(1))):
                    out.append(Printed(page.path, number, written, match.group(0)))
    return out


def _key_at(doc: YamlDoc, line: int) -> tuple[str, ...] | None:
    """The key written on `line` of a YAML file (the deepest), when its path is all names."""
    keys = [
        tuple(str(part) for part in key)
        for key, at in doc.lines.items()
        if at == line and key and all(isinstance(part, str) for part in key)
    ]
    return max(keys, key=len) if keys else None


def _data_blanks(report: YearReport, blank: re.Pattern[str]) -> list[_Blank]:
    """Blanks written in the year's facts and Annex files. A page prints a fact's blank as it
    is written (a text fact), or as the blank of a value nobody gave (a date or a count, which
    the pages see as None)."""
    folder = report.folder
    out = []
    for path in (folder / "facts.yml", report.annex_path):
        if path is None or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        doc = load_yaml(path) if path.suffix in (".yml", ".yaml") else None
        for finding in _in_lines(path, lines, blank):
            line = finding.location.line or 1
            written = {m.group(0) for m in blank.finditer(lines[line - 1])}
            key = _key_at(doc, line) if doc is not None else None
            out.append(
                _Blank(
                    finding.location,
                    finding.check,
                    finding.message,
                    printing_names(".".join(key)) if key else (),
                    frozenset({*written, _blank_of(NOT_GIVEN, blank), _blank_of(NOT_DATED, blank)}),
                )
            )
    return out


def _blank_of(text: str, blank: re.Pattern[str]) -> str:
    match = blank.search(text)
    return match.group(0) if match else text


# How many suppliers were asked, and how many answered, when nobody gave them.
_COUNTS = {
    ASKED_FACT: (
        "suppliers_asked",
        "the number of suppliers asked is not given, so the report prints a blank where it and "
        "the response rate go: {run}give rcoi.contract_manufacturers_asked in facts.yml (the "
        "files received are not the suppliers asked)",
    ),
    ANSWERING_FACT: (
        "suppliers_answering",
        "the number of suppliers that answered is not given: give "
        "rcoi.contract_manufacturers_answering in facts.yml (or its run, rcoi.source)",
    ),
}


def _counts_not_given(report: YearReport, blank: re.Pattern[str]) -> list[_Blank]:
    """How many suppliers were asked, and how many answered, when nobody gave them (a filed
    report that does not say): the pages print a blank where they and the response rate go, and
    this names each fact on its line of facts.yml (the `rcoi:` block when the run gives it)."""
    figures = report.figures
    doc = load_yaml(report.folder / "facts.yml")
    how = f"`cmrkit ingest {report.year} --asked N` (or --asked-list FILE)"
    run = f"run {how}, or " if report.facts.rcoi.source else ""
    out = []
    for fact, (figure, what) in _COUNTS.items():
        if getattr(figures, figure) is not None:
            continue
        where = doc.where(tuple(fact.split(".")))
        out.append(
            _Blank(
                where,
                "unfinished",
                what.format(run=run),
                printing_names(fact),
                frozenset({_blank_of(NOT_GIVEN, blank)}),
            )
        )
    return out


def _merged(items: list[_Blank]) -> list[_Blank]:
    """One blank per place in the data: a count not given whose fact is written as a blank is
    that blank (named as the blank, with what to give). Two counts a run leaves out share the
    line of `rcoi:` but are two facts: they stay apart."""
    out: dict[tuple[str, int | None], _Blank] = {}
    apart = []
    for item in items:
        key = (str(item.location.path), item.location.line)
        first = out.get(key)
        if first is None:
            out[key] = item
            continue
        if "blank" not in (first.check, item.check):
            apart.append(item)
            continue
        out[key] = _Blank(
            first.location,
            "blank",
            f"{first.message}: {item.message}",
            tuple(dict.fromkeys((*first.names, *item.names))),
            first.prints | item.prints,
        )
    return [*out.values(), *apart]


def _places(places: list[Printed]) -> str:
    """'rcoi.md prints a blank where it goes (line 11); index.md too (lines 3, 9)'."""
    by_page: dict[Path, list[int]] = {}
    for place in places:
        lines = by_page.setdefault(place.path, [])
        if place.line not in lines:
            lines.append(place.line)
    said = []
    for index, (path, lines) in enumerate(by_page.items()):
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"
        said.append(
            f"{path.name} prints a blank where it goes ({where})"
            if index == 0
            else f"{path.name} too ({where})"
        )
    return "; ".join(said)


def _finding(item: _Blank, report: YearReport, shown: str, generic: frozenset[str]) -> Finding:
    """An error in a draft, or where a page prints the blank. In a filed year whose pages do
    not print it, a fact to fill for the record (a warning), as the dates of a Form SD not
    imported: the filed text has no blank there. (`generic`: the blanks any value nobody gave
    prints, which seen somewhere say nothing of which fact; `shown`: the pages' text.)"""
    message = item.message + (f"; {_places(item.places)}" if item.places else "")
    printed = bool(item.places) or any(text in shown for text in item.prints - generic)
    if printed or not report.is_filed:
        return Finding(ERROR, item.check, item.location, message)
    return Finding(
        WARNING,
        "blank-record",
        item.location,
        f"{message} (for the record: no page of the filed year prints it)",
    )


def _unclaimed(printed: list[Printed], blank: re.Pattern[str]) -> list[Finding]:
    """A blank a page prints from data that no fact of the year accounts for: named on the
    page line, once per blank and line."""
    out = []
    seen: set[tuple[Path, int, str]] = set()
    for place in printed:
        if (place.path, place.line, place.text) in seen:
            continue
        seen.add((place.path, place.line, place.text))
        match = blank.search(place.text)
        hint = match.group("hint").strip() if match else place.text
        out.append(
            Finding(
                ERROR,
                "blank",
                Location(place.path, place.line),
                f"prints a blank from the data: {hint}",
            )
        )
    return out
