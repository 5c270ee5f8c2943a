"""`cmrkit check YEAR` catches each kind of problem, in copies of the project edited here; a filed
year's slips are warnings that never fail; a draft year with an error fails.

Every year present is checked; the edits below are made to the first filed year's own pages
(`EXAMPLE_YEAR`), whose sentences they name, and draft years are made after the newest year."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml

from cmrkit.checks.deadline import filing_deadline as rules_deadline
from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.rules import load_prefiling_rules
from cmrkit.checks.run import run_checks
from cmrkit.reference.files import reference_file
from cmrkit.render.words import long_date
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.check_project import draft_year, edit, new_project, run_check
from tests.support.project import DATA, FILED_YEARS, REPO, YEARS

FILED_YEAR = FILED_YEARS[0]  # the example year whose sentences the edits below name
NEXT_YEAR = YEARS[-1] + 1  # a draft year made by a test comes after every year present


def findings(project: Path, year: int) -> list[Finding]:
    report = load_year(project / "data", year)
    return run_checks(report, load_pages(project / "docs", year))


def filing_deadline(year: int) -> dt.date:
    rules = load_prefiling_rules(DATA / "reference")
    return rules_deadline(year, rules.deadline, rules.holidays)


def page_of(project: Path, markdown: str, year: int = FILED_YEAR) -> Path:
    return project / "docs" / str(year) / markdown


def at(found: list[Finding], check: str, path: Path, line: int | None = None) -> list[Finding]:
    return [
        f
        for f in found
        if f.check == check
        and Path(f.location.path) == path
        and (line is None or f.location.line == line)
    ]


def source_lines(needle: str) -> list[tuple[Path, int]]:
    """Every (page, line) of the repository's pages whose text contains `needle`."""
    hits = []
    for page in sorted((REPO / "docs" / str(FILED_YEAR)).rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), start=1):
            if needle in line:
                hits.append((page, number))
    return hits


@pytest.mark.parametrize("year", YEARS)
def test_every_year_is_checked(year: int, capsys: pytest.CaptureFixture[str]) -> None:
    """A filed year never fails its checks; a draft fails exactly when it has an error."""
    found = findings(REPO, year)
    has_errors = any(f.level == ERROR for f in found)
    expected = 1 if has_errors and not load_year(DATA, year).is_filed else 0
    assert run_check(REPO, year) == expected, capsys.readouterr().out
    out = capsys.readouterr().out
    assert f"{year} (" in out and ("Errors:" in out) == has_errors


def test_filed_year_reports_its_slips_as_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    found = findings(REPO, FILED_YEAR)
    assert not [f for f in found if f.level == ERROR]
    [(page, line)] = source_lines("we publicly filed")
    assert [f.level for f in at(found, "filing-year", page, line)] == [WARNING]
    for old in ("CFSI", "CFSP", "Full Compliant", "Conflict-Free Smelter Program"):
        hits = source_lines(old)
        assert hits, old
        for page, line in hits:
            named = [f for f in at(found, "outdated-name", page, line) if f"'{old}'" in f.message]
            assert named and all(f.level == WARNING for f in named), (old, page, line)
    assert run_check(REPO, FILED_YEAR) == 0
    out = capsys.readouterr().out
    assert "Warnings:" in out and "Errors:" not in out


