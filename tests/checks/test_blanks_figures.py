"""Every figure nobody gave prints the project's FILL blank, used bare or through a filter, in
the pages as the checks and the EDGAR export render them, and `cmrkit check` names it once: on
the line of the fact it is made from, with every page line that prints it (never a second time on
the page, never twice when the fact is written as a blank). Data-driven: for every year present
and every figure that may be missing (found from the figures' types, so a new one is covered)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from cmrkit.checks import pages as checked_pages
from cmrkit.checks.findings import ERROR
from cmrkit.checks.run import run_checks
from cmrkit.edgar.render import render_filing
from cmrkit.files.yamlio import load_yaml
from cmrkit.render.words import NOT_GIVEN
from cmrkit.year.figures import MADE_FROM
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.missing_figures import FILTERED, MISSING, append_line, exhibit_page, forget
from tests.support.project import YEARS, copy_project


def test_every_figure_thatmay_be_missing_says_what_it_is_made_from() -> None:
    """The check names the facts behind a missing figure: each one must say which they are."""
    assert MISSING and set(MISSING) == set(MADE_FROM)
    assert set(MISSING.values()) <= set(FILTERED)


def _fact_line(project: Path, year: int, fact: str) -> int | None:
    doc = load_yaml(project / "data" / str(year) / "facts.yml")
    return doc.where(tuple(fact.split("."))).line


@pytest.mark.parametrize("figure", sorted(MISSING))
@pytest.mark.parametrize("year", YEARS)
def test_a_figure_nobody_gave_prints_a_blank_and_is_named_once(
    year: int, figure: str, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    for fact in MADE_FROM[figure]:
        forget(project, year, fact)
    page = exhibit_page(project, year)
    uses = FILTERED[MISSING[figure]]
    filtered = " ".join(f"{{{{ figures.{figure} | {f} }}}}." for f, _ in uses)
    number = append_line(page, f"Bare: {{{{ figures.{figure} }}}}. Filtered: {filtered}")
    expected = f"Bare: {NOT_GIVEN}. Filtered: " + " ".join(f"{shown}." for _, shown in uses)

    report = load_year(project / "data", year)
    assert getattr(report.figures, figure) is None
    year_pages = load_pages(project / "docs", year)
    checked = next(p for p in checked_pages.load_pages(report, year_pages) if p.path == page)
    assert checked.rendered[number - 1] == expected  # as the checks read the page
    edgar = " ".join(html.unescape(doc.html) for doc in render_filing(report, year_pages))
    assert expected in " ".join(edgar.split())  # as the EDGAR documents print it

    findings = run_checks(report, year_pages)
    at_page = [f for f in findings if Path(f.location.path) == page and f.location.line == number]
    assert at_page == []  # named where it is given, not again where it is printed
    facts = project / "data" / str(year) / "facts.yml"
    for fact in MADE_FROM[figure]:
        line = _fact_line(project, year, fact)
        on_line = [
            f for f in findings if Path(f.location.path) == facts and f.location.line == line
        ]
        # Facts a run gives share their section's line (`rcoi:`), each named by its own key.
        named = [f for f in on_line if fact.split(".")[1] in f.message] or [
            f for f in on_line if "suppliers" in f.message
        ]
        assert len(named) == 1 and named[0].level == ERROR, named
        places = rf"{re.escape(page.name)} (prints a blank where it goes|too) \(lines? [\d, ]*"
        assert re.search(rf"{places}\b{number}\b", named[0].message), named[0].message


COUNT_FACTS = sorted({fact for facts in MADE_FROM.values() for fact in facts})


@pytest.mark.parametrize("status", ["as is", "draft"])
@pytest.mark.parametrize("fact", COUNT_FACTS)
@pytest.mark.parametrize("year", YEARS)
def test_a_count_written_as_a_blank_is_named_once(
    year: int, fact: str, status: str, tmp_path: Path
) -> None:
    """`contract_manufacturers_answering: "[[FILL: ...]]"` is one blank: one finding on its line
    (the blank's words, what to give, the pages that print it), not a blank and a count."""
    project = copy_project(tmp_path / "project")
    section, key = fact.split(".")
    facts = project / "data" / str(year) / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    if status == "draft":
        text = re.sub(r"(?m)^(\s+status:\s*)filed\b", r"\1draft", text)
        text = re.sub(r"(?m)^\s+filed: .*\n", "", text)
    hint = "how many, from the survey records"
    blank = f'"[[FILL: {hint}]]"'
    text, typed = re.subn(rf"(?m)^(\s+{key}:).*$", rf"\1 {blank}", text)
    if not typed:
        if (yaml.safe_load(text).get(section) or {}).get("source") and key.endswith("answering"):
            pytest.skip(f"{year} counts the suppliers answering in its run: it is never typed")
        text = text.replace(f"\n{section}:\n", f"\n{section}:\n  {key}: {blank}\n", 1)
    facts.write_text(text, encoding="utf-8")
    report = load_year(project / "data", year)
    assert report.is_filed == (status == "as is" and report.facts.filing.status == "filed")
    findings = run_checks(report, load_pages(project / "docs", year))
    line = _fact_line(project, year, fact)
    mentioning = [f for f in findings if hint in f.message or "is not given" in f.message]
    about = [f for f in mentioning if Path(f.location.path) == facts and f.location.line == line]
    assert len(about) == 1, "\n".join(map(str, mentioning))
    (finding,) = about
    assert finding.check in ("blank", "blank-record") and f"to fill: {hint}" in finding.message
    assert "is not given" in finding.message
    if not report.is_filed:
        assert finding.level == ERROR
