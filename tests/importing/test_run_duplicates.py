"""A filed report that lists one facility twice under one metal (real reports sometimes do):
`cmrkit import` keeps every row as printed, the year loads, the review and `cmrkit check` name
the repeated row with its line, the figures tell rows from facilities, the comparison with the
next year counts the facility once; a draft's typed duplicate is still refused on its line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cmrkit.checks.findings import WARNING
from cmrkit.checks.run import run_checks
from cmrkit.cli import main
from cmrkit.errors import DataError, DataProblems
from cmrkit.files.project import Project
from cmrkit.record.filed import parse_filed
from cmrkit.year.compare import compare_years
from cmrkit.year.new_year import new_year
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr

YEAR = fr.YEAR
LISTED = (*fr.ROWS, fr.DUPLICATE)  # the duplicate printed last, as a report's own slip


def _import(tmp_path: Path, style: str = "p_font", shape: str = "one_table") -> Path:
    data, docs = tmp_path / "data", tmp_path / "docs"
    data.mkdir()
    docs.mkdir()
    exhibit = tmp_path / "ex101.htm"
    exhibit.write_text(fr.exhibit_html(style, shape, LISTED), encoding="utf-8")
    args = ["--data", str(data), "--docs", str(docs)]
    assert main(["import", str(YEAR), str(exhibit), *args]) == 0
    return data


def _csv_rows(data: Path) -> list[dict[str, str]]:
    text = (data / str(YEAR) / "annex.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _duplicate_line(data: Path) -> tuple[int, int]:
    """(line of the repeated row, line of the first) in annex.csv, found with the csv module."""
    metal, name = fr.DUPLICATE[0], fr.DUPLICATE[1]
    lines = [n + 2 for n, r in enumerate(_csv_rows(data)) if (r["metal"], r["smelter_name"]) ==
             (metal, name)]  # fmt: skip
    assert len(lines) == 2
    return lines[1], lines[0]


@pytest.mark.parametrize("shape", ["one_table", "no_status", "per_metal"])
def test_a_facility_printed_twice_is_imported_as_filed_and_loads(
    tmp_path: Path, shape: str
) -> None:
    data = _import(tmp_path, shape=shape)
    rows = _csv_rows(data)
    assert len(rows) == len(LISTED)  # the row count as filed
    printed = [(r["metal"], r["smelter_name"]) for r in rows]
    assert printed.count(fr.DUPLICATE[:2]) == 2
    report = load_year(data, YEAR)
    assert report.is_filed
    assert [(r.metal, r.smelter_name) for r in report.annex] == printed
    assert report.figures.total == len(LISTED)
    assert report.figures.facilities == len(fr.ROWS)
    record = next((data / str(YEAR) / "filed").glob("*.txt"))
    assert len(parse_filed(record.read_text(encoding="utf-8"), record).annex_rows) == len(LISTED)


def test_review_and_check_name_the_repeated_row_with_its_line(tmp_path: Path) -> None:
    data = _import(tmp_path)
    line, first = _duplicate_line(data)
    review = (data / str(YEAR) / "import-review.md").read_text(encoding="utf-8")
    assert f"Warning: data/{YEAR}/annex.csv, line {line} repeats line {first}" in review
    assert "same name and country" in review
    report = load_year(data, YEAR)
    findings = run_checks(report, load_pages(tmp_path / "docs", YEAR))
    named = [f for f in findings if f.check == "annex-duplicate"]
    assert len(named) == 1 and named[0].level == WARNING
    assert named[0].location.path == data / str(YEAR) / "annex.csv"
    assert named[0].location.line == line and f"repeats line {first}" in named[0].message


def test_the_prose_total_binds_to_rows_or_to_facilities(tmp_path: Path) -> None:
    """The report's "12 smelters" counts facilities (13 rows are printed): it becomes
    `figures.facilities`, so the pages state what the filer stated."""
    _import(tmp_path)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "docs").rglob("*.md"))
    assert "identified {{ figures.facilities }} smelters and refiners" in pages
    rows_stated = tmp_path / "rows"
    rows_stated.mkdir()
    html = fr.exhibit_html("p_font", "one_table", LISTED).replace(
        "identified 12 smelters", "identified 13 smelters"
    )
    (rows_stated / "data").mkdir()
    (rows_stated / "docs").mkdir()
    (rows_stated / "ex101.htm").write_text(html, encoding="utf-8")
    args = ["--data", str(rows_stated / "data"), "--docs", str(rows_stated / "docs")]
    assert main(["import", str(YEAR), str(rows_stated / "ex101.htm"), *args]) == 0
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (rows_stated / "docs").rglob("*.md"))
    assert "identified {{ figures.total }} smelters and refiners" in pages


def test_the_next_year_counts_the_facility_once(tmp_path: Path) -> None:
    data = _import(tmp_path)
    following = new_year(Project.around(data, tmp_path / "docs"), YEAR + 1)
    facts = (following.folder / "facts.yml").read_text(encoding="utf-8")
    assert "duplicates_as_filed" not in facts  # a draft's Annex is its own
    # The next year lists every facility once, as its annex.csv (typed here with the csv module).
    folder = following.folder
    text = facts.replace("source: ingest ", "file: annex.csv ", 1)  # the Annex, not the RCOI
    (folder / "facts.yml").write_text(text, encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metal", "smelter_name", "country", "status"])
    words = {"conformant": "Conformant", "active": "Active", "not_enrolled": "Not Enrolled"}
    writer.writerows([m, n, c.upper(), words[s]] for m, n, c, s in fr.ROWS)
    (folder / "annex.csv").write_text(out.getvalue(), encoding="utf-8")
    (folder / "annex-decisions.csv").unlink()  # decisions are for an Annex from the run
    comparison = compare_years(load_year(data, YEAR), load_year(data, YEAR + 1))
    assert not comparison.added and not comparison.removed
    assert comparison.by_id + comparison.by_name == len(fr.ROWS)


def test_a_draft_s_typed_duplicate_is_still_refused_with_its_line(tmp_path: Path) -> None:
    data = _import(tmp_path)
    line, first = _duplicate_line(data)
    facts = data / str(YEAR) / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    # The fact is refused in a draft, on its own line.
    draft = text.replace("status: filed", "status: draft")
    facts.write_text(draft, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_year(data, YEAR)
    assert "duplicates_as_filed" in str(refused.value) and "facts.yml, line" in str(refused.value)
    # Without it, the repeated row is refused on its line.
    facts.write_text(
        "\n".join(x for x in draft.split("\n") if "duplicates_as_filed" not in x),
        encoding="utf-8",
    )
    with pytest.raises(DataProblems) as problems:
        load_year(data, YEAR)
    assert f"annex.csv, line {line}: duplicate row: same facility as line {first}" in str(
        problems.value
    )


def test_a_filed_year_keeps_only_the_rows_its_report_printed_twice(tmp_path: Path) -> None:
    """One more repeated row typed into the filed year's annex.csv is refused on its line."""
    data = _import(tmp_path)
    annex = data / str(YEAR) / "annex.csv"
    lines = annex.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # the first facility typed again
    annex.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_year(data, YEAR)
    assert f"annex.csv, line {len(lines)}: duplicate row: same facility as line 2" in str(
        refused.value
    )
