"""Annex rows in Material's search index, one entry per row.

Material's search indexes a page by its headings: the whole Annex would be one entry, and a
result could only open the page at its top. Each row gets an entry of its own instead, titled
with the facility's name and holding its metal, country, status and RMI smelter ID (the ID is
not printed in the filed table, so this is how a reader finds a facility by it); a result opens
the table at that row. The table body itself is left out of the page's entry
(`data-search-exclude`), so the index does not carry the rows twice.

The index format is Material's (`search/search_index.json`: `config` and `docs`, each doc a
`location`, `title` and `text`, text HTML-escaped as Material writes it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.year.annex import AnnexRow

INDEX = Path("search") / "search_index.json"


def row_text(row: AnnexRow) -> str:
    """What a row's entry says besides the name: every word a reader may search it by. (The
    footnote's own words are in the page's entry, under the table.)"""
    parts = [row.metal, row.country, row.status, row.smelter_id]
    if row.footnote:
        parts.append(f"footnote {row.footnote}")
    return escape(", ".join(part for part in parts if part), quote=False)


def annex_documents(
    rows: Iterable[AnnexRow], page_location: str, anchor: Callable[[int], str]
) -> list[dict[str, str]]:
    """One search entry per Annex row, in printed order (`YearReport.printed_rows`); `anchor(n)`
    is the id of printed row n (1-based) on the page at `page_location` (the page's URL relative
    to the site root)."""
    return [
        {
            "location": f"{page_location}#{anchor(index)}",
            "title": escape(row.smelter_name, quote=False),
            "text": row_text(row),
        }
        for index, row in enumerate(rows, start=1)
    ]


def add_documents(site_dir: Path, documents: list[dict[str, str]]) -> int:
    """Append `documents` to the built site's search index; returns the index size in bytes.
    A site built without the search plugin has no index, and nothing is written."""
    path = site_dir / INDEX
    if not path.is_file():
        return 0
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = index["docs"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CmrkitError(f"{path}: not Material's search index ({exc})") from None
    known = {doc.get("location") for doc in docs}
    docs.extend(doc for doc in documents if doc["location"] not in known)
    text = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
