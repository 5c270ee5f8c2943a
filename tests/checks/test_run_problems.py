"""`cmrkit check` repeats how much the year's ingest run left out (refused files, flagged rows,
'Smelter not yet identified' rows), from `ingest/problems.csv`, as one warning; warnings of the
run alone, or no run yet, say nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cmrkit.checks.findings import WARNING, Finding
from cmrkit.checks.run import run_checks
from cmrkit.cli import main
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year

YEAR = 2026
FIELDS = ("file", "sheet", "cell", "severity", "code", "reason")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    assert main(["init", str(folder), "--company", "Acme Sensors, Inc.", "--year", str(YEAR)]) == 0
    return folder


def left_out(repo: Path) -> list[Finding]:
    report = load_year(repo / "data", YEAR)
    found = run_checks(report, load_pages(repo / "docs", YEAR))
    return [f for f in found if f.check == "ingest-left-out"]


def write_problems(repo: Path, rows: list[tuple[str, ...]]) -> Path:
    path = repo / "data" / str(YEAR) / "ingest" / "problems.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        writer.writerows(rows)
    return path


def test_what_the_run_left_out_is_one_warning(repo: Path) -> None:
    assert left_out(repo) == []  # init's empty run has read nothing
    path = write_problems(
        repo,
        [
            ("a.xlsx", "Smelter List", "B6", "error", "blank_field", "metal is blank"),
            ("a.xlsx", "Declaration", "J3", "warning", "old_revision", "older"),
            ("b.xlsx", "Smelter List", "A5", "error", "unknown_id", "no look-up has it"),
            ("b.xlsx", "Smelter List", "C7", "excluded", "not_identified", "unknown"),
            ("c.xlsx", "", "", "refused", "refused", "not a workbook"),
        ],
    )
    [finding] = left_out(repo)
    assert finding.level == WARNING and Path(finding.location.path) == path
    assert "1 supplier file(s) refused (c.xlsx), counted as not answering" in finding.message
    assert "2 smelter row(s) flagged as errors" in finding.message
    assert "1 'Smelter not yet identified' row(s)" in finding.message
    assert f"cmrkit ingest {YEAR}" in finding.message


def test_warnings_alone_leave_nothing_out(repo: Path) -> None:
    write_problems(repo, [("a.xlsx", "Declaration", "J3", "warning", "old_revision", "older")])
    assert left_out(repo) == []
