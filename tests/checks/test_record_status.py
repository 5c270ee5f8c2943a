"""A year that keeps its filed record must say it is filed: switched back to draft, its pages
could be edited with no word-for-word test and no filed-year guard seeing it. The record keeps
the year in the fidelity tests, and `cmrkit check` names the disagreement on the status line."""

from __future__ import annotations

from pathlib import Path

from cmrkit.checks.run import run_checks
from cmrkit.cli import main
from cmrkit.files.project import Project
from cmrkit.record.filed import recorded_years
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr


def _imported(tmp_path: Path) -> Project:
    """A new filer's repository with one filed year imported from an EDGAR exhibit."""
    repo = tmp_path / "repo"
    assert main(["init", str(repo), "--company", fr.COMPANY, "--year", str(fr.YEAR + 1)]) == 0
    exhibit = tmp_path / "ex101.htm"
    exhibit.write_text(fr.exhibit_html("h_tags", "one_table"), encoding="ascii")
    project = Project.at(repo)
    args = ["--data", str(project.data_dir), "--docs", str(project.docs_dir)]
    assert main(["import", str(fr.YEAR), str(exhibit), *args]) == 0
    return project


def _record_findings(project: Project) -> list[str]:
    report = load_year(project.data_dir, fr.YEAR)
    findings = run_checks(report, load_pages(project.docs_dir, fr.YEAR))
    return [f"{f.location.line} {f.message}" for f in findings if f.check == "record-not-filed"]


def test_a_filed_record_under_a_draft_status_is_named_and_still_tested(tmp_path: Path) -> None:
    project = _imported(tmp_path)
    assert _record_findings(project) == []
    assert fr.YEAR in recorded_years(project)

    facts = project.year_data(fr.YEAR) / "facts.yml"
    lines = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    status_line = next(i for i, line in enumerate(lines, 1) if "status: filed" in line)
    lines[status_line - 1] = lines[status_line - 1].replace("status: filed", "status: draft")
    facts.write_text("".join(lines), encoding="utf-8")

    assert not project.is_filed(fr.YEAR)
    assert fr.YEAR in recorded_years(project)  # the record, not the status, keeps it tested
    found = _record_findings(project)
    assert len(found) == 1
    assert found[0].startswith(f"{status_line} ")
    assert "filed record" in found[0] and "--amend" in found[0]
    assert main(["check", str(fr.YEAR), "--data", str(project.data_dir)]) != 0
