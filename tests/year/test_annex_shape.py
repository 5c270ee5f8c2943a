"""The Annex shape (`annex.shape` in facts.yml) as the year's data: loaded for every year present
and for scratch years in each shape real filers print; a bad shape stops with facts.yml's line; a
year without statuses has no figure by status."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from cmrkit.errors import DataError
from cmrkit.year.annex_shape import AnnexShape
from cmrkit.year.figures import StatusMissing
from cmrkit.year.report import load_year
from tests.support.annex_shapes import GROUPED_ORDER, SHAPES, expected_rows
from tests.support.project import DATA, YEARS
from tests.support.scratch_years import write_shape_year

YEAR = 2031


def _load(tmp_path: Path, name: str):
    write_shape_year(tmp_path, YEAR, name)
    return load_year(tmp_path / "data", YEAR)


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_a_shape_and_prints_every_row_once(year: int) -> None:
    report = load_year(DATA, year)
    assert isinstance(report.shape, AnnexShape)
    printed = [p.row for table in report.layout for p in table.rows]
    assert sorted(r.line for r in printed) == sorted(r.line for r in report.annex)
    numbers = [p.number for table in report.layout for p in table.rows]
    assert numbers == list(range(1, len(report.annex) + 1))


@pytest.mark.parametrize("year", YEARS)
def test_a_year_without_shape_prints_as_before(year: int) -> None:
    """No `annex.shape`: one table, rows in file order, status as a column when shown."""
    report = load_year(DATA, year)
    if "shape" in (report.facts.tree.get("annex") or {}):
        pytest.skip(f"{year} gives an Annex shape")
    assert len(report.layout) == 1 and report.layout[0].heading is None
    assert report.printed_rows == report.annex
    shown = [c.name for c in report.columns]
    assert report.shape.status == ("column" if "status" in shown else "none")
    assert all(not row.mark for row in report.annex)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_loads_every_row_as_written(name: str, tmp_path: Path) -> None:
    report = _load(tmp_path, name)
    rows = expected_rows(SHAPES[name])
    assert [(r.metal, r.smelter_name, r.country) for r in report.annex] == [
        (r["metal"], r["smelter_name"], r["country"]) for r in rows
    ]
    assert report.has_status == SHAPES[name].with_status


@pytest.mark.parametrize("name", ["per_metal", "no_status"])
def test_rows_grouped_in_the_filers_order(name: str, tmp_path: Path) -> None:
    report = _load(tmp_path, name)
    rows = expected_rows(SHAPES[name])
    expected = [r["smelter_name"] for m in GROUPED_ORDER for r in rows if r["metal"] == m]
    assert [r.smelter_name for r in report.printed_rows] == expected


def test_one_table_per_metal_with_its_heading(tmp_path: Path) -> None:
    report = _load(tmp_path, "per_metal")
    assert [(t.metal, t.heading) for t in report.layout] == [
        ("Tantalum", "Tantalum (Ta)"),
        ("Tin", "Tin (Sn)"),
        ("Gold", "Gold (Au)"),
        ("Tungsten", "Tungsten (W)"),
    ]
    # Without metal_order, the tables follow metals.yml and the heading is the metal.
    report = _load(tmp_path, "per_metal_marks")
    assert [t.heading for t in report.layout] == [t.metal for t in report.layout]


def test_marks_attach_to_the_name_by_status(tmp_path: Path) -> None:
    report = _load(tmp_path, "marks")
    marks = {"Conformant": "*", "Active": "**"}
    for row in report.annex:
        assert row.mark == marks.get(row.status, "")
        assert row.cell("smelter_name") == row.smelter_name + marks.get(row.status, "")
    assert report.figures.by_status["Active"] == 1


def test_summary_is_computed_from_the_rows(tmp_path: Path) -> None:
    report = _load(tmp_path, "per_metal")
    head, rows = report.status_summary()
    rows_in = expected_rows(SHAPES["per_metal"])
    words = head[1:-1]
    for metal, *counts in rows:
        mine = [r for r in rows_in if metal in ("Total", r["metal"])]
        assert counts == [str(sum(r["status"] == w for r in mine)) for w in words] + [
            str(len(mine))
        ]
    assert [r[0] for r in rows] == [*GROUPED_ORDER, "Total"]


def test_no_status_means_no_figure_by_status(tmp_path: Path) -> None:
    report = _load(tmp_path, "no_status")
    figures = report.figures
    assert figures.total == len(expected_rows(SHAPES["no_status"]))
    with pytest.raises(StatusMissing, match="no status column"):
        _ = figures.conformant
    with pytest.raises(StatusMissing):
        _ = figures.by_status["Conformant"]
    with pytest.raises(StatusMissing):
        _ = figures.by_metal[0].by_bucket["active"]
    assert dict(figures.by_status) == {}
    # A page stating a count by status fails with the message, not with a zero.
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        "{{ figures.conformant }} are conformant"
    )
    with pytest.raises(StatusMissing):
        template.render(figures=figures)


def _facts(tmp_path: Path, name: str, edit: tuple[str, str]) -> Path:
    write_shape_year(tmp_path, YEAR, name)
    path = tmp_path / "data" / str(YEAR) / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(*edit), encoding="utf-8")
    return path


BAD = [
    ("marks", ("status: marks", "status: stars"), r"'status' must be one of"),
    ("marks", ('"**": Active', '"**": Busy'), r"stands for 'Busy'"),
    ("marks", ("    status: marks\n", "    status: column\n"), r"shows no 'status'"),
    ("marks", ("    status: marks\n", ""), r"'marks' given but status is shown as 'none'"),
    ("per_metal", ("tables: per_metal", "tables: many"), r"'tables' must be one of"),
    ("per_metal", ("[Tantalum, Tin", "[Tantalum, Copper"), r"unknown metal 'Copper'"),
    ("per_metal", ("[Tantalum, Tin, Gold", "[Tantalum, Tin, Tin"), r"Tin is listed twice"),
    ("per_metal", ("    summary: true\n", "    summary: yes please\n"), r"true or false"),
    ("per_metal", ("tables: per_metal", "tables: one"), r"must show 'metal'"),
    ("no_status", ("rows: by_metal", "rows: by_mass"), r"'rows' must be one of"),
    ("no_status", ("  shape:\n", "  shape:\n    colour: blue\n"), r"unknown key 'colour'"),
]


@pytest.mark.parametrize(("name", "edit", "message"), BAD, ids=[m for _, _, m in BAD])
def test_a_bad_shape_names_facts_yml_and_its_line(
    name: str, edit: tuple[str, str], message: str, tmp_path: Path
) -> None:
    path = _facts(tmp_path, name, edit)
    with pytest.raises(DataError, match=message) as caught:
        load_year(tmp_path / "data", YEAR)
    location = caught.value.location
    assert Path(location.path) == path
    lines = path.read_text(encoding="utf-8").split("\n")
    # The line is one of the Annex block's, and the one the edit touched when it added a line.
    assert location.line is not None and location.line > lines.index("annex:")
    if edit[1].count("\n") > edit[0].count("\n"):
        assert lines[location.line - 1] in edit[1].split("\n")


def test_a_shape_needing_status_refuses_an_annex_without_it(tmp_path: Path) -> None:
    write_shape_year(tmp_path, YEAR, "no_status")
    path = tmp_path / "data" / str(YEAR) / "facts.yml"
    path.write_text(path.read_text(encoding="utf-8") + "    summary: true\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"no .status. column.*status summary") as caught:
        load_year(tmp_path / "data", YEAR)
    assert caught.value.location.path == tmp_path / "data" / str(YEAR) / "annex.csv"


def test_a_row_of_a_metal_outside_the_order_names_its_line(tmp_path: Path) -> None:
    path = _facts(
        tmp_path, "no_status", ("[Tantalum, Tin, Gold, Tungsten]", "[Tantalum, Tin, Gold]")
    )
    with pytest.raises(DataError, match=r"Tungsten is not in .*metal_order") as caught:
        load_year(tmp_path / "data", YEAR)
    annex = path.parent / "annex.csv"
    line = caught.value.location.line
    assert annex.read_text(encoding="utf-8").split("\n")[line - 1].startswith("Tungsten,")
