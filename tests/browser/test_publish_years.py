"""Two reporting years side by side on a local site branch, published with mike: the newest filed
year is `latest` and the default, a draft goes out only with --draft and never takes either, and
publishing a new year leaves the earlier one byte for byte."""

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
from cmrkit.year.report import load_year
from tests.support.annex_rows import fill_if_empty, read_annex_rows, write_annex_rows
from tests.support.browser import choose_version, page_only_in
from tests.support.filing_dates import day_to_sign, give_filing_dates
from tests.support.gitrepo import cmrkit, commit, git, make_repo, tree_id, versions
from tests.support.localserver import serve
from tests.support.project import DATA, FILED_YEARS, YEARS

Y = str(FILED_YEARS[0])  # a filed year, published first
NEW = str(YEARS[-1] + 1)  # a new year started from the latest one
FILED_ROWS = len(load_filed(filed_record_path(DATA / Y)).annex_rows)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TwoYears:
    repo: Path
    tree_first: str  # Y's folder on gh-pages right after Y was published
    dropped: list[list[str]]  # Annex rows left out of NEW
    added: list[str]  # the row NEW adds
    rows_new: int
    refused_draft: int  # exit status of publishing the draft without --draft
    as_draft: list[dict]  # versions.json right after the draft was published with --draft
    default_as_draft: str  # the root redirect right after the draft was published


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> TwoYears:
    repo = make_repo(tmp_path_factory.mktemp("archive") / "repo")
    if fill_if_empty(repo / "data", YEARS[-1]):
        commit(repo, "The latest year's Annex has rows")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 0
    first = tree_id(repo, Y)
    assert cmrkit("new-year", NEW, "--data", str(repo / "data")) == 0
    # The new year's Annex: the latest year's facilities, two fewer and one more.
    header, rows = read_annex_rows(repo / "data", YEARS[-1])
    dropped = [rows.pop(10), rows.pop(len(rows) // 2)]
    labels = load_year(repo / "data", int(NEW)).labels
    added = ["Tin", "", "Example Tin Smelter Ltd.", "MALAYSIA", labels["active"], ""]
    rows.append(added)
    write_annex_rows(repo / "data", NEW, header, rows)
    commit(repo, f"Start {NEW}")
    refused = cmrkit("publish", NEW, "--repo", str(repo))
    assert cmrkit("publish", NEW, "--draft", "--repo", str(repo)) == 0
    as_draft = versions(repo)
    default_as_draft = git(repo, "show", "gh-pages:index.html")
    # Filed: the year is frozen, then published as the newest report.
    facts = repo / "data" / NEW / "facts.yml"
    give_filing_dates(facts, day_to_sign(NEW), filed=True)  # new-year leaves them blank
    assert cmrkit("freeze", NEW, "--repo", str(repo)) == 0
    commit(repo, f"File {NEW}")
    assert cmrkit("publish", NEW, "--repo", str(repo)) == 0
    return TwoYears(repo, first, dropped, added, len(rows), refused, as_draft, default_as_draft)


def test_a_draft_is_refused_without_draft(two_years: TwoYears) -> None:
    assert two_years.refused_draft == 2


def test_a_draft_never_takes_latest_or_the_default(two_years: TwoYears) -> None:
    listed = {v["version"]: (v["title"], v["aliases"]) for v in two_years.as_draft}
    assert listed == {NEW: (f"{NEW} (draft)", []), Y: (Y, ["latest"])}
    assert 'url=latest/"' in two_years.default_as_draft  # latest still means Y


def test_versions_json_lists_both_years_newest_first_with_latest(two_years: TwoYears) -> None:
    listed = versions(two_years.repo)
    assert [(v["version"], v["aliases"]) for v in listed] == [(NEW, ["latest"]), (Y, [])]


def test_latest_points_at_the_newest_year_and_is_the_default(two_years: TwoYears) -> None:
    repo = two_years.repo
    # GitHub Pages serves no symbolic link: `latest` is a folder of redirect pages (mkdocs.yml).
    modes = {line.split()[0] for line in git(repo, "ls-tree", "-r", "gh-pages").splitlines()}
    assert "120000" not in modes, "a symbolic link on the site branch"
    alias = git(repo, "show", "gh-pages:latest/exhibit-1-01/rcoi/index.html")
    assert f'window.location.replace("../../../{NEW}/exhibit-1-01/rcoi/"' in alias
    root = git(repo, "show", "gh-pages:index.html")  # mike's redirect to the default version
    assert 'url=latest/"' in root and 'window.location.replace("latest/"' in root


def test_the_earlier_year_is_unchanged_by_the_new_one(two_years: TwoYears) -> None:
    assert tree_id(two_years.repo, Y) == two_years.tree_first


def _rcoi(repo: Path, version: str) -> str:
    html = git(repo, "show", f"gh-pages:{version}/exhibit-1-01/rcoi/index.html")
    return main_text(html).text


def test_each_version_states_its_own_year_and_count(two_years: TwoYears) -> None:
    repo = two_years.repo
    assert f" {FILED_ROWS} " in _rcoi(repo, Y) and f" {two_years.rows_new} " not in _rcoi(repo, Y)
    assert f" {two_years.rows_new} " in _rcoi(repo, NEW)
    cover = main_text(git(repo, "show", f"gh-pages:{NEW}/index.html")).text
    assert f"December 31, {NEW}" in cover and f"December 31, {Y}" not in cover


def test_pages_carry_materials_version_selector(two_years: TwoYears) -> None:
    html = git(two_years.repo, "show", f"gh-pages:{NEW}/index.html")
    assert '"version": {"default": "latest", "provider": "mike"}' in html


def test_republishing_the_older_year_keeps_latest_on_the_newest(two_years: TwoYears) -> None:
    repo = two_years.repo
    assert cmrkit("publish", Y, "--repo", str(repo)) == 0
    listed = {v["version"]: v["aliases"] for v in versions(repo)}
    assert listed == {NEW: ["latest"], Y: []}
    assert tree_id(repo, Y) == two_years.tree_first  # same sources, same pages


def test_year_over_year_page_lists_what_the_new_year_changed(two_years: TwoYears) -> None:
    html = git(two_years.repo, "show", f"gh-pages:{NEW}/year-over-year/index.html")
    text = main_text(html)
    removed = [row[1] for row in text.tables["yoy-removed"][1:]]
    added = [row[1] for row in text.tables["yoy-added"][1:]]
    assert removed == [row[2] for row in two_years.dropped]
    assert added == [two_years.added[2]]
    years = {row[0] for row in text.tables["yoy-counts"][1:]}
    assert {Y, NEW} <= years
    assert "<svg" in html and "<desc" in html


def test_publishing_with_push_and_no_remote_fails_cleanly(two_years: TwoYears, capsys) -> None:
    assert cmrkit("publish", NEW, "--push", "--repo", str(two_years.repo)) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error:") and "Traceback" not in err


@dataclass(frozen=True)
class Served:
    root: Path  # the site branch's files
    url: str  # where they are served, without the final slash


@pytest.fixture
def served(two_years: TwoYears, tmp_path: Path) -> Iterator[Served]:
    """The site branch's files served over HTTP (the selector fetches versions.json)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"], cwd=two_years.repo, capture_output=True,
        check=True,
    )  # fmt: skip
    root = tmp_path / "served"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="fully_trusted")  # our own branch; keeps the `latest` link
    with serve(root) as url:
        yield Served(root, url.rstrip("/"))


def test_the_version_selector_switches_between_years(served: Served, chromium) -> None:
    page = chromium.new_page()
    try:
        page.goto(served.url + "/")  # redirects to latest/
        page.wait_for_selector(".md-version__current")
        assert page.inner_text(".md-version__current").strip().startswith(NEW)
        links = page.locator(".md-version__link")
        assert sorted(t.strip() for t in links.all_inner_texts() if t.strip()) == sorted([Y, NEW])
        choose_version(page, Y)
        page.wait_for_url(re.compile(rf".*/{Y}/$"))
        page.wait_for_selector(".md-version__current")
        assert page.inner_text(".md-version__current").strip().startswith(Y)
        assert f"December 31, {Y}" in page.inner_text(".md-content")
    finally:
        page.close()


def test_the_version_selector_keeps_the_readers_page_without_the_sites_address(
    two_years: TwoYears, served: Served, chromium
) -> None:
    """No year here gives the site's address (facts `urls.site`), so no sitemap names a page
    (tests/browser/test_versions.py publishes years that give it): the selector opens the same
    page in the chosen year all the same, from the `latest` alias or a year's own folder, and the
    chosen year's front page when it has no such page."""
    data = two_years.repo / "data"
    assert not any(load_year(data, int(year)).facts.urls.site for year in (Y, NEW))
    assert "<loc>" not in (served.root / Y / "sitemap.xml").read_text(encoding="utf-8")
    only_new = page_only_in(served.root, NEW, "exhibit-1-01/rcoi/")
    page = chromium.new_page()
    try:
        for start, year, lands in (
            ("/latest/exhibit-1-01/rcoi/", Y, f"/{Y}/exhibit-1-01/rcoi/"),
            (f"/{Y}/exhibit-1-01/findings/#top", NEW, f"/{NEW}/exhibit-1-01/findings/#top"),
            ("/latest/year-over-year/", Y, f"/{Y}/year-over-year/"),
            (f"/{NEW}/{only_new}", Y, f"/{Y}/"),
        ):
            page.goto(served.url + start)
            choose_version(page, year)
            page.wait_for_url(served.url + lands)
            page.wait_for_selector(".md-version__current")
            assert page.inner_text(".md-version__current").strip().startswith(year), start
    finally:
        page.close()
