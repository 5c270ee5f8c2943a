"""What a built year says to the public, as recorded: the report's pages as sentence lines and the
Annex rows, with their digests. Taking a snapshot from a built site is the site layer's job."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def digest(lines: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def row_lines(rows: list[tuple[str, ...]]) -> list[str]:
    return ["\t".join(row) for row in rows]


@dataclass(frozen=True)
class Snapshot:
    pages: dict[str, list[str]]  # site path -> sentence lines, in site path order
    annex_rows: list[tuple[str, ...]]  # body rows of the Annex table as rendered

    def page_digests(self) -> dict[str, str]:
        return {page: digest(lines) for page, lines in self.pages.items()}

    def annex_digest(self) -> str:
        return digest(row_lines(self.annex_rows))
