"""The analyst API: a year's Annex and an ingest run as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cmrkit
from cmrkit.errors import CmrkitError
from tests.support.annex_data import csv_rows
from tests.support.project import DATA, YEARS
from tests.support.rmi_fixtures import CONFORMANT_HEADERS, conformant_row, write_list

FIRST = ["metal", "smelter_id", "smelter_name", "country", "status"]


@pytest.mark.parametrize("year", YEARS)
def test_annex_frame_is_the_annex(year: int) -> None:
    frame = cmrkit.load_year(year, data_dir=DATA).annex_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns[:5]) == FIRST
    rows = csv_rows(year)  # the hand-kept CSV read without the engine, or the run's rows
    assert len(frame) == len(rows)
    assert frame["smelter_name"].tolist() == [r["smelter_name"] for r in rows]
    assert frame["status"].tolist() == [r["status"] for r in rows]


def test_the_filed_2023_annex_has_its_352_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    if 2023 not in YEARS:
        pytest.skip("no 2023 data in this repository")
    monkeypatch.chdir(DATA.parent)
    assert len(cmrkit.load_year(2023, data_dir="data").annex_frame()) == 352


def test_an_ingest_run_as_frames(supplier_folder: Path, tmp_path: Path) -> None:
    run = cmrkit.ingest_folder(supplier_folder, jobs=1)
    smelters, problems, suppliers = (
        run.smelters_frame(),
        run.problems_frame(),
        run.suppliers_frame(),
    )
    assert list(smelters.columns[:4]) == ["metal", "smelter_id", "smelter_name", "country"]
    assert len(smelters) == len(run.result.consolidation.facilities) > 0
    assert list(problems.columns) == ["file", "sheet", "cell", "severity", "code", "reason"]
    files = {p.name for p in supplier_folder.rglob("*") if p.is_file()}
    assert set(suppliers["file"].map(lambda f: Path(f).name)) <= files
    assert run.rcoi["rcoi"]["contract_manufacturers_answering"] >= 1
    assert "files read" in run.accounting


def test_an_ingest_run_classified_with_rmis_lists(supplier_folder: Path, tmp_path: Path) -> None:
    """The API classifies as `cmrkit ingest --status` does: a facility on RMI's Conformant list
    reads Conformant, the others are not on RMI's lists."""
    plain = cmrkit.ingest_folder(supplier_folder, jobs=1).smelters_frame()
    listed = plain[plain["smelter_id"] != ""].iloc[0]
    conformant = write_list(
        tmp_path / "conformant.csv",
        CONFORMANT_HEADERS,
        [conformant_row(listed.metal, listed.smelter_id, listed.smelter_name, listed.country)],
    )
    run = cmrkit.ingest_folder(supplier_folder, jobs=1, status=[f"conformant={conformant}"])
    frame = run.smelters_frame().set_index("smelter_id")
    assert frame.loc[listed.smelter_id, "status_label"] == "Conformant"
    others = frame[frame.index != listed.smelter_id]
    assert len(others) and (others["status_bucket"] != "conformant").all()
    with pytest.raises(CmrkitError, match="unknown label set"):
        cmrkit.ingest_folder(supplier_folder, jobs=1, label_set="nope")
