"""Annex columns are the year's data: which columns, in which order, under which headers. The
site's table, the EDGAR table and the filed-record comparison all follow them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cmrkit.edgar.render import annex_table as edgar_annex_table
from cmrkit.edgar.rules import load_rules
from cmrkit.edgar.text import annex_rows
from cmrkit.errors import DataError, DataProblems
from cmrkit.record.fidelity import compare_annex
from cmrkit.record.filed import parse_filed
from cmrkit.website.tables import annex_table
from cmrkit.year.report import load_year
from tests.support.project import DATA, HAND_KEPT_YEARS

COLUMNS = """  columns:
    - smelter_id: RMI ID
    - metal
    - smelter_name: Facility
    - country
    - status
    - source
"""


def _year_with_columns(tmp_path: Path, year: int, columns: str, source: bool) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    facts = data / str(year) / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  columns:.*\n(?:    - .*\n)+", "", text)
    text = text.replace("annex:\n", "annex:\n" + columns, 1)
    facts.write_text(text, encoding="utf-8")
    if source:
        annex = data / str(year) / load_year(DATA, year).facts.annex.file
        lines = annex.read_text(encoding="utf-8-sig").rstrip("\n").split("\n")
        lines = [lines[0] + ",source"] + [line + ",Supplier CMRT" for line in lines[1:]]
        annex.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.mark.parametrize("year", HAND_KEPT_YEARS)
def test_every_renderer_prints_the_years_columns(year: int, tmp_path: Path) -> None:
    report = load_year(_year_with_columns(tmp_path, year, COLUMNS, source=True), year)
    headers = ["RMI ID", "Metal", "Facility", "Country", "Status", "Source of Smelter ID"]
    assert [c.header for c in report.columns] == headers
    site = annex_table(report)
    assert re.findall(r'<th scope="col">([^<]*)</th>', site) == headers
    edgar = edgar_annex_table(report, load_rules())
    rows = annex_rows([f"<html><body>{edgar}</body></html>"], headers)
    assert len(rows) == len(report.annex)
    first = report.annex[0]
    assert rows[0] == (first.smelter_id, first.metal, first.display_name, first.country,
                       first.status, "Supplier CMRT")  # fmt: skip
    # A filed record with these six columns compares row for row; one changed cell is found.
    record = parse_filed("\n".join("\t".join(r) for r in rows) + "\n", Path("filed.txt"))
    assert not compare_annex(record, rows)
    changed = [(*rows[0][:-1], "Other"), *rows[1:]]
    assert [m.index for m in compare_annex(record, changed)] == [1]


@pytest.mark.parametrize("year", HAND_KEPT_YEARS)
def test_a_column_the_facts_do_not_name_is_refused(year: int, tmp_path: Path) -> None:
    data = _year_with_columns(tmp_path, year, "", source=True)
    with pytest.raises(DataProblems, match="unknown column 'source'"):
        load_year(data, year)


@pytest.mark.parametrize("year", HAND_KEPT_YEARS)
def test_a_listed_column_must_show_the_name(year: int, tmp_path: Path) -> None:
    data = _year_with_columns(tmp_path, year, "  columns: [metal, country, status]\n", False)
    with pytest.raises(DataError, match=r"'annex\.columns' must show 'smelter_name'"):
        load_year(data, year)


def test_a_filed_record_row_of_another_width_names_its_line() -> None:
    with pytest.raises(DataError, match=r"filed.txt, line 2: an Annex row of 3 .* has 4"):
        parse_filed("Gold\tA\tB\tC\nGold\tA\tB\n", Path("filed.txt"))
