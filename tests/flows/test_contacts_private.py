"""Supplier staff's personal data never reaches git or the site: in a repository `cmrkit init`
wrote, the suppliers' CMRTs and the run's suppliers.csv are ignored by git, and `cmrkit check`
fails when a tracked file or the built site carries a supplier contact's e-mail address or phone
number, or when a supplier file is tracked anyway."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cmrkit.cli import main

YEAR = "2026"
# What the corpus's CMRTs give as contacts (tests.support.cmrt.builder.declaration).
EMAIL, PHONE = "pat@example.com", "+1 555 0100"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


@pytest.fixture(scope="module")
def ingested_repo(supplier_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("contacts") / "filer"
    assert main(["init", str(root), "--company", "Example Devices, Inc.", "--year", YEAR]) == 0
    shutil.copytree(supplier_folder, root / "data" / YEAR / "cmrt", dirs_exist_ok=True)
    data = str(root / "data")
    assert main(["ingest", YEAR, "--data", data, "--asked", "8", "--quiet", "--jobs", "1"]) == 1
    git(root, "add", "-A")
    return root


@pytest.fixture
def repo(ingested_repo: Path, tmp_path: Path) -> Path:
    """A private copy (git index and ingest cache included), safe to edit."""
    return Path(shutil.copytree(ingested_repo, tmp_path / "filer", symlinks=True))


def check(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["check", YEAR, "--data", str(repo / "data")])
    return status, capsys.readouterr().out


def test_supplier_files_and_contacts_stay_out_of_git(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracked = git(repo, "ls-files").split()
    year = f"data/{YEAR}"
    assert f"{year}/cmrt/.gitkeep" in tracked
    assert not [
        name for name in tracked if name.startswith(f"{year}/cmrt/") and "gitkeep" not in name
    ]
    assert f"{year}/ingest/suppliers.csv" not in tracked  # contact fields: kept out
    assert (repo / year / "ingest" / "suppliers.csv").is_file()  # written, for the filer's eyes
    assert {f"{year}/ingest/facilities.yml", f"{year}/ingest/rcoi.yml"} <= set(tracked)
    for name in tracked:
        text = (repo / name).read_bytes().decode("utf-8", errors="replace")
        assert EMAIL not in text and PHONE not in text, name
    _, out = check(repo, capsys)
    assert "[privacy]" not in out


def test_check_fails_on_a_contact_in_a_tracked_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = repo / "docs" / YEAR / "notes.md"
    note.write_text(f"Supplier questions:\nwrite to {EMAIL.upper()}\n", encoding="utf-8")
    git(repo, "add", str(note))
    status, out = check(repo, capsys)
    assert status == 1
    lines = [line for line in out.splitlines() if "[privacy]" in line]
    assert len(lines) == 1 and f"{note}, line 2" in lines[0] and "e-mail" in lines[0]
    assert EMAIL not in out.casefold()  # the finding says where, never the address


def test_check_fails_on_a_tracked_supplier_file_and_on_the_built_site(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cmrt = next(p for p in (repo / "data" / YEAR / "cmrt").iterdir() if p.suffix == ".xlsx")
    git(repo, "add", "--force", str(cmrt))
    status, out = check(repo, capsys)
    assert status == 1 and f"{cmrt}: a supplier file is tracked by git" in out
    git(repo, "rm", "--cached", "--quiet", str(cmrt))
    page = repo / "site" / YEAR / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<p>Call {PHONE.replace(' ', '-')}</p>\n", encoding="utf-8")
    status, out = check(repo, capsys)
    assert status == 1 and f"{page}, line 1: a file of the built site carries the phone" in out


def test_publish_refuses_before_deploying(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = repo / "docs" / YEAR / "notes.md"
    note.write_text(f"Call {PHONE}\n", encoding="utf-8")
    git(repo, "add", str(note))
    capsys.readouterr()
    status = main(["publish", YEAR, "--repo", str(repo), "--draft"])
    err = capsys.readouterr().err
    assert status != 0 and "refusing to publish: supplier contacts' personal data" in err
    assert f"{note}, line 1: a file tracked by git carries the phone" in err
    assert "gh-pages" not in git(repo, "branch", "--list")  # nothing deployed
