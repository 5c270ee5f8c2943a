"""Supplier contacts kept private: no file a repository tracks, and no file of the built site,
may carry a supplier contact's e-mail address or phone number (`cmrkit.ingest.contacts` says
which, from the suppliers' CMRTs), and no supplier file may be tracked at all.

A finding names the file, the line and where the CMRT gives the contact, never the address or
number itself: the output of `cmrkit check` may land in a public CI log. Zip files (a workbook,
a wheel) are looked into, member by member."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from cmrkit.checks.findings import ERROR, Finding
from cmrkit.errors import Location
from cmrkit.ingest.contacts import Contact, contacts_in_text

CHECK = "privacy"


def _texts(data: bytes) -> list[tuple[str, str]]:
    """(member name or "", text) of a file: its own text, or each member of a zip file."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return [
                    (info.filename, archive.read(info).decode("utf-8", errors="replace"))
                    for info in archive.infolist()
                    if not info.is_dir()
                ]
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            pass
    return [("", data.decode("utf-8", errors="replace"))]


def contacts_in_files(
    files: Iterable[tuple[Path, bytes]], contacts: list[Contact], what: str
) -> list[Finding]:
    """A finding per file and contact it carries (first line only); `what` says whose files
    ("tracked by git", "of the built site")."""
    if not contacts:
        return []
    found = []
    for path, data in files:
        seen: set[Contact] = set()
        for member, text in _texts(data):
            for line, contact in contacts_in_text(text, contacts):
                if contact in seen:
                    continue
                seen.add(contact)
                inside = f" (in {member})" if member else ""
                found.append(
                    Finding(
                        ERROR,
                        CHECK,
                        Location(path, None if member else line),
                        f"a file {what} carries the {contact.kind} of a supplier contact"
                        f"{inside}, given in {contact.source}: supplier staff's personal data "
                        "never goes to git or the site; remove it",
                    )
                )
    return found


def tracked_supplier_files(paths: Iterable[Path], placeholder: str = ".gitkeep") -> list[Finding]:
    """Supplier files (`data/YEAR/cmrt/`) are never tracked: they name people."""
    return [
        Finding(
            ERROR,
            CHECK,
            Location(path),
            "a supplier file is tracked by git: CMRTs carry supplier staff's names, e-mail "
            "addresses and phone numbers; `git rm --cached` it and keep it out of git "
            "(.gitignore: /data/*/cmrt/*)",
        )
        for path in paths
        if path.name != placeholder
    ]
