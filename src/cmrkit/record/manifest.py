"""The frozen record of a filed year (`data/<year>/filed/manifest.json`).

A filed report is a legal record: once filed, the site must go on saying exactly what was filed,
and a reader must go on getting exactly what was checked. The manifest holds:

- the filed text: for each report page, the sentences of its main content and their sha256, and
  the Annex rows' sha256 (format 1 held only this);
- what a reader gets (format 2): every page of the year's version as Chromium shows it, per view,
  with the target of every link, and the sha256 of every file a reader can download
  (`cmrkit.record.reader_view`);
- the history: append-only, each entry carrying the sha256 of the one before it and of the state
  it leaves the record in, so the record cannot vouch for itself: a hand edit, a re-hash without
  an entry, or an erased or rewritten entry is found on loading it.

`cmrkit publish` refuses a build that differs. A deliberate correction is an amendment: the
manifest is rewritten and an entry with the date, the reason and the old and new hashes is
appended, so the change is reviewed in a pull request and stays on record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.record.public_text import Snapshot, digest
from cmrkit.record.reader_view import (
    ReaderDifferences,
    ReaderRecord,
    canonical,
    compare_reader,
    reader_from_json,
)
from cmrkit.record.sentences import diff_lines

MANIFEST = Path("filed") / "manifest.json"
FORMAT = 2
MIGRATION_REASON = (
    "format 2: the record now also holds what a reader gets (each page's text as Chromium shows "
    "it, every link's target, the sha256 of every download); the filed text is unchanged"
)


class FrozenYearChanged(CmrkitError):
    """The build of a filed year does not say what the manifest recorded."""


def manifest_path(year_dir: Path) -> Path:
    return year_dir / MANIFEST


def entry_digest(entry: Mapping[str, Any]) -> str:
    """The sha256 the next history entry carries as `previous`."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def state_digest(pages: Mapping[str, str], annex_sha256: str, reader_sha256: str | None) -> str:
    """One sha256 for everything the record certifies: the filed text's page and Annex hashes
    and the reader view's hash."""
    document = {"pages": dict(sorted(pages.items())), "annex": annex_sha256}
    if reader_sha256 is not None:
        document["reader"] = reader_sha256
    return hashlib.sha256(canonical(document)).hexdigest()


@dataclass(frozen=True)
class Reading:
    """One version of the site read as the record reads it."""

    filed: Snapshot
    reader: ReaderRecord

    def state(self) -> str:
        return state_digest(
            self.filed.page_digests(), self.filed.annex_digest(), self.reader.digest()
        )

    def filed_state(self) -> str:
        return state_digest(self.filed.page_digests(), self.filed.annex_digest(), None)


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
    reader: ReaderRecord | None  # None: a format 1 record, to be migrated by `cmrkit freeze`
    history: tuple[dict[str, Any], ...]
    format: int = FORMAT

    def page_digests(self) -> dict[str, str]:
        return {page: digest(lines) for page, lines in self.pages.items()}

    def state(self) -> str:
        reader = self.reader.digest() if self.reader is not None else None
        return state_digest(self.page_digests(), self.annex_sha256, reader)

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "format": self.format,
            "year": self.year,
            "about": "What a reader of the filed report gets; checked by `cmrkit publish`. "
            "Change only with `cmrkit freeze YEAR --amend --reason ...` (see README). "
            "`pages`/`annex`: the filed text; `reader`: each page as Chromium shows it, its "
            "links, the sha256 of every download; `history`: append-only, each entry with the "
            "sha256 of the one before.",
            "pages": {
                page: {"sha256": digest(lines), "sentences": list(lines)}
                for page, lines in self.pages.items()
            },
            "annex": {"rows": self.annex_rows, "sha256": self.annex_sha256},
        }
        if self.reader is not None:
            document["reader"] = self.reader.to_json()
        document["history"] = list(self.history)
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _edited(path: Path, what: str) -> DataError:
    return DataError(
        Location(path),
        f"{what} (the manifest was edited by hand; a correction is recorded with "
        "`cmrkit freeze YEAR --amend --reason ...`)",
    )


