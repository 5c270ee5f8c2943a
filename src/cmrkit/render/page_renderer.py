"""A year's pages rendered without MkDocs: the same Markdown files in the same nav order, the same
template variables and filters, the same Markdown extensions. Each renderer supplies its own macros
for what differs by medium (the Annex table, links), so the words cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown

from cmrkit.errors import DataError, Location
from cmrkit.render import context
from cmrkit.year.report import YearReport

# The Markdown extensions every renderer of the pages uses: mkdocs.yml enables exactly these (its
# `toc` with site-only permalinks), which a test of every filer's repository checks
# (cmrkit.website.filer_tests), so the EDGAR export renders every construct the site renders.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "toc", "footnotes")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


def page_source(docs_dir: Path, page: str) -> str:
    """A page's Markdown with its front matter blanked, so line numbers stay those of the file."""
    path = docs_dir / page
    if not path.is_file():
        raise DataError(Location(path), "page listed in the nav is missing")
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    return "\n" * front.count("\n") + body


def split_front_matter(text: str) -> tuple[str, str]:
    """A page's front matter block with its `---` fences ("" when it has none), and the rest."""
    match = _FRONT_MATTER.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def render_template(
    source: str,
    report: YearReport,
    macros: dict[str, Callable[..., str]],
    where: Path,
    finalize: Callable[[object], object] | None = None,
) -> str:
    """The page's Markdown with every `{{ ... }}` filled from data; a bad template names its
    line. Data is written as text (`context.finalize`); another `finalize` sees each
    expression's value instead (the checks mark what data produced)."""
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        finalize=finalize or context.finalize,
    )
    env.filters.update(context.FILTERS)
    try:
        return env.from_string(source).render(**context.variables(report), **macros)
    except Exception as exc:  # any template failure is a user error in a page
        raise DataError(
            Location(where, context.template_line(exc)), f"page template: {exc}"
        ) from None


def markdown_html(text: str) -> str:
    return markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS))
