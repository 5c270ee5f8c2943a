"""MkDocs glue: exposes the cmrkit engine's results to the pages as variables, filters and macros.

Kept thin on purpose: everything computed lives in the engine, so moving off MkDocs/Material
(end of life May 2027) means rewriting this file only."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError

from cmrkit.edgar import render as edgar
from cmrkit.errors import CmrkitError
from cmrkit.render import charts, context, yoy_page
from cmrkit.render import downloads as export
from cmrkit.website import page_errors as errors
from cmrkit.website import tables
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year


def define_env(env) -> None:  # env: the macros plugin itself
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
    env.conf["site_name"] = f"{facts['registrant']['name']} {report.year} Conflict Minerals Report"
    env.variables.update(context.variables(report))
    env.filters.update(context.FILTERS)

    def annex_downloads(title: str) -> str:
        # The files go next to the page that links them, so the relative links hold anywhere.
        _DOWNLOADS["dirs"].add(Path(env.page.file.dest_path).parent)
        return tables.annex_downloads(report, title)

    _DOWNLOADS.update(report=report, dirs=set())
    # Year-over-year page: earlier years are loaded only if the page asks.
    yoy_view = cache(lambda: yoy_page.year_over_year(report))

    site_macros = {
        "checkbox": tables.checkbox,
        "annex_table": lambda: tables.annex_table(report),
        "annex_summary": lambda title: tables.annex_summary(report, title),
        "footnote_anchor": lambda marker: tables.footnote_anchor(report, marker),
        "edgar_documents": lambda: edgar.links_html(env.page.url if env.page else ""),
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
        env.macro(function, name=name)


_DOWNLOADS: dict = {"report": None, "dirs": set()}


def on_post_build(env) -> None:
    """Writes the year's EDGAR documents into the built site, where the Form SD page links them,
    and the Annex CSV and XLSX beside each page that called `annex_downloads()`."""
    report = env.variables["report"]
    out_dir = Path(env.conf["site_dir"]) / edgar.SITE_FOLDER
    try:
        year_pages = load_pages(Path(env.conf["docs_dir"]), report.year)
        edgar.write_filing(report, year_pages, out_dir)
    except CmrkitError as exc:
        raise PluginError(f"cmrkit: EDGAR export:\n{exc}") from None
    site_dir = Path(env.conf["site_dir"])
    for folder in _DOWNLOADS["dirs"]:
        export.write_annex_files(_DOWNLOADS["report"], site_dir / folder)
