"""The RMI lists a year was classified with, kept with the year (`data/<year>/rmi-lists/`).

RMI's lists change every month and old versions are not published, so a report's statuses can
only be checked (or reproduced, years later) from the very files used. `cmrkit ingest YEAR
--status ... --as-of DATE` copies each list here byte for byte and records it in `manifest.yml`:

    # RMI facility lists used by `cmrkit ingest 2024`; ...
    as_of: 2025-03-03             # the date of the lists, as the user gave it
    lists:
      - file: conformant.xlsx     # the copy, in this folder
        status: Conformant        # every row has this status; absent: the file has a status column
        original: rmi-conformant.xlsx
        format: xlsx              # csv, xlsx or xml (XML Spreadsheet 2003)
        sha256: 5f0c...
        rows: 245                 # facility rows read

A later `cmrkit ingest YEAR` without `--status` classifies from these copies, after checking
each one against its sha256: a copy that changed is an error, not a silent reclassification.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cmrkit.errors import DataError, Location
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.ingest.rmi_lists import ListSpec, ReadList

FOLDER = "rmi-lists"
MANIFEST = "manifest.yml"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SAFE = re.compile(r"[^0-9A-Za-z._-]+")
EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx", "xml": ".xml"}


@dataclass(frozen=True)
class StoredList:
    file: str
    status: str | None
    original: str
    format: str
    sha256: str
    rows: int


@dataclass(frozen=True)
class ListsManifest:
    as_of: dt.date
    lists: tuple[StoredList, ...]

    def summary(self) -> dict[str, Any]:
        """What a run records of the lists that classified it."""
        return {
            "as_of": self.as_of,
            "files": {entry.file: entry.sha256 for entry in self.lists},
        }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _copy_name(spec: ListSpec, read: ReadList, taken: set[str]) -> str:
    stem = _SAFE.sub("-", (spec.status or "statuses").casefold()).strip("-") or "list"
    name = stem + EXTENSIONS[read.format]
    number = 2
    while name in taken:
        name = f"{stem}-{number}{EXTENSIONS[read.format]}"
        number += 1
    taken.add(name)
    return name


def store_lists(
    year_dir: Path,
    lists: Sequence[tuple[ReadList, bytes]],
    as_of: dt.date,
    previous: ListsManifest | None = None,
) -> ListsManifest:
    """Copy the lists (their bytes as read) into `rmi-lists/` and write the manifest; the copies
    the `previous` manifest named and the new one does not are removed (git keeps them)."""
    folder = year_dir / FOLDER
    taken: set[str] = set()
    entries = []
    for read, data in lists:
        name = _copy_name(read.spec, read, taken)
        entries.append(
            StoredList(
                file=name,
                status=read.spec.status,
                original=read.spec.path.name,
                format=read.format,
                sha256=sha256_of(data),
                rows=read.rows,
            )
        )
    manifest = ListsManifest(as_of, tuple(entries))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for entry, (_, data) in zip(entries, lists, strict=True):
            (folder / entry.file).write_bytes(data)
        (folder / MANIFEST).write_text(manifest_text(manifest, year_dir.name), encoding="utf-8")
        for entry in previous.lists if previous else ():
            if entry.file not in taken:
                (folder / entry.file).unlink(missing_ok=True)
    except OSError as exc:
        raise DataError(Location(folder), f"cannot write: {exc.strerror or exc}") from None
    return manifest


def manifest_text(manifest: ListsManifest, year: str) -> str:
    records = []
    for entry in manifest.lists:
        record: dict[str, Any] = {"file": entry.file}
        if entry.status:
            record["status"] = entry.status
        record.update(
            original=entry.original, format=entry.format, sha256=entry.sha256, rows=entry.rows
        )
        records.append(record)
    body = yaml.safe_dump(
        {"as_of": manifest.as_of, "lists": records}, sort_keys=False, allow_unicode=True
    )
    header = (
        f"# RMI facility lists used by `cmrkit ingest {year}` to classify the year's facilities:\n"
        "# byte-for-byte copies in this folder. `cmrkit ingest` without --status reuses them.\n"
    )
    return header + body


def load_manifest(year_dir: Path) -> ListsManifest | None:
    """The stored lists' manifest, checked field by field; None when no list was stored."""
    path = year_dir / FOLDER / MANIFEST
    if not path.is_file():
        return None
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise DataError(doc.where(()), "expected 'as_of' and 'lists'")
    as_of = data.get("as_of")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise DataError(doc.where(("as_of",)), "'as_of' must be a date written YYYY-MM-DD")
    items = data.get("lists")
    if not isinstance(items, list) or not items:
        raise DataError(doc.where(("lists",)), "'lists' must name at least one list")
    entries = tuple(_entry(doc, index, item) for index, item in enumerate(items))
    names = [entry.file for entry in entries]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise DataError(doc.where(("lists", index, "file")), f"'{name}' is listed twice")
    return ListsManifest(as_of, entries)


def _entry(doc: YamlDoc, index: int, item: Any) -> StoredList:
    key = ("lists", index)
    if not isinstance(item, dict):
        raise DataError(doc.where(key), "each list is a mapping (file, sha256, ...)")
    for name in ("file", "original", "format", "sha256"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise DataError(doc.where((*key, name)), f"'{name}' must be non-empty text")
    if "/" in item["file"] or "\\" in item["file"] or item["file"].startswith("."):
        raise DataError(doc.where((*key, "file")), "'file' must be a file name in this folder")
    if item["format"] not in EXTENSIONS:
        raise DataError(
            doc.where((*key, "format")), f"'format' must be one of {', '.join(EXTENSIONS)}"
        )
    if not _SHA256.match(item["sha256"]):
        raise DataError(doc.where((*key, "sha256")), "'sha256' must be 64 hexadecimal digits")
    status = item.get("status")
    if status is not None and (not isinstance(status, str) or not status.strip()):
        raise DataError(doc.where((*key, "status")), "'status' must be an RMI status word")
    rows = item.get("rows", 0)
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise DataError(doc.where((*key, "rows")), "'rows' must be a whole number")
    return StoredList(item["file"], status, item["original"], item["format"], item["sha256"], rows)


def stored_specs(year_dir: Path, manifest: ListsManifest) -> list[ListSpec]:
    """The stored copies as `--status` arguments, each checked against its recorded sha256."""
    folder = year_dir / FOLDER
    doc = load_yaml(folder / MANIFEST)
    specs = []
    for index, entry in enumerate(manifest.lists):
        path = folder / entry.file
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DataError(
                doc.where(("lists", index, "file")),
                f"stored list '{entry.file}' cannot be read: {exc.strerror or exc}",
            ) from None
        if sha256_of(data) != entry.sha256:
            raise DataError(
                doc.where(("lists", index, "sha256")),
                f"stored list '{entry.file}' has changed since it was recorded (sha256 "
                f"{sha256_of(data)[:12]}..., recorded {entry.sha256[:12]}...): restore it from "
                "git, or store new lists with --status ... --as-of DATE",
            )
        specs.append(ListSpec(path, entry.status))
    return specs
