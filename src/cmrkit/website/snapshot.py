"""What a built year says to the public: the report's pages as sentence lines, and the Annex rows.

Only text counts: the snapshot is taken from the main content of each page, so a theme, CSS or
navigation change leaves it equal, and a changed word or figure does not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from cmrkit.errors import DataError, Location
from cmrkit.files.project import reference_folder
from cmrkit.files.yamlio import load_yaml
from cmrkit.record.public_text import Snapshot
from cmrkit.record.sentences import page_lines
from cmrkit.reference.files import reference_file
from cmrkit.render.htmltext import PageText, page_text, table_body_rows

ARCHIVE_CONFIG = "archive.yml"  # a reference file: packaged, or the repository's own
# The element of Material's page that holds a page's own content (no header, nav or footer).
MAIN_CONTENT = "md-content"


def main_text(html: str) -> PageText:
    """What a reader reads on a built page: the text of its main content."""
    return page_text(html, MAIN_CONTENT)


@dataclass(frozen=True)
class ArchiveConfig:
    report_pages: tuple[str, ...]  # glob patterns of site paths
    annex_table: str
    site_notes: tuple[str, ...] = ()  # classes of <div>s that are the site's notes, not report


def load_archive_config(data_dir: Path) -> ArchiveConfig:
    doc = load_yaml(reference_file(ARCHIVE_CONFIG, reference_folder(data_dir)))
    data = doc.data if isinstance(doc.data, dict) else {}
    pages = data.get("report_pages")
    if not isinstance(pages, list) or not pages or not all(isinstance(p, str) for p in pages):
        raise DataError(doc.where(("report_pages",)), "report_pages must be a list of patterns")
    table = data.get("annex_table")
    if not isinstance(table, str) or not table:
        raise DataError(doc.where(("annex_table",)), "annex_table must name a table id")
    notes = data.get("site_notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise DataError(doc.where(("site_notes",)), "site_notes must be a list of class names")
    return ArchiveConfig(tuple(pages), table, tuple(notes))


_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)


def drop_divs(html: str, classes: tuple[str, ...]) -> str:
    """Remove every <div> carrying one of `classes`, with all it contains (nested divs too)."""
    if not classes:
        return html
    wanted = re.compile(
        r"<div\b[^>]*\bclass=\"[^\"]*\b(?:" + "|".join(map(re.escape, classes)) + r")\b[^>]*>",
        re.IGNORECASE,
    )
    while match := wanted.search(html):
        depth = 0
        for tag in _DIV_TAG.finditer(html, match.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                html = html[: match.start()] + html[tag.end() :]
                break
        else:
            html = html[: match.start()]  # unclosed: drop the rest
    return html


def report_pages(site: Path, config: ArchiveConfig) -> list[str]:
    found = sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.is_file()
    )
    return [p for p in found if any(fnmatchcase(p, pattern) for pattern in config.report_pages)]


def take_snapshot(site: Path, config: ArchiveConfig, main: str = MAIN_CONTENT) -> Snapshot:
    """The report's text in a built site; `main` is the class of the element holding a page's
    own content in the theme that built it."""
    pages: dict[str, list[str]] = {}
    annex: list[tuple[str, ...]] | None = None
    for page in report_pages(site, config):
        html = drop_divs((site / page).read_text(encoding="utf-8"), config.site_notes)
        pages[page] = page_lines(html, main)
        # The header rows are not facilities; a table per metal continues the first.
        found = table_body_rows(page_text(html, main).tables, config.annex_table)
        if found is not None:
            annex = found
    if not pages:
        raise DataError(Location(site), "the built site has none of the report pages")
    # A report that prints no smelter list (annex.shape.tables: none) has no Annex table; the
    # record's rows say whether one was filed.
    return Snapshot(pages, annex or [])
