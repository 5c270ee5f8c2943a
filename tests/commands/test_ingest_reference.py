"""`cmrkit ingest --reference TEMPLATE`: RMI's newest blank template (6.6, or a revision newer
than cmrkit knows) as the look-up to resolve against, kept with the year and reused; and a
repository's own look-up (data/reference/), checked against its hashes as the year's is."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.ingest.cmrt.extract import main as extract_main
from cmrkit.ingest.cmrt.shipped import index_path
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
    assert "resolve against RMI's newest blank CMRT: --reference TEMPLATE" in unknown[0]["reason"]

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


def _edit_csv(kept: Path, name: str) -> None:
    """A hand edit: one facility's country changed, the file otherwise as stored."""
    path = kept / "smelter_lookup" / name
    text = path.read_text(encoding="utf-8")
    assert "SWITZERLAND" in text
    path.write_text(text.replace("SWITZERLAND", "GERMANY", 1), encoding="utf-8")


def _drop_hash(kept: Path, key: str) -> None:
    """A look-up stored by a cmrkit that recorded no sha256 of its CSVs."""
    index = kept / "smelter_lookup.yml"
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    index.write_text("".join(line for line in lines if key not in line), encoding="utf-8")


# How a stored look-up stops matching what was recorded, and the file the message names.
DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "look-up edited": (lambda kept: _edit_csv(kept, "cmrt-6.6.csv"), "cmrt-6.6.csv"),
    "countries edited": (
        lambda kept: (kept / "smelter_lookup" / "cmrt-6.6-countries.csv").write_text(
            "country\nSWITZERLAND\n", encoding="utf-8"
        ),
        "cmrt-6.6-countries.csv",
    ),
    "look-up removed": (
        lambda kept: (kept / "smelter_lookup" / "cmrt-6.6.csv").unlink(),
        "cmrt-6.6.csv",
    ),
    "no hash recorded": (lambda kept: _drop_hash(kept, "lookup_sha256"), "cmrt-6.6.csv"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_stored_look_up_is_checked_against_its_hashes_on_reuse(
    builder: Callable[[str], TemplateBuilder],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    data = _year(builder, tmp_path)
    template = _blank(builder, "6.6", tmp_path / "rmi")
    assert _run(data, "--reference", str(template), "--as-of", "2026-11-20") == 0
    kept = data / "2026" / "smelter-lookup"
    entry = yaml.safe_load((kept / "smelter_lookup.yml").read_text())["revisions"][0]
    for name, key in (("lookup", "lookup_sha256"), ("countries", "countries_sha256")):
        assert entry[key] == hashlib.sha256((kept / entry[name]).read_bytes()).hexdigest()
    assert _run(data) == 0  # reused as stored: checked and accepted
    capsys.readouterr()
    outputs = {p.name: p.read_bytes() for p in (data / "2026" / "ingest").iterdir()}

    change, named = DAMAGE[damage]
    change(kept)
    assert _run(data) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert str(kept / "smelter_lookup.yml") in lines[0] and f"smelter_lookup/{named}" in lines[0]
    assert "cmrkit ingest 2026 --reference TEMPLATE --as-of DATE" in lines[0]
    # Nothing was written from the damaged look-up.
    assert {p.name: p.read_bytes() for p in (data / "2026" / "ingest").iterdir()} == outputs

    # What the message says to do repairs it.
    assert _run(data, "--reference", str(template), "--as-of", "2026-11-20") == 0
    assert _run(data) == 0
    assert "reused from" in capsys.readouterr().out


def test_a_changed_stored_rmi_list_is_refused_on_reuse(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The stored RMI lists carry a sha256 each too, checked the same way."""
    data = _year(builder, tmp_path)
    status = tmp_path / "rmi-conformant.csv"
    status.write_text("Smelter ID,Standard Smelter Name\nCID002763,8853 S.p.A.\n", "utf-8")
    assert _run(data, "--status", f"conformant={status}", "--as-of", "2026-11-20") == 0
    assert _run(data) == 0
    copy = data / "2026" / "rmi-lists" / "conformant.csv"
    copy.write_text(copy.read_text("utf-8") + "CID009991,Aurum Novum Refinery AG\n", "utf-8")
    capsys.readouterr()
    assert _run(data) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "manifest.yml" in err and "'conformant.csv' has changed" in err
    assert "--status ... --as-of DATE" in err


def _extract(template: Path, reference_dir: Path) -> None:
    """RMI's template extracted into a repository's own look-up, as the guide says to."""
    assert extract_main([str(template), "--reference", str(reference_dir)]) == 0


def test_a_repositorys_own_look_up_is_checked_against_its_hashes_on_every_run(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """data/reference/smelter_lookup.yml, written by the extractor with the sha256 of each CSV,
    replaces the packaged look-ups; a CSV changed since stops every run of every year, with the
    file and the command that writes it again."""
    data = _year(builder, tmp_path)
    own = data / "reference"
    _extract(_blank(builder, "6.6", tmp_path / "rmi"), own)
    assert _run(data) == 0
    assert "3 consolidated into 2 facilities" in capsys.readouterr().out  # resolved against it
    outputs = {p.name: p.read_bytes() for p in (data / "2026" / "ingest").iterdir()}

    _edit_csv(own, "cmrt-6.6.csv")
    assert _run(data) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert str(own / "smelter_lookup.yml") in lines[0]
    assert "smelter_lookup/cmrt-6.6.csv has changed since it was stored" in lines[0]
    assert f"python -m cmrkit.ingest.cmrt.extract TEMPLATE --reference {own}" in lines[0]
    assert {p.name: p.read_bytes() for p in (data / "2026" / "ingest").iterdir()} == outputs

    _extract(_blank(builder, "6.6", tmp_path / "rmi"), own)  # what the message says repairs it
    assert _run(data) == 0


def test_the_packaged_look_ups_carry_no_hash_and_a_copy_of_them_as_a_repositorys_is_refused(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The packaged look-ups are cmrkit's own (a hashed wheel) and are read as they are; the same
    files copied into data/reference/ by hand, with no sha256 recorded, are not trusted."""
    packaged = index_path()
    entries = yaml.safe_load(packaged.read_text(encoding="utf-8"))["revisions"]
    assert entries and not any("lookup_sha256" in entry for entry in entries)
    data = _year(builder, tmp_path)
    assert _run(data) == 0  # resolved against the packaged look-ups, unhashed
    own = data / "reference"
    own.mkdir()
    shutil.copy(packaged, own / "smelter_lookup.yml")
    shutil.copytree(packaged.parent / "smelter_lookup", own / "smelter_lookup")
    capsys.readouterr()
    assert _run(data) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert f"{own / 'smelter_lookup.yml'}, line " in err and "no sha256 recorded" in err
    assert f"--reference {own}" in err
