"""The site's glue comes from cmrkit (cmrkit.website.served): every year's built site serves
cmrkit's scripts, styles, theme overrides and shared pages although the repository holds no copy,
and a repository's own copy of one of them replaces that one only."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.website.served import SHARED_PAGES, THEME, files, served_file, theme_assets
from tests.support.project import REPO, build, copy_project, own_copy

ASSETS = sorted(theme_assets(REPO / "docs"))
MARK = "own-copy-of-the-repository"


def test_the_repository_keeps_no_copy_of_what_cmrkit_serves() -> None:
    served = [*files(THEME), *files(SHARED_PAGES)]
    assert len(served) >= 7, served
    for name in served:
        assert not (REPO / "docs" / name).exists() and not (REPO / "overrides" / name).exists()


def test_every_year_serves_cmrkits_scripts_styles_theme_and_pages(built_site: Path) -> None:
    assert ASSETS, "cmrkit serves no script or style"
    for name in ASSETS:
        assert (built_site / name).read_bytes() == served_file(name).read_bytes(), name
    # The theme's main.html (its print metadata in every page's head) and the shared page.
    assert '<meta name="cmrkit:title"' in (built_site / "index.html").read_text(encoding="utf-8")
    yoy = (built_site / "year-over-year" / "index.html").read_text(encoding="utf-8")
    assert "Not part of the filed report" in yoy


@pytest.fixture(scope="module")
def own_copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with its own main.html, annex.js and year-over-year page, built."""
    project = copy_project(tmp_path_factory.mktemp("own-copies"))
    template = own_copy(project, "main.html")
    text = template.read_text(encoding="utf-8")
    assert "{% block extrahead %}" in text
    template.write_text(
        text.replace("{% block extrahead %}", f'{{% block extrahead %}}<meta name="{MARK}">'),
        encoding="utf-8",
    )
    script = own_copy(project, "assets/annex.js")
    script.write_text(script.read_text(encoding="utf-8") + f"\n// {MARK}\n", encoding="utf-8")
    page = own_copy(project, "year-over-year.md")
    page.write_text(f"# Year over year\n\n{MARK}\n", encoding="utf-8")
    result = build(project, site_dir=project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_repositorys_own_copy_replaces_cmrkits_and_only_it(own_copies: Path) -> None:
    assert f'<meta name="{MARK}">' in (own_copies / "index.html").read_text(encoding="utf-8")
    assert MARK in (own_copies / "assets" / "annex.js").read_text(encoding="utf-8")
    yoy = (own_copies / "year-over-year" / "index.html").read_text(encoding="utf-8")
    assert MARK in yoy and "Not part of the filed report" not in yoy
    for name in ASSETS:
        if name != "assets/annex.js":
            assert (own_copies / name).read_bytes() == served_file(name).read_bytes(), name
