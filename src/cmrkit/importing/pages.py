"""The report split into the year's pages at its own section headings, with `nav.yml`, laid
out like every year of a cmrkit repository: `docs/YEAR/index.md` the Form SD,
`docs/YEAR/exhibit-1-01/index.md` the Exhibit's opening, one page per section after it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from cmrkit.importing import markdown
from cmrkit.importing.blocks import Block
from cmrkit.importing.structure import heading_rank

EXHIBIT_DIR = "exhibit-1-01"
MAX_PAGES = 30


@dataclass
class Page:
    path: str  # relative to docs/YEAR
    title: str
    blocks: list[tuple[int, Block]] = field(default_factory=list)  # (index in document, block)


def slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or "section"
    name, n = base, 2
    while name in taken or name == "index":
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _body_start(blocks: list[Block]) -> int:
    """The first block of prose: everything before it is the title block."""
    for index, block in enumerate(blocks):
        prose = block.kind in ("paragraph", "item", "table") and heading_rank(block) is None
        if prose and (not block.centered or len(block.text) > 200):
            return index
    return len(blocks)


def split_rank(blocks: list[Block], start: int) -> int | None:
    """The heading rank the report's sections start at: the highest rank that gives at least
    three sections (at most MAX_PAGES)."""
    ranks = [r for b in blocks[start:] if (r := heading_rank(b)) is not None]
    best = None
    for rank in sorted(set(ranks)):
        count = sum(1 for r in ranks if r <= rank)
        if count > MAX_PAGES:
            break
        best = rank
        if count >= 3:
            break
    return best


def title_case(text: str) -> str:
    """A nav title from a heading printed in capitals; other headings keep their case."""
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        small = {"a", "an", "and", "of", "the", "or", "in", "on", "to", "for", "by", "with"}
        words = text.lower().split(" ")
        return " ".join(
            w
            if (i and w in small)
            else (w.upper() if re.fullmatch(r"[ivx]+", w) else w[:1].upper() + w[1:])
            for i, w in enumerate(words)
        )
    return text


def split_exhibit(
    blocks: list[Block], title: str = "Conflict Minerals Report", cover: bool = False
) -> list[Page]:
    """The Exhibit's pages: its opening as `exhibit-1-01/index.md`, then one per section. With
    `cover` (no Form SD imported), its title block is the year's front page, `index.md`."""
    start = _body_start(blocks)
    rank = split_rank(blocks, start)
    taken: set[str] = set()
    pages = [Page(f"{EXHIBIT_DIR}/index.md", title)]
    if cover:
        first = max(start, 1)
        pages.insert(0, Page("index.md", title, list(enumerate(blocks[:first]))))
        blocks_from = first
    else:
        blocks_from = 0
    for index, block in enumerate(blocks):
        if index < blocks_from:
            continue
        block_rank = heading_rank(block)
        if index >= start and rank is not None and block_rank is not None and block_rank <= rank:
            name = slug(block.text, taken)
            pages.append(Page(f"{EXHIBIT_DIR}/{name}.md", title_case(block.text)))
        pages[-1].blocks.append((index, block))
    return [p for p in pages if p.blocks]


def page_markdown(
    page: Page,
    special: Callable[[int, Block], str | None] | None = None,
    front_title: str | None = None,
) -> str:
    """The page's Markdown. `special` may write a block its own way (the Annex table, a bound
    count) or drop it (""); None leaves it to the plain writer."""
    ranks = sorted({r for _, b in page.blocks if (r := heading_rank(b)) is not None})
    depth = {rank: n for n, rank in enumerate(ranks, start=1)}
    parts: list[str] = []
    if front_title:
        parts.append(f"---\ntitle: {front_title}\n---\n")
    in_list = False
    for index, block in page.blocks:
        text = special(index, block) if special else None
        if text == "":
            continue
        if text is None:
            rank = heading_rank(block)
            if rank is not None:
                text = markdown.heading(block.text, depth[rank])
            elif block.kind == "table":
                text = markdown.table(block)
            elif block.kind == "item":
                text = markdown.item(block, 0)
            else:
                text = markdown.lines(block.text)
        is_item = block.kind == "item" and text.startswith("- ")
        if parts and is_item and in_list:
            parts[-1] += "\n" + text
        else:
            parts.append(text)
        in_list = is_item
    return "\n\n".join(parts).rstrip() + "\n"
