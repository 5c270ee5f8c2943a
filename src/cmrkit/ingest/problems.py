"""One row of the problems report: where (a `Location`: file, sheet, cell), how bad, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmrkit.errors import Location


class Severity(StrEnum):
    """How bad a problem is, from worst to mildest (the order problems are listed in)."""

    REFUSED = "refused"  # the whole file was not read
    ERROR = "error"  # the row is not in the consolidated list (its parts disagree or are missing)
    EXCLUDED = "excluded"  # not in the consolidated list, as expected ("Smelter not yet
    #                        identified")
    WARNING = "warning"  # the row or field was used, but look at it
    INFO = "info"  # for the record

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    @property
    def excludes(self) -> bool:
        """A row with such a problem is not in the consolidated list."""
        return self in (Severity.ERROR, Severity.EXCLUDED)


_ORDER = tuple(Severity)
SEVERITIES = tuple(s.value for s in Severity)
FIELDS = ("file", "sheet", "cell", "severity", "code", "reason")


@dataclass(frozen=True)
class Problem:
    """A problem at a place in an input: the same `Location` errors carry."""

    where: Location
    severity: Severity
    code: str
    reason: str

    def __post_init__(self) -> None:
        # Accept the words as well (from a cache entry or a note), and refuse any other word.
        object.__setattr__(self, "severity", Severity(self.severity))

    @classmethod
    def at(
        cls, file: str, sheet: str, cell: str, severity: Severity | str, code: str, reason: str
    ) -> Problem:
        """A problem in `file` at `sheet`/`cell` ("" when the whole file or sheet)."""
        where = Location(file, sheet=sheet or None, cell=cell or None)
        return cls(where, Severity(severity), code, reason)

    @property
    def file(self) -> str:
        return str(self.where.path)

    @property
    def sheet(self) -> str:
        return self.where.sheet or ""

    @property
    def cell(self) -> str:
        return self.where.cell or ""

    def as_row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "severity": self.severity.value,
            "code": self.code,
            "reason": self.reason,
        }


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """File, then severity, then sheet and cell in reading order."""
    return (problem.file, problem.severity.rank, problem.sheet, _cell_key(problem.cell))


def _cell_key(cell: str) -> str:
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    return f"{int(digits or 0):08d}{letters:>3}"
