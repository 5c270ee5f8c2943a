"""MkDocs glue: exposes the cmrkit engine's results to the pages as variables, filters and macros.

Kept thin on purpose: everything computed lives in the engine, so moving off MkDocs/Material
(end of life May 2027) means rewriting this file only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError

from cmrkit.edgar import render as edgar
from cmrkit.errors import CmrkitError
from cmrkit.render import charts, context, notice, yoy_page
from cmrkit.render import downloads as export
from cmrkit.website import page_errors as errors
from cmrkit.website import search, tables
from cmrkit.website.publish import LATEST
from cmrkit.year.facts import Facts
from cmrkit.year.pages import load_pages
from cmrkit.year.report import YearReport, load_year

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:  # env: the macros plugin itself
    extra = env.conf["extra"]
    project_dir = Path(env.conf["config_file_path"]).parent
    errors.install(project_dir)
    data_dir = project_dir / extra.get("data_dir", "data")
    try:
        report = load_year(data_dir, extra["report_year"])
    except CmrkitError as exc:
        message = str(exc).replace(f"{project_dir}/", "")
        raise PluginError(f"cmrkit: bad data:\n{message}") from None

    facts = report.facts
    # A draft year shows a banner on every page (overrides/main.html).
    extra["draft"] = not report.is_filed
    # The theme prints site_name as it is in the header and every title, and escapes it only
    # where it is not already markup: escaped once here, it is text everywhere.
    env.conf["site_name"] = escape(
        f"{facts.registrant.name} {report.year} Conflict Minerals Report"
    )
    # Every `{{ ... }}` of a page writes data as text (`context.finalize`); only the macros write
    # the engine's markup. The plugin makes its Jinja environment after this function, so the
    # setting is made before each page is rendered.
    env.pre_macro_functions.append(_data_as_text)
    env.conf["site_author"] = escape(facts.registrant.name)  # printed raw in <meta>
    # For the theme's head: what a print of the report names in its title and running header.
    exhibit = facts.form.exhibit
    extra["cmrkit_book"] = {
        "title": env.conf["site_name"],
        "report": "Form SD and Conflict Minerals Report"
        + (f" (Exhibit {exhibit})" if exhibit else ""),
        "year": report.year,
    }
    # Each year is published as its own version at <site>/<year>/ (mike): its pages' canonical
    # links and its sitemap name that address, so the version selector can keep the reader on
    # the same page. Without the fact the build has no site_url (no canonical link, no sitemap).
    site = site_url(facts, report.year)
    if site:
        env.conf["site_url"] = site
    # For the theme (overrides/main.html): the banner Material shows on an earlier year.
    version_notice = notice.version_notice(report)
    extra["cmrkit_notice"] = {
        "text": version_notice.text,
        "newest_lead": version_notice.newest_lead,
        "latest_alias": LATEST,
    }
    env.variables.update(context.variables(report))
    env.filters.update(context.FILTERS)

    def annex_downloads(title: str) -> str:
        # The files go next to the page that links them, so the relative links hold anywhere.
        _DOWNLOADS.dirs.add(Path(env.page.file.dest_path).parent)
        return tables.annex_downloads(report, title)

    def annex_table() -> str:
        # Remembered so that the search index can point at the table's rows (on_post_build).
        _DOWNLOADS.annex_pages.add(env.page.url if env.page else "")
        return tables.annex_table(report)

    _DOWNLOADS.dirs, _DOWNLOADS.annex_pages = set(), set()
    # Year-over-year page: earlier years are loaded only if the page asks.
    yoy_view = cache(lambda: yoy_page.year_over_year(report))

    site_macros: dict[str, Callable[..., str]] = {
        "checkbox": tables.checkbox,
        "annex_table": annex_table,
        "annex_summary": lambda title: tables.annex_summary(report, title),
        "footnote_anchor": lambda marker: tables.footnote_anchor(report, marker),
        "edgar_documents": lambda: edgar.documents_note(env.page.url if env.page else "", report),
        "annex_charts": lambda title: charts.annex_charts(report, title),
        "annex_downloads": annex_downloads,
        "year_over_year": lambda name: yoy_page.section(yoy_view(), name),
    }
    # Other renderers of the pages (EDGAR, checks) know the macros from cmrkit.render.context only.
    declared = set(context.FILED_MACROS + context.SITE_ONLY_MACROS)
    if set(site_macros) != declared:
        raise PluginError(
            "macros/__init__.py and cmrkit.render.context disagree on the page macros: "
            f"{sorted(set(site_macros) ^ declared)}"
        )
    for name, function in site_macros.items():
        env.macro(context.trusted(function), name=name)


def _data_as_text(env: MacrosPlugin) -> None:
    env.env.finalize = context.finalize


def site_url(facts: Facts, year: int) -> str | None:
    site = facts.urls.site
    return f"{site.rstrip('/')}/{year}/" if site else None


@dataclass
class _Downloads:
    """What the pages of the build asked for, written once the site is built."""

    dirs: set[Path] = field(default_factory=set)  # the folders of pages that link the files
    annex_pages: set[str] = field(default_factory=set)  # the pages showing the Annex table


_DOWNLOADS = _Downloads()


def on_post_build(env: MacrosPlugin) -> None:
    """Writes the year's EDGAR documents into the built site, where the Form SD page links them,
    the Annex CSV and XLSX beside each page that called `annex_downloads()`, and one search entry
    per Annex row (Material's search plugin, listed before macros, has written its index)."""
    report: YearReport = env.variables["report"]  # the year `define_env` loaded
    out_dir = Path(env.conf["site_dir"]) / edgar.SITE_FOLDER
    try:
        year_pages = load_pages(Path(env.conf["docs_dir"]), report.year)
        edgar.write_filing(report, year_pages, out_dir)
    except CmrkitError as exc:
        raise PluginError(f"cmrkit: EDGAR export:\n{exc}") from None
    site_dir = Path(env.conf["site_dir"])
    notes = edgar.annex_footnote_texts(report, year_pages) if _DOWNLOADS.dirs else {}
    for folder in _DOWNLOADS.dirs:
        export.write_annex_files(report, site_dir / folder, notes)
    for location in sorted(_DOWNLOADS.annex_pages):
        rows = search.annex_documents(report.annex, location, tables.annex_row_id)
        try:
            search.add_documents(site_dir, rows)
        except CmrkitError as exc:
            raise PluginError(f"cmrkit: search index:\n{exc}") from None
