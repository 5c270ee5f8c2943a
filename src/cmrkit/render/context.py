"""What a page template sees: the year's variables and the filters that write figures as words.

Shared by every renderer of the pages (the MkDocs site through `macros/`, the EDGAR export), so
the same Markdown says the same thing wherever it is rendered. Renderers add their own macros for
what differs by medium, such as the Annex table."""

from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateSyntaxError
from markupsafe import Markup

from cmrkit.render import words
from cmrkit.year.facts import DateNotGiven
from cmrkit.year.report import YearReport

FILTERS: dict[str, Callable[..., str]] = {
    "words": words.number_words,
    "count_noun": words.count_noun,
    "is_are": words.is_are,
    "long_date": words.long_date,
    "month_day": words.month_day,
    "percent": words.percent,
    "cmrt_scopes": words.cmrt_scopes,
}


# Characters that mean something to HTML or to Markdown (with the extensions the pages use:
# attr_list's braces, tables' pipes, admonitions' `!!!`), and those that start a block at the
# beginning of a line (a list, a heading, a quote, a rule).
_ALWAYS = frozenset("&<>\"'`*_[]{}#|\\!")
_AT_LINE_START = re.compile(r"(?m)^([ \t]*)([-+=>]|\d+[.)])")


def as_text(value: object) -> Markup:
    """A value from data written into a page so that every reader, and every parser on the way
    (Jinja, Markdown, the browser, the EDGAR reducer), takes it as text: each character that
    could be markup becomes a numeric character reference, which every one of them shows as the
    character itself. A company named `<b>Acme</b>` is shown as that, never in bold."""
    text = str(value)
    text = "".join(f"&#{ord(c)};" if c in _ALWAYS else c for c in text)
    text = _AT_LINE_START.sub(
        lambda m: m.group(1) + m.group(2)[:-1] + f"&#{ord(m.group(2)[-1])};", text
    )
    return Markup(text.replace("\r\n", "\n").replace("\n", "&#10;"))


def shown(value: object) -> object:
    """What a page prints for a value: a value nobody gave is the same FILL blank the filters
    print for it, so a figure or date used bare (`{{ figures.suppliers_answering }}`, `{{
    facts.filing.signed }}`) reads as a blank to fill, never as "None" or as nothing, and
    `cmrkit check` names it: a figure (None: the number of suppliers asked before it is given)
    as `words` and `percent` print it, a date (`DATE_NOT_GIVEN`) as `long_date` does. Every
    renderer of the pages prints through here (the site's and the EDGAR export's `finalize`, the
    checks' trace)."""
    if value is None:
        return words.NOT_GIVEN
    if isinstance(value, DateNotGiven):
        return words.NOT_DATED
    return value


def finalize(value: object) -> object:
    """Jinja's last step for every `{{ ... }}` of a page: data becomes text (`as_text`); only
    what a macro of the engine built as markup (Markup) goes through as markup."""
    if hasattr(value, "__html__"):
        return value
    return as_text(shown(value))


def trusted(function: Callable[..., str]) -> Callable[..., Markup]:
    """A page macro's result is markup the engine built (escaping its data itself)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Markup:
        return Markup(function(*args, **kwargs))

    return wrapper


def variables(report: YearReport) -> dict[str, Any]:
    return {
        "report": report,
        "facts": report.facts.tree,  # the file's facts, as the pages name them
        "figures": report.figures,
        "year": report.year,
    }


# The macros pages may call. Every renderer of the pages provides the first group its own way
# (the site as HTML, EDGAR as HTML 3.2, the checks as plain text); the second group are extras of
# the public site, not part of the filed text, and render as nothing anywhere else. A new macro
# is named here once, so no renderer can miss it.
FILED_MACROS = ("annex_table", "footnote_anchor", "checkbox")
SITE_ONLY_MACROS = (
    "annex_summary",
    "annex_downloads",
    "annex_charts",
    "edgar_documents",
    "year_over_year",
)


def _nothing(*_args: object, **_kwargs: object) -> str:
    return ""


def page_macros(filed: dict[str, Callable[..., str]]) -> dict[str, Callable[..., str]]:
    """A renderer's macros: its own for the filed content, nothing for the site's extras."""
    missing = [name for name in FILED_MACROS if name not in filed]
    unknown = [name for name in filed if name not in FILED_MACROS + SITE_ONLY_MACROS]
    if missing or unknown:
        raise ValueError(f"page macros: missing {missing}, not declared in context {unknown}")
    macros = {**dict.fromkeys(SITE_ONLY_MACROS, _nothing), **filed}
    return {name: trusted(function) for name, function in macros.items()}


def template_line(error: BaseException) -> int | None:
    """The line of the page where rendering failed, from the template's frame in the traceback."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line
