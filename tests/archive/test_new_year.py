"""`cmrkit new-year`: the next year starts from the last one, dated a year on, as a draft, and
builds as it stands; the earlier year is not touched."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.scaffold import shift_year

from ..conftest import DATA, build, copy_project


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_scaffold_moves_dates_on_and_starts_a_draft(data: Path) -> None:
    before = _digest(data / "2023")
    assert main(["new-year", "2024", "--data", str(data)]) == 0
    assert _digest(data / "2023") == before
    old = yaml.safe_load((data / "2023" / "facts.yml").read_text(encoding="utf-8"))
    new = yaml.safe_load((data / "2024" / "facts.yml").read_text(encoding="utf-8"))
    for section, key in (("period", "start"), ("period", "end"), ("filing", "signed")):
        assert new[section][key] == old[section][key].replace(year=old[section][key].year + 1)
    assert new["filing"]["status"] == "draft"
    assert "filed" not in new["filing"]
    assert {k: v for k, v in new.items() if k not in ("period", "filing", "annex")} == {
        k: v for k, v in old.items() if k not in ("period", "filing", "annex")
    }
    # The Annex comes from the year's own ingest run, never retyped: no CSV copied, the label
    # set and footnotes kept; the run starts empty and the decisions file has its header only.
    old_annex = {k: v for k, v in old["annex"].items() if k != "file"}
    assert new["annex"] == {"source": "ingest", **old_annex}
    assert not (data / "2024" / "annex.csv").exists()
    run = yaml.safe_load((data / "2024" / "ingest" / "facilities.yml").read_text(encoding="utf-8"))
    assert (run["facilities"], run["inputs"], run["lists"]) == ([], [], None)
    decisions = (data / "2024" / "annex-decisions.csv").read_text(encoding="utf-8")
    assert decisions == "metal,smelter_id,smelter_name,country,decision,value,reason\n"
    assert [p.name for p in (data / "2024" / "cmrt").iterdir()] == [".gitkeep"]
    assert not (data / "2024" / "filed").exists()
    assert "2024 reporting year" in (data / "2024" / "facts.yml").read_text(encoding="utf-8")


def test_an_existing_year_is_never_overwritten(data: Path, capsys) -> None:
    before = _digest(data / "2023")
    assert main(["new-year", "2023", "--data", str(data)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert _digest(data / "2023") == before


def test_a_year_needs_an_earlier_one(data: Path, capsys) -> None:
    assert main(["new-year", "2019", "--data", str(data)]) == 2
    assert "no year before 2019" in capsys.readouterr().err
    assert not (data / "2019").exists()


def test_leap_day_moves_to_the_last_day_of_february() -> None:
    assert shift_year(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert shift_year(dt.date(2023, 5, 30), 1) == dt.date(2024, 5, 30)


@pytest.mark.build
def test_the_scaffold_builds_strictly_without_edits(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["new-year", "2024", "--data", str(project / "data")]) == 0
    result = build(project, 2024)
    assert result.returncode == 0, result.stderr
    cover = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "December 31, 2024" in cover
    yoy = (project / "site" / "year-over-year" / "index.html").read_text(encoding="utf-8")
    assert "Compared with 2023" in yoy


def test_a_year_after_a_year_from_its_run_starts_its_own_run(data: Path) -> None:
    assert main(["new-year", "2024", "--data", str(data)]) == 0
    assert main(["new-year", "2025", "--data", str(data)]) == 0
    new = yaml.safe_load((data / "2025" / "facts.yml").read_text(encoding="utf-8"))
    assert new["annex"]["source"] == "ingest" and "file" not in new["annex"]
    fresh = (data / "2025" / "ingest" / "facilities.yml").read_text(encoding="utf-8")
    assert "facilities: []" in fresh and "`cmrkit new-year 2025`" in fresh
