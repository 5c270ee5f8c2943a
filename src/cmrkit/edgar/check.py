"""`cmrkit edgar --check`: does a document keep to EDGAR's HTML rules? Each violation names its
line, so a filing agent's copy or our own export is fixed before EDGAR suspends a submission."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from cmrkit.edgar.leftovers import find_leftovers
from cmrkit.edgar.rules import EdgarRules, load_rules

REQUIRED = ("html", "head", "title", "body")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: {self.message} [{self.rule}]"


def check_file_name(name: str, rules: EdgarRules) -> list[str]:
    problems = []
    if len(name) > rules.max_file_name:
        problems.append(f"file name has {len(name)} characters (at most {rules.max_file_name})")
    if not rules.file_pattern.match(name):
        problems.append("file name must start with a letter or digit and hold no spaces")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in rules.file_extensions:
        problems.append(f"file type '.{extension}' is not accepted by EDGAR")
    return problems


def check_bytes(data: bytes) -> list[tuple[int, str]]:
    """(line, message) for each line holding a byte outside ASCII."""
    found = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        for column, byte in enumerate(line, start=1):
            if byte > 127:
                found.append((number, f"non-ASCII byte 0x{byte:02X} at column {column}"))
                break
    return found


class _Checker(HTMLParser):
    def __init__(self, rules: EdgarRules) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.found: list[tuple[int, str, str]] = []  # line, rule, message
        self.seen: set[str] = set()
        self.tables = 0  # open tables

    def _add(self, rule: str, message: str) -> None:
        self.found.append((self.getpos()[0], rule, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag in self.rules.forbidden_tags:
            self._add("tag", f"<{tag}>: {self.rules.forbidden_tags[tag]}")
        elif tag not in self.rules.tags:
            self._add("tag", f"<{tag}> is not an element EDGAR accepts")
        if tag == "table":
            if self.tables:
                self._add("nested-table", "a table inside a table (EDGAR forbids nested tables)")
            self.tables += 1
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "table":
            self.tables -= 1

    def _attribute(self, tag: str, name: str, value: str) -> None:
        lowered = value.strip().lower()
        if name.startswith("on"):
            self._add("script", f"event handler attribute '{name}' on <{tag}> (active content)")
            return
        if not self.rules.allowed_attribute(tag, name):
            self._add("attribute", f"attribute '{name}' is not allowed on <{tag}>")
        if lowered.startswith(("javascript:", "vbscript:")):
            self._add("script", f"script URL in '{name}' on <{tag}> (active content)")
        elif name == "href" and not self.rules.allowed_link(value.strip()):
            self._add("external-reference", f"link to '{value}' (only sec.gov Archives links)")
        elif name in ("src", "background", "data", "codebase", "action"):
            self._source(tag, name, value.strip())
        elif name == "style":
            for needle in self.rules.style_forbidden:
                if needle in lowered:
                    self._add("external-reference", f"inline style uses '{needle}' on <{tag}>")

    def _source(self, tag: str, name: str, value: str) -> None:
        if "/" in value or ":" in value:
            self._add("external-reference", f"'{name}' on <{tag}> loads '{value}' from elsewhere")
            return
        if tag == "img":
            extension = value.rsplit(".", 1)[-1].lower() if "." in value else ""
            if extension not in self.rules.image_extensions:
                allowed = ", ".join(sorted(self.rules.image_extensions))
                self._add("image", f"image '{value}' is not {allowed}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self.tables -= 1


def check_html(text: str, rules: EdgarRules) -> list[tuple[int, str, str]]:
    checker = _Checker(rules)
    checker.feed(text)
    checker.close()
    for tag in REQUIRED:
        if tag not in checker.seen:
            checker.found.append((1, "structure", f"no <{tag}> element"))
    return sorted(checker.found, key=lambda item: item[0])


def check_document(path: Path, rules: EdgarRules | None = None) -> list[Violation]:
    rules = rules or load_rules()
    shown = str(path)
    violations = [Violation(shown, 1, "file-name", m) for m in check_file_name(path.name, rules)]
    data = path.read_bytes()
    violations += [Violation(shown, line, "ascii", m) for line, m in check_bytes(data)]
    if path.suffix.lower() in (".htm", ".html"):
        text = data.decode("latin-1")  # every byte maps to one character; lines stay put
        violations += [Violation(shown, ln, rule, m) for ln, rule, m in check_html(text, rules)]
        violations += [
            Violation(shown, leftover.line, "markdown", str(leftover))
            for leftover in find_leftovers(text, rules)
        ]
    return violations
