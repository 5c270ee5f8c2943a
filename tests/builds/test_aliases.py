"""An alias of a checked version (`latest`) leads to the checked files and nowhere else, whichever
way mike makes it (a link, a copy, redirect pages); an alias leading elsewhere is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.website.deploy import alias_problems, mike_command
from cmrkit.website.runner import run, tool_env
from tests.support.gitrepo import commit, git, make_repo
from tests.support.project import FILED_YEARS


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("aliases") / "repo")


@pytest.mark.parametrize("kind", ["symlink", "copy", "redirect"])
def test_each_kind_of_alias_leads_to_the_version(repo: Path, kind: str) -> None:
    year = str(FILED_YEARS[0])
    branch = f"site-{kind}"
    command = [mike_command(), "deploy", "--alias-type", kind, "--branch", branch, year, "latest"]
    run(command, cwd=repo, env=tool_env(year))
    assert alias_problems(repo, branch, year, ["latest"]) == []


def test_a_redirect_leading_elsewhere_is_named(repo: Path, tmp_path: Path) -> None:
    year = str(FILED_YEARS[0])
    branch = "site-redirect-tampered"
    command = [mike_command(), "deploy", "--alias-type", "redirect", "--branch", branch, year]
    run([*command, "latest"], cwd=repo, env=tool_env(year))
    work = tmp_path / "work"
    git(repo, "worktree", "add", "-q", str(work), branch)
    page = work / "latest" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(f"../{year}/", "../elsewhere/"))
    commit(work, "an alias that leads elsewhere")
    problems = alias_problems(repo, branch, year, ["latest"])
    assert problems == [
        f"alias 'latest': index.html is neither the checked copy nor a redirect into '{year}'"
    ]
    git(repo, "worktree", "remove", "--force", str(work))
