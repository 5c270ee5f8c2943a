"""Commands find the repository around the current folder (or from `--data`, `--docs`,
`--repo`), or say in one line there is none; the Project says where a year's data and pages are,
which years there are and which are filed, for every year present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.errors import DataError
from cmrkit.files.project import FACTS_FILE, NotARepository, Project, locate
from cmrkit.year.new_year import new_year
from cmrkit.year.report import load_year
from tests.support.project import DATA, REPO, YEARS


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """A repository built from this one's data and pages (every year), plus a draft year
    started from the newest with `new_year`, a year with data but no pages yet, and folders
    under data/ that are no year."""
    root = tmp_path / "repo"
    shutil.copytree(DATA, root / "data", ignore=shutil.ignore_patterns("cmrt"))
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    project = Project.at(root)
    new_year(project, YEARS[-1] + 1)
    shutil.copytree(project.year_data(YEARS[-1] + 1), project.year_data(YEARS[-1] + 2))
    for stray in ("notes", "20301", "203"):
        (project.data_dir / stray).mkdir()
    return project


def test_found_from_a_subfolder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "docs")
    project = locate()
    assert project.root == REPO.resolve() and project.data_dir == REPO.resolve() / "data"
    assert project.docs_dir == REPO.resolve() / "docs"


def test_found_from_a_years_folder_and_by_repo(repo: Project, monkeypatch) -> None:
    year = repo.report_years[0]
    monkeypatch.chdir(repo.year_docs(year))
    assert locate() == Project.at(repo.root.resolve())
    assert locate(repo=repo.year_data(year)) == Project.at(repo.root.resolve())


def test_data_and_docs_given_elsewhere(repo: Project, tmp_path: Path, monkeypatch) -> None:
    """`--data` names a data folder anywhere (the pages beside it unless `--docs` says), and a
    command given it runs from a folder that is no repository."""
    elsewhere = tmp_path / "elsewhere"
    data = shutil.copytree(repo.data_dir, elsewhere / "figures-data")
    pages = shutil.copytree(repo.docs_dir, tmp_path / "pages")
    assert locate(data) == Project(elsewhere, data, elsewhere / "docs")
    assert locate(data, pages) == Project(elsewhere, data, pages)
    monkeypatch.chdir(tmp_path)
    assert main(["figures", str(YEARS[0]), "--data", str(data), "--json"]) == 0


def test_outside_a_repository_the_message_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotARepository, match="cmrkit init"):
        locate()
    assert main(["figures", str(YEARS[0])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error: not inside a cmrkit repository") and err.count("\n") == 1
    assert "--data DIR" in err
    # A command that takes --repo names that option instead, before any git or build runs.
    assert main(["freeze", str(YEARS[0])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error: not inside a cmrkit repository") and err.count("\n") == 1
    assert "--repo DIR" in err and "--data" not in err
    assert main(["freeze", str(YEARS[0]), "--repo", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == f"cmrkit: error: {tmp_path / 'none'}: no such folder\n"


def test_a_command_runs_from_a_subfolder(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(REPO / "data")
    assert main(["figures", str(YEARS[0]), "--json"]) == 0
    assert '"annex_rows"' in capsys.readouterr().out


def test_years_are_the_year_folders(repo: Project) -> None:
    draft, no_pages = YEARS[-1] + 1, YEARS[-1] + 2
    assert repo.years == [*YEARS, draft, no_pages]
    assert repo.report_years == [*YEARS, draft]  # a report needs its pages too
    assert repo.year_data(draft) == repo.data_dir / str(draft)
    assert repo.year_docs(draft).is_dir() and not repo.year_docs(no_pages).exists()
    assert repo.reference_dir == repo.data_dir / "reference"


def test_filed_as_a_loaded_year_says(repo: Project) -> None:
    """`is_filed` reads only facts.yml's filing.status, and says what the loaded year says, for
    every year present and the draft `new_year` started."""
    draft = YEARS[-1] + 1
    for year in [*YEARS, draft]:
        assert repo.is_filed(year) == load_year(repo.data_dir, year).is_filed, year
    assert not repo.is_filed(draft) and not repo.is_filed(YEARS[-1] + 2)  # a copy of the draft
    assert repo.filed_years == [y for y in YEARS if load_year(repo.data_dir, y).is_filed]


def test_a_draft_turned_filed_is_filed(repo: Project) -> None:
    draft = YEARS[-1] + 1
    facts = repo.year_data(draft) / FACTS_FILE
    text = facts.read_text(encoding="utf-8")
    assert text.count("status: draft") == 1
    facts.write_text(text.replace("status: draft", "status: filed"), encoding="utf-8")
    assert repo.is_filed(draft) and draft in repo.filed_years


def test_a_year_without_facts_is_an_error_naming_the_file(repo: Project) -> None:
    year = YEARS[-1] + 2
    (repo.year_data(year) / FACTS_FILE).unlink()
    with pytest.raises(DataError, match=FACTS_FILE):
        repo.is_filed(year)


def test_a_copy_keeps_the_layout(repo: Project, tmp_path: Path) -> None:
    elsewhere = Project(repo.root, repo.root / "d", repo.root / "p")
    moved = elsewhere.moved(tmp_path / "copy")
    assert moved == Project(tmp_path / "copy", tmp_path / "copy" / "d", tmp_path / "copy" / "p")


@pytest.mark.parametrize(
    "command", [["freeze", "YEAR"], ["publish", "YEAR"], ["diff", "HEAD~1", "HEAD"]]
)
def test_commands_on_history_need_git(repo: Project, command: list[str], capsys) -> None:
    """freeze, publish and diff find the repository like every command, then say in one line,
    before any build, that it is no git work tree."""
    if (repo.root / ".git").exists() or any((p / ".git").exists() for p in repo.root.parents):
        pytest.skip("the temporary folder is inside a git work tree")
    args = [word.replace("YEAR", str(YEARS[0])) for word in command]
    assert main([*args, "--repo", str(repo.year_docs(YEARS[0]))]) == 2
    err = capsys.readouterr().err
    assert err == f"cmrkit: error: {repo.root.resolve()} is not inside a git repository\n"
