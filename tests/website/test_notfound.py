"""The site's root 404 page: the newest report first, every year, links from the site's address;
committed to the site branch without a checkout, and only when it changed."""

from __future__ import annotations

from pathlib import Path

from cmrkit.website.notfound import commit_root_file, not_found_html
from tests.support.gitrepo import git

VERSIONS = [
    {"version": "2025", "title": "2025 (draft)", "aliases": []},
    {"version": "2024", "title": "2024", "aliases": ["latest"]},
    {"version": "2023", "title": "2023", "aliases": []},
]


def test_the_page_offers_the_newest_report_and_every_year() -> None:
    html = not_found_html(VERSIONS, "latest", "https://example.com/cmr", "Example & Co")
    newest = html.index('The newest report is the <a href="https://example.com/cmr/2024/">')
    listed = [html.index(f'href="https://example.com/cmr/{y}/">') for y in ("2025", "2023")]
    assert newest < min(listed)
    assert "Example &amp; Co" in html and "<script" not in html
    assert '<html lang="en">' in html


def test_without_the_sites_address_links_start_at_the_root() -> None:
    html = not_found_html(VERSIONS, "latest", None, "Example")
    assert '<a href="/2024/">' in html


def test_the_page_is_committed_once(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.invalid")
    (repo / "index.html").write_text("root", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "site")
    git(repo, "branch", "gh-pages")
    assert commit_root_file(repo, "gh-pages", "404.html", "missing", "404 page")
    assert not commit_root_file(repo, "gh-pages", "404.html", "missing", "404 page")
    assert git(repo, "show", "gh-pages:404.html") == "missing"
    assert git(repo, "show", "gh-pages:index.html") == "root"
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "2"
