"""One-line build errors for page templates: `docs/2023/page.md, line 4: <problem>`.

mkdocs-macros prints a Markdown block with a Python traceback when a page's template fails; the
compliance team needs the file, the line and the problem. Its `format_error` is a single-dispatch
function, so registering a formatter for `Exception` replaces that output without patching it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateSyntaxError

from cmrkit.render import context

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


def concise(error: BaseException, markdown: str, page: Page) -> str:
    line = context.template_line(error)
    where = _shown_path(page.file.abs_src_path or page.file.src_path) + (
        f", line {line}" if line else ""
    )
    kind = "template syntax error" if isinstance(error, TemplateSyntaxError) else "macro error"
    return f"{where}: {kind}: {error}"


_PROJECT: list[Path] = []


def _shown_path(path: str) -> str:
    """The page's path from the project folder (`docs/2023/exhibit-1-01/rcoi.md`)."""
    absolute = Path(path)
    for project in _PROJECT:
        if absolute.is_relative_to(project):
            return absolute.relative_to(project).as_posix()
    return absolute.as_posix()


def install(project_dir: Path) -> None:
    _PROJECT[:] = [project_dir.resolve()]
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # another macros version: keep its own messages
        return
    # The plugin registers its own formatter for syntax errors: replace that one too, or a
    # syntax error prints a Markdown block instead of the line to fix.
    format_error.register(Exception)(concise)
    format_error.register(TemplateSyntaxError)(concise)
