"""Change the data, and the prose changes with it: no figure or date is typed into the pages.

Written for any year's wording: each test changes one datum, rebuilds, and checks that every
place the old value was printed now prints the new one (as digits or as words, as the report
writes it), whatever sentence carries it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cmrkit.render.words import NOT_DATED, long_date, number_words
from cmrkit.year.report import load_year
from tests.support.annex_rows import read_annex_rows, write_annex_rows
from tests.support.filing_dates import day_to_sign, give_filing_dates
from tests.support.pages import annex_rows, site_text
from tests.support.project import build, copy_project


def _edit_annex(
    project: Path,
    year: int,
    keep: Callable[[dict[str, str]], bool],
    change: Callable[[dict[str, str]], dict[str, str]] = lambda row: row,
) -> list[dict]:
    header, values = read_annex_rows(project / "data", year)
    rows = [dict(zip(header, row, strict=True)) for row in values]
    kept = [change(row) for row in rows if keep(row)]
    write_annex_rows(project / "data", year, header, [[r[c] for c in header] for r in kept])
    return kept


def _built_text(project: Path, year: int) -> str:
    result = build(project, year)
    assert result.returncode == 0, result.stderr
    return site_text(project / "site", year, report_only=True)


def _count(text: str, value: str) -> int:
    return len(re.findall(rf"(?<![\w.,-]){re.escape(value)}(?![\w-]|[.,]\d)", text, re.I))


def assert_moved(before: str, after: str, old: str, new: str) -> None:
    """Every printing of `old` became a printing of `new`, and there was at least one."""
    gone = _count(before, old) - _count(after, old)
    came = _count(after, new) - _count(before, new)
    assert gone > 0, f"'{old}' is not printed in the report, or still printed after the change"
    assert came == gone, f"'{old}' printed {gone} time(s) less, '{new}' {came} time(s) more"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_dropping_a_row_moves_the_facility_count(
    project: Path, hand_kept_year: int, site_builder
) -> None:
    year = hand_kept_year
    before = site_text(site_builder(year), year, report_only=True)
    total = len(load_year(project / "data", year).annex)
    dropped: list[dict[str, str]] = []

    def keep(row: dict[str, str]) -> bool:
        if not dropped and not row.get("footnote"):
            dropped.append(row)
            return False
        return True

    rows = _edit_annex(project, year, keep)
    after = _built_text(project, year)
    assert len(rows) == total - 1
    assert_moved(before, after, str(total), str(total - 1))
    rendered = annex_rows(project / "site", year)
    assert len(rendered) == total - 1
    assert dropped[0]["smelter_name"] not in {cell for row in rendered for cell in row}


def test_no_row_in_a_covered_country_leaves_no_greater_risk(
    project: Path, hand_kept_year: int
) -> None:
    year = hand_kept_year
    report = load_year(project / "data", year)
    _edit_annex(
        project,
        year,
        lambda row: not report.reference.is_covered_country(row["country"]),
        lambda row: {**row, "footnote": ""},
    )
    facts = project / "data" / str(year) / "facts.yml"
    doc = yaml.safe_load(facts.read_text(encoding="utf-8"))
    doc["annex"].pop("footnotes", None)  # the footnoted rows may be the covered ones
    facts.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for page in (project / "docs" / str(year)).rglob("*.md"):  # footnote macros name markers
        lines = page.read_text(encoding="utf-8").split("\n")
        page.write_text("\n".join(x for x in lines if "footnote" not in x), "utf-8")
    _built_text(project, year)
    assert load_year(project / "data", year).figures.greater_risk == 0


def test_the_signing_date_comes_from_facts(project: Path, year: int, site_builder) -> None:
    before = site_text(site_builder(year), year, report_only=True)
    facts = project / "data" / str(year) / "facts.yml"
    signed: dt.date | None = load_year(project / "data", year).facts.filing.signed
    if signed is None:  # a draft new-year started: the day signed is a blank until given
        day = day_to_sign(year)
        give_filing_dates(facts, day)
        assert_moved(before, _built_text(project, year), NOT_DATED, long_date(day))
        return
    moved = signed - dt.timedelta(days=1)
    text = facts.read_text(encoding="utf-8")
    assert text.count(f"signed: {signed.isoformat()}") == 1
    facts.write_text(text.replace(f"signed: {signed}", f"signed: {moved}"), encoding="utf-8")
    assert_moved(before, _built_text(project, year), long_date(signed), long_date(moved))


def test_the_suppliers_asked_come_from_data(project: Path, year: int, site_builder) -> None:
    report = load_year(project / "data", year)
    asked = report.figures.suppliers_asked
    if report.facts.rcoi.source:
        pytest.skip(f"{year}'s RCOI figures come from an ingest run (tests/commands cover it)")
    before = site_text(site_builder(year), year, report_only=True)
    facts = project / "data" / str(year) / "facts.yml"
    lines = facts.read_text(encoding="utf-8").split("\n")
    # The typed count that makes `suppliers_asked`: the rcoi key whose value it is.
    rcoi = dataclasses.asdict(report.facts.rcoi)
    key = next(k for k, v in rcoi.items() if v == asked and k.endswith("asked"))
    lines = [re.sub(rf"^(\s*{key}:\s*){asked}\b", rf"\g<1>{asked + 1}", x) for x in lines]
    facts.write_text("\n".join(lines), encoding="utf-8")
    after = _built_text(project, year)
    old, new = number_words(asked), number_words(asked + 1)
    if _count(before, old) == 0:  # the report writes this count in digits
        old, new = str(asked), str(asked + 1)
    assert_moved(before, after, old, new)
