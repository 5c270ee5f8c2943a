"""One row of the problems report: where (file, sheet, cell), how bad, and why."""

from __future__ import annotations

from dataclasses import dataclass

# Severities, from worst to mildest:
#   refused  - the whole file was not read
#   error    - the row is not in the consolidated list (its parts disagree or are missing)
#   excluded - the row is not in the consolidated list and that is expected
#              (e.g. "Smelter not yet identified")
#   warning  - the row or field was used, but look at it
#   info     - for the record
SEVERITIES = ("refused", "error", "excluded", "warning", "info")
EXCLUDING = frozenset({"error", "excluded"})
FIELDS = ("file", "sheet", "cell", "severity", "code", "reason")


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    cell: str
    severity: str
    code: str
    reason: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def as_row(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELDS}


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """File, then severity, then sheet and cell in reading order."""
    return (
        problem.file,
        SEVERITIES.index(problem.severity),
        problem.sheet,
        _cell_key(problem.cell),
    )


def _cell_key(cell: str) -> str:
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    return f"{int(digits or 0):08d}{letters:>3}"
