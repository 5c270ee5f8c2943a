"""`cmrkit ingest` end to end: outputs, accounting line, exit status, cache, year form."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from tests.support.cmrt.corpus import EXPECTED
from tests.support.ingest_args import output_args


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def folder(supplier_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "in"
    shutil.copytree(supplier_folder, copy)
    (copy / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (copy / "~$s1-alpha-6.01.xlsx").write_bytes(b"lock")
    return copy


def test_outputs_accounting_and_exit_status(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = [
        "ingest",
        str(folder),
        *output_args(out),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--jobs",
        "2",
        "--quiet",
    ]
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 1  # two files refused; outputs still written
    assert "6 files read, 2 refused; 21 smelter rows: 15 consolidated into 7 facilities, " in (
        captured.out
    )
    assert "refused: old.xls: " in captured.err
    assert "cache hits: 0" in captured.out
    summary = next(line for line in captured.out.splitlines() if " warnings" in line)
    assert summary.endswith(f" warnings (each listed in {out / 'problems.csv'})")  # where to look

    smelters = _csv(out / "smelters.csv")
    assert list(smelters[0])[:5] == [
        "metal",
        "smelter_id",
        "smelter_name",
        "country",
        "supplier_count",
    ]
    got = {
        (r["metal"], r["smelter_id"], r["smelter_name"], r["country"]): int(r["supplier_count"])
        for r in smelters
    }
    assert got == {key: len(suppliers) for key, suppliers in EXPECTED.items()}
    agr = next(r for r in smelters if r["smelter_id"] == "CID003185")
    assert agr["covered_country"] == "yes" and "OFAC" in agr["sanctions"]

    problems = _csv(out / "problems.csv")
    assert list(problems[0]) == ["file", "sheet", "cell", "severity", "code", "reason"]
    refused = {p["file"] for p in problems if p["severity"] == "refused"}
    assert refused == {"old.xls", "legacy-3.01.xlsx"}
    assert any(p["code"] == "skipped" and p["file"].startswith("~$") for p in problems)

    suppliers = _csv(out / "suppliers.csv")
    by_file = {r["file"]: r for r in suppliers}
    assert by_file["s3-gamma-6.22.xlsx"]["scope_kind"] == "product"
    assert by_file["s3-gamma-6.22.xlsx"]["products"] == "2"
    assert by_file["s3-gamma-6.22.xlsx"]["q6_tantalum"] == "100%"
    assert by_file["s5-epsilon-6.4.xlsx"]["flagged_rows"] == "3"
    assert by_file["old.xls"]["status"] == "refused"

    rcoi = yaml.safe_load((out / "rcoi.yml").read_text(encoding="utf-8"))
    assert rcoi["rcoi"]["contract_manufacturers_answering"] == 6
    assert rcoi["rcoi"]["contract_manufacturers_asked"] is None  # files received are not asked
    assert rcoi["asked_basis"] == "not_given"

    # Re-run over unchanged files: everything comes from the cache, same results.
    first = (out / "smelters.csv").read_text(encoding="utf-8")
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "cache hits: 8" in captured.out
    assert (out / "smelters.csv").read_text(encoding="utf-8") == first


def test_status_list_labels_the_output(
    supplier_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = tmp_path / "status.csv"
    status.write_text("Smelter ID,RMI Status\nCID002763,Conformant\nCID000292,Active\n")
    out = tmp_path / "smelters.csv"
    argv = ["ingest", str(supplier_folder), "--out", str(out), "--status", str(status)]
    assert main([*argv, "--labels", "cfsp", "--no-cache", "--quiet", "--jobs", "1"]) == 1
    rows = {r["smelter_id"] or r["smelter_name"]: r for r in _csv(out)}
    assert rows["CID002763"]["status_label"] == "Full Compliant"
    assert rows["CID000292"]["status_label"] == "Active"
    assert rows["CID003185"]["status_label"] == "Indeterminable"
    capsys.readouterr()


def test_year_form_reads_data_year_cmrt(
    builder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.cmrt.builder import by_id, declaration

    data = tmp_path / "data"  # no data/reference: the reference data ships with cmrkit
    builder("6.5").build(
        data / "2024" / "cmrt" / "one.xlsx", declaration("One"), [by_id("CID002763")]
    )
    assert main(["ingest", "2024", "--data", str(data), "--no-cache", "--quiet"]) == 0
    assert "1 files read, 0 refused; 1 smelter rows: 1 consolidated into 1 facilities" in (
        capsys.readouterr().out
    )
    for name in ("smelters.csv", "problems.csv", "suppliers.csv", "rcoi.yml"):
        assert (data / "2024" / "ingest" / name).is_file()


def test_usage_errors_are_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "missing"), "--out", "x.csv"]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path)]) == 2
    assert "--out SMELTERS.csv is required" in capsys.readouterr().err