def test_sanctioned_rows_without_footnote_are_warned() -> None:
    # Expected rows counted here from the CSV and sanctions.yml, independently: by RMI smelter ID
    # when both have one (RMI's names are not the lists' spellings), else by name.
    sanctions = yaml.safe_load(
        reference_file("sanctions.yml", DATA / "reference").read_text("utf-8")
    )
    entries = sanctions["entries"]
    annex = DATA / str(FILED_YEAR) / load_year(DATA, FILED_YEAR).facts.annex.file
    with open(annex, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def listed(row: dict[str, str]) -> bool:
        for entry in entries:
            if entry["metal"].casefold() != row["metal"].casefold():
                continue
            if entry.get("smelter_id") and row["smelter_id"]:
                if entry["smelter_id"] == row["smelter_id"]:
                    return True
            elif entry["facility"].casefold() == row["smelter_name"].strip().casefold():
                return True
        return False

    expected = {
        number for number, row in enumerate(rows, start=2) if listed(row) and not row["footnote"]
    }
    found = findings(REPO, FILED_YEAR)
    warned = {f.location.line for f in found if f.check == "sanctions-footnote"}
    assert warned == expected and expected
    # Each says what to write: a marker for its entry not declared yet, one per entry.
    declared = load_year(DATA, FILED_YEAR).facts.annex.footnotes
    suggested = [
        f.message.split('`footnotes: {"')[1].split('"')[0]
        for f in found
        if f.check == "sanctions-footnote"
    ]
    assert len(set(suggested)) == len(suggested) and not set(suggested) & set(declared)


def test_a_hand_typed_figure_that_disagrees_is_an_error(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    page = page_of(project, "exhibit-1-01/rcoi.md")
    line = edit(page, "an aggregate of {{ figures.total }}", "an aggregate of 350")
    worded = edit(page, "{{ figures.suppliers_asked | words }} contract", "six contract")
    assert line == worded  # one paragraph, one line
    found = findings(project, FILED_YEAR)
    errors = at(found, "figures", page, line)
    assert [f.level for f in errors] == [ERROR, ERROR]
    assert {f.message.split("' states ")[1].split(",")[0] for f in errors} == {"350", "6"}
    assert len([f for f in found if f.check == "figures"]) == 2
    # A filed year reports the error but does not fail.
    assert run_check(project, FILED_YEAR) == 0


def test_a_typed_year_is_warned(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    page = page_of(project, "exhibit-1-01/future-steps.md")
    line = edit(page, "Since the end of {{ year }}", f"Since the end of {FILED_YEAR - 1}")
    warned = at(findings(project, FILED_YEAR), "typed-year", page, line)
    assert [f.level for f in warned] == [WARNING]
    assert "earlier than the reporting year" in warned[0].message


def test_an_outdated_name_is_warned(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    page = page_of(project, "exhibit-1-01/future-steps.md")
    line = edit(page, "We have communicated", "As members of the EICC, we have communicated")
    warned = at(findings(project, FILED_YEAR), "outdated-name", page, line)
    assert [f.level for f in warned] == [WARNING]


def test_a_country_outside_the_covered_countries_is_an_error(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    page = page_of(project, "exhibit-1-01/index.md")
    line = edit(page, "South Sudan, Uganda", "Sudan, Uganda")
    errors = at(findings(project, FILED_YEAR), "covered-countries", page, line)
    messages = " ".join(f.message for f in errors)
    assert "'Sudan' is listed as a Covered Country" in messages
    assert "omits South Sudan" in messages


def test_draft_year_copy_forward_is_warned_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_project(tmp_path)
    draft_year(project, NEXT_YEAR, filing_deadline(NEXT_YEAR) - dt.timedelta(days=2), FILED_YEAR)
    found = findings(project, NEXT_YEAR)
    assert not [f for f in found if f.level == ERROR]
    [(page, line)] = source_lines("we publicly filed")
    moved = project / "docs" / str(NEXT_YEAR) / page.relative_to(REPO / "docs" / str(FILED_YEAR))
    assert at(found, "filing-year", moved, line)
    assert run_check(project, NEXT_YEAR) == 0


def test_draft_year_with_an_error_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = new_project(tmp_path)
    draft_year(project, NEXT_YEAR, filing_deadline(NEXT_YEAR) - dt.timedelta(days=2), FILED_YEAR)
    for year in (NEXT_YEAR, FILED_YEAR):
        page = page_of(project, "exhibit-1-01/index.md", year)
        line = edit(page, "South Sudan, Uganda", "Sudan, Uganda")
    assert run_check(project, NEXT_YEAR) == 1
    out = capsys.readouterr().out
    draft_page = page_of(project, "exhibit-1-01/index.md", NEXT_YEAR)
    assert f"error: {draft_page}, line {line}: 'Sudan'" in out
    # The same error in the filed year is reported without failing.
    assert run_check(project, FILED_YEAR) == 0


def test_late_filing_is_an_error_for_a_draft(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    # The deadline's own rules (weekends, holidays) are tested in test_deadline.py.
    deadline = filing_deadline(NEXT_YEAR)
    draft = draft_year(project, NEXT_YEAR, deadline + dt.timedelta(days=1), FILED_YEAR)
    late = [f for f in findings(project, NEXT_YEAR) if f.check == "deadline"]
    assert [f.level for f in late] == [ERROR]
    assert Path(late[0].location.path) == draft / "facts.yml"
    assert long_date(deadline) in late[0].message


def test_a_draft_stating_last_years_period_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A draft started from a report imported as typed keeps its period's dates: an error in
    the draft (the filed year itself states its own period and gets no finding)."""
    project = new_project(tmp_path)
    draft_year(project, NEXT_YEAR, filing_deadline(NEXT_YEAR) - dt.timedelta(days=2), FILED_YEAR)
    page = page_of(project, "exhibit-1-01/index.md", NEXT_YEAR)
    typed = f"January 1, {FILED_YEAR} to December 31, {FILED_YEAR}"
    line = edit(
        page, "{{ facts.period.start | long_date }} to {{ facts.period.end | long_date }}", typed
    )
    cover = page_of(project, "index.md", NEXT_YEAR)
    cover_line = edit(
        cover,
        "{{ facts.period.start | month_day }} to {{ facts.period.end | long_date }}",
        f"January 1 to December 31, {FILED_YEAR}",
    )
    found = findings(project, NEXT_YEAR)
    stated = at(found, "reporting-period", page, line)
    assert [f.level for f in stated] == [ERROR]
    assert f"states {FILED_YEAR}, but the reporting period is January 1, {NEXT_YEAR}" in (
        stated[0].message
    )
    assert [f.level for f in at(found, "reporting-period", cover, cover_line)] == [ERROR]
    assert len([f for f in found if f.check == "reporting-period"]) == 2
    assert run_check(project, NEXT_YEAR) == 1
    # Printed from the data, every year present states its own period.
    for year in YEARS:
        assert not [f for f in findings(REPO, year) if f.check == "reporting-period"]


@pytest.mark.parametrize("year", YEARS)
def test_an_outdated_status_word_is_named_once_with_its_rows(year: int) -> None:
    """cfsp prints 'Full Compliant' for two buckets (conformant, cross-recognized): one warning
    with every row printing it, not one per bucket (the second said '0 Annex rows')."""
    report = load_year(DATA, year)
    shared = {
        label for label in report.labels.values() if list(report.labels.values()).count(label) > 1
    }
    warned = [f for f in findings(REPO, year) if f.check == "outdated-name"]
    on_labels = [f for f in warned if Path(f.location.path).name == "facts.yml"]
    rules = load_prefiling_rules(DATA / "reference")
    outdated = {
        label
        for label in set(report.labels.values())
        if any(name.pattern.search(label) for name in rules.outdated_names)
    }
    if not report.has_status_figures or not outdated & shared:
        pytest.skip(f"{year}'s label set gives no outdated word to two buckets")
    assert len(on_labels) == len(outdated)
    for label in outdated:
        rows = sum(1 for row in report.annex if row.status == label)
        [finding] = [f for f in on_labels if f"prints '{label}' in " in f.message]
        assert f"prints '{label}' in {rows} Annex rows" in finding.message


def test_a_draft_typing_last_years_signature_date_is_an_error(tmp_path: Path) -> None:
    """A Form SD imported as typed keeps 'Date: May 30, 2024' under its signature; in the next
    year's draft that date is not `filing.signed`: an error (printed from data, no finding)."""
    project = new_project(tmp_path)
    signed = filing_deadline(NEXT_YEAR) - dt.timedelta(days=2)
    draft_year(project, NEXT_YEAR, signed, FILED_YEAR)
    last = load_year(DATA, FILED_YEAR).facts.filing.signed
    assert last is not None
    cover = page_of(project, "index.md", NEXT_YEAR)
    line = edit(cover, "Date: {{ facts.filing.signed | long_date }}", f"Date: {long_date(last)}")
    found = [f for f in findings(project, NEXT_YEAR) if f.check == "signature-date"]
    assert [(f.level, f.location.line) for f in found] == [(ERROR, line)]
    assert f"but filing.signed is {long_date(signed)}" in found[0].message
    for year in YEARS:
        assert not [f for f in findings(REPO, year) if f.check == "signature-date"]
