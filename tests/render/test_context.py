"""The template context every renderer shares: one list of page macros, no renderer left out."""

from __future__ import annotations

import re

import jinja2
import pytest

from cmrkit.render import context
from tests.support.project import REPO


def test_a_renderer_must_provide_every_filed_macro() -> None:
    with pytest.raises(ValueError, match="missing"):
        context.page_macros({"annex_table": str})


def test_an_undeclared_macro_is_refused() -> None:
    filed = dict.fromkeys(context.FILED_MACROS, str)
    with pytest.raises(ValueError, match="not declared"):
        context.page_macros({**filed, "new_thing": str})


def test_site_extras_render_as_nothing_elsewhere() -> None:
    macros = context.page_macros(dict.fromkeys(context.FILED_MACROS, lambda *a: "x"))
    assert all(macros[name]("title") == "" for name in context.SITE_ONLY_MACROS)
    assert all(macros[name]() == "x" for name in context.FILED_MACROS)


def test_every_macro_the_pages_call_is_declared() -> None:
    called = set()
    for page in (REPO / "docs").rglob("*.md"):
        for expression in re.findall(r"\{\{(.*?)\}\}", page.read_text(encoding="utf-8"), re.S):
            called.update(re.findall(r"(?<![\w.|])(?<!\| )([a-z_]+)\(", expression))
    declared = set(context.FILED_MACROS + context.SITE_ONLY_MACROS)
    assert called, "no macro call found: the scan is broken"
    assert called <= declared, called - declared


def test_template_line_points_at_the_failing_line() -> None:
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        "one\ntwo\n{{ missing.value }}\n"
    )
    with pytest.raises(jinja2.UndefinedError) as caught:
        template.render()
    assert context.template_line(caught.value) == 3
