"""Errors that carry their place in the input, so users see file and line, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem sits: a file, and a line or a spreadsheet cell within it."""

    path: Path | str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = [str(self.path)]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"cell {self.cell}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


class CmrkitError(Exception):
    """Base for every error cmrkit reports to a user as a message rather than a traceback."""


class DataError(CmrkitError):
    """Bad data in the repository or in a supplier file, with the place it was found."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class DataProblems(CmrkitError):
    """Several problems found in one pass, reported together so a user can fix them at once."""

    def __init__(self, problems: list[DataError]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
