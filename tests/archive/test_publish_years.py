"""Two reporting years side by side on a local site branch, published with mike: the newest is
`latest` and the default, and publishing a new year leaves the earlier one byte for byte."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.website.snapshot import main_text

from ..conftest import DATA
from ..localserver import serve
from .gitrepo import cmrkit, commit, git, make_repo, read_rows, tree_id, versions, write_rows

FILED_ROWS = len(load_filed(filed_record_path(DATA / "2023")).annex_rows)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TwoYears:
    repo: Path
    tree_2023_first: str  # the 2023 folder on gh-pages right after 2023 was published
    dropped: list[list[str]]  # 2023 Annex rows left out of 2024
    added: list[str]  # the row 2024 adds
    rows_2024: int


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> TwoYears:
    repo = make_repo(tmp_path_factory.mktemp("archive") / "repo")
    assert cmrkit("publish", "2023", "--repo", str(repo)) == 0
    first = tree_id(repo, "2023")
    assert cmrkit("new-year", "2024", "--data", str(repo / "data")) == 0
    header, rows = read_rows(repo / "data" / "2024" / "annex.csv")
    dropped = [rows.pop(10), rows.pop(200)]
    added = ["Tin", "", "Example Tin Smelter Ltd.", "MALAYSIA", "Active", ""]
    rows.append(added)
    write_rows(repo / "data" / "2024" / "annex.csv", header, rows)
    commit(repo, "Start 2024")
    assert cmrkit("publish", "2024", "--repo", str(repo)) == 0
    return TwoYears(repo, first, dropped, added, len(rows))


def test_versions_json_lists_both_years_newest_first_with_latest(two_years: TwoYears) -> None:
    listed = versions(two_years.repo)
    assert [(v["version"], v["aliases"]) for v in listed] == [("2024", ["latest"]), ("2023", [])]


def test_latest_points_at_the_newest_year_and_is_the_default(two_years: TwoYears) -> None:
    repo = two_years.repo
    # GitHub Pages serves no symbolic link: `latest` is a folder of redirect pages (mkdocs.yml).
    modes = {line.split()[0] for line in git(repo, "ls-tree", "-r", "gh-pages").splitlines()}
    assert "120000" not in modes, "a symbolic link on the site branch"
    alias = git(repo, "show", "gh-pages:latest/exhibit-1-01/rcoi/index.html")
    assert 'window.location.replace("../../../2024/exhibit-1-01/rcoi/"' in alias
    root = git(repo, "show", "gh-pages:index.html")  # mike's redirect to the default version
    assert 'url=latest/"' in root and 'window.location.replace("latest/"' in root


def test_the_earlier_year_is_unchanged_by_the_new_one(two_years: TwoYears) -> None:
    assert tree_id(two_years.repo, "2023") == two_years.tree_2023_first


def _rcoi(repo: Path, version: str) -> str:
    html = git(repo, "show", f"gh-pages:{version}/exhibit-1-01/rcoi/index.html")
    return main_text(html).text


def test_each_version_states_its_own_year_and_count(two_years: TwoYears) -> None:
    repo = two_years.repo
    assert f"an aggregate of {FILED_ROWS} facilities" in _rcoi(repo, "2023")
    assert f"an aggregate of {two_years.rows_2024} facilities" in _rcoi(repo, "2024")
    cover = main_text(git(repo, "show", "gh-pages:2024/index.html")).text
    assert "for the reporting period from January 1 to December 31, 2024" in cover


def test_pages_carry_materials_version_selector(two_years: TwoYears) -> None:
    html = git(two_years.repo, "show", "gh-pages:2024/index.html")
    assert '"version": {"default": "latest", "provider": "mike"}' in html


def test_republishing_the_older_year_keeps_latest_on_the_newest(two_years: TwoYears) -> None:
    repo = two_years.repo
    assert cmrkit("publish", "2023", "--repo", str(repo)) == 0
    listed = {v["version"]: v["aliases"] for v in versions(repo)}
    assert listed == {"2024": ["latest"], "2023": []}
    assert tree_id(repo, "2023") == two_years.tree_2023_first  # same sources, same pages


def test_year_over_year_page_lists_what_2024_changed(two_years: TwoYears) -> None:
    html = git(two_years.repo, "show", "gh-pages:2024/year-over-year/index.html")
    text = main_text(html)
    removed = [row[1] for row in text.tables["yoy-removed"][1:]]
    added = [row[1] for row in text.tables["yoy-added"][1:]]
    assert removed == [row[2] for row in two_years.dropped]
    assert added == [two_years.added[2]]
    years = {row[0] for row in text.tables["yoy-counts"][1:]}
    assert years == {"2023", "2024"}
    assert "<svg" in html and "<desc" in html


def test_publishing_with_push_and_no_remote_fails_cleanly(two_years: TwoYears, capsys) -> None:
    assert cmrkit("publish", "2024", "--push", "--repo", str(two_years.repo)) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error:") and "Traceback" not in err


@pytest.fixture
def served_site(two_years: TwoYears, tmp_path: Path) -> Iterator[str]:
    """The site branch's files served over HTTP (the selector fetches versions.json)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"], cwd=two_years.repo, capture_output=True,
        check=True,
    )  # fmt: skip
    root = tmp_path / "served"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="fully_trusted")  # our own branch; keeps the `latest` link
    with serve(root) as url:
        yield url.rstrip("/")


@pytest.mark.browser
def test_the_version_selector_switches_between_years(served_site: str, chromium) -> None:
    page = chromium.new_page()
    try:
        page.goto(served_site + "/")  # redirects to latest/
        page.wait_for_selector(".md-version__current")
        assert page.inner_text(".md-version__current").strip().startswith("2024")
        links = page.locator(".md-version__link")
        assert sorted(t.strip() for t in links.all_inner_texts() if t.strip()) == ["2023", "2024"]
        page.goto(served_site + "/latest/exhibit-1-01/rcoi/")
        page.wait_for_selector(".md-version__current")
        page.hover(".md-version")  # the list opens on hover
        page.locator(".md-version__link", has_text="2023").click()
        # Without a site_url, Material cannot map the page through the sitemap: the selector
        # opens the other year's front page.
        page.wait_for_url(re.compile(r".*/2023/$"))
        page.wait_for_selector(".md-version__current")
        assert page.inner_text(".md-version__current").strip().startswith("2023")
        assert "January 1 to December 31, 2023" in page.inner_text(".md-content")
    finally:
        page.close()
