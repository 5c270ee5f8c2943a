"""Which mike commands publish a year: the alias `latest` and the default move only to the
newest year, so re-publishing an older year never takes them away from the newest."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.errors import CmrkitError
from cmrkit.files.project import Project
from cmrkit.website.publish import LATEST, check_no_properdocs, is_newest, plan, site_address
from cmrkit.year.new_year import new_year
from cmrkit.year.report import load_year
from tests.support.project import DATA, YEARS


def _words(command: tuple[str, ...]) -> list[str]:
    return list(command[1:])  # without the path of mike's script


def test_the_newest_year_takes_latest_and_the_default() -> None:
    steps = plan(2024, True, "gh-pages", push=False)
    deploy, default = (_words(c) for c in steps.commands)
    assert deploy[0] == "deploy" and deploy[-3:] == ["--update-aliases", "2024", LATEST]
    assert default == ["set-default", "--branch", "gh-pages", LATEST]
    assert "--push" not in deploy + default


def test_an_older_year_is_deployed_alone() -> None:
    (deploy,) = (_words(c) for c in plan(2023, False, "site", push=True).commands)
    assert deploy[0] == "deploy" and deploy[-1] == "2023"
    assert LATEST not in deploy and "--update-aliases" not in deploy
    assert deploy[deploy.index("--branch") + 1] == "site"
    assert "--push" not in deploy  # pushed by cmrkit only once the commit has been checked


def test_newest_counts_the_data_and_the_site_branch() -> None:
    assert is_newest(2024, [2023, 2024], [{"version": "2023"}])
    assert not is_newest(2023, [2023, 2024], [])
    assert not is_newest(2023, [2023], [{"version": "2024", "aliases": [LATEST]}])
    assert is_newest(2023, [2023], [{"version": "2023"}, {"version": "dev"}])


def test_properdocs_is_absent_so_mike_builds_with_mkdocs() -> None:
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("properdocs")
    check_no_properdocs()


def test_publishing_refuses_when_properdocs_is_installed(monkeypatch) -> None:
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "1.0" if name == "properdocs" else real(name)
    )
    with pytest.raises(CmrkitError, match=r"properdocs 1\.0 is installed"):
        check_no_properdocs()


def test_a_draft_is_deployed_alone_with_a_draft_title() -> None:
    (deploy,) = (_words(c) for c in plan(2025, True, "gh-pages", push=False, draft=True).commands)
    assert deploy[0] == "deploy" and deploy[-1] == "2025"
    assert deploy[deploy.index("--title") + 1] == "2025 (draft)"
    assert LATEST not in deploy and "set-default" not in deploy


def test_a_published_draft_does_not_count_as_newer() -> None:
    draft = {"version": "2025", "title": "2025 (draft)", "aliases": []}
    assert is_newest(2024, [2023, 2024], [{"version": "2023"}, draft])


def _plant_site(facts: Path, site: str) -> None:
    """Give a facts file the site's address (`urls.site`), its other lines as they are."""
    text = facts.read_text(encoding="utf-8")
    assert "\nurls:\n" in text, f"{facts}: no urls section"
    facts.write_text(text.replace("\nurls:\n", f"\nurls:\n  site: {site}\n", 1), encoding="utf-8")


def test_the_sites_address_comes_from_another_year_when_the_published_one_gives_none(
    tmp_path: Path,
) -> None:
    """The root 404 page's links start at the site's address even when the year being published
    (a draft started before the address was set) does not repeat it."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("filed", "cmrt"))
    shutil.copytree(DATA.parent / "docs", tmp_path / "docs")
    for facts in data.glob("*/facts.yml"):  # no year gives the address yet
        lines = facts.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if not line.startswith("  site:")]
        facts.write_text("\n".join(kept), encoding="utf-8")
    first, newest = YEARS[0], YEARS[-1] + 1
    new_year(Project.around(data), newest)
    assert site_address(data, load_year(data, newest)) is None  # nobody gave it
    _plant_site(data / str(first) / "facts.yml", "https://example.com/cmr/")
    assert site_address(data, load_year(data, newest)) == "https://example.com/cmr/"
    _plant_site(data / str(newest) / "facts.yml", "https://example.org/reports/")
    assert site_address(data, load_year(data, newest)) == "https://example.org/reports/"
    assert site_address(data, load_year(data, first)) == "https://example.com/cmr/"


def test_a_repository_with_no_commit_yet_is_told_to_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cmrkit init` runs `git init` only: publishing before the first commit says to commit,
    not mike's "error getting latest commit: fatal: Needed a single revision"."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "acme"
    assert main(["init", str(repo), "--company", "Acme Sensors, Inc.", "--year", "2026"]) == 0
    if not (repo / ".git").is_dir():
        pytest.skip("git init did not run")
    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert main(["publish", "2026", "--draft"]) == 2
    err = capsys.readouterr().err
    assert "has no commit yet" in err and "git add -A && git commit" in err
    assert "Needed a single revision" not in err and err.count("\n") == 1
