"""`cmrkit freeze YEAR --documents FILE...` end to end: a filed year with no record yet gets its
record from the documents as filed (here its own EDGAR export), is frozen, and the word-for-word
tests pick it up; the same documents again say so and keep the frozen year unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cmrkit.edgar.text import documents_text
from cmrkit.files.project import Project
from cmrkit.record.fidelity import compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed, recorded_years
from cmrkit.record.manifest import load_manifest
from tests.support.gitrepo import cmrkit, commit, make_repo
from tests.support.project import FILED_YEARS

Y = str(FILED_YEARS[0])


def test_freeze_filed_writes_the_record_then_freezes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    project = Project.at(repo)
    shutil.rmtree(project.year_data(Y) / "filed")  # a filed year written in cmrkit: no record
    commit(repo, "a filed year with no record yet")
    assert int(Y) not in recorded_years(project)
    out = tmp_path / "edgar"
    capsys.readouterr()
    assert cmrkit("edgar", Y, "--out", str(out), "--data", str(project.data_dir)) == 0
    documents = capsys.readouterr().out.split()
    assert cmrkit("freeze", Y, "--documents", *documents, "--repo", str(repo)) == 0
    said = capsys.readouterr().out
    record_path = filed_record_path(project.year_data(Y))
    assert record_path is not None and f"Wrote {record_path.relative_to(repo)}" in said
    assert f"Froze {Y}" in said and "has no filed record" not in said
    assert load_manifest(project.year_data(Y)) is not None
    record = load_filed(record_path)
    htmls = [Path(d).read_text(encoding="ascii") for d in documents]
    assert record.paragraphs and not compare_paragraphs(record, documents_text(htmls))
    assert int(Y) in recorded_years(project)
    assert cmrkit("freeze", Y, "--documents", *documents, "--repo", str(repo)) == 0
    said = capsys.readouterr().out
    assert "already holds the text of these documents" in said and "frozen and unchanged" in said
