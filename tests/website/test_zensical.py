"""The measured path off Material (`make site-zensical`, cmrkit.website.zensical): each year staged
as plain Markdown from the same pages and data, built with Zensical, and read as the fidelity
tests read the production site.

The staging and the config derivation, checked without a build; the builds themselves, every year
with Zensical and the comparison to what it found, are tests/builds/test_zensical_builds.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.structure.files import File

from cmrkit.errors import DataError
from cmrkit.website import zensical
from cmrkit.website.macros import site_settings
from cmrkit.website.served import served_file
from cmrkit.year.pages import load_pages, nav_files
from cmrkit.year.report import load_year
from tests.support.project import DATA, REPO

PAGE = "---\ntitle: A page\n---\n\n# {{ year }}\n\nFiled {{ facts.filing.signed | long_date }}.\n"


# --- staging and config, no build ---------------------------------------------------------------


def _docs(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def test_the_year_is_served_from_the_root_and_other_years_are_left_out(tmp_path: Path) -> None:
    docs = _docs(
        tmp_path,
        {
            "2023/index.md": "a",
            "2023/nav.yml": "- A: index.md",
            "2023/exhibit/page.md": "b",
            "2024/index.md": "c",
            "assets/site.js": "d",
            "shared.md": "e",
            ".hidden.md": "f",
        },
    )
    sources = zensical.site_sources(docs, 2023)
    own = {p: s.relative_to(docs).as_posix() for p, s in sources.items() if s.is_relative_to(docs)}
    assert own == {
        "index.md": "2023/index.md",
        "exhibit/page.md": "2023/exhibit/page.md",
        "assets/site.js": "assets/site.js",  # the repository's own copy wins over cmrkit's
        "shared.md": "shared.md",
    }
    # What the hooks serve from cmrkit, where the docs have no copy of their own.
    served = {p: s for p, s in sources.items() if p not in own}
    assert {"year-over-year.md", "assets/annex.js", "assets/report.css"} <= set(served)
    assert all(source == served_file(path) for path, source in served.items())


@pytest.mark.parametrize(
    ("shared", "own"),
    [("index.md", "2023/index.md"), ("about.md", "2023/about/index.md")],
    ids=["same file", "same address"],
)
def test_two_files_on_one_address_are_refused(tmp_path: Path, shared: str, own: str) -> None:
    docs = _docs(tmp_path, {shared: "a", own: "b"})
    with pytest.raises(DataError) as caught:
        zensical.site_sources(docs, 2023)
    message = str(caught.value)
    assert f"docs/{shared}" in message and f"docs/{own}" in message


def test_every_page_lands_where_mkdocs_puts_it(year: int) -> None:
    """The pages' addresses, read independently from MkDocs's own File with directory URLs."""
    pages = [*load_pages(REPO / "docs", year).files, "year-over-year.md", "a/index.md"]
    for page in pages:
        mkdocs_file = File(page, src_dir="docs", dest_dir="site", use_directory_urls=True)
        url = "" if mkdocs_file.url == "./" else mkdocs_file.url  # as MkDocs's Page.url gives it
        place = zensical.page_place(page)
        assert (place.url, place.dest_path) == (url, mkdocs_file.dest_uri), page


def test_a_page_is_rendered_from_data_with_its_front_matter_kept(tmp_path: Path, year: int) -> None:
    report = load_year(DATA, year)
    source = tmp_path / "page.md"
    rendered = zensical.render_page(PAGE, report, {}, source)
    assert rendered.startswith("---\ntitle: A page\n---\n\n# ")
    assert f"# {report.year}\n" in rendered
    assert "{{" not in rendered and "long_date" not in rendered


def test_a_template_error_names_the_file_and_its_line_counting_the_front_matter(
    tmp_path: Path, year: int
) -> None:
    report = load_year(DATA, year)
    source = tmp_path / "page.md"
    broken = PAGE + "\n{{ facts.no_such_fact }}\n"
    with pytest.raises(DataError) as caught:
        zensical.render_page(broken, report, {}, source)
    line = broken.split("\n").index("{{ facts.no_such_fact }}") + 1
    assert caught.value.location.path == source and caught.value.location.line == line


def test_staging_writes_every_page_as_plain_markdown(tmp_path: Path, year: int) -> None:
    staged = zensical.stage(REPO, year, tmp_path / "staged")
    docs = staged.root / "docs"
    assert set(load_pages(REPO / "docs", year).files) <= set(staged.pages)
    for page in staged.pages:
        text = (docs / page).read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, page
        source = zensical.site_sources(REPO / "docs", year)[page].read_text(encoding="utf-8")
        if source.startswith("---"):
            front = source[: source.index("\n---", 3) + 5]
            assert text.startswith(front), page
    assert not (docs / "nav.yml").exists()
    # What the pages asked the build to write beside them: the Annex files by the Annex page.
    assert staged.files.download_dirs


def test_the_config_is_mkdocs_yml_as_the_production_build_uses_it(
    tmp_path: Path, year: int
) -> None:
    staged = zensical.stage(REPO, year, tmp_path / "staged")
    written = yaml.safe_load(staged.config.read_text(encoding="utf-8"))
    original = zensical.read_config(REPO)
    settings = site_settings(load_year(DATA, year))
    assert "hooks" not in written
    names = [zensical._plugin_name(p) for p in written["plugins"]]
    assert "macros" not in names and "search" in names
    search = next(p["search"] for p in written["plugins"] if zensical._plugin_name(p) == "search")
    assert search == next(
        p["search"] for p in original["plugins"] if zensical._plugin_name(p) == "search"
    )
    year_nav = load_pages(REPO / "docs", year).nav
    assert written["nav"] == [*year_nav, *original["nav"]]
    assert nav_files(written["nav"])[: len(nav_files(year_nav))] == nav_files(year_nav)
    assert written["markdown_extensions"] == original["markdown_extensions"]
    assert written["extra_css"] == original["extra_css"]
    assert written["extra_javascript"] == original["extra_javascript"]
    # The theme's templates, cmrkit's or the repository's own, where the hook would find them.
    theme = {**original["theme"], "variant": "classic", "custom_dir": "overrides"}
    assert written["theme"] == theme
    assert (staged.root / "overrides" / "main.html").is_file()
    assert (staged.root / "overrides" / "mike-redirect.html").is_file()
    assert written["site_name"] == str(settings.site_name)
    assert written["extra"]["report_year"] == year
    assert written["extra"]["draft"] is settings.extra["draft"]
    assert written["extra"]["cmrkit_notice"] == settings.extra["cmrkit_notice"]
    assert (written["docs_dir"], written["site_dir"]) == ("docs", "site")


def test_a_link_to_a_missing_file_and_a_load_from_another_host_are_found(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("a { background: url(//cdn.example/x.png) }")
    (site / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/"><a href="page/">p</a>'
        '<a href="https://example.org/">x</a><a href="#top">t</a><a href="mailto:a@b.c">m</a>'
    )
    (site / "page" / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="../assets/app.js"></script><a href="../index.html">home</a>'
        '<a href="files/a.csv" download>a</a><img src="/assets/x.css">'
    )
    assert zensical.broken_links(site) == [
        "page/index.html: ../assets/app.js",
        "page/index.html: files/a.csv",
    ]
    assert zensical.third_party_loads(site) == [
        "assets/x.css: //cdn.example/x.png",
        "page/index.html: https://fonts.googleapis.com/css?family=Roboto",
    ]


def test_zensicals_report_of_a_failed_build_keeps_its_warnings_only() -> None:
    output = (
        "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n    ╭─[ a.md:3:1 ]\n"
        "1 issue found\nTraceback (most recent call last):\n  File ...\nRuntimeError: Aborted\n"
    )
    assert zensical.zensical_problems(output) == (
        "Build started\nWarning: page does not exist\n    ╭─[ a.md:3:1 ]\n1 issue found"
    )
