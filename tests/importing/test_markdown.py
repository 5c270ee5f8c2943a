"""Filed text written as Markdown renders to exactly that text through the pages' templates
and Markdown extensions: nothing in a filed sentence becomes markup or a template."""

from __future__ import annotations

import html
import re

import jinja2
import pytest

from cmrkit.importing.markdown import escape
from cmrkit.render.page_renderer import markdown_html

TRICKY = [
    "Smith & Sons &amp; Co. &#8220;quoted&#8221;",
    "See <https://example.com> and <b>bold</b> and a < b > c",
    "Template {{ figures.total }} and {% if x %} and {# note #} and { .class } and {: #id }",
    "Names with *stars*, _underscores_, `ticks`, [brackets] and back\\slashes",
    "# not a heading",
    "- not a list item",
    "1. not a numbered list",
    "> not a quote",
    "+ plus, = equals",
    "Pipes | in | a line",
    "OOO “Technolom” and L’Orfebre, Ögussa, Peñoles",
]


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_renders_as_filed(text: str) -> None:
    source = escape(text)
    rendered = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source).render()
    out = markdown_html(rendered)
    assert out.startswith("<p>") and out.endswith("</p>"), out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_plain_text_stays_plain() -> None:
    assert escape("Smith & Sons < 5 {x}") == "Smith & Sons < 5 {x}"
