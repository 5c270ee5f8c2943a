"""The site's pages rendered without MkDocs: the same Markdown files in the same nav order, the same
template variables and filters, the same Markdown extensions. Each renderer supplies its own macros
for what differs by medium (the Annex table, links), so the words cannot drift apart."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import markdown
import yaml

from cmrkit.errors import DataError, Location
from cmrkit.render import context
from cmrkit.year.report import YearReport

# The extensions mkdocs.yml enables, minus the site-only permalinks.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "toc")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` resolves, other tags read as None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
        for name in names[:-1]:
            if name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    return os.environ.get(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataError(Location(path), "no such file (the site configuration with the nav)")
    with open(path, encoding="utf-8") as handle:
        try:
            config = yaml.load(handle, Loader=_ConfigLoader)
        except yaml.YAMLError as exc:
            raise DataError(Location(path), f"not valid YAML: {exc}") from None
    if not isinstance(config, dict) or not isinstance(config.get("nav"), list):
        raise DataError(Location(path), "no 'nav' list: the page order comes from it")
    return config


def nav_pages(nav: Iterable[Any]) -> list[str]:
    """The Markdown files of a MkDocs nav, flattened in reading order."""
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files.extend(nav_pages(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def page_source(docs_dir: Path, page: str) -> str:
    """A page's Markdown with its front matter blanked, so line numbers stay those of the file."""
    path = docs_dir / page
    if not path.is_file():
        raise DataError(Location(path), "page listed in the nav is missing")
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match:
        text = "\n" * match.group(0).count("\n") + text[match.end() :]
    return text


def render_template(
    source: str, report: YearReport, macros: dict[str, Callable[..., str]], where: Path
) -> str:
    """The page's Markdown with every `{{ ... }}` filled from data; a bad template names its
    line."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(context.FILTERS)
    try:
        return env.from_string(source).render(**context.variables(report), **macros)
    except Exception as exc:  # any template failure is a user error in a page
        raise DataError(
            Location(where, context.template_line(exc)), f"page template: {exc}"
        ) from None


def markdown_html(text: str) -> str:
    return markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS))
