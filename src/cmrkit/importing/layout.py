"""What filing agents add for the printed page, taken out so only the report's own text is
left: page numbers and running headers around page breaks, bullets laid out as two-cell tables or
typed as characters, spacer columns, and long tables split per page with their header repeated.

Functions take blocks and return blocks; nothing here knows what the report says."""

from __future__ import annotations

import re
from collections import Counter

from cmrkit.importing.blocks import Block, Cell

PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|\u2013\s*\d{1,3}\s*\u2013|\d{1,3}|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?"
    r"|\d{1,3}\s+of\s+\d{1,3}|[A-Z]-\d{1,3})$",
    re.IGNORECASE,
)
ROMAN = re.compile(r"^[ivxlc]{1,6}$", re.IGNORECASE)
# A bullet as agents type it: a bullet character, or a list number / letter.
BULLET = re.compile(
    r"^(?:[\u2022\u00b7\u25cf\u25cb\u25aa\u25a0\u2023\u2043\u2219\u27a2\uf0b7\uf0a7\u25e6o\-\u2013\u2014]"
    r"|\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.)$"
)
BULLET_CHARS = "\u2022\u00b7\u25cf\u25cb\u25aa\u25a0\u2023\u2043\u2219\u27a2\uf0b7\uf0a7\u25e6"
_LEADING_BULLET = re.compile(rf"^([{BULLET_CHARS}])\s*(.+)$", re.DOTALL)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))


