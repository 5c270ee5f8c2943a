"""Odd folders: every entry is read (regular files only) or named with a reason; no crash, no
hang."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.ingest.cmrt.folder import display_name, list_folder
from cmrkit.ingest.cmrt.safety import Refused, read_regular_file
from tests.support.cmrt.builder import TemplateBuilder, by_id, declaration
from tests.support.ingest_args import output_args

REPO = Path(__file__).resolve().parents[3]


def _problems(folder: Path) -> dict[str, tuple[str, str, str]]:
    return {p.file: (p.severity, p.code, p.reason) for p in list_folder(folder).problems}


def test_links_pipes_and_folders_named_like_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub.xlsx").mkdir(parents=True)
    (folder / "sub.xlsx" / "inner.xlsx").write_bytes(b"PK")
    (folder / "real.xlsx").write_bytes(b"PK")
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(b"PK")
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    (folder / "outside-link.xlsx").symlink_to(outside)
    (folder / "inside-link.xlsx").symlink_to(folder / "real.xlsx")
    (folder / "broken.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    (folder / "loop.xlsx").symlink_to(folder)
    os.mkfifo(folder / "pipe.xlsx")
    listing = list_folder(folder)
    assert [shown for _, shown in listing.inputs] == ["real.xlsx", "sub.xlsx/inner.xlsx"]
    problems = _problems(folder)
    assert problems["zero.xlsx"][:2] == ("refused", "link")
    assert "a symbolic link to a character device (/dev/zero)" in problems["zero.xlsx"][2]
    assert "to a file outside the folder" in problems["outside-link.xlsx"][2]
    assert problems["inside-link.xlsx"][:2] == ("info", "link")
    assert "a broken symbolic link" in problems["broken.xlsx"][2]
    assert "to a folder" in problems["loop.xlsx"][2]
    assert problems["pipe.xlsx"] == (
        "refused",
        "not_a_file",
        "a named pipe, not a regular file: not read",
    )
    assert problems["sub.xlsx"][:2] == ("info", "folder")


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(
    builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    built = builder("6.5").build(tmp_path / "x.xlsx", declaration("Café SA"), [by_id("CID002763")])
    raw = os.fsencode(folder) + b"/caf\xe9 \x1b[31m.xlsx"  # Latin-1 é and a terminal escape
    with open(raw, "wb") as handle:
        handle.write(built.read_bytes())
    listing = list_folder(folder)
    assert [shown for _, shown in listing.inputs] == ["caf\\xe9 \\x1b[31m.xlsx"]
    assert _problems(folder)["caf\\xe9 \\x1b[31m.xlsx"][:2] == ("warning", "file_name")
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cmrkit.cli",
            "ingest",
            str(folder),
            *output_args(out, rcoi=False),
            "--no-cache",
            "--quiet",
            "--data",
            str(REPO / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "1 files read, 0 refused; 1 smelter rows: 1 consolidated" in result.stdout
    with (out / "smelters.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["files"] == "caf\\xe9 \\x1b[31m.xlsx"


def test_device_links_and_pipes_neither_crash_nor_hang_a_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    (folder / "random.xlsx").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipe.xlsx")
    (folder / "dir.xlsx").mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cmrkit.cli",
            "ingest",
            str(folder),
            "--out",
            str(tmp_path / "s.csv"),
            "--no-cache",
            "--quiet",
            "--jobs",
            "2",
            "--data",
            str(REPO / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr  # refused entries, outputs still written
    assert "Traceback" not in result.stderr
    assert (
        "0 files read, 0 refused, 3 other folder entries refused; 0 smelter rows" in result.stdout
    )
    for name in ("zero.xlsx", "random.xlsx", "pipe.xlsx"):
        assert f"refused: {name}: " in result.stderr


def test_regular_files_only_and_a_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * 2000)
    with pytest.raises(Refused, match="file is 2002 bytes, over the limit of 1000"):
        read_regular_file(big, 1000)
    link = tmp_path / "link.xlsx"
    link.symlink_to(big)
    with pytest.raises(Refused, match="a symbolic link"):
        read_regular_file(link, 10_000)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Refused, match="a named pipe, not a regular file"):
        read_regular_file(tmp_path / "pipe", 10_000)  # opened without blocking


def test_unreadable_files_and_folders_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    secret = folder / "secret.xlsx"
    secret.write_bytes(b"PK")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def deny_scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    # As root (CI containers) chmod 000 stops nothing, so the denial is simulated.
    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    with pytest.raises(Refused, match="cannot read file: Permission denied"):
        read_regular_file(secret, 10_000)
    assert _problems(folder)["locked"] == (
        "refused",
        "unreadable_folder",
        "cannot list folder: Permission denied; its files are not read",
    )


def test_display_names_escape_what_would_not_print() -> None:
    assert display_name("plain é.xlsx") == "plain é.xlsx"
    assert display_name("evil\u202exslx.exe") == "evil\\u202exslx.exe"  # right-to-left override
    assert display_name("new\nline.xlsx") == "new\\x0aline.xlsx"


def test_a_folder_placeholder_is_neither_an_input_nor_a_problem(tmp_path: Path) -> None:
    """`.gitkeep` keeps data/YEAR/cmrt/ in git: it is no hidden file a supplier sent."""
    folder = tmp_path / "cmrt"
    folder.mkdir()
    (folder / ".gitkeep").write_text("")
    (folder / ".hidden.xlsx").write_bytes(b"x")
    (folder / "supplier.xlsx").write_bytes(b"x")
    listing = list_folder(folder)
    assert [name for _, name in listing.inputs] == ["supplier.xlsx"]
    assert [(p.file, p.code, p.reason) for p in listing.problems] == [
        (".hidden.xlsx", "skipped", "hidden or Excel lock file")
    ]
