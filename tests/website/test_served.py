"""The site's glue served from the package (cmrkit.website.served, used by the hooks): where the
theme folder goes in the theme's search path, which copy of a file wins, where a shared page is
listed, and the redirect page mike is handed. No site is built here (tests/builds does)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from cmrkit.website import hooks
from cmrkit.website.served import (
    SHARED_PAGES,
    THEME,
    own_copy_path,
    served_file,
    shared_pages,
    theme_dirs,
    theme_file,
    walk_key,
)
from tests.support.project import REPO


def test_the_package_serves_the_seven_files() -> None:
    names = ["assets/annex.js", "assets/site.js", "assets/annex.css", "assets/report.css"]
    names += ["main.html", "mike-redirect.html", "year-over-year.md"]
    for name in names:
        assert served_file(name).is_file(), name
    assert [own_copy_path(n) for n in ("main.html", "assets/site.js", "year-over-year.md")] == [
        "overrides/main.html",
        "docs/assets/site.js",
        "docs/year-over-year.md",
    ]
    with pytest.raises(KeyError):
        served_file("nothing.js")


def test_the_theme_folder_follows_the_repositorys_own_overrides(tmp_path: Path) -> None:
    theme = ["/material/templates", "/mkdocs/templates"]
    assert theme_dirs(tmp_path, theme, None) == [str(THEME), *theme]
    (tmp_path / "overrides").mkdir()
    own = str(tmp_path / "overrides")
    assert theme_dirs(tmp_path, theme, None) == [own, str(THEME), *theme]
    # mkdocs.yml's custom_dir comes first in MkDocs's list and stays first.
    assert theme_dirs(tmp_path, ["/custom", *theme], "/custom") == ["/custom", str(THEME), *theme]
    # Run twice (mike loads the config, then MkDocs builds), the folder is listed once.
    twice = theme_dirs(tmp_path, theme_dirs(tmp_path, theme, None), None)
    assert twice.count(str(THEME)) == 1
    # The first folder holding a template is the one the theme renders.
    assert theme_file("main.html", [own, str(THEME)]) == THEME / "main.html"
    (tmp_path / "overrides" / "main.html").write_text("mine")
    assert theme_file("main.html", [own, str(THEME)]) == tmp_path / "overrides" / "main.html"


def test_a_shared_page_the_site_has_is_not_served_again() -> None:
    assert shared_pages(set()) == {"year-over-year.md": SHARED_PAGES / "year-over-year.md"}
    assert shared_pages({"year-over-year.md", "index.md"}) == {}


def test_walk_key_orders_files_as_mkdocs_lists_a_docs_folder(tmp_path: Path) -> None:
    """A shared page goes where MkDocs would have listed it from the docs folder: the page
    order, and the search index a filed year records, stay as they were with the file there."""
    docs = tmp_path / "docs"
    names = [
        "year-over-year.md", "about.md", "index.md", "README.md", "zz.md", "2023/index.md",
        "2023/b.md", "2023/a/index.md", "2023/a/z.md", "assets/site.js", "A.md", "_x.md",
    ]  # fmt: skip
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    listed = [f.src_uri for f in get_files(load_config(str(tmp_path / "mkdocs.yml")))]
    assert sorted(listed, key=walk_key) == listed


def _config(project: Path) -> MkDocsConfig:
    config = load_config(str(project / "mkdocs.yml"))
    return hooks.on_config(config)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "data", "macros"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def test_the_hooks_give_the_theme_cmrkits_folder_and_mike_its_redirect_page(
    project: Path,
) -> None:
    config = _config(project)
    assert str(THEME) in config.theme.dirs
    assert config.plugins["mike"].config["redirect_template"] == str(THEME / "mike-redirect.html")


def test_a_repositorys_own_redirect_page_is_handed_to_mike(project: Path) -> None:
    own = project / "overrides" / "mike-redirect.html"
    own.parent.mkdir()
    own.write_text("<p>{{href}}</p>")
    config = _config(project)
    assert config.theme.dirs[:2] == [str(project / "overrides"), str(THEME)]
    assert config.plugins["mike"].config["redirect_template"] == str(own)
