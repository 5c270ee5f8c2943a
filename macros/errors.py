"""One-line build errors for page templates: `docs/page.md, line 4: <problem>`.

mkdocs-macros prints a Markdown block with a Python traceback when a page's template fails; the
compliance team needs the file, the line and the problem. Its `format_error` is a single-dispatch
function, so registering a formatter for `Exception` replaces that output without patching it."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError

from cmrkit.render import context


def concise(error: BaseException, markdown: str, page) -> str:
    line = context.template_line(error)
    where = f"docs/{page.file.src_path}" + (f", line {line}" if line else "")
    kind = "template syntax error" if isinstance(error, TemplateSyntaxError) else "macro error"
    return f"{where}: {kind}: {error}"


def install() -> None:
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # another macros version: keep its own messages
        return
    format_error.register(Exception)(concise)
