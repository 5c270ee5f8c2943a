"""Markdown left over in a document's text: what a renderer did not turn into HTML.

A page can use a construct the site renders and the EDGAR renderer does not (or the reverse): a
footnote `[^1]`, a link, an attribute list. EDGAR would then carry the raw markup as text. The
patterns are data (`markdown_leftovers` in rules.yml); the same search serves the export, which
refuses such a page with its line, and `cmrkit edgar --check`, which flags any document."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from cmrkit.edgar.rules import EdgarRules


@dataclass(frozen=True)
class Leftover:
    line: int  # in the searched HTML
    name: str  # what construct it looks like
    text: str  # the markup as found

    def __str__(self) -> str:
        return f"Markdown left in the text ({self.name}): {self.text!r}"


class _Text(HTMLParser):
    """The text of a document, each run with the line it starts on; scripts and styles aside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.runs.append((self.getpos()[0], data))


def text_runs(html: str) -> list[tuple[int, str]]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.runs


def find_leftovers(html: str, rules: EdgarRules) -> list[Leftover]:
    """Each piece of Markdown syntax in the document's text, with its line."""
    found = []
    for line, text in text_runs(html):
        for name, pattern in rules.markdown_leftovers:
            for match in pattern.finditer(text):
                at = line + text[: match.start()].count("\n")
                found.append(Leftover(at, name, match.group(0).strip()))
    return sorted(found, key=lambda leftover: leftover.line)


def source_line(source: str, markup: str) -> int | None:
    """The line of a page's Markdown source where a leftover's markup is written, if it is."""
    for number, line in enumerate(source.split("\n"), start=1):
        if markup and markup in line:
            return number
    return None
