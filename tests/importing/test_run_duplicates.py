"""A filed report that lists one facility twice under one metal (real reports sometimes do):
`cmrkit import` keeps every row as printed, the year loads, the review and `cmrkit check` name
the repeated row with its line, the figures tell rows from facilities, the comparison with the
next year counts the facility once; a draft's typed duplicate is still refused on its line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from cmrkit.checks.findings import WARNING
from cmrkit.checks.run import run_checks
from cmrkit.cli import main
from cmrkit.errors import DataError, DataProblems
from cmrkit.files.project import Project
from cmrkit.record.filed import parse_filed
from cmrkit.year.compare import compare_years
from cmrkit.year.figures import StatusMissing
from cmrkit.year.new_year import new_year
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr
from tests.support.annex_shapes import SCRATCH_YEAR, SHAPES, expected_rows, status_summary_lines
from tests.support.scratch_years import import_filed_year, write_shape_year, write_status_summary

YEAR = fr.YEAR
LISTED = (*fr.ROWS, fr.DUPLICATE)  # the duplicate printed last, as a report's own slip


def _import(tmp_path: Path, style: str = "p_font", shape: str = "one_table") -> Path:
    """The report listing LISTED imported into bare folders; returns the data folder (the docs
    folder beside it)."""
    return import_filed_year(tmp_path, fr.exhibit_html(style, shape, LISTED), init=False) / "data"


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
    findings = run_checks(report, load_pages(data.parent / "docs", YEAR))
    named = [f for f in findings if f.check == "annex-duplicate"]
    assert len(named) == 1 and named[0].level == WARNING
    assert named[0].location.path == data / str(YEAR) / "annex.csv"
    assert named[0].location.line == line and f"repeats line {first}" in named[0].message


def test_the_prose_total_binds_to_rows_or_to_facilities(tmp_path: Path) -> None:
    """The report's "12 smelters" counts facilities (13 rows are printed): it becomes
    `figures.facilities`, so the pages state what the filer stated."""
    data = _import(tmp_path)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (data.parent / "docs").rglob("*.md"))
    assert "identified {{ figures.facilities }} smelters and refiners" in pages
    rows_stated = tmp_path / "rows"
    rows_stated.mkdir()
    html = fr.exhibit_html("p_font", "one_table", LISTED).replace(
        "identified 12 smelters", "identified 13 smelters"
    )
    repo = import_filed_year(rows_stated, html, init=False)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (repo / "docs").rglob("*.md"))
    assert "identified {{ figures.total }} smelters and refiners" in pages


def test_the_next_year_counts_the_facility_once(tmp_path: Path) -> None:
    data = _import(tmp_path)
    following = new_year(Project.around(data, data.parent / "docs"), YEAR + 1)
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


def _pages(repo: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (repo / "docs").rglob("*.md"))


def _counted(listed: fr.Listed, column: int, value: str) -> int:
    """Rows of `listed` whose `column` (0 metal, 3 status bucket) is `value`."""
    return sum(1 for row in listed if row[column] == value)


def test_counts_by_metal_and_status_bind_to_each_facility_once(tmp_path: Path, capsys) -> None:
    """The report states "7 are Conformant" and "3 tin smelters" of its facilities while it
    prints the Conformant tin smelter twice (8 Conformant rows, 4 Tin rows): each number becomes
    the distinct figure it equals, `cmrkit check` agrees with it, `cmrkit figures` prints both."""
    data = _import(tmp_path)
    pages = _pages(data.parent)
    conformant, tin = _counted(fr.ROWS, 3, "conformant"), _counted(fr.ROWS, 0, "Tin")
    assert f"of which {conformant} are" in fr.RCOI and f"{tin} tin smelters" in fr.METALS
    assert '{{ figures.facilities_by_status["Conformant"] }} are Conformant' in pages
    assert "(figures.by_metal | selectattr('metal', 'equalto', \"Tin\") | first).facilities }} " \
        "tin smelters" in pages  # fmt: skip
    report = load_year(data, YEAR)
    figures = report.figures
    assert figures.facilities_by_status["Conformant"] == conformant
    assert figures.by_status["Conformant"] == _counted(LISTED, 3, "conformant") == conformant + 1
    by_metal = {m.metal: m for m in figures.by_metal}
    assert by_metal["Tin"].facilities == tin and by_metal["Tin"].total == tin + 1
    assert by_metal["Gold"].facilities == by_metal["Gold"].total == _counted(fr.ROWS, 0, "Gold")
    findings = run_checks(report, load_pages(data.parent / "docs", YEAR))
    assert [f.message for f in findings if f.check == "figures"] == []
    assert main(["figures", str(YEAR), "--data", str(data)]) == 0
    text = capsys.readouterr().out
    assert f"Tin: {tin + 1} rows, {tin} facilities" in text
    assert f"Conformant: {conformant + 1} rows, {conformant} facilities" in text
    gold = by_metal["Gold"].total
    assert f"Gold: {gold} (" in text and f"Gold: {gold} rows" not in text  # no Gold row twice
    assert main(["figures", str(YEAR), "--data", str(data), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["facilities_by_status"]["Conformant"] == conformant
    assert out["by_metal"]["Tin"]["facilities"] == tin


def test_without_a_facility_printed_twice_the_counts_are_the_rows(tmp_path: Path, capsys) -> None:
    """The same report without the repeated row: no distinct figure is bound (they equal the
    rows' counts), and `cmrkit figures` prints each count once."""
    repo = import_filed_year(tmp_path, fr.exhibit_html("p_font", "one_table"), init=False)
    pages = _pages(repo)
    assert "facilities" not in "".join(re.findall(r"\{\{.*?\}\}", pages))
    assert "{{ figures.conformant }} are Conformant" in pages
    figures = load_year(repo / "data", YEAR).figures
    assert figures.facilities == figures.total == len(fr.ROWS)
    assert dict(figures.facilities_by_status) == dict(figures.by_status)
    assert all(m.facilities == m.total for m in figures.by_metal)
    assert main(["figures", str(YEAR), "--data", str(repo / "data")]) == 0
    assert "facilities" not in capsys.readouterr().out


def test_a_draft_year_s_distinct_figures_are_its_rows(tmp_path: Path) -> None:
    """A draft lists each facility once (a typed repeat is refused), so every distinct figure
    is the row count it stands beside, by status, by metal and from a printed summary."""
    for name in ("one_table", "no_status"):
        data = write_shape_year(tmp_path / name, SCRATCH_YEAR, name)
        if name == "no_status":
            write_status_summary(data, status_summary_lines())
        figures = load_year(tmp_path / name / "data", SCRATCH_YEAR).figures
        assert figures.facilities == figures.total == len(expected_rows(SHAPES[name]))
        assert dict(figures.facilities_by_status) == dict(figures.by_status) != {}
        assert all(m.facilities == m.total for m in figures.by_metal)


def test_a_summary_year_printing_a_facility_twice_has_no_distinct_count_by_status(
    tmp_path: Path,
) -> None:
    """Rows without status and a printed summary counting rows: which status the repeated row
    has is not known, so no distinct count by status exists (asked for, it is refused, never
    guessed); by metal it still does."""
    data = _import(tmp_path, shape="per_metal_summary")
    assert (data / str(YEAR) / "annex-summary.csv").is_file()
    figures = load_year(data, YEAR).figures
    assert figures.by_status["Conformant"] == _counted(LISTED, 3, "conformant")
    assert dict(figures.facilities_by_status) == {}
    with pytest.raises(StatusMissing, match="facilities_by_status"):
        figures.facilities_by_status["Conformant"]
    assert {m.metal: m.facilities for m in figures.by_metal}["Tin"] == _counted(fr.ROWS, 0, "Tin")
