"""Reading a built site the way the public reads it: pages in navigation order, their text."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import yaml_load

from cmrkit.render.htmltext import PageText
from cmrkit.website.snapshot import main_text


def nav_files(nav: list) -> list[str]:
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files.extend(nav_files(value))
        else:
            files.append(value)
    return files


def html_path(site: Path, markdown: str) -> Path:
    """Where MkDocs (with directory URLs) writes the page of a Markdown file."""
    stem = markdown.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def site_pages(site: Path) -> list[tuple[str, PageText]]:
    """(Markdown file, its rendered text) for every page, in navigation order."""
    with open(site.parent / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    return [
        (md, main_text(html_path(site, md).read_text(encoding="utf-8")))
        for md in nav_files(config["nav"])
    ]


def site_text(site: Path) -> str:
    return " ".join(page.text for _, page in site_pages(site))


def annex_rows(site: Path) -> list[tuple[str, ...]]:
    """The body rows of the Annex table (its header row dropped)."""
    for _, page in site_pages(site):
        if "annex-i" in page.tables:
            return page.tables["annex-i"][1:]
    raise AssertionError("no table with id 'annex-i' in the site")
