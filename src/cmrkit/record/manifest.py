"""The frozen record of a filed year (`data/<year>/filed/manifest.json`).

A filed report is a legal record: once filed, the site must go on saying exactly what was filed.
The manifest holds, for each report page, the sentences the public reads and their sha256, and the
Annex rows' sha256; `cmrkit publish` refuses a build whose text differs. A deliberate correction is
an amendment: the manifest is rewritten and an entry with the date, the reason and the old and new
hashes is appended to its history, so the change is reviewed in a pull request and stays on record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.record.sentences import diff_lines
from cmrkit.record.snapshot import Snapshot, digest

MANIFEST = Path("filed") / "manifest.json"
FORMAT = 1


class FrozenYearChanged(CmrkitError):
    """The build of a filed year does not say what the manifest recorded."""


def manifest_path(year_dir: Path) -> Path:
    return year_dir / MANIFEST


@dataclass(frozen=True)
class PageChange:
    page: str
    old: tuple[str, ...]  # () for a page that is new
    new: tuple[str, ...]  # () for a page that is gone

    def describe(self, context: int = 0) -> list[str]:
        if not self.old:
            return [f"page {self.page} is new in this build"]
        if not self.new:
            return [f"page {self.page} is missing from this build"]
        return [f"page {self.page}:", *diff_lines(self.old, self.new, context)]


@dataclass(frozen=True)
class Manifest:
    year: int
    pages: dict[str, tuple[str, ...]]
    annex_rows: int
    annex_sha256: str
    history: tuple[dict[str, Any], ...]

    def page_digests(self) -> dict[str, str]:
        return {page: digest(lines) for page, lines in self.pages.items()}

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "year": self.year,
            "about": "Text of the report as filed and published; checked by `cmrkit publish`. "
            "Change only with `cmrkit freeze YEAR --amend --reason ...` (see README).",
            "pages": {
                page: {"sha256": digest(lines), "sentences": list(lines)}
                for page, lines in self.pages.items()
            },
            "annex": {"rows": self.annex_rows, "sha256": self.annex_sha256},
            "history": list(self.history),
        }
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def manifest_from_snapshot(
    year: int, snapshot: Snapshot, history: tuple[dict[str, Any], ...]
) -> Manifest:
    pages = {page: tuple(lines) for page, lines in snapshot.pages.items()}
    return Manifest(year, pages, len(snapshot.annex_rows), snapshot.annex_digest(), history)


def parse_manifest(path: Path, text: str) -> Manifest:
    """Read a manifest and check that every recorded sentence list still has its recorded hash,
    so a hand edit of the frozen text cannot pass for the record."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(Location(path, exc.lineno), f"invalid JSON: {exc.msg}") from None
    try:
        pages = {}
        for page, entry in document["pages"].items():
            lines = tuple(str(line) for line in entry["sentences"])
            if digest(lines) != entry["sha256"]:
                raise DataError(
                    Location(path),
                    f"the recorded text of {page} does not match its sha256 "
                    "(the manifest was edited by hand; use cmrkit freeze --amend)",
                )
            pages[page] = lines
        return Manifest(
            year=int(document["year"]),
            pages=pages,
            annex_rows=int(document["annex"]["rows"]),
            annex_sha256=str(document["annex"]["sha256"]),
            history=tuple(document.get("history") or ()),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(Location(path), f"not a cmrkit manifest ({exc!r})") from None


def load_manifest(year_dir: Path) -> Manifest | None:
    path = manifest_path(year_dir)
    if not path.is_file():
        return None
    return parse_manifest(path, path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Differences:
    pages: tuple[PageChange, ...]
    annex: tuple[int, int, str, str] | None  # old rows, new rows, old sha, new sha

    def __bool__(self) -> bool:
        return bool(self.pages or self.annex)

    def describe(self) -> str:
        lines: list[str] = []
        for change in self.pages:
            lines.extend(change.describe())
        if self.annex:
            old_rows, new_rows, _, _ = self.annex
            lines.append(
                f"Annex rows: {old_rows} recorded, {new_rows} now"
                + (" (same count, different content)" if old_rows == new_rows else "")
            )
        return "\n".join(lines)


def compare(manifest: Manifest, snapshot: Snapshot) -> Differences:
    changes = []
    for page in sorted(set(manifest.pages) | set(snapshot.pages)):
        old = manifest.pages.get(page, ())
        new = tuple(snapshot.pages.get(page, ()))
        if digest(old) != digest(new) or (page in manifest.pages) != (page in snapshot.pages):
            changes.append(PageChange(page, old, new))
    annex = None
    if manifest.annex_sha256 != snapshot.annex_digest():
        annex = (
            manifest.annex_rows,
            len(snapshot.annex_rows),
            manifest.annex_sha256,
            snapshot.annex_digest(),
        )
    return Differences(tuple(changes), annex)


def freeze_entry(snapshot: Snapshot, reason: str, today: dt.date) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "action": "freeze",
        "reason": reason,
        "pages": snapshot.page_digests(),
        "annex_sha256": snapshot.annex_digest(),
    }


def amend_entry(differences: Differences, reason: str, today: dt.date) -> dict[str, Any]:
    """What an amendment changed, hash by hash: the history answers "who changed the filed text,
    when and why" without reading old commits."""
    pages = {
        change.page: {"old": digest(change.old) if change.old else None,
                      "new": digest(change.new) if change.new else None}
        for change in differences.pages
    }  # fmt: skip
    entry: dict[str, Any] = {
        "date": today.isoformat(),
        "action": "amend",
        "reason": reason,
        "pages": pages,
    }
    if differences.annex:
        old_rows, new_rows, old_sha, new_sha = differences.annex
        entry["annex"] = {"old": old_sha, "new": new_sha, "rows": [old_rows, new_rows]}
    return entry
