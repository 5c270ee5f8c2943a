"""The RMI lists kept with a year: byte-for-byte copies, a manifest with the date and sha256,
and a refusal when a copy no longer matches what was recorded."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.ingest.rmi_lists import ListSpec, ReadList
from cmrkit.ingest.rmi_store import load_manifest, store_lists, stored_specs

AS_OF = dt.date(2025, 3, 3)


def read(path: Path, status: str | None, fmt: str) -> tuple[ReadList, bytes]:
    return ReadList(ListSpec(path, status), fmt, 2, 2), path.read_bytes()


@pytest.fixture
def downloads(tmp_path: Path) -> dict[str, Path]:
    files = {"c": tmp_path / "Conformant Smelters.xls", "a": tmp_path / "active.csv"}
    files["c"].write_text("<Workbook/>", encoding="utf-8")
    files["a"].write_text("SMELTER ID\nCID000292\n", encoding="utf-8")
    return files


def test_copies_and_manifest_round_trip(tmp_path: Path, downloads: dict[str, Path]) -> None:
    year = tmp_path / "2024"
    lists = [read(downloads["c"], "Conformant", "xml"), read(downloads["a"], "Active", "csv")]
    manifest = store_lists(year, lists, AS_OF)
    assert [(e.file, e.original) for e in manifest.lists] == [
        ("conformant.xml", "Conformant Smelters.xls"),
        ("active.csv", "active.csv"),
    ]
    assert load_manifest(year) == manifest
    specs = stored_specs(year, manifest)
    assert [(s.path.name, s.status) for s in specs] == [
        ("conformant.xml", "Conformant"),
        ("active.csv", "Active"),
    ]
    for spec, path in zip(specs, (downloads["c"], downloads["a"]), strict=True):
        assert (
            hashlib.sha256(spec.path.read_bytes()).digest()
            == hashlib.sha256(path.read_bytes()).digest()
        )


def test_new_lists_replace_the_old_copies_only(tmp_path: Path, downloads: dict[str, Path]) -> None:
    year = tmp_path / "2024"
    first = store_lists(year, [read(downloads["c"], "Conformant", "xml")], AS_OF)
    (year / "rmi-lists" / "README.txt").write_text("our notes")
    second = store_lists(year, [read(downloads["a"], None, "csv")], AS_OF, first)
    names = sorted(p.name for p in (year / "rmi-lists").iterdir())
    assert names == ["README.txt", "manifest.yml", "statuses.csv"]
    assert load_manifest(year) == second and second.lists[0].status is None


def test_a_changed_copy_is_refused_with_the_manifest_line(
    tmp_path: Path, downloads: dict[str, Path]
) -> None:
    year = tmp_path / "2024"
    manifest = store_lists(year, [read(downloads["a"], "Active", "csv")], AS_OF)
    copy = year / "rmi-lists" / "active.csv"
    copy.write_text("SMELTER ID\nCID000293\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"manifest.yml, line \d+: stored list 'active.csv' has"):
        stored_specs(year, manifest)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("as_of: 2025-03-03", "as_of: March"), "'as_of' must be a date"),
        (("format: csv", "format: xls"), "'format' must be one of csv, xlsx, xml"),
        (("file: active.csv", "file: ../facts.yml"), "'file' must be a file name in this folder"),
        (("rows: 2", "rows: -1"), "'rows' must be a whole number"),
    ],
)
def test_a_hand_edited_manifest_names_the_line(
    tmp_path: Path, downloads: dict[str, Path], edit: tuple[str, str], message: str
) -> None:
    year = tmp_path / "2024"
    store_lists(year, [read(downloads["a"], "Active", "csv")], AS_OF)
    path = year / "rmi-lists" / "manifest.yml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(*edit), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_manifest(year)
    assert str(caught.value).startswith(f"{path}, line ")
    assert message in str(caught.value)
    sha = text.split("sha256: ")[1].split("\n")[0]
    path.write_text(text.replace(sha, "abc"), encoding="utf-8")
    with pytest.raises(DataError, match="'sha256' must be 64 hexadecimal digits"):
        load_manifest(year)
