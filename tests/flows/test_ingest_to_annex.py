"""From supplier CMRTs and RMI's lists as downloaded to the year's Annex and prose, with no row
typed in between: `cmrkit new-year`, CMRTs in data/YEAR/cmrt/, `cmrkit ingest YEAR --status
conformant=... --status active=... --as-of ...`, hand decisions, then the year loads and is checked
(the year built as a site: tests/builds/test_ingest_to_annex_site.py).
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.year.report import load_year
from tests.support.check_project import run_check
from tests.support.cmrt.corpus import EXPECTED
from tests.support.ingested_year import (
    ACTIVE,
    AS_OF,
    CONFORMANT,
    MARKER,
    YEAR,
    decide,
    expected_bucket,
    ingest,
    ingested,
    project,
)
from tests.support.project import copy_project

__all__ = ["ingested", "project"]  # fixtures


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
    assert "--as-of dates RMI's files given with --status or --reference" in capsys.readouterr().err


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
    # No row, and no response rate: the suppliers asked are not given (none carried over).
    assert report.annex == [] and report.figures.response_rate is None
    capsys.readouterr()
    assert run_check(project, YEAR) == 1
    out = capsys.readouterr().out
    assert "the Annex has no rows: a report with no facilities cannot be filed" in out
    assert "the number of suppliers asked is not given" in out


def test_supplier_files_kept_out_of_git_are_not_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clone has no supplier file (they are kept out of git): the run is not reported stale,
    which would fail a filed year's tests in CI, but as not verifiable there."""
    folder = project / "data" / YEAR / "cmrt"
    for path in folder.iterdir():
        if path.name != ".gitkeep":
            path.unlink()
    capsys.readouterr()
    run_check(project, YEAR)
    out = capsys.readouterr().out
    assert "[ingest-stale]" not in out
    assert "supplier files of the ingest run are not in" in out and "[ingest-unverified]" in out
