"""`cmrkit.ingest.request`: a run's outputs checked against its inputs, with the repository's
years as its Project lists them (its data folder may be anywhere, given with --data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import CmrkitError
from cmrkit.files.project import Project
from cmrkit.ingest.request import IngestRequest, check_outputs


def _project(tmp_path: Path) -> Project:
    """A data folder given with --data, away from any docs/: two years with supplier files."""
    project = Project.around(tmp_path / "elsewhere" / "records")
    for year in (2024, 2025):
        (project.year_data(year) / "cmrt").mkdir(parents=True)
        (project.year_data(year) / "facts.yml").write_text("x: 1\n", encoding="utf-8")
    return project


def test_a_years_ingest_folder_may_be_written_and_its_other_data_not(tmp_path: Path) -> None:
    project = _project(tmp_path)
    src = project.year_data(2025) / "cmrt"
    request = IngestRequest(str(src))
    for year in project.years:  # every year's ingest/ folder, as the Project lists the years
        out = project.year_data(year) / "ingest" / "smelters.csv"
        check_outputs(request, src, {"out": out}, project)
    facts = project.year_data(2024) / "facts.yml"
    with pytest.raises(CmrkitError, match="refusing to write") as refused:
        check_outputs(request, src, {"out": facts}, project)
    assert str(facts) in str(refused.value)


def test_a_folder_run_outside_a_repository_guards_only_its_inputs(tmp_path: Path) -> None:
    src = tmp_path / "cmrts"
    src.mkdir()
    (src / "a.xlsx").write_bytes(b"x")
    request = IngestRequest(str(src))
    check_outputs(request, src, {"out": tmp_path / "smelters.csv"}, None)
    with pytest.raises(CmrkitError, match="refusing to write"):
        check_outputs(request, src, {"out": src / "a.xlsx"}, None)
