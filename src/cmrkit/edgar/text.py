"""What a reader of the EDGAR documents sees: their text and the Annex rows, for the same fidelity
comparison with the filed record that the site passes."""

from __future__ import annotations

from collections.abc import Sequence

from cmrkit.render.htmltext import page_text


def documents_text(htmls: Sequence[str]) -> str:
    return " ".join(page_text(html, None).text for html in htmls)


def annex_rows(htmls: Sequence[str], headers: Sequence[str]) -> list[tuple[str, ...]]:
    """Body rows of the tables headed by the year's Annex headers (header rows dropped), in
    document order: one table, or one per metal; [] if none."""
    headers = tuple(headers)
    found: list[tuple[str, ...]] = []
    for html in htmls:
        for rows in page_text(html, None, name_tables=True).tables.values():
            if rows and rows[0] == headers:
                found.extend(rows[1:])
    return found
