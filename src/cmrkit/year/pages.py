"""A year's own pages (`docs/<year>/`) and their reading order (`docs/<year>/nav.yml`).

Each reporting year owns its narrative: a later year's edits live in its own folder, so they can
never change what a filed year renders. The navigation is the year's too, because a year may add,
drop, reorder or rename sections. The format is MkDocs's `nav` list, with paths relative to the
year's folder, so the site generator, the EDGAR export and the checks read one and the same list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, Location
from cmrkit.files.project import year_folder, year_folders
from cmrkit.files.yamlio import YamlDoc, load_yaml

NAV_FILE = "nav.yml"


@dataclass(frozen=True)
class YearPages:
    year: int
    folder: Path  # docs/<year>
    nav: list[Any]  # MkDocs nav entries, paths relative to `folder`

    @property
    def files(self) -> list[str]:
        """The Markdown files of the nav, in reading order (relative to `folder`)."""
        return nav_files(self.nav)

    @property
    def nav_path(self) -> Path:
        return self.folder / NAV_FILE


def pages_dir(docs_dir: Path, year: int) -> Path:
    """`docs/<year>/` of a pages folder (the layout is files.project's)."""
    return year_folder(docs_dir, year)


def years_with_pages(docs_dir: Path) -> list[int]:
    return year_folders(docs_dir)


def site_path(path: str, year: int) -> str | None:
    """Where a file of the docs folder (`path` relative to it) lands in `year`'s site: a shared
    file (outside every year's folder) where it is, one of the year's own pages or files at the
    root (`2023/exhibit-1-01/rcoi.md` is `exhibit-1-01/rcoi.md`), and another year's file or the
    year's `nav.yml` nowhere (None)."""
    top, _, rest = path.partition("/")
    if not (len(top) == 4 and top.isdigit() and rest):
        return path
    return rest if top == str(year) and rest != NAV_FILE else None


def nav_files(nav: Iterable[Any]) -> list[str]:
    """The Markdown files of a nav list, flattened in reading order."""
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files.extend(nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def _check_nav(doc: YamlDoc, nav: Any, key: tuple[str | int, ...], folder: Path) -> None:
    if not isinstance(nav, list) or not nav:
        raise DataError(doc.where(key), "the navigation must be a non-empty list of pages")
    for index, entry in enumerate(nav):
        here = (*key, index)
        if isinstance(entry, dict) and len(entry) == 1:
            title, value = next(iter(entry.items()))
            if not isinstance(title, str) or not title.strip():
                raise DataError(doc.where(here), "a navigation title must be text")
            if isinstance(value, list):
                _check_nav(doc, value, (*here, title), folder)
                continue
        elif isinstance(entry, str):
            value = entry
        else:
            raise DataError(doc.where(here), "expected 'Title: page.md' or a section with a list")
        if not isinstance(value, str) or not value.endswith(".md"):
            raise DataError(doc.where(here), f"'{value}' is not a Markdown page (.md)")
        if value.startswith(("/", "..")) or "\\" in value:
            raise DataError(doc.where(here), f"'{value}' must be a path inside {folder.name}/")
        if not (folder / value).is_file():
            raise DataError(
                doc.where(here), f"page '{value}' is listed but {folder / value} is missing"
            )


def load_pages(docs_dir: Path, year: int) -> YearPages:
    """The year's pages and navigation; a missing folder, nav or page names the file and line."""
    folder = pages_dir(docs_dir, year)
    if not folder.is_dir():
        known = ", ".join(map(str, years_with_pages(docs_dir))) or "none"
        raise DataError(
            Location(folder),
            f"no pages for {year} (years with pages: {known}); `cmrkit new-year` makes them",
        )
    doc = load_yaml(folder / NAV_FILE)
    _check_nav(doc, doc.data, (), folder)
    return YearPages(year, folder, doc.data)
