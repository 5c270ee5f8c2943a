"""What a reader gets from a filed year: the text of every page as the browser shows it, the
target of every link, and the sha256 of every file a reader can download.

The filed text (`cmrkit.record.manifest`) is the report's words from the page sources; a reader
gets more: what styles and scripts leave visible, notes, charts, banners, where links lead, the
Annex files and the EDGAR documents. All of it is recorded for a filed year, so that none of it
can change without a reviewed amendment. Reading a page in a browser is the site layer's job;
this module holds the result as data, compares two of them and says what differs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cmrkit.record.sentences import diff_lines, split_sentences

HIDDEN = "[hidden]"  # a line the page holds but a reader cannot see
MISSING = "(missing)"  # a link inside the site whose file is not there


@dataclass(frozen=True)
class Run:
    text: str
    hidden: bool


def block_lines(runs: Sequence[Run], row: bool) -> list[str]:
    """One block of a page as reviewable lines: a table row on one line, prose one sentence per
    line. Hidden text keeps its place, marked, so a style that hides a sentence shows as that
    sentence changing, and a hidden word inside a sentence as `[hidden: word]`."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].hidden == run.hidden:
            merged[-1] = Run(merged[-1].text + run.text, run.hidden)
        else:
            merged.append(run)
    # Spaces belong to no side: a hidden word between two spaces is the word alone.
    words = [Run(" ".join(r.text.split()), r.hidden) for r in merged]
    words = [r for r in words if r.text]
    if not words:
        return []
    if all(r.hidden for r in words) or all(not r.hidden for r in words):
        text = " ".join(r.text for r in words)
        lines = [text] if row else split_sentences(text)
        return [f"{HIDDEN} {line}" if words[0].hidden else line for line in lines]
    return [" ".join(f"[hidden: {r.text}]" if r.hidden else r.text for r in words)]


def page_text(blocks: Iterable[tuple[Sequence[Run], bool]]) -> tuple[str, ...]:
    lines: list[str] = []
    for runs, row in blocks:
        lines.extend(block_lines(runs, row))
    return tuple(lines)


def link_line(text: str, target: str) -> str:
    return f"{' '.join(text.split()) or '(no text)'} → {target}"


@dataclass(frozen=True)
class ReaderPage:
    text: Mapping[str, tuple[str, ...]]  # view name -> lines, as seen in that view
    links: tuple[str, ...]  # "text → target", in page order

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": page_digest(self),
            "text": {view: list(lines) for view, lines in self.text.items()},
            "links": list(self.links),
        }


def page_digest(page: ReaderPage) -> str:
    return _canonical_digest(
        {"text": {v: list(lines) for v, lines in page.text.items()}, "links": list(page.links)}
    )


@dataclass(frozen=True)
class ReaderRecord:
    views: tuple[str, ...]
    pages: Mapping[str, ReaderPage]  # path inside the version -> what it shows
    downloads: Mapping[str, str]  # path inside the version -> sha256 (or MISSING)

    def digest(self) -> str:
        return _canonical_digest(
            {
                "views": list(self.views),
                "pages": {p: page_digest(page) for p, page in sorted(self.pages.items())},
                "downloads": dict(sorted(self.downloads.items())),
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.digest(),
            "views": list(self.views),
            "pages": {p: page.to_json() for p, page in sorted(self.pages.items())},
            "downloads": dict(sorted(self.downloads.items())),
        }


def canonical(document: Any) -> bytes:
    """One byte string per JSON value (sorted keys, no spaces): what a digest is taken of."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _canonical_digest(document: Any) -> str:
    return hashlib.sha256(canonical(document)).hexdigest()


def reader_from_json(document: Mapping[str, Any]) -> ReaderRecord:
    """The reader part of a manifest; raises ValueError (with what is wrong) when a recorded page
    or the whole no longer matches its recorded sha256."""
    views = tuple(str(v) for v in document["views"])
    pages = {}
    for path, entry in document["pages"].items():
        page = ReaderPage(
            text={str(v): tuple(str(line) for line in lines) for v, lines in entry["text"].items()},
            links=tuple(str(line) for line in entry["links"]),
        )
        if page_digest(page) != entry["sha256"]:
            raise ValueError(f"the recorded reader view of {path} does not match its sha256")
        pages[str(path)] = page
    downloads = {str(k): str(v) for k, v in document["downloads"].items()}
    record = ReaderRecord(views, pages, downloads)
    if record.digest() != document["sha256"]:
        raise ValueError("the recorded reader view does not match its sha256")
    return record


@dataclass(frozen=True)
class ReaderChange:
    page: str
    lines: tuple[str, ...]  # readable diff lines


def _view_label(views: Sequence[str]) -> str:
    return "seen in " + ", ".join(views) if views else ""


def _page_diff(old: ReaderPage, new: ReaderPage) -> list[str]:
    out: list[str] = []
    # The same change seen in several views is told once, naming the views.
    by_diff: dict[tuple[str, ...], list[str]] = {}
    for view in dict.fromkeys([*old.text, *new.text]):
        lines = tuple(diff_lines(old.text.get(view, ()), new.text.get(view, ())))
        if lines:
            by_diff.setdefault(lines, []).append(view)
    for lines, views in by_diff.items():
        out.append(f"  text ({_view_label(views)}):")
        out.extend(f"    {line}" for line in lines)
    links = diff_lines(old.links, new.links)
    if links:
        out.append("  links (text → target):")
        out.extend(f"    {line}" for line in links)
    return out


@dataclass(frozen=True)
class ReaderDifferences:
    pages: tuple[ReaderChange, ...]
    downloads: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.pages or self.downloads)

    def changed_pages(self) -> list[str]:
        return [change.page for change in self.pages]

    def describe(self) -> str:
        lines: list[str] = []
        for change in self.pages:
            lines.extend(change.lines)
        if self.downloads:
            lines.append("downloads:")
            lines.extend(f"  {line}" for line in self.downloads)
        return "\n".join(lines)


def compare_reader(old: ReaderRecord, new: ReaderRecord) -> ReaderDifferences:
    changes = []
    for path in sorted(set(old.pages) | set(new.pages)):
        before, after = old.pages.get(path), new.pages.get(path)
        if before is None:
            changes.append(ReaderChange(path, (f"page {path} is new for readers",)))
        elif after is None:
            changes.append(ReaderChange(path, (f"page {path} is gone for readers",)))
        elif page_digest(before) != page_digest(after):
            changes.append(ReaderChange(path, (f"page {path}:", *_page_diff(before, after))))
    downloads = []
    for name in sorted(set(old.downloads) | set(new.downloads)):
        before_sha, after_sha = old.downloads.get(name), new.downloads.get(name)
        if before_sha == after_sha:
            continue
        if before_sha is None:
            downloads.append(f"+ {name} (new file, sha256 {after_sha})")
        elif after_sha is None:
            downloads.append(f"- {name} (no longer offered; was sha256 {before_sha})")
        else:
            downloads.append(f"~ {name}: sha256 {before_sha} → {after_sha}")
    return ReaderDifferences(tuple(changes), tuple(downloads))
