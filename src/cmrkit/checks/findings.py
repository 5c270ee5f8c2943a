"""A finding of a pre-filing check: its level, where it is, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from cmrkit.errors import Location

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR or WARNING
    check: str  # short name of the check that found it
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.location}: {self.message} [{self.check}]"
