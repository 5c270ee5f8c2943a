"""`cmrkit figures YEAR`: the figures the year's report will print, to check data before a build."""

from __future__ import annotations

import argparse
import json

from cmrkit.commands import add_data_option, locate_project
from cmrkit.year.annex_summary import FILE as SUMMARY_FILE
from cmrkit.year.report import load_year


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Load data/YEAR, check it, and print every figure the report states."
    parser.add_argument("year", help="reporting year, e.g. 2023")
    add_data_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args: argparse.Namespace) -> int:
    project = locate_project(args)
    report = load_year(project.data_dir, args.year)
    figures = report.figures
    summary = {
        "year": report.year,
        "annex_rows": figures.total,
        "facilities": figures.facilities,
        "has_status": report.has_status_figures,
        "by_status": dict(figures.by_status),
        "facilities_by_status": dict(figures.facilities_by_status),
        "by_bucket": dict(figures.by_bucket),
        "counts": dict(figures.counts),
        "by_metal": {
            m.metal: {"total": m.total, "facilities": m.facilities, **m.by_status}
            for m in figures.by_metal
        },
        "covered_country_rows": figures.covered_country_rows,
        "greater_risk": figures.greater_risk,
        "on_sanctions_lists": [
            {"metal": row.metal, "smelter_name": row.smelter_name, "entry": entry.id}
            for row, entry in figures.sanctioned
        ],
        "suppliers_asked": figures.suppliers_asked,
        "suppliers_answering": figures.suppliers_answering,
    }
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    print(f"{report.facts.registrant.name}, reporting year {report.year}")
    print(f"Annex rows: {figures.total}")
    if figures.facilities != figures.total:  # a filed report printing a facility twice
        print(f"Facilities, each once: {figures.facilities} (the other counts are of rows)")
    if not report.has_status_figures:
        print("  (no status column in the Annex: no figure by status)")
    elif not report.has_status:
        print(f"  (by status as the filed summary prints it: {SUMMARY_FILE})")
    once = dict(figures.facilities_by_status)
    for label, n in figures.by_status.items():
        print(f"  {label}: {_rows_and_facilities(n, once.get(label, n))}")
    for metal in figures.by_metal:
        detail = ", ".join(f"{k} {v}" for k, v in metal.by_status.items())
        count = _rows_and_facilities(metal.total, metal.facilities)
        print(f"  {metal.metal}: {count}" + (f" ({detail})" if detail else ""))
    print(f"Rows in a Covered Country: {figures.covered_country_rows}")
    print(f"At greater risk (greater_risk rules of statuses.yml): {figures.greater_risk}")
    for row, entry in figures.sanctioned:
        print(f"On a sanctions list: {row.metal} {row.smelter_name} ({entry.id})")
    print(
        "Contract manufacturers asked / answering: "
        f"{'not given' if figures.suppliers_asked is None else figures.suppliers_asked} / "
        f"{'not given' if figures.suppliers_answering is None else figures.suppliers_answering}"
    )
    return 0


def _rows_and_facilities(rows: int, facilities: int) -> str:
    """A count, with the facilities' count beside it when a filed report printed one twice."""
    return str(rows) if rows == facilities else f"{rows} rows, {facilities} facilities"
