"""From supplier CMRTs and RMI's lists as downloaded to the year's Annex and prose, with no row
typed in between: `cmrkit new-year`, CMRTs in data/YEAR/cmrt/, `cmrkit ingest YEAR --status
conformant=... --status active=... --as-of ...`, hand decisions, then the year loads and builds.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.year.report import load_year
from tests.checks.project import run_check
from tests.cmrt.corpus import EXPECTED
from tests.cmrt.fixtures import builder, supplier_folder, templates
from tests.conftest import YEARS, build, copy_project
from tests.rmi_fixtures import (
    ACTIVE_HEADERS,
    CONFORMANT_HEADERS,
    active_row,
    conformant_row,
    write_list,
)
from tests.website.pages import annex_rows, site_text

__all__ = ["builder", "supplier_folder", "templates"]

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
    conformant, active = rmi_lists(root / "downloads")
    status = ingest(
        data,
        "--status",
        f"conformant={conformant}",
        "--status",
        f"active={active}",
        "--as-of",
        AS_OF,
    )
    assert status == 1  # the corpus holds a refused legacy file; every output is written anyway
    return project


@pytest.fixture
def project(ingested: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested project, safe to edit."""
    copy = tmp_path / "project"
    shutil.copytree(ingested, copy)
    return copy


def test_the_annex_is_the_run_with_rmi_statuses(ingested: Path) -> None:
    report = load_year(ingested / "data", YEAR)
    labels = report.labels
    got = {(r.metal, r.smelter_id, r.smelter_name, r.country): r.status for r in report.annex}
    assert got == {key: labels[expected_bucket(key[1])] for key in EXPECTED}
    buckets = [expected_bucket(sid) for _, sid, _, _ in EXPECTED]
    assert report.figures.total == len(EXPECTED)
    assert report.figures.conformant == buckets.count("conformant")
    assert report.figures.active == buckets.count("active")
    assert report.figures.other == buckets.count("not_enrolled")
    # "Smelter not listed" facilities are rows too, in the bucket for not on RMI's lists.
    unlisted = [r for r in report.annex if not r.smelter_id]
    assert {r.smelter_name for r in unlisted} == {n for _, sid, n, _ in EXPECTED if not sid}
    assert {r.bucket for r in unlisted} == {"not_enrolled"}
    assert report.rmi_lists_as_of is not None and report.rmi_lists_as_of.isoformat() == AS_OF


def test_the_lists_are_stored_with_the_year(ingested: Path) -> None:
    folder = ingested / "data" / YEAR / "rmi-lists"
    manifest = yaml.safe_load((folder / "manifest.yml").read_text(encoding="utf-8"))
    assert manifest["as_of"].isoformat() == AS_OF
    downloads = ingested.parent / "downloads"
    sources = {
        "Conformant": downloads / "rmi-conformant.xlsx",
        "Active": downloads / "rmi-active.xls",
    }
    assert [(e["status"], e["format"], e["original"], e["rows"]) for e in manifest["lists"]] == [
        ("Conformant", "xlsx", "rmi-conformant.xlsx", len(CONFORMANT)),
        ("Active", "xml", "rmi-active.xls", len(ACTIVE)),
    ]
    for entry in manifest["lists"]:
        original = sources[entry["status"]].read_bytes()
        assert (folder / entry["file"]).read_bytes() == original
        assert entry["sha256"] == hashlib.sha256(original).hexdigest()


def printed(text: str, number: int) -> int:
    """How many times the report prints `number` in digits (not inside a date or a longer
    number)."""
    return len(re.findall(rf"(?<![\w.,-]){number}(?![\w-]|[.,]\d)", text))


@pytest.mark.build
def test_the_site_shows_the_run_in_prose_annex_and_downloads(project: Path) -> None:
    """Whatever the year's wording: the run's facility and Conformant counts are printed where
    the scaffold's empty run printed nothing."""
    empty = shutil.copytree(project, project.parent / "empty")
    write_run(run_path(empty / "data" / YEAR), run_text(YEAR, [], None, []))
    result = build(empty, YEAR)
    assert result.returncode == 0, result.stderr
    before = site_text(empty / "site", int(YEAR), report_only=True)
    result = build(project, YEAR)
    assert result.returncode == 0, result.stderr
    after = site_text(project / "site", int(YEAR), report_only=True)
    buckets = [expected_bucket(sid) for _, sid, _, _ in EXPECTED]
    counts = [len(EXPECTED), *(buckets.count(b) for b in ("conformant", "active", "not_enrolled"))]
    assert len(set(counts)) == 4, "the lists must make every count distinct to tell them apart"
    total, conformant = counts[:2]
    assert printed(after, total) > printed(before, total)
    assert printed(after, conformant) > printed(before, conformant)
    labels = load_year(project / "data", YEAR).labels
    assert sorted(annex_rows(project / "site", int(YEAR))) == sorted(
        (metal, name, country, labels[expected_bucket(sid)])
        for metal, sid, name, country in EXPECTED
    )
    [download] = (project / "site").rglob(f"annex-i-{YEAR}.csv")
    with download.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == total


def active_label(project: Path) -> str:
    return load_year(project / "data", YEAR).labels["active"]


def decide(project: Path, *rows: str) -> Path:
    path = project / "data" / YEAR / "annex-decisions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(row + "\n" for row in rows))
    return path


