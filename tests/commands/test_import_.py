"""`cmrkit import`: one line and exit status 2 for what it refuses, never a traceback; a year
is never overwritten, except the untouched template year `cmrkit init` wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from tests.support import filed_reports as fr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    assert main(["init", str(folder), "--company", fr.COMPANY, "--year", str(fr.YEAR)]) == 0
    return folder


def _run(repo: Path, *args: str) -> int:
    return main(["import", *args, "--data", str(repo / "data"), "--docs", str(repo / "docs")])


def test_the_untouched_init_year_is_replaced_and_a_written_one_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exhibit = tmp_path / "ex101.htm"
    exhibit.write_text(fr.exhibit_html("div_span", "one_table"), encoding="ascii")
    assert _run(repo, str(fr.YEAR), str(exhibit)) == 0
    out = capsys.readouterr().out
    assert "replaced the untouched" in out and "12 Annex rows" in out
    assert (repo / "data" / str(fr.YEAR) / "filed" / "exhibit-1.01.txt").is_file()
    facts = (repo / "data" / str(fr.YEAR) / "facts.yml").read_text(encoding="utf-8")
    assert "status: filed" in facts
    assert _run(repo, str(fr.YEAR), str(exhibit)) == 2
    err = capsys.readouterr().err
    assert "never overwrites" in err and "Traceback" not in err and err.count("\n") == 1


def test_a_refused_document_is_one_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "10k.htm"
    other.write_text("<html><body><p>Annual report.</p></body></html>", encoding="ascii")
    assert _run(repo, "2024", str(other)) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error: ") and "10k.htm: not an Exhibit 1.01" in err
    assert err.count("\n") == 1
    assert not (repo / "data" / "2024").exists() and not (repo / "docs" / "2024").exists()
