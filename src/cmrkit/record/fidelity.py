"""Does a rendering say what was filed? Compares rendered text with the filed record.

One comparison serves every rendering (the site, the EDGAR export): each filed paragraph must
appear word for word and in filed order, and the Annex rows must match row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmrkit.record.filed import FiledRecord, normalize


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "paragraph" or "annex"
    index: int  # 1-based paragraph or row number in the filed record
    filed: str
    found: str

    def __str__(self) -> str:
        return f"{self.kind} {self.index}: filed {self.filed!r}, rendered {self.found!r}"


def _closest(text: str, paragraph: str) -> str:
    """The rendered text near where the paragraph should be, to make a failure readable."""
    for size in (40, 20, 10):
        at = text.find(paragraph[:size])
        if at >= 0:
            return text[at : at + len(paragraph) + 20]
    return ""


def compare_paragraphs(record: FiledRecord, rendered_text: str) -> list[Mismatch]:
    text = normalize(rendered_text)
    position = 0
    problems = []
    for index, paragraph in enumerate(record.paragraphs, start=1):
        at = text.find(paragraph, position)
        if at < 0:
            where = "out of order" if paragraph in text else "missing"
            found = f"({where}) {_closest(text, paragraph)}"
            problems.append(Mismatch("paragraph", index, paragraph, found))
            continue
        position = at + len(paragraph)
    return problems


def compare_annex(record: FiledRecord, rows: Sequence[Sequence[str]]) -> list[Mismatch]:
    problems = []
    rendered = [tuple(normalize(cell) for cell in row) for row in rows]
    for index, filed in enumerate(record.annex_rows, start=1):
        found = rendered[index - 1] if index <= len(rendered) else ()
        if tuple(normalize(c) for c in filed) != found:
            problems.append(Mismatch("annex", index, "\t".join(filed), "\t".join(found)))
    for index in range(len(record.annex_rows) + 1, len(rendered) + 1):
        problems.append(Mismatch("annex", index, "", "\t".join(rendered[index - 1])))
    return problems