def verify_history(path: Path, manifest: Manifest) -> None:
    """The history must be the unbroken record of how the manifest came to say what it says:
    entries chained by `previous`, the filed text replayed from the first freeze through every
    amendment to the recorded one, and the last entry's `state` that of the manifest."""
    history = manifest.history
    if not history:
        raise _edited(path, "the manifest has no history")
    if history[0].get("action") != "freeze" or history[0].get("previous") is not None:
        raise _edited(path, "the history does not start with the year's freeze")
    # A record made in format 2 is chained from its first entry; a migrated one from its
    # migration (whose `format_1_history` holds the sha256 of every entry before it).
    migrated = "state" in history[0]
    pages: dict[str, str] = {}
    annex = ""
    reader: str | None = None
    for index, entry in enumerate(history):
        action = entry.get("action")
        if not isinstance(entry.get("reason"), str) or not str(entry.get("date", "")):
            raise _edited(path, f"history entry {index + 1} has no date or reason")
        chained = index and (migrated or action == "migrate" or "previous" in entry)
        if chained and entry.get("previous") != entry_digest(history[index - 1]):
            raise _edited(
                path,
                f"history entry {index + 1} ({action}, {entry.get('date')}) does not carry "
                f"the sha256 of entry {index}: an entry was changed, removed or inserted",
            )
        if action == "freeze" and index == 0:
            pages = dict(entry["pages"])
            annex = str(entry["annex_sha256"])
            reader = entry.get("reader_sha256")
        elif action == "migrate":
            if (
                entry.get("format_1_history")
                != hashlib.sha256(canonical(list(history[:index]))).hexdigest()
            ):
                raise _edited(path, "the history before the format 2 migration was changed")
            if dict(entry["pages"]) != pages or entry["annex_sha256"] != annex:
                raise _edited(path, "the migration entry changes the filed text")
            reader = str(entry["reader_sha256"])
            migrated = True
        elif action == "amend":
            for page, change in entry.get("pages", {}).items():
                if pages.get(page) != change.get("old"):
                    raise _edited(path, f"history entry {index + 1}: {page} was not {change}")
                if change.get("new") is None:
                    pages.pop(page, None)
                else:
                    pages[page] = str(change["new"])
            if "annex" in entry:
                if entry["annex"]["old"] != annex:
                    raise _edited(path, f"history entry {index + 1}: the Annex does not follow")
                annex = str(entry["annex"]["new"])
            if "reader" in entry:
                if entry["reader"]["old"] != reader:
                    raise _edited(path, f"history entry {index + 1}: the reader does not follow")
                reader = str(entry["reader"]["new"])
        else:
            raise _edited(path, f"history entry {index + 1} has an unknown action {action!r}")
        if "state" in entry and entry["state"] != state_digest(pages, annex, reader):
            raise _edited(path, f"history entry {index + 1} does not match the state it records")
    if pages != manifest.page_digests() or annex != manifest.annex_sha256:
        raise _edited(path, "the recorded filed text is not the one its history leads to")
    current = manifest.reader.digest() if manifest.reader is not None else None
    if reader != current:
        raise _edited(path, "the recorded reader view is not the one its history leads to")
    if manifest.format >= 2 and history[-1].get("state") != manifest.state():
        raise _edited(path, "the last history entry does not record the manifest's state")


def filed_states(history: tuple[dict[str, Any], ...]) -> list[str]:
    """The filed text's state (page and Annex hashes) after each entry of a verified history."""
    pages: dict[str, str] = {}
    annex = ""
    out = []
    for entry in history:
        if entry.get("action") in ("freeze", "migrate"):
            pages, annex = dict(entry["pages"]), str(entry["annex_sha256"])
        elif entry.get("action") == "amend":
            for page, change in entry.get("pages", {}).items():
                if change.get("new") is None:
                    pages.pop(page, None)
                else:
                    pages[page] = str(change["new"])
            if "annex" in entry:
                annex = str(entry["annex"]["new"])
        out.append(state_digest(pages, annex, None))
    return out


