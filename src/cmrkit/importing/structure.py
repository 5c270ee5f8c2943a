"""Which blocks are headings, how deep, and which document is which: Form SD or Exhibit 1.01.

Agents rarely write `<h1>`: a heading is a short line set apart by its type (bold, capitals,
underlined, centred). Its depth comes from the same signs, ranked; an `<hN>` keeps its N."""

from __future__ import annotations

import re

from cmrkit.importing.blocks import Block
from cmrkit.importing.layout import is_page_number

MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 22


def heading_rank(block: Block) -> int | None:
    """1 (a title) to 4, or None when the block reads as prose."""
    if block.kind == "heading":
        return block.level or 1
    if block.kind != "paragraph" or "\n" in block.text:
        return None
    text = block.text.strip()
    if (
        len(text) > MAX_HEADING_CHARS
        or len(text.split()) > MAX_HEADING_WORDS
        or is_page_number(text)
        or not (text[0].isupper() or text[0].isdigit() or text[0] in '(“"')
        or text.endswith((",", ";"))
        or (
            text.endswith(".")
            and not re.search(r"\b(?:Inc|Ltd|Co|Corp|N\.V|S\.A)\.$", text, re.IGNORECASE)
            # a short head set in bold, capitals or underlined may end with a period
            and not (len(text.split()) <= 8 and (block.bold or block.caps or block.underline))
        )
        or text.startswith(("*", "\u2020", "\u2021"))
    ):
        return None
    if block.caps and (block.bold or block.centered):
        return 1
    if block.bold and block.centered:
        return 1
    if block.caps:
        return 2
    if block.bold and not block.italic:
        return 2
    if block.bold or block.underline:
        return 3
    return None


_FORM_SD = re.compile(r"\bFORM\s+SD\b", re.IGNORECASE)
_SD_CAPTIONS = re.compile(
    r"Exact name of (?:the )?registrant|Commission\s+File\s+Number|SPECIALIZED DISCLOSURE REPORT",
    re.IGNORECASE,
)
_EXHIBIT = re.compile(
    r"Conflict\s+Minerals\s+Report|Exhibit\s+1\.01|reasonable\s+country\s+of\s+origin\s+inquiry",
    re.IGNORECASE,
)


def document_kind(doc_type: str | None, blocks: list[Block]) -> str | None:
    """'sd' for a Form SD, 'exhibit' for an Exhibit 1.01, None for anything else. EDGAR's
    <TYPE> decides when the submission gives it; else the document's own words."""
    if doc_type:
        kind = doc_type.strip().upper()
        if kind in ("SD", "SD/A"):
            return "sd"
        if kind.startswith("EX-1.01") or kind.startswith("EX-1.1"):
            return "exhibit"
        return None
    head = " ".join(_texts(blocks)[:60])
    text = " ".join(_texts(blocks))
    if _FORM_SD.search(head) and _SD_CAPTIONS.search(text):
        return "sd"
    if _EXHIBIT.search(text) and re.search(r"smelter|refiner|Rule\s+13p-1|3TG", text, re.I):
        return "exhibit"
    return None


def _texts(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.kind == "table":
            out.extend(c.text for row in block.rows for c in row if c.text)
        elif block.text:
            out.append(block.text)
    return out
