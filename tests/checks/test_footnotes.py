"""A footnote marker printed on Annex rows needs its note on a page: in a draft, a marker with
no note (a `*` after a refiner's name that nothing explains) is an error `cmrkit check` names on
the marker's line of facts.yml; in a filed year a warning; every year present prints its notes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.run import run_checks
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.check_project import draft_year, new_project, run_check
from tests.support.project import FILED_YEARS, REPO, YEARS

from .test_run import filing_deadline

ANCHOR = re.compile(r"^.*\{\{\s*footnote_anchor\(.*\n?", re.MULTILINE)


def findings(project: Path, year: int) -> list[Finding]:
    report = load_year(project / "data", year)
    return [
        f
        for f in run_checks(report, load_pages(project / "docs", year))
        if f.check == "annex-footnote-note"
    ]


def _drop_notes(docs: Path) -> int:
    """Remove every line opening a footnote's note from the year's pages; how many."""
    dropped = 0
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        kept, count = ANCHOR.subn("", text)
        if count:
            page.write_text(kept, encoding="utf-8")
            dropped += count
    return dropped


@pytest.mark.parametrize("year", YEARS)
def test_every_year_prints_the_notes_of_its_markers(year: int) -> None:
    assert findings(REPO, year) == []


def test_a_marker_without_its_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = next((y for y in FILED_YEARS if load_year(REPO / "data", y).footnotes), None)
    if year is None:
        pytest.skip("no filed year has an Annex footnote")
    project = new_project(tmp_path)
    draft = max(YEARS) + 1
    draft_year(project, draft, filing_deadline(draft) - dt.timedelta(days=2), year)
    assert _drop_notes(project / "docs" / str(year)) > 0
    assert _drop_notes(project / "docs" / str(draft)) > 0
    filed = findings(project, year)
    assert filed and {f.level for f in filed} == {WARNING}
    found = findings(project, draft)
    report = load_year(project / "data", draft)
    used = [m for m in report.footnotes if m not in report.unused_footnotes]
    assert [f.level for f in found] == [ERROR] * len(used)
    facts = project / "data" / str(draft) / "facts.yml"
    assert {Path(f.location.path) for f in found} == {facts}
    first = next(row for row in report.annex if row.footnote == used[0])
    assert f"'{first.smelter_name}'" in found[0].message
    assert f"{{{{ footnote_anchor('{used[0]}') }}}}" in found[0].message
    assert run_check(project, draft) == 1
    assert "[annex-footnote-note]" in capsys.readouterr().out


def test_a_note_kept_in_the_shape_as_imported_counts(tmp_path: Path) -> None:
    """`cmrkit import` keeps a filed report's notes in `annex.shape.notes`, printed under the
    table: a marker whose note opens one of them has its note ("** ..." is another marker's)."""
    year = next((y for y in FILED_YEARS if load_year(REPO / "data", y).footnotes), None)
    if year is None:
        pytest.skip("no filed year has an Annex footnote")
    project = new_project(tmp_path)
    draft = max(YEARS) + 1
    folder = draft_year(project, draft, filing_deadline(draft) - dt.timedelta(days=2), year)
    assert _drop_notes(project / "docs" / str(draft)) > 0
    facts = folder / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    used = [m for m, _ in load_year(project / "data", draft).facts.annex.footnotes.items()]
    for opening, expected in (("*" * 5, len(used)), ("", 0)):
        notes = "".join(f'\n      - "{m}{opening} The note, as filed."' for m in used)
        facts.write_text(
            text.replace("\n  footnotes:", f"\n  shape:\n    notes:{notes}\n  footnotes:", 1),
            encoding="utf-8",
        )
        assert len(findings(project, draft)) == expected