def _widths(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Each cell once per column it spans, so the rows line up."""
    out = []
    for row in rows:
        expanded: list[Cell] = []
        for cell in row:
            expanded.append(cell)
            expanded.extend(Cell("", cell.header) for _ in range(max(cell.colspan, 1) - 1))
        out.append(expanded)
    return out


def _header_groups(rows: list[list[Cell]]) -> list[tuple[int, int]] | None:
    """Where a table's header cells stand (start, end) when agents span them over several grid
    columns (`colspan`), so that data cells spanned differently line up under them; None when
    no cell spans."""
    if not any(c.colspan > 1 for row in rows for c in row):
        return None
    header = next((row for row in rows if sum(1 for c in row if c.text) >= 2), None)
    if header is None:
        return None
    starts: list[int] = []
    position = 0
    for cell in header:
        if cell.text:
            starts.append(position)
        position += max(cell.colspan, 1)
    ends = [*starts[1:], 10**6]
    return [(0 if i == 0 else s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]


def _grouped(rows: list[list[Cell]], groups: list[tuple[int, int]]) -> list[list[Cell]]:
    out = []
    for row in rows:
        texts: list[list[str]] = [[] for _ in groups]
        header = [False] * len(groups)
        position = 0
        for cell in row:
            at = next(i for i, (s, e) in enumerate(groups) if s <= position < e)
            if cell.text:
                texts[at].append(cell.text)
                header[at] = header[at] or cell.header
            position += max(cell.colspan, 1)
        out.append([Cell(" ".join(t), h) for t, h in zip(texts, header, strict=True)])
    return out


def drop_spacer_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Columns no row writes in (agents' spacers) removed; rows padded to one width; cells
    spanned over several grid columns lined up under the header cell they stand under."""
    groups = _header_groups(rows)
    rows = _grouped(rows, groups) if groups else _widths(rows)
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend(Cell("") for _ in range(width - len(row)))
    keep = [i for i in range(width) if any(row[i].text for row in rows)]
    return [[row[i] for i in keep] for row in rows]


def _layout_table(block: Block) -> list[Block] | None:
    """A table that only lays out bullets (marker cell, text cell) or paragraphs (one column)
    becomes list items or paragraphs; None for a table of data."""
    rows = block.rows
    width = len(rows[0]) if rows else 0
    if width == 1:
        out = []
        for row in rows:
            for line in [row[0].text]:
                out.append(Block("paragraph", line, bold=row[0].header))
        return out
    filled = [[c for c in row if c.text] for row in rows]
    if filled and all(len(cells) == 2 and BULLET.match(cells[0].text) for cells in filled):
        return [Block("item", cells[1].text, marker=_marker(cells[0].text)) for cells in filled]
    if filled and all(len(cells) == 1 for cells in filled) and len(rows) <= 3:
        return [Block("paragraph", cells[0].text, bold=cells[0].header) for cells in filled]
    return None


def _marker(text: str) -> str:
    return "-" if text in BULLET_CHARS or text in ("o", "-", "\u2013", "\u2014") else text


def normalise_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if block.kind != "table":
            out.append(block)
            continue
        block.rows = drop_spacer_columns(block.rows)
        if not block.rows or not block.rows[0]:
            continue
        replaced = _layout_table(block)
        out.extend(replaced if replaced is not None else [block])
    return out


def typed_bullets(blocks: list[Block]) -> list[Block]:
    """A paragraph that starts with a bullet character is a list item."""
    for block in blocks:
        if block.kind == "paragraph":
            match = _LEADING_BULLET.match(block.text)
            if match:
                block.kind, block.marker, block.text = "item", "-", match.group(2).strip()
    return blocks


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _page_edges(blocks: list[Block]) -> list[int]:
    """Indexes of the blocks next to each page break (the two before and the two after), and
    at the document's ends."""
    edges: list[int] = []
    breaks = [i for i, b in enumerate(blocks) if b.kind == "break"]
    for at in [-1, *breaks, len(blocks)]:
        before = [i for i in range(at - 1, -1, -1) if blocks[i].kind != "break"][:2]
        after = [i for i in range(at + 1, len(blocks)) if blocks[i].kind != "break"][:2]
        edges.extend(before + after)
    return edges


def strip_page_furniture(blocks: list[Block]) -> list[Block]:
    """Page numbers and running headers or footers removed, wherever a page breaks."""
    breaks = sum(1 for b in blocks if b.kind == "break")
    edges = set(_page_edges(blocks))
    drop: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind in ("paragraph", "heading") and (
            is_page_number(block.text) or (index in edges and ROMAN.match(block.text.strip()))
        ):
            drop.add(index)
    if breaks >= 2:
        seen: Counter[str] = Counter()
        for index in edges:
            block = blocks[index]
            if block.kind in ("paragraph", "heading") and len(block.text) <= 200:
                seen[_key(block.text)] += 1
        running = {key for key, count in seen.items() if count >= 2 and count * 2 >= breaks}
        drop |= {
            i
            for i in edges
            if blocks[i].kind in ("paragraph", "heading") and _key(blocks[i].text) in running
        }
    kept = [b for i, b in enumerate(blocks) if i not in drop]
    for block in kept:
        if block.kind == "table":
            block.rows = [r for r in block.rows if not _furniture_row(r)]
    return kept


def _furniture_row(row: list[Cell]) -> bool:
    filled = [c.text for c in row if c.text]
    return len(filled) == 1 and is_page_number(filled[0]) and len(row) > 1


def _texts(row: list[Cell]) -> list[str]:
    return [_key(c.text) for c in row]


def join_split_tables(blocks: list[Block]) -> list[Block]:
    """A table continued on the next page (the same columns, its header row repeated or not)
    is one table again; header rows repeated inside a table are dropped."""
    out: list[Block] = []
    crossed = False  # a page break since the last table
    for block in blocks:
        if block.kind == "break":
            crossed = True
            continue
        if block.kind == "table":
            previous = out[-1] if out and out[-1].kind == "table" else None
            if previous is not None and len(previous.rows[0]) == len(block.rows[0]):
                header = _texts(previous.rows[0])
                rows = block.rows
                if _texts(rows[0]) == header:
                    rows = rows[1:]
                    previous.rows.extend(rows)
                    continue
                if crossed and not all(c.header for c in rows[0] if c.text):
                    previous.rows.extend(rows)
                    continue
            header = _texts(block.rows[0])
            block.rows = [block.rows[0]] + [r for r in block.rows[1:] if _texts(r) != header]
            crossed = False
        else:
            crossed = False
        out.append(block)
    return out


_ENDS_SENTENCE = re.compile(r"[.:;!?\u201d\"')\]]$")


def join_split_paragraphs(blocks: list[Block]) -> list[Block]:
    """A paragraph the printed page cut in two (no sentence end before the break, a lower-case
    word after it) is one paragraph again."""
    out: list[Block] = []
    crossed = False
    for block in blocks:
        if block.kind == "break":
            crossed = True
            out.append(block)
            continue
        previous = next((b for b in reversed(out) if b.kind != "break"), None)
        if (
            crossed
            and previous is not None
            and block.kind == previous.kind == "paragraph"
            and not _ENDS_SENTENCE.search(previous.text)
            and block.text[:1].islower()
        ):
            previous.text = previous.text + " " + block.text
            crossed = False
            continue
        crossed = False
        out.append(block)
    return out


def tidy(blocks: list[Block]) -> list[Block]:
    """The blocks as the report's author wrote them, without the printed page's furniture."""
    blocks = normalise_tables(blocks)
    blocks = typed_bullets(blocks)
    blocks = strip_page_furniture(blocks)
    blocks = join_split_paragraphs(blocks)
    return join_split_tables(blocks)
