"""Bad data stops the build with one message naming the file, the line and the problem."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import build, copy_project

ANNEX = "data/2023/annex.csv"
FACTS = "data/2023/facts.yml"


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


CASES = {
    "unknown metal": (
        ANNEX,
        lambda p: _replace_line(p, 7, lambda line: line.replace("Gold,", "Silver,", 1)),
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
        lambda p: _replace_line(p, 12, lambda line: line.rsplit(",", 2)[0] + ",Conformant,"),
        lambda p: 12,
        "status 'Conformant' is not in label set 'cfsp'",
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
        lambda p: _replace_line(p, _line_of(p, "commission_file_number"), lambda line: ""),
        lambda p: _line_of(p, "registrant:"),
        "missing fact 'registrant.commission_file_number'",
    ),
    "mistyped fact": (
        FACTS,
        lambda p: _replace_line(
            p, _line_of(p, "contract_manufacturers_asked"), lambda line: line.replace("7", "seven")
        ),
        lambda p: _line_of(p, "contract_manufacturers_asked"),
        "must be a whole number",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_data_fails_with_file_line_and_problem(case: str, tmp_path: Path) -> None:
    relative, corrupt, expected_line, problem = CASES[case]
    project = copy_project(tmp_path / "project")
    path = project / relative
    corrupt(path)
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    expected = f"{relative}, line {expected_line(path)}: "
    messages = [line for line in result.stderr.splitlines() if line.startswith(relative)]
    assert len(messages) == 1, result.stderr
    assert messages[0].startswith(expected), result.stderr
    assert problem in messages[0]


def test_an_undefined_variable_in_a_page_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "exhibit-1-01" / "future-steps.md"
    text = page.read_text(encoding="utf-8") + "\n{{ figures.no_such_figure }}\n"
    page.write_text(text, encoding="utf-8")
    line = text.split("\n").index("{{ figures.no_such_figure }}") + 1
    result = build(project)
    assert result.returncode != 0
    assert f"docs/exhibit-1-01/future-steps.md, line {line}: " in result.stderr
    assert "no_such_figure" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "exhibit-1-01" / "future-steps.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](no-such-page.md).\n")
    result = build(project)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
