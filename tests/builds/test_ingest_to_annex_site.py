"""The ingest-to-Annex flow's year (tests.support.ingested_year) built as a site: the run's counts
printed in the prose, its rows in the Annex and its download, decisions applied (the flow without
a build: tests/flows/test_ingest_to_annex.py)."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.year.report import load_year
from tests.support.cmrt.corpus import EXPECTED
from tests.support.ingested_year import (
    MARKER,
    YEAR,
    active_label,
    decide,
    expected_bucket,
    ingested,
    project,
)
from tests.support.pages import annex_rows, site_text
from tests.support.project import build

__all__ = ["ingested", "project"]  # fixtures


def printed(text: str, number: int) -> int:
    """How many times the report prints `number` in digits (not inside a date or a longer
    number)."""
    return len(re.findall(rf"(?<![\w.,-]){number}(?![\w-]|[.,]\d)", text))


def test_the_site_shows_the_run_in_prose_annex_and_downloads(project: Path) -> None:
    """Whatever the year's wording: the run's facility and Conformant counts are printed where
    the scaffold's empty run printed nothing."""
    empty = shutil.copytree(project, project.parent / "empty")
    write_run(run_path(empty / "data" / YEAR), run_text(YEAR, [], None, []))
    result = build(empty, YEAR)
    assert result.returncode == 0, result.stderr
    before = site_text(empty / "site", int(YEAR), report_only=True)
    result = build(project, YEAR)
    assert result.returncode == 0, result.stderr
    after = site_text(project / "site", int(YEAR), report_only=True)
    buckets = [expected_bucket(sid) for _, sid, _, _ in EXPECTED]
    counts = [len(EXPECTED), *(buckets.count(b) for b in ("conformant", "active", "not_enrolled"))]
    assert len(set(counts)) == 4, "the lists must make every count distinct to tell them apart"
    total, conformant = counts[:2]
    assert printed(after, total) > printed(before, total)
    assert printed(after, conformant) > printed(before, conformant)
    labels = load_year(project / "data", YEAR).labels
    assert sorted(annex_rows(project / "site", int(YEAR))) == sorted(
        (metal, name, country, labels[expected_bucket(sid)])
        for metal, sid, name, country in EXPECTED
    )
    [download] = (project / "site").rglob(f"annex-i-{YEAR}.csv")
    with download.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == total


def test_decisions_footnote_exclude_and_relabel(project: Path) -> None:
    decide(
        project,
        f"Gold,CID003185,,,footnote,{MARKER},OFAC SDN since March 17 2022: see the note",
        "Gold,,Acme Refinery,GERMANY,exclude,,not a smelter: a trader",
        f"Tantalum,CID000211,,,label,{active_label(project)},RMI: enrolled after the list date",
    )
    report = load_year(project / "data", YEAR)
    rows = {r.smelter_name: r for r in report.annex}
    assert "Acme Refinery" not in rows
    assert rows["African Gold Refinery"].display_name == "African Gold Refinery" + MARKER
    assert rows["Changsha South Tantalum Niobium Co., Ltd."].bucket == "active"
    assert report.figures.total == len(EXPECTED) - 1
    assert report.figures.active == 2  # Alpha Assembly (Active list) and the relabelled one
    result = build(project, YEAR)
    assert result.returncode == 0, result.stderr
    assert ("Gold", "African Gold Refinery" + MARKER, "UGANDA", report.labels["not_enrolled"]) in (
        annex_rows(project / "site", int(YEAR))
    )
