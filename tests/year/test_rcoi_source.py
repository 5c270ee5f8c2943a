"""RCOI figures read from an ingest run instead of typed: one figure, one source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.errors import DataError
from cmrkit.year.report import load_year
from tests.support.project import DATA


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _use_source(data: Path, counted: dict | None, extra_typed: str = "") -> Path:
    facts = data / "2023" / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("rcoi:\n")
    end = text.index("\n\n", start)
    facts.write_text(
        text[:start] + "rcoi:\n  source: ingest/rcoi.yml\n" + extra_typed + text[end:],
        encoding="utf-8",
    )
    if counted is not None:
        (data / "2023" / "ingest").mkdir()
        (data / "2023" / "ingest" / "rcoi.yml").write_text(
            yaml.safe_dump({"rcoi": counted, "declarations": {"company": 5, "product": 1}}),
            encoding="utf-8",
        )
    return facts


COUNTED = {
    "contract_manufacturers_asked": 9,
    "contract_manufacturers_answering": 6,
    "cmrt_level": "mixed",
    "template": "CMRT",
}


def test_figures_come_from_the_ingest_file(data: Path) -> None:
    _use_source(data, COUNTED)
    report = load_year(data, 2023)
    assert report.figures.suppliers_asked == COUNTED["contract_manufacturers_asked"]
    assert report.figures.suppliers_answering == COUNTED["contract_manufacturers_answering"]
    assert report.facts.rcoi.cmrt_level == "mixed"
    assert report.rcoi["declarations"] == {"company": 5, "product": 1}


def test_typed_facts_stay_the_default(data: Path) -> None:
    report = load_year(data, 2023)
    typed = yaml.safe_load((data / "2023" / "facts.yml").read_text(encoding="utf-8"))["rcoi"]
    assert report.figures.suppliers_asked == typed["contract_manufacturers_asked"]
    assert report.rcoi == {"rcoi": typed}


def test_a_count_typed_as_well_is_refused(data: Path) -> None:
    facts = _use_source(data, COUNTED, extra_typed="  contract_manufacturers_asked: 7\n")
    line = facts.read_text(encoding="utf-8").split("\n").index("  contract_manufacturers_asked: 7")
    with pytest.raises(DataError) as caught:
        load_year(data, 2023)
    assert str(caught.value).startswith(f"{facts}, line {line + 1}: ")
    assert "keep one" in str(caught.value)


def test_a_missing_source_says_how_to_make_it(data: Path) -> None:
    _use_source(data, None)
    with pytest.raises(DataError, match=r"run `cmrkit ingest 2023` to write it"):
        load_year(data, 2023)


def test_an_incomplete_source_is_named(data: Path) -> None:
    _use_source(data, {k: v for k, v in COUNTED.items() if k != "template"})
    source = data / "2023" / "ingest" / "rcoi.yml"
    line = source.read_text(encoding="utf-8").split("\n").index("rcoi:") + 1
    with pytest.raises(DataError) as caught:
        load_year(data, 2023)
    assert str(caught.value) == f"{source}, line {line}: missing 'rcoi.template'"


def test_the_source_must_stay_in_the_year_folder(data: Path) -> None:
    facts = _use_source(data, COUNTED)
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("ingest/rcoi.yml", "../../etc/passwd"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="outside the year's folder"):
        load_year(data, 2023)


def test_suppliers_asked_typed_beside_a_run_not_told_it(data: Path) -> None:
    """A run not told how many suppliers were asked says null; the facts may then give it."""
    not_told = {**COUNTED, "contract_manufacturers_asked": None}
    facts = _use_source(data, not_told, "  contract_manufacturers_asked: 8\n")
    report = load_year(data, 2023)
    assert report.figures.suppliers_asked == 8
    assert report.figures.suppliers_answering == COUNTED["contract_manufacturers_answering"]
    assert report.figures.declarations == {"company": 5, "product": 1}
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("  contract_manufacturers_asked: 8\n", ""),
        encoding="utf-8",
    )
    assert load_year(data, 2023).figures.suppliers_asked is None
