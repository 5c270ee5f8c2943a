"""The words a reader sees on a built page: the main content's text, block by block.

Plain HTML only: which element holds a page's content is the caller's knowledge (the site layer
knows the theme's). Used to compare the site with the filed record and to diff what the public
reads between two builds, which a Markdown diff cannot show when data moves a number in the
prose."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div", "br", "table",
    "caption", "ul", "ol", "dd", "dt", "section", "article", "blockquote", "details", "summary",
}  # fmt: skip
SKIP = {"script", "style", "template", "noscript"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base"}


class _Extractor(HTMLParser):
    """Collects the text inside the element with class `root_class` (or inside `<body>` when
    `root_class` is None), skipping permalinks."""

    def __init__(self, root_class: str | None, name_tables: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.root_class = root_class
        self.name_tables = name_tables  # key tables without an id as "table-1", "table-2", ...
        self._tables_seen = 0
        self.depth = 0  # >0 while inside the root element
        self.skip_depth = 0
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.tables: dict[str, list[tuple[str, ...]]] = {}
        self._table_id: list[str | None] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag in VOID:
            if self.depth and tag == "br":
                self._text(" ")
            return
        self.stack.append(tag)
        if self.depth:
            self.depth += 1
        elif (self.root_class in classes) if self.root_class else tag == "body":
            self.depth = 1
        if not self.depth:
            return
        if self.skip_depth or tag in SKIP or "headerlink" in classes:
            self.skip_depth += 1
            return
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "table":
            self._tables_seen += 1
            key = attributes.get("id")
            if not key and self.name_tables:
                key = f"table-{self._tables_seen}"
            self._table_id.append(key)
            if key:
                self.tables[key] = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        while self.stack and self.stack[-1] != tag:  # tolerate unclosed inline tags
            self.stack.pop()
            self._close_one()
        if self.stack:
            self.stack.pop()
            self._close_one(tag)

    def _close_one(self, tag: str | None = None) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            table = self._table_id[-1] if self._table_id else None
            if table and self._row:
                self.tables[table].append(tuple(self._row))
            self._row = None
        elif tag == "table" and self._table_id:
            self._table_id.pop()

    def _text(self, data: str) -> None:
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_depth:
            self._text(data)


def table_body_rows(
    tables: dict[str, list[tuple[str, ...]]], first: str
) -> list[tuple[str, ...]] | None:
    """The body rows (header row dropped) of the table with id `first` and of those that
    continue it, `first-2`, `first-3`, ... (an Annex printed as one table per metal), in
    order; None when no table has the id `first`."""
    if first not in tables:
        return None
    rows = list(tables[first][1:])
    number = 2
    while f"{first}-{number}" in tables:
        rows += tables[f"{first}-{number}"][1:]
        number += 1
    return rows


@dataclass(frozen=True)
class PageText:
    blocks: tuple[str, ...]  # text of each block, blanks collapsed, empty blocks dropped
    tables: dict[str, list[tuple[str, ...]]]  # rows (cell texts) of each table with an id

    @property
    def text(self) -> str:
        return " ".join(self.blocks)


def page_text(html: str, root_class: str | None, *, name_tables: bool = False) -> PageText:
    """The text of the element with class `root_class`, or of `<body>` when it is None (a whole
    document such as an EDGAR export); `name_tables` keys tables without an id by their order."""
    parser = _Extractor(root_class, name_tables)
    parser.feed(html)
    parser.close()
    blocks = tuple(
        " ".join(chunk.split()) for chunk in "".join(parser.parts).split("\n") if chunk.strip()
    )
    return PageText(blocks, parser.tables)
