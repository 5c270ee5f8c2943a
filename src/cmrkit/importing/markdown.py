"""Blocks written as the plain Markdown a person edits: `#` headings, paragraphs, `-` lists,
pipe tables. Text is escaped just enough that it renders as the words filed: nothing in a filed
sentence can become markup, a template expression or a raw HTML element on the site."""

from __future__ import annotations

import re

from cmrkit.importing.blocks import Block

# What Markdown (or the page templates) would read as syntax, escaped only where it would:
# `&` before what looks like an entity, `<` before what looks like a tag, `{` opening a template
# expression (`{{`, `{%`, `{#`) or attributes (`{:`, `{.`); `|` in a table cell.
_BACKSLASHED = "\\`*_[]"
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+(?=[.)]\s)|\d+(?=[.)]$))")
_ENTITY_AHEAD = re.compile(r"#?\w+;")
_TAG_AHEAD = re.compile(r"[A-Za-z/!?]")
_BRACE_AHEAD = re.compile(r"\s*[{%#:.]")


def _char(text: str, at: int, in_table: bool) -> str:
    char = text[at]
    if char == "&" and _ENTITY_AHEAD.match(text, at + 1):
        return "&amp;"
    if char == "<" and _TAG_AHEAD.match(text, at + 1):
        return "&lt;"
    if char == "{" and _BRACE_AHEAD.match(text, at + 1):
        return "&#123;"
    if char == "|" and in_table:
        return "\\|"
    if char in _BACKSLASHED:
        return "\\" + char
    return char


def escape(text: str, in_table: bool = False) -> str:
    """One line of filed text as Markdown that renders to exactly that text."""
    out = [_char(text, at, in_table) for at in range(len(text))]
    line = "".join(out)
    match = _LINE_START.match(line)
    if match:
        lead, token = match.group(1), match.group(2)
        if token.isdigit():
            # "1. Establishment ..." stays a numbered heading or paragraph, not a list.
            rest = line[match.end() :]
            line = f"{lead}{token}\\{rest}"
        else:
            line = f"{lead}\\{token}{line[match.end() :]}"
    return line


def lines(text: str) -> str:
    """A block's lines, each escaped, joined by explicit line breaks (a <br> where filed)."""
    return "<br>\n".join(escape(line) for line in text.split("\n"))


def heading(text: str, depth: int) -> str:
    return "#" * max(1, min(depth, 6)) + " " + escape(" ".join(text.split()))


def table(block: Block) -> str:
    rows = [[escape(c.text.replace("\n", " "), in_table=True) for c in row] for row in block.rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return "\n".join(out)


def item(block: Block, number: int) -> str:
    if block.marker and block.marker != "-":
        # A number or letter as printed ("(a)", "1."): kept as text, the block as a paragraph.
        return escape(block.marker) + " " + lines(block.text)
    return "- " + lines(block.text).replace("<br>\n", "<br>\n  ")
