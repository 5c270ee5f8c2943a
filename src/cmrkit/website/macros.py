"""MkDocs glue: exposes the cmrkit engine's results to the pages as variables, filters and macros.

Kept thin on purpose: everything computed lives in the engine, so moving off MkDocs/Material
(end of life May 2027) means rewriting this file only. What does not depend on mkdocs-macros (the
site's macros, the settings a year gives the theme, the files written beside the pages) is in
plain functions, which the measured Zensical build (`cmrkit.website.zensical`) calls too."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.exceptions import PluginError

from cmrkit.edgar import render as edgar
from cmrkit.errors import CmrkitError
from cmrkit.files.project import DATA, DOCS, Project
from cmrkit.render import charts, context, notice, yoy_page
from cmrkit.render import downloads as export
from cmrkit.website import page_errors as errors
from cmrkit.website import search, tables
from cmrkit.website.deploy import LATEST
from cmrkit.year.facts import Facts
from cmrkit.year.pages import load_pages
from cmrkit.year.report import YearReport, load_year

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


@dataclass(frozen=True)
class PagePlace:
    """Where the page being rendered lands in the built site (directory URLs)."""

    url: str  # "exhibit-1-01/annex-i/"
    dest_path: str  # "exhibit-1-01/annex-i/index.html"


@dataclass
class SiteFiles:
    """What the rendered pages asked the build to write beside them, once they are built."""

    report: YearReport
    download_dirs: set[Path] = field(default_factory=set)  # folders in the site (Annex files)
    annex_pages: set[str] = field(default_factory=set)  # URLs of pages showing the Annex table


@dataclass(frozen=True)
class SiteSettings:
    """The settings a year gives the site generator and the theme (on top of `mkdocs.yml`)."""

    site_name: str
    site_author: str
    site_url: str | None
    extra: dict[str, Any]  # merged into the config's `extra`


def site_settings(report: YearReport) -> SiteSettings:
    facts = report.facts
    # The theme prints site_name as it is in the header and every title, and escapes it only
    # where it is not already markup: escaped once here, it is text everywhere.
    name = escape(f"{facts.registrant.name} {report.year} Conflict Minerals Report")
    exhibit = facts.form.exhibit
    version_notice = notice.version_notice(report)
    extra = {
        # A draft year shows a banner on every page (cmrkit's theme main.html, website/theme/).
        "draft": not report.is_filed,
        # For the theme's head: what a print of the report names in its title and running header.
        "cmrkit_book": {
            "title": name,
            "report": "Form SD and Conflict Minerals Report"
            + (f" (Exhibit {exhibit})" if exhibit else ""),
            "year": report.year,
        },
        # For the theme (main.html, website/theme/): the banner Material shows on an earlier year.
        "cmrkit_notice": {
            "text": version_notice.text,
            "newest_lead": version_notice.newest_lead,
            "latest_alias": LATEST,
        },
    }
    return SiteSettings(
        site_name=name,
        site_author=escape(facts.registrant.name),  # printed raw in <meta>
        # Each year is published as its own version at <site>/<year>/ (mike): its pages'
        # canonical links and its sitemap name that address, so the version selector can keep
        # the reader on the same page. Without the fact: no canonical link, no sitemap.
        site_url=site_url(facts, report.year),
        extra=extra,
    )


def site_macros(
    report: YearReport, place: Callable[[], PagePlace], files: SiteFiles
) -> dict[str, Callable[..., Any]]:
    """The page macros of the public site; `place()` tells which page is being rendered, and
    `files` collects what the pages ask to be written beside them."""

    def annex_downloads(title: str) -> str:
        # The files go next to the page that links them, so the relative links hold anywhere.
        files.download_dirs.add(Path(place().dest_path).parent)
        return tables.annex_downloads(report, title)

    def annex_table() -> str:
        # Remembered so that the search index can point at the table's rows (on_post_build).
        files.annex_pages.add(place().url)
        return tables.annex_table(report)

    # Year-over-year page: earlier years are loaded only if the page asks.
    yoy_view = cache(lambda: yoy_page.year_over_year(report))

    macros: dict[str, Callable[..., str]] = {
        "checkbox": tables.checkbox,
        "annex_table": annex_table,
        "annex_summary": lambda title: tables.annex_summary(report, title),
        "footnote_anchor": lambda marker: tables.footnote_anchor(report, marker),
        "edgar_documents": lambda: edgar.documents_note(place().url, report),
        "annex_charts": lambda title: charts.annex_charts(report, title),
        "annex_downloads": annex_downloads,
        "year_over_year": lambda name: yoy_page.section(yoy_view(), name),
    }
    # Other renderers of the pages (EDGAR, checks) know the macros from cmrkit.render.context only.
    declared = set(context.FILED_MACROS + context.SITE_ONLY_MACROS)
    if set(macros) != declared:
        raise CmrkitError(
            "cmrkit.website.macros and cmrkit.render.context disagree on the page macros: "
            f"{sorted(set(macros) ^ declared)}"
        )
    return {name: context.trusted(function) for name, function in macros.items()}


def site_project(folder: Path, config: Mapping[str, Any]) -> Project:
    """The repository as its `mkdocs.yml` (read as `config`) lays it out: the pages in its
    `docs_dir`, the data in `extra.data_dir` (both relative to `folder`, the file's own)."""
    extra = config.get("extra") or {}
    data = folder / str(extra.get("data_dir") or DATA)
    return Project(folder, data, folder / str(config.get("docs_dir") or DOCS))


def define_env(env: MacrosPlugin) -> None:  # env: the macros plugin itself
    extra = env.conf["extra"]
    project_dir = Path(env.conf["config_file_path"]).parent
    errors.install(project_dir)
    project = site_project(project_dir, env.conf)
    try:
        report = load_year(project.data_dir, extra["report_year"])
    except CmrkitError as exc:
        message = str(exc).replace(f"{project_dir}/", "")
        raise PluginError(f"cmrkit: bad data:\n{message}") from None

    settings = site_settings(report)
    extra.update(settings.extra)
    env.conf["site_name"] = settings.site_name
    env.conf["site_author"] = settings.site_author
    if settings.site_url:
        env.conf["site_url"] = settings.site_url
    # Every `{{ ... }}` of a page writes data as text (`context.finalize`); only the macros write
    # the engine's markup. The plugin makes its Jinja environment after this function, so the
    # setting is made before each page is rendered.
    env.pre_macro_functions.append(_data_as_text)
    env.variables.update(context.variables(report))
    env.filters.update(context.FILTERS)

    def place() -> PagePlace:
        page = env.page
        return PagePlace(page.url, page.file.dest_path) if page else PagePlace("", "")

    _FILES[:] = [SiteFiles(report)]
    try:
        macros = site_macros(report, place, _FILES[0])
    except CmrkitError as exc:
        raise PluginError(str(exc)) from None
    for name, function in macros.items():
        env.macro(function, name=name)


def _data_as_text(env: MacrosPlugin) -> None:
    env.env.finalize = context.finalize


def site_url(facts: Facts, year: int) -> str | None:
    site = facts.urls.site
    return f"{site.rstrip('/')}/{year}/" if site else None


_FILES: list[SiteFiles] = []  # the build's, set by define_env


def write_site_files(files: SiteFiles, docs_dir: Path, site_dir: Path) -> None:
    """Writes the year's EDGAR documents into the built site, where the Form SD page links them,
    and the Annex CSV and XLSX beside each page that called `annex_downloads()`."""
    report = files.report
    year_pages = load_pages(docs_dir, report.year)
    edgar.write_filing(report, year_pages, site_dir / edgar.SITE_FOLDER)
    notes = edgar.annex_footnote_texts(report, year_pages) if files.download_dirs else {}
    for folder in files.download_dirs:
        export.write_annex_files(report, site_dir / folder, notes)


def on_post_build(env: MacrosPlugin) -> None:
    """The files the pages link (`write_site_files`), and one search entry per Annex row
    (Material's search plugin, listed before macros, has written its index)."""
    files = _FILES[0]
    site_dir = Path(env.conf["site_dir"])
    try:
        write_site_files(files, Path(env.conf["docs_dir"]), site_dir)
    except CmrkitError as exc:
        raise PluginError(f"cmrkit: EDGAR export:\n{exc}") from None
    for location in sorted(files.annex_pages):
        rows = search.annex_documents(files.report.printed_rows, location, tables.annex_row_id)
        try:
            search.add_documents(site_dir, rows)
        except CmrkitError as exc:
            raise PluginError(f"cmrkit: search index:\n{exc}") from None
