"""Bad data stops the build with one message naming the file, the line and the problem.

An undefined page variable, a missing fact and an unknown metal are also in the suite cmrkit
ships to every filer (cmrkit.website.filer_tests, run here by tests/builds/test_filing.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import DATA, HAND_KEPT_YEARS, YEARS, build, copy_project

# A year whose Annex is a hand-kept CSV, and any year for the facts: the newest of each.
ANNEX_YEAR = HAND_KEPT_YEARS[-1] if HAND_KEPT_YEARS else None
FACTS_YEAR = YEARS[-1]
ANNEX = f"data/{ANNEX_YEAR}/{load_year(DATA, ANNEX_YEAR).facts.annex.file}" if ANNEX_YEAR else ""
FACTS = f"data/{FACTS_YEAR}/facts.yml"


def _replace_line(path: Path, number: int, edit: Callable[[str], str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = edit(lines[number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def _drop_column(path: Path, column: str) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(r[:index] + r[index + 1 :] for r in rows)


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def _set_cell(path: Path, line: int, column: str, value: str) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _label_set() -> str:
    return str(load_year(DATA, ANNEX_YEAR).facts.annex.status_labels) if ANNEX_YEAR else ""


CASES = {
    "unknown metal": (
        ANNEX,
        lambda p: _set_cell(p, 7, "metal", "Silver"),
        lambda p: 7,
        "unknown metal 'Silver'",
    ),
    "missing column": (
        ANNEX,
        lambda p: _drop_column(p, "country"),
        lambda p: 1,
        "missing column 'country'",
    ),
    "status outside the vocabulary": (
        ANNEX,
        lambda p: _set_cell(p, 12, "status", "Bogus Status"),
        lambda p: 12,
        f"status 'Bogus Status' is not in label set '{_label_set()}'",
    ),
    "duplicate row": (
        ANNEX,
        lambda p: p.write_text(
            p.read_text(encoding="utf-8") + p.read_text(encoding="utf-8").split("\n")[3] + "\n",
            encoding="utf-8",
        ),
        lambda p: len(p.read_text(encoding="utf-8").rstrip("\n").split("\n")),
        "duplicate row: same facility as line 4",
    ),
    "missing fact": (
        FACTS,
        lambda p: _replace_line(p, _line_of(p, "  end:"), lambda line: ""),
        lambda p: _line_of(p, "period:"),
        "missing fact 'period.end'",
    ),
    "mistyped fact": (
        FACTS,
        lambda p: _replace_line(p, _line_of(p, "  signed:"), lambda line: "  signed: soon"),
        lambda p: _line_of(p, "  signed:"),
        "must be a date",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_data_fails_with_file_line_and_problem(case: str, tmp_path: Path) -> None:
    relative, corrupt, expected_line, problem = CASES[case]
    if not relative:
        pytest.skip("no year has a hand-kept Annex CSV")
    project = copy_project(tmp_path / "project")
    path = project / relative
    corrupt(path)
    result = build(project, relative.split("/")[1])
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    expected = f"{relative}, line {expected_line(path)}: "
    messages = [line for line in result.stderr.splitlines() if line.startswith(relative)]
    assert len(messages) == 1, result.stderr
    assert messages[0].startswith(expected), result.stderr
    assert problem in messages[0]


def _last_page(project: Path, year: int) -> tuple[Path, str]:
    """The year's last report page, and its path as an error message names it."""
    markdown = load_pages(project / "docs", year).files[-1]
    return project / "docs" / str(year) / markdown, f"docs/{year}/{markdown}"


@pytest.mark.parametrize("year", YEARS)
def test_a_template_syntax_error_is_one_line(tmp_path: Path, year: int) -> None:
    project = copy_project(tmp_path / "project")
    page, shown = _last_page(project, year)
    text = page.read_text(encoding="utf-8") + "\n{% if year %}never closed\n"
    page.write_text(text, encoding="utf-8")
    result = build(project, year)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    messages = [line for line in result.stderr.splitlines() if shown in line]
    assert len(messages) == 1 and "template syntax error" in messages[0], result.stderr


@pytest.mark.parametrize("year", YEARS)
def test_a_broken_link_fails_the_build(tmp_path: Path, year: int) -> None:
    project = copy_project(tmp_path / "project")
    page, _ = _last_page(project, year)
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](no-such-page.md).\n")
    result = build(project, year)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr


@pytest.mark.parametrize("year", YEARS)
def test_a_broken_nav_names_the_file_and_line(tmp_path: Path, year: int) -> None:
    project = copy_project(tmp_path / "project")
    nav = project / "docs" / str(year) / "nav.yml"
    nav.write_text(nav.read_text(encoding="utf-8") + "- Gone: no-such-page.md\n", "utf-8")
    line = nav.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    result = build(project, year)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"docs/{year}/nav.yml, line {line}: page 'no-such-page.md' is listed" in result.stderr
