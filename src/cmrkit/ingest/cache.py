"""A cache of what each supplier file yielded, keyed by the file's content.

Re-running an ingest over a folder where most files have not changed should take seconds. The
key is the SHA-256 of the file's bytes plus a version of the reader (the parser version and a
digest of the cell maps in `layouts.yml`, and the calamine version), so a renamed file still
hits and a change in the reader invalidates everything. Look-up sheets, identical in every file
of one revision, are stored once each. Entries are JSON: a corrupt or foreign entry is a miss,
never a crash, and the cache folder can be deleted at any time.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from cmrkit.ingest.cmrt.layout import Layouts, load_layouts

DEFAULT_DIR = Path(".cache") / "cmrkit" / "ingest"


@cache
def _calamine() -> str:
    try:
        return metadata.version("python-calamine")
    except metadata.PackageNotFoundError:
        return "unknown"


def reader_version(layouts: Layouts | None = None) -> str:
    """The reader's version: parser version, digest of the cell maps in force, calamine's."""
    layouts = layouts or load_layouts()
    return f"p{layouts.parser_version}-l{layouts.digest}-c{_calamine()}"


class Cache:
    """Entries under `root/<reader version>/`: `files/<sha256>.json`, `lookups/<digest>.json`."""

    def __init__(self, root: Path, layouts: Layouts | None = None) -> None:
        self.root = root / reader_version(layouts)

    def _file_path(self, sha256: str) -> Path:
        return self.root / "files" / sha256[:2] / f"{sha256}.json"

    def _lookup_path(self, digest: str) -> Path:
        return self.root / "lookups" / f"{digest}.json"

    def get(self, sha256: str) -> dict[str, Any] | None:
        return _load(self._file_path(sha256))

    def put(self, sha256: str, entry: dict[str, Any]) -> None:
        _store(self._file_path(sha256), entry)

    def get_lookup(self, digest: str) -> list[list[str]] | None:
        data = _load(self._lookup_path(digest))
        return data.get("rows") if isinstance(data, dict) else None

    def put_lookup(self, digest: str, rows: list[list[str]]) -> None:
        path = self._lookup_path(digest)
        if not path.exists():
            _store(path, {"rows": rows})

    def has_lookup(self, digest: str) -> bool:
        return self._lookup_path(digest).exists()


def _load(path: Path) -> dict[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _store(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (temp file, then rename) so parallel workers never see half an entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
