"""`cmrkit new-year` in a repository started as filed-reports.md says: `cmrkit init` with the
year to write next, then its filed years imported. The year init wrote, still untouched, is
replaced by the next year started from the last filed one; once written in, it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from tests.support import filed_reports as fr

NEXT = fr.YEAR + 1  # the year to write, which init starts


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    assert main(["init", str(folder), "--company", fr.COMPANY, "--year", str(NEXT)]) == 0
    exhibit = tmp_path / "ex101.htm"
    exhibit.write_text(fr.exhibit_html("div_span", "one_table"), encoding="ascii")
    args = ["--data", str(folder / "data"), "--docs", str(folder / "docs")]
    assert main(["import", str(fr.YEAR), str(exhibit), *args]) == 0
    return folder


def _new_year(repo: Path) -> int:
    return main(["new-year", str(NEXT), "--data", str(repo / "data"), "--docs", str(repo / "docs")])


def test_the_untouched_init_year_is_started_from_the_filed_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _new_year(repo) == 0
    out = capsys.readouterr().out
    assert f"replaced the untouched {NEXT} template of `cmrkit init`" in out
    assert f"{repo / 'data' / str(NEXT) / 'cmrt'}/" in out  # where the CMRTs go, as a path
    facts = yaml.safe_load((repo / "data" / str(NEXT) / "facts.yml").read_text(encoding="utf-8"))
    assert facts["period"]["end"].year == NEXT and facts["filing"]["status"] == "draft"
    filed = (repo / "docs" / str(fr.YEAR) / "nav.yml").read_text(encoding="utf-8")
    assert (repo / "docs" / str(NEXT) / "nav.yml").read_text(encoding="utf-8") == filed
    assert not list(repo.glob(".cmrkit-new-year-*"))  # nothing left aside


def test_a_year_written_in_is_never_replaced(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = repo / "docs" / str(NEXT) / "exhibit-1-01" / "future-steps.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOur own words.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (repo / "docs" / str(NEXT)).rglob("*") if p.is_file()}
    capsys.readouterr()
    assert _new_year(repo) == 2
    err = capsys.readouterr().err
    assert "already exists: new-year never overwrites a year" in err
    after = {p: p.read_bytes() for p in (repo / "docs" / str(NEXT)).rglob("*") if p.is_file()}
    assert after == before
