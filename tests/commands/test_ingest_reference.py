"""`cmrkit ingest --reference TEMPLATE`: RMI's newest blank template (6.6, or a revision newer
than cmrkit knows) as the look-up to resolve against, kept with the year and reused."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from tests.support.cmrt.builder import TemplateBuilder, by_id, declaration, file_name, pick

# A gold refiner RMI listed after 6.5: only the newest template's look-up has it.
NEW = {"A": "Gold", "B": "Aurum Novum", "C": "Aurum Novum Refinery AG", "D": "SWITZERLAND"}
NEW_ID = "CID009991"
ROW = 642  # the first row after 6.5's look-up


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _blank(builder: Callable[[str], TemplateBuilder], revision: str, folder: Path) -> Path:
    cells: dict[tuple[str, str], object] = {
        ("Smelter Look-up", f"{column}{ROW}"): value for column, value in NEW.items()
    }
    cells[("Smelter Look-up", f"E{ROW}")] = NEW_ID
    cells[("Smelter Look-up", f"F{ROW}")] = "RMI"
    return builder(revision).build(folder / file_name(revision), {}, cells=cells)


def _year(builder: Callable[[str], TemplateBuilder], tmp_path: Path) -> Path:
    data = tmp_path / "data"
    builder("6.6").build(
        data / "2026" / "cmrt" / "acme.xlsx",
        declaration("Acme"),
        [by_id(NEW_ID), pick("Gold", "Aurum Novum"), by_id("CID002763")],
    )
    return data


def _run(data: Path, *extra: str) -> int:
    return main(["ingest", "2026", "--data", str(data), "--no-cache", "--quiet", *extra])


@pytest.mark.parametrize("revision", ["6.6", "6.7"])
def test_the_newest_template_resolves_what_only_its_look_up_lists(
    builder: Callable[[str], TemplateBuilder],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    revision: str,
) -> None:
    data = _year(builder, tmp_path)
    ingest = data / "2026" / "ingest"
    assert _run(data) == 0
    assert capsys.readouterr().out.count("1 consolidated into 1 facilities") == 1
    unknown = [
        p for p in _csv(ingest / "problems.csv") if p["code"] in ("unknown_id", "unknown_name")
    ]
    assert [p["cell"] for p in unknown] == ["A5", "C6"]

    template = _blank(builder, revision, tmp_path / "rmi")
    assert _run(data, "--reference", str(template), "--as-of", "2026-11-20") == 0
    out = capsys.readouterr().out
    kept = data / "2026" / "smelter-lookup"
    assert f"reference: RMI Smelter Look-up of CMRT {revision} (" in out
    assert f"from {template.name}, as of 2026-11-20, stored in {kept}/" in out
    assert "3 consolidated into 2 facilities" in out
    rows = {r["smelter_id"]: r for r in _csv(ingest / "smelters.csv")}
    assert rows[NEW_ID]["smelter_name"] == "Aurum Novum Refinery AG"
    assert rows[NEW_ID]["supplier_count"] == "1" and rows[NEW_ID]["country"] == "SWITZERLAND"
    entry = yaml.safe_load((kept / "smelter_lookup.yml").read_text())["revisions"][0]
    assert entry["revision"] == revision and str(entry["as_of"]) == "2026-11-20"
    assert entry["sha256"] == hashlib.sha256(template.read_bytes()).hexdigest()
    assert entry["template"] == template.name and (kept / entry["lookup"]).is_file()

    template.unlink()  # a later run needs only what the year keeps
    assert _run(data) == 0
    out = capsys.readouterr().out
    assert f"reused from {kept}/" in out and "3 consolidated into 2 facilities" in out


def test_a_template_for_a_year_needs_the_date_it_was_downloaded(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _year(builder, tmp_path)
    template = _blank(builder, "6.6", tmp_path / "rmi")
    assert _run(data, "--reference", str(template)) == 2
    assert "--as-of DATE is required with --reference TEMPLATE" in capsys.readouterr().err
    assert not (data / "2026" / "smelter-lookup").exists()


def test_a_folder_run_resolves_against_the_template_without_keeping_it(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _year(builder, tmp_path)
    template = _blank(builder, "6.6", tmp_path / "rmi")
    out = tmp_path / "out.csv"
    argv = ["ingest", str(data / "2026" / "cmrt"), "--out", str(out), "--reference", str(template)]
    assert main([*argv, "--no-cache", "--quiet"]) == 0
    assert f"{template.name} (CMRT 6.6, chosen with --reference)" in capsys.readouterr().out
    assert {r["smelter_name"] for r in _csv(out)} >= {"Aurum Novum Refinery AG"}
    assert not (data / "2026" / "smelter-lookup").exists()
