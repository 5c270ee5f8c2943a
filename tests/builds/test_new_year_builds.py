"""`cmrkit new-year` then `mkdocs build`: the new year builds as it stands, and editing its pages
never changes what the earlier year renders (the scaffold itself: tests/year/test_new_year.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.year.pages import load_pages
from tests.support.pages import site_text
from tests.support.project import YEARS, build, copy_project

LAST = YEARS[-1]  # the latest year present: the new year starts from it
NEW = LAST + 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _reword_first_sentence(page: Path) -> tuple[str, str]:
    """Change the first prose line of a page (not a template or heading): old and new text."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(
        i for i, line in enumerate(lines) if len(line.split()) > 8 and not line.startswith("#")
    )
    old = lines[index]
    lines[index] = "In plain words, " + old[0].lower() + old[1:]
    page.write_text("\n".join(lines), encoding="utf-8")
    return old, lines[index]


def test_the_scaffold_builds_and_its_edits_never_reach_the_earlier_year(project: Path) -> None:
    assert build(project, LAST, project / "before").returncode == 0
    before = site_text(project / "before", LAST)
    assert main(["new-year", str(NEW), "--data", str(project / "data")]) == 0
    result = build(project, NEW)
    assert result.returncode == 0, result.stderr
    assert f"December 31, {NEW}" in (project / "site" / "index.html").read_text(encoding="utf-8")
    yoy = (project / "site" / "year-over-year" / "index.html").read_text(encoding="utf-8")
    assert f"Compared with {LAST}" in yoy
    assert "Draft – not filed" in (project / "site" / "index.html").read_text(encoding="utf-8")

    # Reword a sentence of every page of the new year: the earlier year renders as before.
    pages = load_pages(project / "docs", NEW)
    for markdown in pages.files:
        _reword_first_sentence(pages.folder / markdown)
    assert build(project, NEW).returncode == 0
    assert "In plain words, " in site_text(project / "site", NEW)
    assert build(project, LAST, project / "after").returncode == 0
    assert site_text(project / "after", LAST) == before
