"""What `cmrkit ingest` writes: supplier text stays text, inputs are never overwritten, and the
exit status says what happened (0 clean, 1 refused files, 2 bad usage or data, 3 internal)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.files.spreadsheet_text import FORMULA_STARTS
from tests.support.cmrt.builder import TemplateBuilder, by_id, declaration, unlisted

REPO = Path(__file__).resolve().parents[2]
HOSTILE = {
    "company": "@SUM(1+1)*cmd|' /C calc'!A0",  # openpyxl would store "=..." as a formula
    "unlisted": "+SUM(1,2)",
    "name": "@cmd",
    "country_typo": "-GERMANY",
}


@pytest.fixture
def hostile_folder(builder: Callable[[str], TemplateBuilder], tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    builder("6.5").build(
        folder / "=evil.xlsx",
        declaration(HOSTILE["company"], contact_name="-2+3"),
        [
            by_id("CID002763"),
            unlisted("Gold", HOSTILE["unlisted"], "GERMANY"),
            unlisted("Gold", HOSTILE["name"], HOSTILE["country_typo"]),
        ],
    )
    (folder / "-old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return folder


def _cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_csv_cell_written_starts_a_formula(hostile_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    names = ("smelters.csv", "problems.csv", "suppliers.csv")
    argv = ["ingest", str(hostile_folder), "--no-cache", "--quiet"]
    for option, name in zip(("--out", "--problems", "--suppliers"), names, strict=True):
        argv += [option, str(out / name)]
    assert main(argv) == 1  # the .xls is refused
    seen = set()
    for name in names:
        cells = _cells(out / name)
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)], name
        seen.update(cells)
    # The hostile text is there, shown as text (the rule of the site's downloads).
    assert "'" + HOSTILE["unlisted"] in seen
    assert "'=evil.xlsx" in seen and "'-old.xls" in seen
    assert "'" + HOSTILE["company"] in seen
    assert "'-2+3" in seen


@pytest.fixture(scope="module")
def one_cmrt(
    builder: Callable[[str], TemplateBuilder], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("one") / "one.xlsx"
    return builder("6.5").build(path, declaration("One"), [by_id("CID002763")])


@pytest.fixture
def project(one_cmrt: Path, tmp_path: Path) -> Path:
    """A data folder with a year whose supplier files are in cmrt/."""
    data = tmp_path / "data"  # reference data: what cmrkit ships (data/reference/ overrides)
    (data / "reference").mkdir(parents=True)
    (data / "2024" / "cmrt").mkdir(parents=True)
    (data / "2024" / "facts.yml").write_text("year: 2024\n", encoding="utf-8")
    shutil.copy(one_cmrt, data / "2024" / "cmrt" / "one.xlsx")
    return data


@pytest.mark.parametrize(
    ("option", "target", "says"),
    [
        ("--out", "2024/cmrt/one.xlsx", "is the input"),  # refused as inside the input folder
        ("--rcoi", "2024/facts.yml", "is a facts file"),
        ("--out", "2024/annex.csv", "is under the data folder"),
        ("--problems", "reference/sanctions.yml", "is under the data folder"),  # an override
    ],
)
def test_outputs_never_overwrite_inputs(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    target: str,
    says: str,
) -> None:
    path = project / target
    before = path.read_bytes() if path.exists() else None
    argv = ["ingest", "2024", "--data", str(project), option, str(path), "--no-cache", "--quiet"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "refusing to write" in err and (says in err or "inside the input folder" in err)
    assert (path.read_bytes() if path.exists() else None) == before  # untouched
    assert not (project / "2024" / "ingest").exists()  # nothing was written at all


def test_an_output_that_is_a_link_to_an_input_is_seen(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = tmp_path / "reference.csv"
    reference.write_text("smelter_id,metal,smelter_name,country\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(reference)
    argv = ["ingest", "2024", "--data", str(project), "--reference", str(reference)]
    assert main([*argv, "--out", str(link), "--quiet", "--no-cache"]) == 2
    assert "is the input --reference" in capsys.readouterr().err


def test_force_writes_anyway_but_never_two_outputs_on_one_path(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = project / "2024" / "annex.csv"
    argv = ["ingest", "2024", "--data", str(project), "--no-cache", "--quiet"]
    assert main([*argv, "--out", str(annex), "--force"]) == 0
    assert annex.read_text(encoding="utf-8").startswith("metal,smelter_id,")
    same = tmp_path / "same.csv"
    assert main([*argv, "--out", str(same), "--problems", str(same), "--force"]) == 2
    assert "--problems" in capsys.readouterr().err


def test_the_years_own_outputs_are_written(project: Path) -> None:
    argv = ["ingest", "2024", "--data", str(project), "--no-cache", "--quiet"]
    assert main(argv) == 0
    assert main(argv) == 0  # and rewritten: they are the run's own outputs
    assert (project / "2024" / "ingest" / "rcoi.yml").is_file()


def test_exit_status_for_an_internal_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug\nsecond line")

    monkeypatch.setattr("cmrkit.ingest.request.run_ingest", broken)
    argv = ["ingest", "2024", "--data", str(project), "--no-cache", "--quiet"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "cmrkit: internal error: ZeroDivisionError: a bug "
        "(run again with --debug for the traceback, and report it)"
    ]
    assert main([*argv, "--debug"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_exit_status_when_the_reader_fails_on_one_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug met on one file refuses that file, names it, and the status says internal error."""

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("no such key")

    monkeypatch.setattr("cmrkit.ingest.workers.read_supplier_bytes", broken)
    argv = ["ingest", "2024", "--data", str(project), "--no-cache", "--quiet", "--jobs", "1"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert "refused: one.xlsx: internal error while reading (KeyError" in err
    assert "Traceback" not in err
    assert main([*argv, "--debug"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert (project / "2024" / "ingest" / "smelters.csv").is_file()  # outputs still written


def test_exit_status_for_bad_usage_and_bad_data(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", "1999", "--data", str(project)]) == 2
    assert "no supplier folder for year 1999" in capsys.readouterr().err
    (project / "reference" / "metals.yml").write_text("metals: 3\n", encoding="utf-8")
    assert main(["ingest", "2024", "--data", str(project), "--no-cache", "--quiet"]) == 2
    assert "metals.yml" in capsys.readouterr().err
