"""`cmrkit diff`'s comment: a table cell's text cannot break the Markdown table or the HTML around
it (the command end to end, on a private repository: tests/builds/test_diff.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from cmrkit.files.project import Project
from cmrkit.render.yoy_page import section, year_over_year
from cmrkit.website.diff import Review, _cell, _changed, compare_data, to_markdown
from cmrkit.year.report import load_year
from tests.support.annex_shapes import FACILITIES, RESPELLED, SCRATCH_YEAR
from tests.support.scratch_years import write_respelled_year

FIRST, SECOND = SCRATCH_YEAR, SCRATCH_YEAR + 1


def test_table_cells_cannot_break_a_comment() -> None:
    assert _cell("<img src=x> | a\nb") == "&lt;img src=x&gt; &#124; a b"


def test_an_empty_side_of_a_change_reads_none() -> None:
    """'footnote:  → *' left a gap a reviewer may read as a lost word."""
    assert (_changed(""), _changed(None or ""), _changed("*")) == ("(none)", "(none)", "*")
    assert _changed("a | b") == "a &#124; b"


def _tree(root: Path, *years: tuple[int, bool]) -> Path:
    """A revision's tree: data/ and docs/ with scratch years, each with smelter IDs or none."""
    for year, with_ids in years:
        write_respelled_year(root, year, with_ids)
    return root


def test_diff_says_how_facilities_were_matched_as_the_year_over_year_page_does(
    tmp_path: Path,
) -> None:
    """A new year whose rows carry no smelter ID, against the year before that printed IDs:
    `cmrkit diff` prints the Year over year page's own sentence (counts by ID and by name) and
    lists every pair matched by name and country, each spelling as each year printed it."""
    base = _tree(tmp_path / "base", (FIRST, True))
    head = _tree(tmp_path / "head", (FIRST, True), (SECOND, False))
    years = compare_data(Project.at(base), Project.at(head))
    markdown = to_markdown(Review("base1", "head1", years))
    new = next(item for item in years if item.year == SECOND)
    assert new.comparison is not None
    kept = len(FACILITIES) - 1  # write_respelled_year drops the first facility
    sentence = (
        f"{kept} facilities are in both years: 0 matched by smelter ID, and {kept} by metal, "
        "name and country where a row carries no smelter ID"
    )
    assert sentence in markdown
    page = year_over_year(load_year(head / "data", SECOND))
    page_text = " ".join(re.sub(r"<[^>]+>", " ", section(page, "summary")).split())
    line = next(x for x in markdown.splitlines() if x.startswith(sentence))
    assert html.escape(line, quote=False) in page_text  # the page's sentence, word for word
    assert f"Matched by metal, name and country ({kept}):" in markdown
    for metal, name, country, _ in FACILITIES[1:]:
        respelled = RESPELLED[name]
        row = f"| {metal} | {_cell(name)}, {_cell(country)} | {_cell(respelled)}, "
        assert row + f"{_cell(country.title())} |" in markdown, row


def test_a_year_matched_by_id_lists_no_pair(tmp_path: Path) -> None:
    base = _tree(tmp_path / "base", (FIRST, True))
    head = _tree(tmp_path / "head", (FIRST, True))
    csv_path = head / "data" / str(FIRST) / "annex.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    csv_path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one facility dropped
    markdown = to_markdown(Review("b", "h", compare_data(Project.at(base), Project.at(head))))
    kept = len(FACILITIES) - 1
    assert (
        f"{kept} facilities are in both versions: {kept} matched by smelter ID, and 0 by metal"
    ) in markdown
    assert "Matched by metal, name and country" not in markdown
