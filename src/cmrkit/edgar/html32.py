"""HTML from Markdown reduced to what EDGAR accepts: allowed tags and attributes only, layout
classes written as inline styles, outside links turned into their text, site-only blocks dropped,
and every character outside ASCII written as a numeric character reference."""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

from cmrkit.edgar.rules import EdgarRules

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}


def ascii_text(text: str) -> str:
    """Markup-safe ASCII: `&`, `<`, `>` escaped, anything past 127 as `&#N;`."""
    return escape(text, quote=False).encode("ascii", "xmlcharrefreplace").decode("ascii")


def ascii_attribute(value: str) -> str:
    return escape(value, quote=True).encode("ascii", "xmlcharrefreplace").decode("ascii")


class _Reducer(HTMLParser):
    def __init__(self, rules: EdgarRules, targets: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.targets = targets  # ids that an in-document link points to
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, whether its end tag is written)
        self.drop_depth = 0  # >0 inside a dropped element

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        styles: list[str] = []
        kept: list[tuple[str, str]] = []
        for name, value in attrs:
            value = value or ""
            if name == "class":
                styles += [self.rules.class_styles.get(c, "") for c in value.split()]
            elif name == "style":
                styles.append(value)
            elif self.rules.allowed_attribute(tag, name) and not name.startswith("on"):
                kept.append((name, value))
        declarations = [d.strip() for s in styles for d in s.split(";") if d.strip()]
        style = ";".join(dict.fromkeys(declarations))  # each declaration once, in order
        if style:
            kept.insert(0, ("style", style))
        return "".join(f' {name}="{ascii_attribute(value)}"' for name, value in kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag in VOID:
            if not self.drop_depth and tag in self.rules.tags:
                self.out.append(f"<{tag}{self._attributes(tag, attrs)}>")
            return
        dropped = tag in self.rules.drop_tags or bool(classes & self.rules.drop_classes)
        if self.drop_depth or dropped:
            self.drop_depth += 1
            self.stack.append((tag, False))
            return
        keep = tag in self.rules.tags
        if tag == "a":
            keep = self.rules.allowed_link(dict(attrs).get("href") or "")
        self.stack.append((tag, keep))
        if keep:
            self.out.append(f"<{tag}{self._attributes(tag, attrs)}>")
        anchor = dict(attrs).get("id")
        if anchor and keep and anchor in self.targets:
            # EDGAR has no `id`: a named anchor keeps in-document links (footnotes) working.
            self.out.append(f'<a name="{ascii_attribute(anchor)}"></a>')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or all(open_tag != tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, written = self.stack.pop()
            if self.drop_depth:
                self.drop_depth -= 1
            elif written:
                self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.drop_depth:
            self.out.append(ascii_text(data))


_LOCAL_LINK = re.compile(r'href="#([^"]+)"')


def reduce_html(html: str, rules: EdgarRules) -> str:
    reducer = _Reducer(rules, frozenset(unescape(m) for m in _LOCAL_LINK.findall(html)))
    reducer.feed(html)
    reducer.close()
    return "".join(reducer.out)


def document(title: str, body: str, rules: EdgarRules) -> str:
    """A complete EDGAR HTML document around an already reduced body."""
    return (
        "<html>\n<head>\n"
        f"<title>{ascii_text(title)}</title>\n"
        "</head>\n"
        f'<body style="{ascii_attribute(rules.body_style)}">\n'
        f"{body.strip()}\n"
        "</body>\n</html>\n"
    )
