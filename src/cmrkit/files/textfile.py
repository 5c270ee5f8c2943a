"""Reading a text file of the repository's data, with a message a user can act on."""

from __future__ import annotations

from pathlib import Path

from cmrkit.errors import DataError, Location


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The file's text; a missing file or one that is not UTF-8 is a DataError naming it."""
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise DataError(Location(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(Location(path), f"not UTF-8 text ({exc.reason})") from None