@pytest.mark.build
def test_decisions_footnote_exclude_and_relabel(project: Path) -> None:
    decide(
        project,
        f"Gold,CID003185,,,footnote,{MARKER},OFAC SDN since March 17 2022: see the note",
        "Gold,,Acme Refinery,GERMANY,exclude,,not a smelter: a trader",
        f"Tantalum,CID000211,,,label,{active_label(project)},RMI: enrolled after the list date",
    )
    report = load_year(project / "data", YEAR)
    rows = {r.smelter_name: r for r in report.annex}
    assert "Acme Refinery" not in rows
    assert rows["African Gold Refinery"].display_name == "African Gold Refinery" + MARKER
    assert rows["Changsha South Tantalum Niobium Co., Ltd."].bucket == "active"
    assert report.figures.total == len(EXPECTED) - 1
    assert report.figures.active == 2  # Alpha Assembly (Active list) and the relabelled one
    result = build(project, YEAR)
    assert result.returncode == 0, result.stderr
    assert ("Gold", "African Gold Refinery" + MARKER, "UGANDA", report.labels["not_enrolled"]) in (
        annex_rows(project / "site", int(YEAR))
    )


def test_a_stale_decision_stops_the_year_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = decide(
        project,
        f"Gold,CID003185,,,footnote,{MARKER},OFAC",
        "Gold,,Nowhere Refinery,ATLANTIS,exclude,,a trader (dropped by its supplier since)",
    )
    assert main(["figures", YEAR, "--data", str(project / "data")]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 3: Gold 'Nowhere Refinery' (ATLANTIS) matches no facility" in err
    assert "Traceback" not in err


def test_a_rerun_without_lists_classifies_from_the_stored_copies(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = project / "data"
    run = data / YEAR / "ingest" / "facilities.yml"
    first = run.read_text(encoding="utf-8")
    shutil.rmtree(project.parent / "downloads", ignore_errors=True)  # the originals are gone
    capsys.readouterr()
    assert ingest(data) == 1
    assert f"RMI lists as of {AS_OF}, reused from" in capsys.readouterr().out
    assert run.read_text(encoding="utf-8") == first

    stored = data / YEAR / "rmi-lists" / "conformant.xlsx"
    stored.write_bytes(stored.read_bytes() + b"\0")
    assert ingest(data) == 2
    err = capsys.readouterr().err
    assert "rmi-lists/manifest.yml, line " in err and "conformant.xlsx' has changed" in err
    assert run.read_text(encoding="utf-8") == first  # nothing rewritten from a changed list


def test_lists_need_their_date_for_a_year(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = project / "lists.csv"
    lists.write_text("Smelter ID,RMI Status\nCID002763,Conformant\n", encoding="utf-8")
    assert ingest(project / "data", "--status", str(lists)) == 2
    assert "--as-of DATE is required with --status for a year" in capsys.readouterr().err
    assert ingest(project / "data", "--as-of", AS_OF) == 2
    assert "--as-of dates the lists given with --status" in capsys.readouterr().err


def test_unknown_status_words_are_one_warning_each(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = project / "statuses.csv"
    lists.write_text(
        "Smelter ID,RMI Status\n"
        "CID002763,Conformant\n"
        "CID000292,Pending Audit\n"
        "CID000966,pending  audit \n"
        "CID003185,Withdrawn\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert ingest(project / "data", "--status", str(lists), "--as-of", AS_OF) == 1
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "is not in statuses.yml" in line]
    assert warnings == [
        "warning: statuses.csv, line 3: status 'Pending Audit', 'pending  audit ' (2 rows, "
        "first here) is not in statuses.yml rmi_statuses: counted as not on RMI's lists",
        "warning: statuses.csv, line 5: status 'Withdrawn' (1 row, first here) is not in "
        "statuses.yml rmi_statuses: counted as not on RMI's lists",
    ]
    with (project / "data" / YEAR / "ingest" / "problems.csv").open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert codes.count("unknown_status") == 2
    report = load_year(project / "data", YEAR)
    assert report.figures.conformant == 1 and report.figures.active == 0


def test_check_lists_what_keeps_a_draft_from_filing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    run_check(project, YEAR)
    out = capsys.readouterr().out
    assert "[annex-empty]" not in out and "[annex-unclassified]" not in out
    assert "[ingest-stale]" not in out  # the run matches its CMRTs and its stored lists
    assert f"footnote '{MARKER}' is attached to no Annex row" in out  # AGR's, undecided yet
    decide(project, f"Gold,CID003185,,,footnote,{MARKER},OFAC")
    (project / "data" / YEAR / "cmrt" / "late-supplier.xlsx").write_bytes(b"not yet ingested")
    run_check(project, YEAR)
    out = capsys.readouterr().out
    assert "[annex-footnote]" not in out
    assert "the supplier files changed since the ingest run: late-supplier.xlsx (new)" in out
    manifest = project / "data" / YEAR / "rmi-lists" / "manifest.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(AS_OF, "2020-01-02"))
    run_check(project, YEAR)
    assert "the stored RMI lists are not the ones the ingest run was classified with" in (
        capsys.readouterr().out
    )


def test_right_after_new_year_the_empty_annex_is_a_prefiling_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["new-year", YEAR, "--data", str(project / "data")]) == 0
    report = load_year(project / "data", YEAR)
    assert report.annex == [] and report.figures.response_rate >= 0
    capsys.readouterr()
    assert run_check(project, YEAR) == 1
    out = capsys.readouterr().out
    assert "the Annex has no rows: a report with no facilities cannot be filed" in out
