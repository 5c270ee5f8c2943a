"""The files of a supplier folder, as they really arrive: every entry accounted for.

A folder of supplier files is untrusted too: names that are not UTF-8, links to devices or to
files elsewhere, named pipes (opening one waits forever), unreadable subfolders, folders named
like workbooks. The folder is walked without following any link, only regular files become
inputs, and every other entry is named in the problems report with what it is. Nothing here
opens a file; `cmrt.safety.read_regular_file` reads inputs without following links or blocking.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.ingest.cmrt.safety import file_kind
from cmrkit.ingest.problems import Problem

SKIP_PREFIXES = (".", "~$")  # hidden files, Excel's lock files
# Empty files that keep a folder in git (`cmrkit init` and `new-year` write one into cmrt/):
# neither inputs nor worth a line of the problems report.
PLACEHOLDERS = frozenset({".gitkeep", ".keep"})
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".xltx", ".xltm")


@dataclass
class Listing:
    inputs: list[tuple[Path, str]] = field(default_factory=list)  # (path, name shown)
    problems: list[Problem] = field(default_factory=list)


def display_name(relative: str) -> str:
    """A path as it can be printed and written to UTF-8 files: bytes that are not UTF-8 become
    `\\xNN`, characters that print as nothing or reorder text (controls, bidi marks) `\\uNNNN`."""
    raw = os.fsencode(relative).decode("utf-8", "backslashreplace")
    out = []
    for char in raw:
        if char.isprintable() or char == " ":
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def _is_utf8(relative: str) -> bool:
    try:
        os.fsencode(relative).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def list_folder(src: Path) -> Listing:
    """Every regular file under `src` (recursively, sorted), and a problem for every other entry."""
    listing = Listing()
    _walk(src, src, listing)
    listing.inputs.sort(key=lambda item: item[1])
    return listing


def _problem(name: str, severity: str, code: str, reason: str) -> Problem:
    return Problem.at(name, "", "", severity, code, reason)


def _walk(root: Path, folder: Path, listing: Listing) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:
        relative = os.path.relpath(folder, root)
        listing.problems.append(
            _problem(
                display_name(relative),
                "refused",
                "unreadable_folder",
                f"cannot list folder: {exc.strerror or exc}; its files are not read",
            )
        )
        return
    for entry in entries:
        relative = os.path.relpath(entry.path, root)
        shown = display_name(relative)
        if entry.name in PLACEHOLDERS and entry.is_file(follow_symlinks=False):
            continue
        if entry.name.startswith(SKIP_PREFIXES):
            listing.problems.append(_problem(shown, "info", "skipped", "hidden or Excel lock file"))
            continue
        if not _is_utf8(relative):
            listing.problems.append(
                _problem(
                    shown,
                    "warning",
                    "file_name",
                    "the name is not valid UTF-8 text; shown with \\x escapes",
                )
            )
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            listing.problems.append(
                _problem(shown, "refused", "refused", f"cannot read: {exc.strerror or exc}")
            )
            continue
        if stat.S_ISLNK(mode):
            listing.problems.append(_link_problem(root, Path(entry.path), shown))
        elif stat.S_ISDIR(mode):
            if entry.name.lower().endswith(WORKBOOK_SUFFIXES):
                listing.problems.append(
                    _problem(
                        shown,
                        "info",
                        "folder",
                        "a folder named like a workbook: its files are read as part of the folder",
                    )
                )
            _walk(root, Path(entry.path), listing)
        elif stat.S_ISREG(mode):
            listing.inputs.append((Path(entry.path), shown))
        else:
            listing.problems.append(
                _problem(
                    shown,
                    "refused",
                    "not_a_file",
                    f"{file_kind(mode)}, not a regular file: not read",
                )
            )


def _link_problem(root: Path, path: Path, shown: str) -> Problem:
    """Links are never followed; say where this one points and whether that is read anyway."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return _problem(shown, "refused", "link", "a broken symbolic link: not read")
    real_root = Path(os.path.realpath(root))
    inside = target == real_root or real_root in target.parents
    hidden = inside and any(
        part.startswith(SKIP_PREFIXES) for part in target.relative_to(real_root).parts
    )
    if stat.S_ISREG(mode) and inside and not hidden:
        shown_target = display_name(str(target.relative_to(real_root)))
        return _problem(
            shown,
            "info",
            "link",
            f"a symbolic link to {shown_target!r} in this folder, which is read under its own "
            "name (links are never followed)",
        )
    if not stat.S_ISREG(mode):
        what = f"to {file_kind(mode)}"
    elif inside:
        what = "to a hidden file"
    else:
        what = "to a file outside the folder"
    return _problem(
        shown,
        "refused",
        "link",
        f"a symbolic link {what} ({display_name(str(target))}): links are never followed; copy "
        "the supplier's file into the folder",
    )
