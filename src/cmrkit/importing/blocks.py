"""EDGAR HTML as filing agents write it, read into plain blocks: headings, paragraphs, list
items, tables and page breaks, with the emphasis that tells a heading from a paragraph.

Agents nest `<div>`s and `<span>`s with inline styles, or write `<p>`/`<font>`; headings are
bold, underlined or capitalised paragraphs; a page break is a `page-break-before/after` style or
an `<hr>`. Only the standard library's `html.parser` reads the HTML (it never fetches anything).
Scripts, styles, forms' controls, objects and frames are dropped, and counted, never carried."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content is never text of the report (and never reaches the site).
SKIPPED = {
    "script", "style", "head", "title", "noscript", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "select", "textarea", "button", "template", "map", "audio",
    "video", "canvas",
}  # fmt: skip
ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input"}
BLOCK = {
    "p", "div", "li", "ul", "ol", "center", "blockquote", "pre", "dl", "dt", "dd", "section",
    "article", "header", "footer", "address", "caption", "body", "html", "form", "fieldset",
    "h1", "h2", "h3", "h4", "h5", "h6", "nav", "main", "aside", "figure", "figcaption",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "param"}
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}


@dataclass
class Cell:
    text: str
    header: bool = False  # a <th>, or every word bold
    colspan: int = 1


@dataclass
class Block:
    """One block of the document, in reading order."""

    kind: str  # heading | paragraph | item | table | break
    text: str = ""  # lines joined with "\n" (a <br> inside the block)
    level: int | None = None  # h1..h6 as written; None when the style decides
    bold: bool = False
    italic: bool = False
    underline: bool = False
    centered: bool = False
    marker: str = ""  # a list item's bullet or number as printed
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)


@dataclass
class ParsedHtml:
    blocks: list[Block]
    dropped: dict[str, int]  # active content or references left out, by element


@dataclass
class _Frame:
    tag: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    centered: bool = False
    break_after: bool = False


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """One space between words, lines kept, no blank at either end of a line."""
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _style(attrs: dict[str, str | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (attrs.get("style") or "").split(";"):
        name, _, value = part.partition(":")
        if value:
            out[name.strip().lower()] = value.strip().lower()
    return out


def _is_bold(weight: str) -> bool:
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.dropped: dict[str, int] = {}
        self.stack: list[_Frame] = []
        self.skip = 0
        self.runs: list[tuple[str, bool, bool, bool]] = []  # text, bold, italic, underline
        self.block_tag: list[str] = []  # open block elements that decide the flushed kind
        self.lists: list[list[int | str]] = []  # [kind, counter] per open <ul>/<ol>
        self.item_marker: str | None = None
        # tables: rows of cells, each cell's runs while open
        self.table_depth = 0
        self.rows: list[list[Cell]] = []
        self.cell: list[tuple[str, bool, bool, bool]] | None = None
        self.cell_header = False
        self.cell_span = 1

    # --- state --------------------------------------------------------------------------
    def _flags(self) -> tuple[bool, bool, bool, bool]:
        bold = any(f.bold for f in self.stack)
        italic = any(f.italic for f in self.stack)
        underline = any(f.underline for f in self.stack)
        centered = next((f.centered for f in reversed(self.stack) if f.centered), False)
        return bold, italic, underline, centered

    def _drop(self, tag: str) -> None:
        self.dropped[tag] = self.dropped.get(tag, 0) + 1

    def _flush(self) -> None:
        """The text gathered since the last block boundary becomes a block."""
        if self.cell is not None:
            self.cell.append(("\n", False, False, False))
            return
        runs, self.runs = self.runs, []
        text = clean_text("".join(r[0] for r in runs))
        if not text:
            return
        visible = [r for r in runs if r[0].strip()]
        bold = all(r[1] for r in visible)
        italic = all(r[2] for r in visible)
        underline = all(r[3] for r in visible)
        centered = self._flags()[3] or any(f.centered for f in self.stack)
        heading = next((HEADING_TAGS[t] for t in reversed(self.block_tag) if t in HEADING_TAGS), 0)
        if heading:
            block = Block("heading", text, level=heading, bold=bold, italic=italic,
                          underline=underline, centered=centered)  # fmt: skip
        elif self.item_marker is not None:
            block = Block("item", text, bold=bold, italic=italic, underline=underline,
                          marker=self.item_marker)  # fmt: skip
            self.item_marker = ""
        else:
            block = Block("paragraph", text, bold=bold, italic=italic, underline=underline,
                          centered=centered)  # fmt: skip
        self.blocks.append(block)

    def _page_break(self) -> None:
        self._flush()
        if self.table_depth == 0 and (not self.blocks or self.blocks[-1].kind != "break"):
            self.blocks.append(Block("break"))

    # --- parser events ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE:
            self._drop(tag)
        if tag in ("a", "img", "link") and any(
            k in ("href", "src") and v and re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", v, re.I)
            for k, v in attrs
        ):
            self._drop(f"{tag} (external reference)")
        if tag in VOID:
            self._void(tag, attrs)
            return
        if self.skip or tag in SKIPPED:
            self.skip += 1
            return
        attributes = dict(attrs)
        style = _style(attributes)
        if style.get("display") == "none" or "hidden" in attributes:
            self.skip += 1
            return
        frame = _Frame(
            tag,
            bold=tag in ("b", "strong", "th") or _is_bold(style.get("font-weight", "")),
            italic=tag in ("i", "em") or style.get("font-style") == "italic",
            underline=tag == "u" or "underline" in style.get("text-decoration", ""),
            centered=tag == "center"
            or (attributes.get("align") or "").lower() == "center"
            or style.get("text-align") == "center",
        )
        breaks = (style.get("page-break-before"), style.get("break-before"))
        if any(b in ("always", "page") for b in breaks):
            self._page_break()
        if any(
            b in ("always", "page")
            for b in (style.get("page-break-after"), style.get("break-after"))
        ):
            frame.break_after = True
        if tag == "table":
            self._flush()
            self.table_depth += 1
            if self.table_depth == 1:
                self.rows = []
        elif tag == "tr" and self.table_depth == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.table_depth == 1:
            self.cell = []
            self.cell_header = tag == "th"
            span = attributes.get("colspan") or "1"
            self.cell_span = int(span) if span.strip().isdigit() else 1
        elif tag in BLOCK:
            self._flush()
            if tag in ("ul", "ol"):
                self.lists.append([tag, 0])
            elif tag == "li":
                self.item_marker = self._next_marker()
        self.stack.append(frame)
        if tag in BLOCK or tag in HEADING_TAGS:
            self.block_tag.append(tag)

    def _next_marker(self) -> str:
        if not self.lists:
            return "-"
        kind, count = self.lists[-1]
        self.lists[-1][1] = int(count) + 1
        return f"{int(count) + 1}." if kind == "ol" else "-"

    def _void(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            return
        if tag == "br":
            target = self.cell if self.cell is not None else self.runs
            target.append(("\n", False, False, False))
        elif tag == "hr":
            self._page_break()
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and alt.strip():
                self.handle_data(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
            return
        # Close up to the matching open element (agents' HTML is not always well nested).
        if not any(f.tag == tag for f in self.stack):
            return
        while self.stack:
            frame = self.stack[-1]
            if self.block_tag and self.block_tag[-1] == frame.tag:
                self._close_block(frame.tag)  # flushed while its style still applies
                self.block_tag.pop()
            self.stack.pop()
            self._close(frame.tag)
            if frame.break_after:
                self._page_break()
            if frame.tag == tag:
                break

    def _close_block(self, tag: str) -> None:
        self._flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "li":
            self.item_marker = None

    def _close(self, tag: str) -> None:
        if tag in ("td", "th") and self.table_depth == 1 and self.cell is not None:
            runs, self.cell = self.cell, None
            text = clean_text("".join(r[0] for r in runs))
            visible = [r for r in runs if r[0].strip()]
            header = self.cell_header or (bool(visible) and all(r[1] for r in visible))
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(Cell(text, header, self.cell_span))
        elif tag == "table" and self.table_depth:
            self.table_depth -= 1
            if self.table_depth == 0:
                rows = [row for row in self.rows if any(c.text for c in row)]
                if rows:
                    self.blocks.append(Block("table", rows=rows))
                self.rows = []

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        bold, italic, underline, _ = self._flags()
        run = (data.replace("\n", " "), bold, italic, underline)
        if self.cell is not None:
            self.cell.append(run)
        elif self.table_depth:
            return  # text between cells of a table is layout, not content
        else:
            self.runs.append(run)

    def close(self) -> None:
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1].tag)
        self._flush()


def read_html(html: str) -> ParsedHtml:
    """The document's blocks in reading order (a plain-text document: one block a paragraph)."""
    if not re.search(r"<(?:html|body|p|div|table|font|br)\b", html[:100000], re.IGNORECASE):
        return ParsedHtml(_plain_blocks(html), {})
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return ParsedHtml(reader.blocks, reader.dropped)


def _plain_blocks(text: str) -> list[Block]:
    blocks = []
    for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        cleaned = clean_text(part)
        if cleaned:
            blocks.append(Block("paragraph", cleaned))
    return blocks
