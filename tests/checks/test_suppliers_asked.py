"""No figure without a source: a year whose number of suppliers asked nobody gave prints a blank
where the count and the response rate go, and `cmrkit check` reports it as an error wherever a
page prints it (every year here prints it), whether the year is a draft or filed, and whether its
counts are typed or come from an ingest run. (A filed year whose pages print neither: a warning
for the record, tests/importing/test_run.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cmrkit.checks import pages as checked_pages
from cmrkit.checks.findings import ERROR
from cmrkit.checks.run import run_checks
from cmrkit.render.words import NOT_GIVEN
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import YEARS, copy_project

ASKED = "contract_manufacturers_asked"


def forget_asked(project: Path, year: int) -> None:
    """The year's count of suppliers asked made null where it is given (facts, or the run)."""
    folder = project / "data" / str(year)
    facts = folder / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^(\s+{ASKED}:).*$", r"\1 null", text)
    facts.write_text(text, encoding="utf-8")
    source = load_year(project / "data", year).facts.rcoi.source
    if source:
        path = folder / source
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["rcoi"][ASKED] = None
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("year", YEARS)
def test_suppliers_asked_not_given_is_a_blank_and_an_error(year: int, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    forget_asked(project, year)
    report = load_year(project / "data", year)
    assert report.figures.suppliers_asked is None and report.figures.response_rate is None
    year_pages = load_pages(project / "docs", year)
    findings = run_checks(report, year_pages)
    named = [f for f in findings if "suppliers asked is not given" in f.message]
    assert len(named) == 1 and named[0].level == ERROR
    assert Path(named[0].location.path).parent == project / "data" / str(year)
    # Every page that prints the count (or the rate) shows the blank in its place.
    rendered = checked_pages.load_pages(report, year_pages)
    printing = [
        page
        for page in rendered
        if "figures.suppliers_asked" in page.path.read_text(encoding="utf-8")
        or "figures.response_rate" in page.path.read_text(encoding="utf-8")
    ]
    for page in printing:
        assert NOT_GIVEN in "\n".join(page.rendered), page.path
