"""A filed report whose smelter tables print no status, with a summary table by metal and status
and prose that counts by status, imported with `cmrkit import` into a new `cmrkit init`
repository: the summary is kept as filed (`annex-summary.csv`), the prose's status counts are
bound to the figures it gives and listed in the review file, and the filer's own suite passes."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cmrkit.year.report import load_year
from tests.support import filed_reports as fr
from tests.support.scratch_years import import_filed_year

SHAPE = "per_metal_summary"


def _imported(tmp_path: Path) -> Path:
    root = import_filed_year(tmp_path, fr.exhibit_html("div_span", SHAPE), form_sd=True)
    return root / "data" / str(fr.YEAR)


def test_the_summary_is_kept_as_filed_and_the_status_counts_are_bound(tmp_path: Path) -> None:
    data = _imported(tmp_path)
    with open(data / "annex-summary.csv", encoding="utf-8", newline="") as handle:
        kept = {(r["metal"], r["status"]): int(r["count"]) for r in csv.DictReader(handle)}
    expected = {
        (metal, fr.WORDS[bucket]): sum(1 for m, *_, s in fr.ROWS if m == metal and s == bucket)
        for metal in fr.METAL_ORDER
        for bucket in fr.WORDS
    }
    assert kept == expected
    assert "status" not in next(csv.reader(io.StringIO((data / "annex.csv").read_text())))
    report = load_year(data.parent, fr.YEAR)
    statuses = [s for *_, s in fr.ROWS]
    assert report.figures.conformant == statuses.count("conformant") == 7
    assert report.figures.active == statuses.count("active") == 2
    assert report.shape.summary and not report.has_status
    review = (data / "import-review.md").read_text(encoding="utf-8")
    for typed, expression in (("7", "figures.conformant"), ("2", "figures.active"),
                              ("3", "figures.other")):  # fmt: skip
        assert f"| {typed} | `{{{{ {expression} }}}}` |" in review
    assert "annex-summary.csv" in review
    page = (data.parent.parent / "docs" / str(fr.YEAR) / "exhibit-1-01" /
            "reasonable-country-of-origin-inquiry.md").read_text(encoding="utf-8")  # fmt: skip
    assert "{{ figures.conformant }} are Conformant" in page


def test_the_filer_suite_passes_in_the_new_repository(tmp_path: Path) -> None:
    root = _imported(tmp_path).parent.parent
    junit = tmp_path / "junit.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               f"--basetemp={tmp_path / 'inner'}", f"--junitxml={junit}"]  # fmt: skip
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    passed = {
        case.get("name", "")
        for case in ET.parse(junit).iter("testcase")
        if not any(child.tag in ("failure", "error", "skipped") for child in case)
    }
    for name in ("test_figures_follow_the_data", "test_prefiling_checks_pass",
                 "test_filed_year_site_says_what_was_filed"):  # fmt: skip
        assert f"{name}[{fr.YEAR}]" in passed, sorted(passed)
