"""One-line build errors for page templates: `docs/page.md, line 4: <problem>`.

mkdocs-macros prints a Markdown block with a Python traceback when a page's template fails; the
compliance team needs the file, the line and the problem. Its `format_error` is a single-dispatch
function, so registering a formatter for `Exception` replaces that output without patching it."""

from __future__ import annotations

import traceback

from jinja2 import TemplateSyntaxError


def template_line(error: BaseException) -> int | None:
    """The line of the page where rendering failed, from the template's frame in the traceback."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def concise(error: BaseException, markdown: str, page) -> str:
    line = template_line(error)
    where = f"docs/{page.file.src_path}" + (f", line {line}" if line else "")
    kind = "template syntax error" if isinstance(error, TemplateSyntaxError) else "macro error"
    return f"{where}: {kind}: {error}"


def install() -> None:
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # another macros version: keep its own messages
        return
    format_error.register(Exception)(concise)
