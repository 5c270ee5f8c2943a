"""What the pages say about the run's CMRTs is computed from it and checked against it: the
CMRTs received by declaration scope are worded for any mix, and a count of them typed into a
page that the run does not give is an error of `cmrkit check`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cmrkit.checks.pages import load_pages as checked_pages
from cmrkit.checks.run import run_checks
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import YEARS, copy_project

DECLARATIONS = {"company": 1, "product": 2, "user_defined": 1, "blank": 1}
WORDED = (
    "one company-level CMRT, two product-level CMRTs, one user-defined CMRT and one CMRT that "
    "stated no scope"
)


def from_run(project: Path, year: int) -> Path:
    """The year's RCOI counts from an ingest run of five CMRTs at four scopes, seven asked."""
    folder = project / "data" / str(year)
    facts = folder / "facts.yml"
    lines = facts.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("rcoi:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#")),
        len(lines),
    )
    lines[start:end] = ["rcoi:", "  source: ingest/rcoi.yml", ""]
    facts.write_text("\n".join(lines), encoding="utf-8")
    (folder / "ingest").mkdir(exist_ok=True)
    counted = {
        "contract_manufacturers_asked": 7,
        "contract_manufacturers_answering": 5,
        "cmrt_level": "mixed",
        "template": "CMRT",
    }
    (folder / "ingest" / "rcoi.yml").write_text(
        yaml.safe_dump({"rcoi": counted, "declarations": DECLARATIONS}), encoding="utf-8"
    )
    page = sorted((project / "docs" / str(year)).rglob("*.md"))[-1]
    return page


@pytest.mark.parametrize("year", YEARS)
def test_the_scopes_are_worded_and_checked(year: int, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = from_run(project, year)
    text = page.read_text(encoding="utf-8")
    sentence = "Our suppliers answered with {{ figures.declarations | cmrt_scopes }}."
    page.write_text(text + f"\n\n{sentence}\n", encoding="utf-8")
    report = load_year(project / "data", year)
    assert report.figures.declarations == DECLARATIONS
    findings = run_checks(report, load_pages(project / "docs", year))
    on_page = [f for f in findings if f.check == "figures" and Path(f.location.path) == page]
    assert not on_page, on_page
    checked = checked_pages(report, load_pages(project / "docs", year))
    rendered = next(p for p in checked if p.path == page)
    assert f"Our suppliers answered with {WORDED}." in "\n".join(rendered.rendered)
    # The same count typed by hand, wrong: the run gives no scope three CMRTs.
    page.write_text(text + "\n\nOur suppliers answered with three product-level CMRTs.\n")
    findings = run_checks(report, load_pages(project / "docs", year))
    wrong = [f for f in findings if f.check == "figures" and Path(f.location.path) == page]
    assert len(wrong) == 1 and "'three' states 3" in wrong[0].message
