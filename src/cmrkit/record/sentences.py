"""A built page as the lines a reviewer reads: one sentence, or one table row, per line.

Comparing two renderings sentence by sentence shows a lawyer the words the public will read
differently ("an aggregate of 352 facilities" becoming "355"), where a Markdown diff shows a
template variable that did not change."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cmrkit.render.htmltext import page_text

# A cell becomes a span closed by a private-use mark, so that each table row becomes one block
# that is known to be a row (and never cut at "Co." inside a facility's name).
_CELL_MARK = "\ue000"
# Charts are drawn at build time as SVG; their words repeat the data table beside them.
_SVG = re.compile(r"<svg\b.*?</svg>", re.IGNORECASE | re.DOTALL)
_CELL_OPEN = re.compile(r"<t[dh]\b[^>]*>", re.IGNORECASE)
_CELL_CLOSE = re.compile(r"</t[dh]\s*>", re.IGNORECASE)

# Words whose full stop does not end a sentence in this kind of filing.
_ABBREVIATIONS = {
    "inc.", "co.", "corp.", "ltd.", "no.", "nos.", "mr.", "ms.", "dr.", "st.", "u.s.", "e.g.",
    "i.e.", "etc.", "vs.", "s.a.", "s.p.a.", "jsc.", "llc.", "l.p.", "n.v.", "b.v.", "a.g.",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(‘A-Z0-9])")


def split_sentences(block: str) -> list[str]:
    """Cut a paragraph after . ! or ? followed by a capital or a digit, unless the full stop
    belongs to an abbreviation such as "Inc." (company names are everywhere in a CMR)."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(block):
        head = block[start : match.start()].rstrip('"”’)')
        last_word = head.rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+", last_word):
            continue
        sentences.append(block[start : match.end()].strip())
        start = match.end()
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def page_lines(html: str, root_class: str | None) -> list[str]:
    """The main content's text, one sentence per line, each table row on one line (charts left
    out: their text repeats their data table)."""
    html = _SVG.sub("", html)
    flattened = _CELL_CLOSE.sub(_CELL_MARK + "</span>", _CELL_OPEN.sub("<span> ", html))
    lines: list[str] = []
    for block in page_text(flattened, root_class).blocks:
        if _CELL_MARK in block:
            cells = [cell.strip() for cell in block.split(_CELL_MARK)]
            lines.append(" | ".join(cells).rstrip(" |"))
        else:
            lines.extend(split_sentences(block))
    return lines


def diff_lines(old: Sequence[str], new: Sequence[str], context: int = 0) -> list[str]:
    """Changed lines only, `- old` / `+ new`, with `context` unchanged lines around each change
    (prefixed by two spaces) and `…` between separate changes."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append("…")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(f"  {line}" for line in old[i1:i2])
                continue
            out.extend(f"- {line}" for line in old[i1:i2])
            out.extend(f"+ {line}" for line in new[j1:j2])
    return out


@dataclass(frozen=True)
class LineTally:
    """How the lines of one rendering compare with those of another, line by line in order."""

    matched: int = 0  # the same line, in the same order
    changed: int = 0  # an old line whose place holds other words
    missing: int = 0  # an old line with nothing in its place
    added: int = 0  # a new line with no old one in its place

    def __add__(self, other: LineTally) -> LineTally:
        return LineTally(
            self.matched + other.matched,
            self.changed + other.changed,
            self.missing + other.missing,
            self.added + other.added,
        )

    @property
    def total(self) -> int:
        """The old lines: matched, changed or missing."""
        return self.matched + self.changed + self.missing


def tally_lines(old: Sequence[str], new: Sequence[str]) -> LineTally:
    """Counts what `diff_lines` shows: where a run of old lines is replaced by a run of new ones,
    they pair up as changed, and the rest of the longer run is missing or added."""
    matched = changed = missing = added = 0
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = i2 - i1, j2 - j1
        if tag == "equal":
            matched += olds
        else:
            pairs = min(olds, news)
            changed += pairs
            missing += olds - pairs
            added += news - pairs
    return LineTally(matched, changed, missing, added)
