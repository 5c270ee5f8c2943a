"""Reading a built site the way the public reads it: pages in navigation order, their text."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import yaml_load

from cmrkit.render.htmltext import PageText
from cmrkit.website.snapshot import main_text
from cmrkit.year.pages import load_pages, nav_files


def html_path(site: Path, markdown: str) -> Path:
    """Where MkDocs (with directory URLs) writes the page of a Markdown file."""
    stem = markdown.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def report_files(project: Path, year: int) -> list[str]:
    """The year's own pages (its report), in its navigation order."""
    return load_pages(project / "docs", year).files


def nav_markdown(project: Path, year: int) -> list[str]:
    """Every page of a year's site in navigation order: the year's own, then the shared ones."""
    with open(project / "mkdocs.yml", encoding="utf-8") as handle:
        shared = yaml_load(handle).get("nav") or []
    return [*report_files(project, year), *nav_files(shared)]


def site_pages(site: Path, year: int, report_only: bool = False) -> list[tuple[str, PageText]]:
    """(Markdown file, its rendered text) for every page, in navigation order; only the year's
    report pages when `report_only`. The project is the folder the site was built in."""
    files = report_files(site.parent, year) if report_only else nav_markdown(site.parent, year)
    return [(md, main_text(html_path(site, md).read_text(encoding="utf-8"))) for md in files]


def site_text(site: Path, year: int, report_only: bool = False) -> str:
    return " ".join(page.text for _, page in site_pages(site, year, report_only))


def annex_rows(site: Path, year: int, table: str = "annex-i") -> list[tuple[str, ...]]:
    """The body rows of the Annex table (its header row dropped)."""
    for _, page in site_pages(site, year):
        if table in page.tables:
            return page.tables[table][1:]
    raise AssertionError(f"no table with id '{table}' in the site")
