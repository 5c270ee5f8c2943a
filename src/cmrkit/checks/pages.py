"""The pages as the checks read them: each line of each nav page, as written and as rendered.

Rendering keeps lines where they are (front matter blanked, macros that render on one line, the
Annex table left out: the Annex is checked from data), so a finding names the line to edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cmrkit.render import context
from cmrkit.render import page_renderer as pages
from cmrkit.year.pages import YearPages
from cmrkit.year.report import YearReport

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


# What a template expression printed is enclosed in these private-use marks in `traced`, so the
# checks tell a number the data produced from one typed into the page.
PRODUCED_OPEN = "\ue001"
PRODUCED_CLOSE = "\ue002"


@dataclass(frozen=True)
class CheckedPage:
    path: Path  # the Markdown file
    written: tuple[str, ...]  # source lines with every template expression blanked
    rendered: tuple[str, ...]  # lines with templates filled from data
    traced: tuple[str, ...] = ()  # the same, each expression's output between the marks
    footnote_notes: tuple[str, ...] = ()  # markers whose note opens here (footnote_anchor)

    def lines(self) -> list[tuple[int, str]]:
        return list(enumerate(self.rendered, start=1))


def _mark(value: object) -> object:
    text = str(context.shown(value))  # a value nobody gave prints its blank, as on the site
    return f"{PRODUCED_OPEN}{text}{PRODUCED_CLOSE}" if text else text


def unmark(text: str) -> str:
    return text.replace(PRODUCED_OPEN, "").replace(PRODUCED_CLOSE, "")


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n") + " "


def check_macros(notes: list[str] | None = None) -> dict[str, Callable[..., str]]:
    """The page macros as the checks render them; `notes` collects each footnote marker whose
    note a page opens, so a marker printed in the Annex with no note anywhere is found."""

    def footnote_anchor(marker: object) -> str:
        if notes is not None:
            notes.append(str(marker))
        return str(marker)

    return context.page_macros(
        {
            "annex_table": lambda *args, **kwargs: "",
            "footnote_anchor": footnote_anchor,
            "checkbox": lambda checked: "[x]" if checked else "[ ]",
        }
    )


def load_pages(report: YearReport, year_pages: YearPages) -> list[CheckedPage]:
    result = []
    notes: list[str] = []
    macros = check_macros(notes)
    docs_dir = year_pages.folder
    for page in year_pages.files:
        path = docs_dir / page
        source = pages.page_source(docs_dir, page)
        opened = len(notes)
        traced = pages.render_template(source, report, macros, path, finalize=_mark)
        written = _TEMPLATE.sub(_blank, source)
        result.append(
            CheckedPage(
                path,
                tuple(written.split("\n")),
                tuple(unmark(traced).split("\n")),
                tuple(traced.split("\n")),
                tuple(notes[opened:]),
            )
        )
    return result
