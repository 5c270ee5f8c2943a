"""Counts in the prose are checked whatever their words: a paragraph in another filer's wording,
with four planted wrong numbers, gives four errors naming the page and line; numbers typed by
hand are listed in a draft; a figure printed as the wrong kind of count is an error too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cmrkit.checks.findings import ERROR, WARNING
from cmrkit.checks.run import run_checks
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.check_project import draft_year, new_project, run_check
from tests.support.project import FILED_YEARS, YEARS

pytestmark = pytest.mark.skipif(not FILED_YEARS, reason="no filed year to start a draft from")


@pytest.fixture
def draft(tmp_path: Path) -> tuple[Path, int]:
    """A draft after the newest year, copied from the first filed year."""
    project = new_project(tmp_path)
    year = max(YEARS) + 1
    draft_year(project, year, dt.date(year + 1, 5, 20), FILED_YEARS[0])
    return project, year


def _append(project: Path, year: int, text: str) -> tuple[Path, int]:
    pages = load_pages(project / "docs", year)
    page = pages.folder / pages.files[-1]
    body = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(body + text + "\n", encoding="utf-8")
    return page, body.count("\n") + 1


def _findings(project: Path, year: int):
    report = load_year(project / "data", year)
    return report, run_checks(report, load_pages(project / "docs", year))


def test_four_planted_wrong_numbers_in_other_words(draft: tuple[Path, int]) -> None:
    project, year = draft
    figures = load_year(project / "data", year).figures
    word = load_year(project / "data", year).status_words[0]
    wrong = {
        "suppliers": figures.suppliers_asked + 5,
        "smelters": figures.total + 1000,
        word: figures.by_status[word] + 1000,
        "percent": 37 if round(figures.response_rate * 100) != 37 else 38,
    }
    page, line = _append(
        project,
        year,
        f"This year we surveyed {wrong['suppliers']} direct suppliers. Their answers named "
        f"{wrong['smelters']:,} SORs in total, of which {wrong[word]} were {word}; "
        f"the return rate reached {wrong['percent']}%.",
    )
    _, found = _findings(project, year)
    errors = [f for f in found if f.check == "figures"]
    assert [(f.level, Path(f.location.path), f.location.line) for f in errors] == [
        (ERROR, page, line)
    ] * 4
    stated = {f.message.split("' states ")[1].split(",")[0] for f in errors}
    assert stated == {str(v) for v in wrong.values()}
    assert run_check(project, year) == 1  # a draft with a wrong count fails


def test_right_numbers_typed_by_hand_are_listed_not_failed(draft: tuple[Path, int]) -> None:
    project, year = draft
    figures = load_year(project / "data", year).figures
    page, line = _append(
        project, year, f"We found {figures.total} smelters and refiners. Our part 4711 counts."
    )
    _, found = _findings(project, year)
    here = [f for f in found if Path(f.location.path) == page and f.location.line == line]
    assert {(f.check, f.level) for f in here} == {("typed-number", WARNING)}
    assert sorted(f.message.split("'")[1] for f in here) == sorted([str(figures.total), "4711"])


def test_a_figure_printed_as_the_wrong_count_is_an_error(draft: tuple[Path, int]) -> None:
    project, year = draft
    report = load_year(project / "data", year)
    name = next(
        n
        for n in ("active", "conformant", "other")
        if getattr(report.figures, n)
        not in (report.figures.suppliers_asked, report.figures.suppliers_answering, 0)
    )
    page, line = _append(project, year, f"We wrote to {{{{ figures.{name} }}}} suppliers.")
    _, found = _findings(project, year)
    errors = [f for f in found if f.check == "figures"]
    assert [(Path(f.location.path), f.location.line) for f in errors] == [(page, line)]
    assert "printed from data" in errors[0].message


@pytest.mark.parametrize("year", FILED_YEARS)
def test_no_count_in_a_filed_year_disagrees_with_its_data(year: int, tmp_path: Path) -> None:
    project = new_project(tmp_path)
    _, found = _findings(project, year)
    assert not [f for f in found if f.check in ("figures", "blank")]


def test_a_numbered_heading_as_an_import_escapes_it_is_not_a_typed_number(
    draft: tuple[Path, int],
) -> None:
    """`cmrkit import` writes a numbered heading as '## 3\\. Title' (an escaped dot, so that
    Markdown keeps it a heading): the number is the heading's, not a count typed by hand."""
    project, year = draft
    page, line = _append(project, year, "## 3\\. Designing a Strategy to Respond to Risks")
    _, found = _findings(project, year)
    here = [f for f in found if Path(f.location.path) == page and f.location.line == line]
    assert here == []
