"""A year's Annex rows as tests edit them, whichever source the year's facts name: the hand-kept
CSV, or the ingest run (`annex: {source: ingest}`), whose file is then rewritten as a run that
gives exactly these rows (footnote markers as decisions)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.year.decisions import FILE as DECISIONS_FILE
from cmrkit.year.decisions import HEADER as DECISIONS_HEADER
from cmrkit.year.report import load_year

HEADER = ["metal", "smelter_id", "smelter_name", "country", "status", "footnote"]


def read_annex_rows(data: Path, year: int | str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the year's Annex, as the CSV columns."""
    report = load_year(data, year)
    if report.run_annex is None:
        with open(report.annex_path, encoding="utf-8-sig", newline="") as handle:  # type: ignore[arg-type]
            rows = list(csv.reader(handle))
        return rows[0], rows[1:]
    return HEADER, [
        [r.metal, r.smelter_id, r.smelter_name, r.country, r.status, r.footnote]
        for r in report.annex
    ]


def write_annex_rows(data: Path, year: int | str, header: list[str], rows: list[list[str]]) -> None:
    """Make these the year's Annex rows, in this order."""
    report = load_year(data, year)
    if report.run_annex is None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        report.annex_path.write_text(out.getvalue(), encoding="utf-8")  # type: ignore[union-attr]
        return
    bucket_of = {label: bucket for bucket, label in report.labels.items()}
    records = [dict(zip(header, row, strict=True)) for row in rows]
    facilities = [
        {
            "metal": r["metal"],
            "smelter_id": r.get("smelter_id", ""),
            "smelter_name": r["smelter_name"],
            "country": r["country"],
            "rmi_status": "",
            "bucket": bucket_of[r["status"]],
            "suppliers": 1,
        }
        for r in records
    ]
    folder = data / str(year)
    run = report.run_annex.run
    write_run(run_path(folder), run_text(str(year), facilities, run.lists, run.inputs))
    decisions = io.StringIO()
    writer = csv.writer(decisions, lineterminator="\n")
    for r in records:
        if r.get("footnote"):
            sid = r.get("smelter_id", "")
            name, country = ("", "") if sid else (r["smelter_name"], r["country"])
            writer.writerow([r["metal"], sid, name, country, "footnote", r["footnote"], "test"])
    (folder / DECISIONS_FILE).write_text(DECISIONS_HEADER + decisions.getvalue(), encoding="utf-8")


def fill_if_empty(data: Path, year: int | str) -> bool:
    """Give `year` the Annex rows of the newest year that has some, if it has none (a draft just
    started by new-year, before its first ingest run), so tests comparing a new year with it
    have rows to drop and keep. True when it wrote rows."""
    if load_year(data, year).annex:
        return False
    years = sorted(int(p.name) for p in data.iterdir() if p.name.isdigit())
    source = next(y for y in reversed(years) if load_year(data, y).annex)
    write_annex_rows(data, year, *read_annex_rows(data, source))
    return True
