"""A year's Annex as a pandas DataFrame, for analysts' notebooks (`YearReport.annex_frame()`).

pandas is imported here only, when a frame is asked for: the site build and the commands never
pay for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from cmrkit.year.report import YearReport

FIRST = ("metal", "smelter_id", "smelter_name", "country", "status")


def annex_frame(report: YearReport) -> pd.DataFrame:
    """One row per Annex row, in file order: `metal, smelter_id, smelter_name, country, status`,
    then the footnote, the year's other columns, and what the engine knows of each row (its
    status bucket, whether it is in a Covered Country, its sanctions entries, its CSV line)."""
    import pandas as pd

    extra = [name for name, _ in report.annex[0].extra] if report.annex else []
    rows = []
    for row in report.annex:
        record: dict[str, str | bool | int] = {
            name: row.value(name) for name in (*FIRST, "footnote")
        }
        record.update(dict(row.extra))
        record["bucket"] = row.bucket
        record["covered_country"] = report.reference.is_covered_country(row.country)
        record["sanctions"] = "; ".join(
            entry.id
            for entry in report.reference.sanctions_for(
                row.metal, row.smelter_name, row.smelter_id or None
            )
        )
        record["line"] = row.line
        rows.append(record)
    columns = [*FIRST, "footnote", *extra, "bucket", "covered_country", "sanctions", "line"]
    return pd.DataFrame(rows, columns=columns)
