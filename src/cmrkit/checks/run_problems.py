"""What the year's ingest run left out, repeated where the filer looks before filing: a refused
supplier file is an answer not counted, and a flagged smelter row a facility in no Annex row.
`problems.csv` lists each; `cmrkit check` says how many are still there, so that a report that
passes its checks does not hide them (a warning: leaving a row out may be the right decision)."""

from __future__ import annotations

import csv
from collections import Counter

from cmrkit.checks.findings import WARNING, Finding
from cmrkit.errors import Location
from cmrkit.ingest.problems import Severity
from cmrkit.year.report import YearReport

PROBLEMS = "problems.csv"  # written by `cmrkit ingest YEAR` beside the run (ingest/)


def left_out(report: YearReport) -> list[Finding]:
    if report.run_annex is None:
        return []
    path = report.run_annex.run.path.with_name(PROBLEMS)
    if not path.is_file():
        return []  # the empty run of init and new-year: nothing read yet
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [Finding(WARNING, "ingest-left-out", Location(path), f"cannot be read: {exc}")]
    kinds = Counter((row.get("severity") or "").strip() for row in rows)
    refused = sorted({row.get("file") or "" for row in rows if row.get("severity") == "refused"})
    flagged = kinds[Severity.ERROR.value]
    unidentified = kinds[Severity.EXCLUDED.value]
    if not (refused or flagged or unidentified):
        return []
    parts = []
    if refused:
        shown = ", ".join(refused[:3]) + (
            f" and {len(refused) - 3} more" if len(refused) > 3 else ""
        )
        parts.append(f"{len(refused)} supplier file(s) refused ({shown}), counted as not answering")
    if flagged:
        parts.append(f"{flagged} smelter row(s) flagged as errors, in no Annex row")
    if unidentified:
        parts.append(f"{unidentified} 'Smelter not yet identified' row(s), never a facility")
    return [
        Finding(
            WARNING,
            "ingest-left-out",
            Location(path),
            "the ingest run left out " + "; ".join(parts) + ": each is a line of this file; ask "
            f"the suppliers for corrected CMRTs and run `cmrkit ingest {report.year}` again, or "
            "say in the report what was not counted",
        )
    ]
