"""A year started with `cmrkit new-year` and filled by one `cmrkit ingest` of the suppliers'
CMRTs (tests.support.cmrt.corpus) with RMI's lists as downloaded: the starting point of the
ingest-to-Annex flow (tests/flows/test_ingest_to_annex.py) and of its site
(tests/builds/test_ingest_to_annex_site.py)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.year.report import load_year
from tests.support.project import YEARS, copy_project
from tests.support.rmi_fixtures import (
    ACTIVE_HEADERS,
    CONFORMANT_HEADERS,
    active_row,
    conformant_row,
    write_list,
)

YEAR = str(YEARS[-1] + 1)  # the year after the latest present, started with new-year
# RMI's lists as downloaded while preparing the report (never a date in the future)
AS_OF = min(dt.date(int(YEAR) + 1, 3, 3), dt.date.today()).isoformat()
MARKER = "*"  # a footnote marker the new year declares (added if the year copied has none)
# RMI's lists: some facilities the suppliers named, and others they did not (as in real lists).
CONFORMANT = {
    "CID002763": ("Gold", "8853 S.p.A.", "ITALY"),
    "CID000966": ("Tungsten", "Kennametal Fallon", "UNITED STATES OF AMERICA"),
    "CID000015": ("Gold", "Advanced Chemical Company", "UNITED STATES OF AMERICA"),
}
ACTIVE = {
    "CID000292": ("Tin", "Alpha Assembly Solutions Inc", "UNITED STATES OF AMERICA"),
    "CID001070": ("Tin", "China Tin Group Co., Ltd.", "CHINA"),
}


def expected_bucket(smelter_id: str) -> str:
    if smelter_id in CONFORMANT:
        return "conformant"
    return "active" if smelter_id in ACTIVE else "not_enrolled"


def rmi_lists(folder: Path) -> tuple[Path, Path]:
    """The Conformant list as XLSX, the Active list as RMI's XML 2003 download (.xls name)."""
    conformant = write_list(
        folder / "rmi-conformant.xlsx",
        CONFORMANT_HEADERS,
        [conformant_row(m, sid, n, c) for sid, (m, n, c) in CONFORMANT.items()],
        sheet="Conformant",
    )
    active = write_list(
        folder / "rmi-active.xls",
        ACTIVE_HEADERS,
        [active_row(m, sid, n, c) for sid, (m, n, c) in ACTIVE.items()],
        title="Active Smelters and Refiners",
    )
    return conformant, active


def ingest(data: Path, *extra: str) -> int:
    return main(
        ["ingest", YEAR, "--data", str(data), "--no-cache", "--quiet", "--jobs", "1", *extra]
    )


def ingest_with_lists(data: Path, downloads: Path) -> int:
    """`cmrkit ingest YEAR` of the CMRTs in data/YEAR/cmrt/ with RMI's lists as downloaded into
    `downloads`, dated AS_OF."""
    conformant, active = rmi_lists(downloads)
    return ingest(
        data,
        "--status",
        f"conformant={conformant}",
        "--status",
        f"active={active}",
        "--as-of",
        AS_OF,
    )


@pytest.fixture(scope="module")
def ingested(supplier_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy after new-year, the suppliers' CMRTs and one ingest with RMI's lists."""
    root = tmp_path_factory.mktemp("ingested")
    project = copy_project(root / "project")
    data = project / "data"
    assert main(["new-year", YEAR, "--data", str(data)]) == 0
    facts = data / YEAR / "facts.yml"
    if MARKER not in load_year(data, YEAR).facts.annex.footnotes:
        text = facts.read_text(encoding="utf-8")
        text = re.sub(
            r"(?m)^(  status_labels:.*)$", rf'\1\n  footnotes:\n    "{MARKER}": ofac-sdn-agr', text
        )
        facts.write_text(text, encoding="utf-8")
    shutil.copytree(supplier_folder, data / YEAR / "cmrt", dirs_exist_ok=True)
    status = ingest_with_lists(data, root / "downloads")
    assert status == 1  # the corpus holds a refused legacy file; every output is written anyway
    return project


@pytest.fixture
def project(ingested: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested project, safe to edit."""
    copy = tmp_path / "project"
    shutil.copytree(ingested, copy)
    return copy


def active_label(project: Path) -> str:
    return load_year(project / "data", YEAR).labels["active"]


def decide(project: Path, *rows: str) -> Path:
    path = project / "data" / YEAR / "annex-decisions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(row + "\n" for row in rows))
    return path
