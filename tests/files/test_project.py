"""Commands find the repository around the current folder, or say there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.files.project import NotARepository, locate
from tests.support.project import REPO, YEARS


def test_found_from_a_subfolder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "docs")
    project = locate()
    assert project.root == REPO.resolve() and project.data_dir == REPO.resolve() / "data"


def test_outside_a_repository_the_message_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotARepository, match="cmrkit init"):
        locate()
    assert main(["figures", str(YEARS[0])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error: not inside a cmrkit repository") and err.count("\n") == 1


def test_a_command_runs_from_a_subfolder(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(REPO / "data")
    assert main(["figures", str(YEARS[0]), "--json"]) == 0
    assert '"annex_rows"' in capsys.readouterr().out
