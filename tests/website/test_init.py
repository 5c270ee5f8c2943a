"""`cmrkit init`: what it writes (and what it leaves to cmrkit to serve), what it refuses, and
templates that match this repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmrkit.checks import pages as checked_pages
from cmrkit.cli import main
from cmrkit.render.words import NOT_DATED
from cmrkit.website import init
from cmrkit.website.served import SHARED_PAGES, THEME
from cmrkit.website.served import files as served_files
from cmrkit.year.new_year import next_facts
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import REPO

# The files this repository and a new filer's share: this repository follows the layout
# `cmrkit init` writes. (The site's theme, scripts, styles and shared pages are in neither: the
# hooks serve them from cmrkit, website/served.py.)
SAME_AS_INIT = ("macros/__init__.py", "macros/hooks.py", "requirements.lock")


@pytest.mark.parametrize("name", SAME_AS_INIT)
def test_init_writes_this_repositorys_shims_and_pins(name: str) -> None:
    assert (init.TEMPLATE / name).read_bytes() == (REPO / name).read_bytes(), (
        f"{name} differs from src/cmrkit/website/template/{name}: copy the one you changed"
    )


def test_init_writes_this_repositorys_mkdocs_yml_with_the_year() -> None:
    template = (init.TEMPLATE / "mkdocs.yml.tmpl").read_text(encoding="utf-8")
    own = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    year = re.search(r"report_year: !ENV \[CMRKIT_YEAR, (\d{4})\]", own)
    assert year, "mkdocs.yml sets no default report_year"
    assert init.fill(template, {"YEAR": year.group(1)}) == own, "mkdocs.yml.tmpl differs"


def test_init_writes_no_copy_of_what_cmrkit_serves(tmp_path: Path, capsys) -> None:
    """The theme overrides, scripts, styles and shared pages come from cmrkit at build time: a
    new repository carries none of them (nor folders for them), so an upgrade reaches it."""
    repo = tmp_path / "new"
    assert main(["init", str(repo), "--company", "Acme", "--year", "2026"]) == 0
    served = {Path(name).name for name in [*served_files(THEME), *served_files(SHARED_PAGES)]}
    assert served, "cmrkit serves no file"
    copies = [p for p in repo.rglob("*") if p.is_file() and p.name in served]
    assert copies == []
    assert not (repo / "overrides").exists() and not (repo / "docs" / "assets").exists()


def test_init_writes_a_repository_that_loads(tmp_path: Path, capsys) -> None:
    repo = tmp_path / "new"
    assert main(["init", str(repo), "--company", 'Quote "Co", Inc.', "--year", "2026"]) == 0
    report = load_year(repo / "data", 2026)
    assert report.facts.registrant.name == 'Quote "Co", Inc.'
    assert report.facts.filing.status == "draft"
    assert report.facts.filing.signed is None  # a blank until the filer signs
    assert not report.annex
    for name in (".ci/run", ".github/workflows/ci.yml", ".gitignore", "Makefile", "README.md"):
        assert (repo / name).is_file(), name
    makefile = (repo / "Makefile").read_text(encoding="utf-8")
    assert "CMRKIT_VERSION := " in makefile and "@@" not in makefile
    assert "Quote" in (repo / "README.md").read_text(encoding="utf-8")
    assert not list(repo.rglob("*.tmpl")) and not list(repo.rglob("dot-*"))


def test_init_refuses_a_folder_with_files_and_a_bad_year(tmp_path: Path, capsys) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("x")
    assert main(["init", str(tmp_path / "taken"), "--company", "A", "--year", "2025"]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "n"), "--company", "A", "--year", "25"]) == 2
    assert "not a reporting year" in capsys.readouterr().err
    assert not (tmp_path / "n").exists()


def test_blanks_are_errors_of_cmrkit_check(tmp_path: Path, capsys) -> None:
    repo = tmp_path / "new"
    main(["init", str(repo), "--company", "Acme", "--year", "2025"])
    capsys.readouterr()
    assert main(["check", "2025", "--data", str(repo / "data")]) == 1
    out = capsys.readouterr().out
    blanks = [line for line in out.splitlines() if line.endswith("[blank]")]
    written = sum(
        path.read_text(encoding="utf-8").count("[[FILL")
        for path in [*(repo / "docs").rglob("*.md"), repo / "data" / "2025" / "facts.yml"]
    )
    # Each written blank once; besides them, only what a page prints from data no fact
    # accounts for (the level of the CMRTs, before any CMRT is read).
    printed = [line for line in blanks if ": prints a blank from the data: " in line]
    assert len(blanks) - len(printed) == written > 10
    assert len(printed) == 1
    path, line = re.fullmatch(
        r"\s*error: (.+), line (\d+)", printed[0].split(": prints")[0]
    ).groups()
    assert "cmrt_scopes" in Path(path).read_text(encoding="utf-8").split("\n")[int(line) - 1]


def test_nothing_of_one_company_or_one_year_in_what_init_writes(tmp_path: Path) -> None:
    """A new filer's files (glue, comments, README, facts, pages) name no company but the filer
    and no year but its own (and the next, the filing's); requirements.lock's pins and the
    vendored wheel are cmrkit's, not the filer's text."""
    year = 2031
    repo = tmp_path / "new"
    assert main(["init", str(repo), "--company", "Example Devices, Inc.", "--year", str(year)]) == 0
    own = {str(year), str(year + 1)}
    found = []
    for path in sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts):
        if path.name == "requirements.lock" or path.parent.name == "vendor":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            if re.search("qualys", line, re.IGNORECASE):
                found.append(f"{path.relative_to(repo)}:{number}: {line.strip()}")
            years = set(re.findall(r"(?<![\d.])20\d\d(?![\d.])", line)) - own  # not 1934
            if years:
                found.append(f"{path.relative_to(repo)}:{number}: {sorted(years)}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_draft_s_signed_date_is_a_blank_the_check_names(tmp_path: Path, capsys) -> None:
    """No date stands in for the day the Form SD is signed (not the filing deadline): facts.yml
    holds a blank, the draft's Form SD prints a blank where the date goes, `cmrkit check` names
    the line, and `cmrkit new-year` keeps it a blank."""
    repo = tmp_path / "new"
    assert main(["init", str(repo), "--company", "Acme, Inc.", "--year", "2026"]) == 0
    facts = repo / "data" / "2026" / "facts.yml"
    lines = facts.read_text(encoding="utf-8").split("\n")
    (number,) = [n for n, line in enumerate(lines, 1) if line.strip().startswith("signed:")]
    assert "[[FILL:" in lines[number - 1] and not re.search(r"\d{4}-\d{2}-\d{2}", lines[number - 1])
    report = load_year(repo / "data", 2026)
    rendered = "\n".join(
        "\n".join(page.rendered)
        for page in checked_pages.load_pages(report, load_pages(repo / "docs", 2026))
    )
    assert f"Date: {NOT_DATED}" in rendered
    assert not re.search(r"Date: (January|May|June) \d", rendered)
    capsys.readouterr()
    assert main(["check", "2026", "--data", str(repo / "data")]) == 1
    out = capsys.readouterr().out
    assert f"facts.yml, line {number}: to fill: the day the Form SD is signed" in out
    assert (
        next_facts(facts.read_text(encoding="utf-8"), facts, 1).split("\n")[number - 1]
        == lines[number - 1]
    )