def parse_manifest(path: Path, text: str) -> Manifest:
    """Read a manifest and check that every recorded text still has its recorded hash and that
    its history leads to it, so a hand edit of the record cannot pass for the record."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(Location(path, exc.lineno), f"invalid JSON: {exc.msg}") from None
    try:
        version = int(document.get("format", 1))
        if version not in (1, FORMAT):
            raise DataError(Location(path), f"unknown manifest format {version}")
        pages = {}
        for page, entry in document["pages"].items():
            lines = tuple(str(line) for line in entry["sentences"])
            if digest(lines) != entry["sha256"]:
                raise _edited(path, f"the recorded text of {page} does not match its sha256")
            pages[page] = lines
        reader = None
        if version >= 2:
            try:
                reader = reader_from_json(document["reader"])
            except ValueError as exc:
                raise _edited(path, str(exc)) from None
        manifest = Manifest(
            year=int(document["year"]),
            pages=pages,
            annex_rows=int(document["annex"]["rows"]),
            annex_sha256=str(document["annex"]["sha256"]),
            reader=reader,
            history=tuple(document.get("history") or ()),
            format=version,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(Location(path), f"not a cmrkit manifest ({exc!r})") from None
    try:
        verify_history(path, manifest)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _edited(path, f"its history is malformed ({exc!r})") from None
    return manifest


def load_manifest(year_dir: Path) -> Manifest | None:
    path = manifest_path(year_dir)
    if not path.is_file():
        return None
    return parse_manifest(path, path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Differences:
    pages: tuple[PageChange, ...]
    annex: tuple[int, int, str, str] | None  # old rows, new rows, old sha, new sha
    reader: ReaderDifferences = field(default_factory=lambda: ReaderDifferences((), ()))

    def __bool__(self) -> bool:
        return bool(self.pages or self.annex or self.reader)

    def filed_changed(self) -> bool:
        return bool(self.pages or self.annex)

    def describe(self) -> str:
        lines: list[str] = []
        if self.pages or self.annex:
            lines.append("The filed text:")
        for change in self.pages:
            lines.extend(change.describe())
        if self.annex:
            old_rows, new_rows, _, _ = self.annex
            lines.append(
                f"Annex rows: {old_rows} recorded, {new_rows} now"
                + (" (same count, different content)" if old_rows == new_rows else "")
            )
        if self.reader:
            lines.append("What a reader gets (pages as Chromium shows them, links, downloads):")
            lines.append(self.reader.describe())
        return "\n".join(lines)


def compare_filed(manifest: Manifest, snapshot: Snapshot) -> Differences:
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


def compare(manifest: Manifest, reading: Reading) -> Differences:
    """Everything that differs between the record and a reading of a version of the site."""
    filed = compare_filed(manifest, reading.filed)
    if manifest.reader is None:
        return filed
    return Differences(filed.pages, filed.annex, compare_reader(manifest.reader, reading.reader))


def compare_readings(old: Reading, new: Reading) -> Differences:
    """What differs between two versions of the site (the one published, a new build)."""
    return compare(manifest_from_reading(0, old, ()), new)


def manifest_from_reading(
    year: int, reading: Reading, history: tuple[dict[str, Any], ...]
) -> Manifest:
    snapshot = reading.filed
    pages = {page: tuple(lines) for page, lines in snapshot.pages.items()}
    return Manifest(
        year, pages, len(snapshot.annex_rows), snapshot.annex_digest(), reading.reader, history
    )


def _chained(history: tuple[dict[str, Any], ...], entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, "previous": entry_digest(history[-1]) if history else None}


def freeze_entry(reading: Reading, reason: str, today: dt.date) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "action": "freeze",
        "reason": reason,
        "pages": reading.filed.page_digests(),
        "annex_sha256": reading.filed.annex_digest(),
        "reader_sha256": reading.reader.digest(),
        "state": reading.state(),
        "previous": None,
    }


def migrate_entry(
    history: tuple[dict[str, Any], ...], reading: Reading, reason: str, today: dt.date
) -> dict[str, Any]:
    """Format 1 to 2: the filed text stays as recorded (checked by the caller); the reader view
    is recorded for the first time."""
    entry = {
        "date": today.isoformat(),
        "action": "migrate",
        "reason": reason,
        "format": {"old": 1, "new": FORMAT},
        "format_1_history": hashlib.sha256(canonical(list(history))).hexdigest(),
        "pages": reading.filed.page_digests(),
        "annex_sha256": reading.filed.annex_digest(),
        "reader_sha256": reading.reader.digest(),
        "state": reading.state(),
    }
    return _chained(history, entry)


def amend_entry(
    history: tuple[dict[str, Any], ...],
    current: Manifest,
    differences: Differences,
    reading: Reading,
    reason: str,
    today: dt.date,
) -> dict[str, Any]:
    """What an amendment changed, hash by hash: the history answers "who changed the filed text
    or what readers get, when and why" without reading old commits."""
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
    if differences.reader:
        entry["reader"] = {
            "old": current.reader.digest() if current.reader is not None else None,
            "new": reading.reader.digest(),
            "pages": differences.reader.changed_pages(),
            "downloads": [line.split(" ", 2)[1] for line in differences.reader.downloads],
        }
    entry["state"] = reading.state()
    return _chained(history, entry)
