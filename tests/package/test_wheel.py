"""The installed package, outside any repository: `cmrkit --help`, an ingest of CMRTs from
another folder, the reference data inside the wheel, and a clear message (never a traceback)
from every command that needs a repository."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from .conftest import clean_env, run


def cmrkit(venv: Path, *args: str | Path, cwd: Path):
    return run(venv / "bin" / "cmrkit", *args, cwd=cwd, env=clean_env(venv))


def test_help_and_version(installed: Path, tmp_path: Path) -> None:
    result = cmrkit(installed, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "ingest" in result.stdout and "init" in result.stdout
    assert cmrkit(installed, "--version", cwd=tmp_path).stdout.startswith("cmrkit ")


def test_no_site_generator_without_the_extra(installed: Path, tmp_path: Path) -> None:
    result = run(installed / "bin" / "python", "-c", "import mkdocs", cwd=tmp_path)
    assert result.returncode != 0  # cmrkit[site] brings MkDocs; plain cmrkit does not


def test_ingest_from_any_folder(installed: Path, supplier_folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    folder = tmp_path / "cmrts"
    shutil.copytree(supplier_folder, folder)
    result = cmrkit(
        installed, "ingest", folder, "--out", "smelters.csv", "--rcoi", "rcoi.yml",
        "--cache-dir", tmp_path / "cache", "--quiet", cwd=elsewhere,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "files read" in result.stdout
    with open(elsewhere / "smelters.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"metal", "smelter_id", "status_bucket"} <= set(rows[0])
    assert (elsewhere / "rcoi.yml").is_file()
    assert not (elsewhere / "data").exists() and not (elsewhere / ".cache").exists()


COMMANDS = [
    ["figures", "2023"],
    ["export", "2023", "--out", "out"],
    ["check", "2023"],
    ["new-year", "2024"],
    ["edgar", "2023", "--out", "out"],
    ["edgar", "--check", "missing.htm"],
    ["ingest", "2024"],
    ["ingest", "no-such-folder", "--out", "x.csv"],
    ["freeze", "2023"],
    ["publish", "2023"],
    ["diff", "HEAD~1", "HEAD"],
    ["pdf", "--site", "no-site"],
    ["init", "."],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
def test_every_command_outside_a_repository_says_why(
    installed: Path, tmp_path: Path, argv: list[str]
) -> None:
    result = cmrkit(installed, *argv, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(("cmrkit: error: ", "usage: ", "cmrkit ")), result.stderr
