"""The filed record of a year written in cmrkit (`cmrkit freeze YEAR --documents FILE...`): written
from the documents as filed by import's own code, carried word for word by the year's rendering,
never overwritten, refused for a draft and for documents that are not a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.edgar.text import annex_rows, documents_text
from cmrkit.errors import CmrkitError
from cmrkit.files.project import Project
from cmrkit.importing.documents import ImportRefused
from cmrkit.importing.filed_record import undo_record, write_filed_record
from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed, recorded_years
from cmrkit.year.report import load_year
from tests.support.annex_shapes import SCRATCH_YEAR
from tests.support.scratch_years import write_shape_year

YEAR = SCRATCH_YEAR
# A Form SD's cover and the Exhibit's first page: the words by which import (and so
# freeze --documents) tells the two documents apart.
FORM_SD = """# Form SD

SPECIALIZED DISCLOSURE REPORT

{{ facts.registrant.name }} (Exact name of registrant as specified in its charter) files this
report for {{ year }}.
"""
# The Exhibit's first page: the words by which import (and so freeze --documents) knows an Exhibit.
INTRODUCTION = """# Conflict Minerals Report

{{ facts.registrant.name }} files this Conflict Minerals Report for {{ year }} under Rule 13p-1.

It names the smelters and refiners its suppliers reported.
"""


def _set_filed(project: Project) -> None:
    facts = project.year_data(YEAR) / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("  status: draft\n", f"  status: filed\n  filed: {YEAR + 1}-05-28\n"),
        encoding="utf-8",
    )
    assert project.is_filed(YEAR)


@pytest.fixture
def written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Project, list[Path]]:
    """A scratch repository with a draft year in the one-table shape, its EDGAR documents
    written by `cmrkit edgar`, then the year set to filed: (project, documents)."""
    root = tmp_path / "repo"
    assert main(["init", str(root), "--company", "Scratch Filer, Inc.", "--year", "2030"]) == 0
    write_shape_year(root, YEAR, "one_table")
    docs = root / "docs" / str(YEAR)
    (docs / "exhibit-1-01" / "index.md").write_text(INTRODUCTION, encoding="utf-8")
    (docs / "index.md").write_text(FORM_SD, encoding="utf-8")
    nav = (docs / "nav.yml").read_text(encoding="utf-8")
    (docs / "nav.yml").write_text(
        nav.replace("- Exhibit 1.01:\n", "- Exhibit 1.01:\n    - exhibit-1-01/index.md\n"),
        encoding="utf-8",
    )
    out = tmp_path / "edgar"
    capsys.readouterr()
    assert main(["edgar", str(YEAR), "--out", str(out), "--data", str(root / "data"),
                 "--docs", str(root / "docs")]) == 0  # fmt: skip
    documents = [Path(line) for line in capsys.readouterr().out.split()]  # in filed order
    assert sorted(documents) == sorted(out.glob("*.htm"))
    assert documents, "cmrkit edgar wrote no document"
    project = Project.at(root)
    _set_filed(project)
    return project, documents


def test_the_record_is_what_the_years_rendering_carries(
    written: tuple[Project, list[Path]],
) -> None:
    project, documents = written
    assert YEAR not in recorded_years(project)
    result = write_filed_record(project, YEAR, documents)
    assert result.written and result.previous is None
    assert filed_record_path(project.year_data(YEAR)) == result.path
    record = load_filed(result.path)
    report = load_year(project.data_dir, YEAR)
    htmls = [path.read_text(encoding="ascii") for path in documents]
    assert len(record.paragraphs) >= 2  # the Form SD's sentence and the Annex page's title
    assert "Shape Test Company, Inc." in " ".join(record.paragraphs)
    assert not compare_paragraphs(record, documents_text(htmls))
    rows = annex_rows(htmls, [c.header for c in report.columns])
    assert len(record.annex_rows) == len(report.annex) > 0
    assert not compare_annex(record, rows)
    # The word-for-word tests now run for the year.
    assert YEAR in recorded_years(project)


def test_the_same_documents_again_write_nothing(written: tuple[Project, list[Path]]) -> None:
    project, documents = written
    first = write_filed_record(project, YEAR, documents)
    again = write_filed_record(project, YEAR, documents)
    assert not again.written and again.path == first.path


def test_a_different_record_is_refused_naming_both_unless_amended(
    written: tuple[Project, list[Path]],
) -> None:
    project, documents = written
    first = write_filed_record(project, YEAR, documents)
    before = first.path.read_text(encoding="utf-8")
    first.path.write_text(before.replace("Shape Test", "Other Test"), encoding="utf-8")
    kept = first.path.read_text(encoding="utf-8")
    with pytest.raises(CmrkitError) as refused:
        write_filed_record(project, YEAR, documents)
    message = str(refused.value)
    assert first.path.name in message and documents[0].name in message and "--amend" in message
    assert first.path.read_text(encoding="utf-8") == kept
    amended = write_filed_record(project, YEAR, documents, amend=True)
    assert amended.written and amended.path.read_text(encoding="utf-8") == before
    undo_record(amended)  # a refused freeze puts the old record back
    assert first.path.read_text(encoding="utf-8") == kept


def test_a_draft_year_is_refused_with_what_to_do(
    written: tuple[Project, list[Path]],
) -> None:
    project, documents = written
    facts = project.year_data(YEAR) / "facts.yml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("status: filed", "status: draft"),
        encoding="utf-8",
    )
    with pytest.raises(CmrkitError, match=r"filing\.status: filed"):
        write_filed_record(project, YEAR, documents)
    assert filed_record_path(project.year_data(YEAR)) is None


def test_a_document_that_is_no_report_is_refused_naming_it(
    written: tuple[Project, list[Path]], tmp_path: Path
) -> None:
    project, _ = written
    other = tmp_path / "10k.htm"
    other.write_text("<html><body><p>Annual report.</p></body></html>", encoding="ascii")
    with pytest.raises(ImportRefused, match=r"10k\.htm: not an Exhibit 1\.01"):
        write_filed_record(project, YEAR, [other])
    assert filed_record_path(project.year_data(YEAR)) is None


def test_the_command_refuses_in_one_line_and_leaves_no_record(
    written: tuple[Project, list[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    project, documents = written
    first = write_filed_record(project, YEAR, documents)
    first.path.write_text("Another text.\n", encoding="utf-8")
    args = ["freeze", str(YEAR), "--documents", *map(str, documents), "--repo", str(project.root)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "never overwritten" in err and "Traceback" not in err and err.count("\n") == 1
    assert first.path.read_text(encoding="utf-8") == "Another text.\n"
    # With --amend but no manifest to amend, freeze refuses and the old record stays.
    assert main([*args, "--amend", "--reason", "amended on EDGAR"]) == 2
    err = capsys.readouterr().err
    assert "no manifest to amend" in err
    assert first.path.read_text(encoding="utf-8") == "Another text.\n"
