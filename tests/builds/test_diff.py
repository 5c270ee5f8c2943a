"""`cmrkit diff BASE HEAD`: a data change shows up as the sentences it changes in the report,
and as facilities and counts; a change that alters no word says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmrkit.website.diff import NO_TEXT_CHANGE
from tests.support.annex_rows import fill_if_empty, read_annex_rows, write_annex_rows
from tests.support.gitrepo import cmrkit, commit, git, make_repo
from tests.support.project import FILED_YEARS, YEARS, own_copy

Y = str(FILED_YEARS[0])  # the filed year whose data and pages change here
LAST = str(YEARS[-1])  # the new year starts from the latest year present
NEW = str(YEARS[-1] + 1)


@dataclass(frozen=True)
class History:
    repo: Path
    start: str
    data_change: str  # drops the first Annex row of Y
    css_change: str  # changes only the stylesheet
    new_year: str  # starts NEW from LAST, one facility fewer
    reworded: str  # rewords a sentence of NEW's pages
    old_sentence: str
    new_sentence: str
    dropped: list[str]
    rows: int  # Annex rows before the drop, counted from the CSV


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    repo = make_repo(tmp_path_factory.mktemp("review") / "repo")
    if fill_if_empty(repo / "data", LAST):
        commit(repo, "The latest year's Annex has rows")
    start = git(repo, "rev-parse", "HEAD").strip()
    header, rows = read_annex_rows(repo / "data", Y)
    write_annex_rows(repo / "data", Y, header, rows[1:])
    data_change = commit(repo, "Drop a facility")
    css = own_copy(repo, "assets/report.css")  # the repository's own style sheet
    css.write_text(css.read_text(encoding="utf-8") + "\n.md-typeset { color: inherit; }\n")
    css_change = commit(repo, "Theme fix")
    assert cmrkit("new-year", NEW, "--data", str(repo / "data")) == 0
    # The new year's Annex: the latest year's facilities but one.
    header, rows_new = read_annex_rows(repo / "data", LAST)
    write_annex_rows(repo / "data", NEW, header, rows_new[1:])
    new_year = commit(repo, f"Start {NEW}")
    page = repo / "docs" / NEW / "index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "{{" not in line and len(line.split()) > 6)
    old_sentence = lines[at]
    lines[at] = "As reworded for this year, " + old_sentence[0].lower() + old_sentence[1:]
    page.write_text("\n".join(lines), encoding="utf-8")
    reworded = commit(repo, f"Reword {NEW}")
    return History(
        repo, start, data_change, css_change, new_year, reworded, old_sentence, lines[at],
        rows[0], len(rows),
    )  # fmt: skip


def _diff(history: History, base: str, head: str, capsys) -> str:
    capsys.readouterr()
    assert cmrkit("diff", base, head, "--repo", str(history.repo)) == 0
    return capsys.readouterr().out


def test_a_data_change_shows_as_the_sentence_it_changes(history: History, capsys) -> None:
    out = _diff(history, history.start, history.data_change, capsys)
    n = history.rows
    assert re.search(rf"^- .*an aggregate of {n} facilities", out, re.M)
    assert re.search(rf"^\+ .*an aggregate of {n - 1} facilities", out, re.M)
    assert "exhibit-1-01/rcoi/index.html` (report)" in out
    assert NO_TEXT_CHANGE not in out


def test_a_data_change_shows_as_facilities_and_counts(history: History, capsys) -> None:
    out = _diff(history, history.start, history.data_change, capsys)
    metal, smelter_id, name = history.dropped[:3]
    assert "Facilities removed (1):" in out
    assert f"| {metal} | {name} | {smelter_id} |" in out
    assert f"| Annex rows | {history.rows} | {history.rows - 1} | -1 |" in out
    assert "Facilities added" not in out


def test_a_change_of_no_words_says_so(history: History, capsys) -> None:
    out = _diff(history, history.data_change, history.css_change, capsys)
    assert NO_TEXT_CHANGE in out
    assert "```diff" not in out
    assert "No change in the data." in out


def test_the_same_revision_twice_changes_nothing(history: History, capsys) -> None:
    out = _diff(history, history.start, history.start, capsys)
    assert NO_TEXT_CHANGE in out and "No change in the data." in out


def test_a_new_year_is_compared_with_the_year_before(history: History, capsys) -> None:
    out = _diff(history, history.css_change, history.new_year, capsys)
    n = history.rows - 1 if LAST == Y else None  # Y at css_change has already lost one row
    assert f"#### {NEW} (new, compared with {LAST}): `index.html` (report)" in out
    assert re.search(rf"^- .*December 31, {LAST}\.", out, re.M)
    assert re.search(rf"^\+ .*December 31, {NEW}\.", out, re.M)
    if n is not None:
        assert f"New year: {n - 1} Annex rows. Compared with {LAST}" in out
        assert re.search(rf"^\+ .* {n - 1} facilities", out, re.M)
        # Every row of the new year is one of LAST's: each matched, by ID or by name (the
        # sentence of the Year over year page says how many each way).
        assert f"{n - 1} facilities are in both years: " in out
    assert re.search(
        r"^\d+ facilit(y is|ies are) in both years: \d+ matched by smelter ID", out, re.M
    )


def _words(markdown: str) -> str:
    return " ".join(markdown.replace("*", "").split())


def test_a_reworded_sentence_of_the_new_year_shows_as_a_sentence_change(
    history: History, capsys
) -> None:
    """The lawyers read what the report says differently: the narrative edit in docs/NEW,
    against the year before (from before the new year) and against its own first draft."""
    new_words = _words(history.new_sentence).split(". ")[0]
    for base in (history.css_change, history.new_year):
        out = _diff(history, base, history.reworded, capsys)
        assert re.search(rf"^\+ {re.escape(new_words)}", out, re.M), out
    out = _diff(history, history.new_year, history.reworded, capsys)
    old_words = _words(history.old_sentence).split(". ")[0]
    assert re.search(rf"^- {re.escape(old_words)}", out, re.M), out


def test_an_unknown_revision_is_a_message(history: History, capsys) -> None:
    assert cmrkit("diff", "no-such-ref", "HEAD", "--repo", str(history.repo)) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmrkit: error:") and "Traceback" not in err
