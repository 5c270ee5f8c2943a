"""`cmrkit ingest --suppliers`: every folder entry's row shows its revision, or says why it is
not known. A file refused after its Declaration told the revision (a legacy or 5.x template, a
newer revision built otherwise, a hostile Smelter List) keeps that revision; one refused before
(not a workbook, no Declaration, no revision cell) says so, and no row leaves both blank.

Each file is RMI's real template, filled by the builder or edited at the XML level."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.ingest.cmrt.safety import NO_REVISION, NOT_A_WORKBOOK
from cmrkit.ingest.outputs import NOT_A_FILE
from tests.support.cmrt.builder import (
    TemplateBuilder,
    by_id,
    declaration,
    legacy_path,
    template_path,
)
from tests.support.cmrt.others import EMRT_20, build_other
from tests.support.cmrt.xmledit import (
    EMPTY_SHEET,
    add_sheet,
    append_row,
    edit_workbook,
    relabel,
    rename_sheet,
    text_cell,
)

AGR = "CID003185"
FAR = '<row r="6000"><c r="XFD6000" t="inlineStr"><is><t>x</t></is></c></row>'
# On a Smelter List, beside an input cell: never trimmed away, so the file is refused.
FAR_ROW = (
    f'<row r="6000"><c r="A6000" t="inlineStr"><is><t>{AGR}</t></is></c>'
    '<c r="XFD6000" t="inlineStr"><is><t>x</t></is></c></row>'
)

# file -> (status, revision shown, why the revision is unknown)
EXPECTED = {
    "filled-6.5.xlsx": ("read", "6.5", ""),
    "legacy-3.01.xlsx": ("refused", "3.01", ""),
    "relabelled-5.12.xlsx": ("refused", "5.12", ""),
    "next-built-otherwise.xlsx": ("refused", "6.7", ""),
    "written-twice.xlsx": ("refused", "6.5", ""),
    "two-smelter-lists.xlsx": ("refused", "6.5", ""),
    "far-smelter-cell.xlsx": ("refused", "6.5", ""),
    "no-smelter-look-up.xlsx": ("refused", "6.5", ""),
    "emrt-2.0.xlsx": ("other template (EMRT)", "2.0", ""),
    "old.xls": ("refused", "", NOT_A_WORKBOOK),
    "notes.xlsx": ("refused", "", NOT_A_WORKBOOK),
    "no-revision.xlsx": ("refused", "", NO_REVISION),
    "no-declaration.xlsx": ("refused", "", "the workbook has no Declaration sheet"),
    "two-declarations.xlsx": ("refused", "", "more than one sheet could be its Declaration"),
    "far-declaration-cell.xlsx": ("refused", "", "its Declaration was not read (see the reason)"),
    "broken-link.xlsx": ("refused", "", NOT_A_FILE),
}


def _twice(xml: str) -> str:
    xml = text_cell(xml, "A7", AGR)
    return xml.replace("</row>", '<c r="A7" t="inlineStr"><is><t>CID002763</t></is></c></row>', 1)


@pytest.fixture(scope="module")
def folder(
    builder: Callable[[str], TemplateBuilder], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """One file per way a file ends, each named for it (see EXPECTED)."""
    folder = tmp_path_factory.mktemp("suppliers") / "cmrt"
    work = tmp_path_factory.mktemp("work")
    filled = builder("6.5").build(folder / "filled-6.5.xlsx", declaration("Acme"), [by_id(AGR)])
    shutil.copyfile(legacy_path("3.01"), folder / "legacy-3.01.xlsx")
    relabel(filled, folder / "relabelled-5.12.xlsx", "Revision 5.12\nMay 1, 2019")
    builder("6.7").build(
        folder / "next-built-otherwise.xlsx",
        declaration("Next"),
        [by_id(AGR)],
        cells={("Smelter List", "A4"): None},
    )
    blank = template_path("6.5")
    edit_workbook(blank, folder / "written-twice.xlsx", {"Smelter List": _twice})
    add_sheet(
        edit_workbook(
            blank, work / "filled.xlsx", {"Smelter List": lambda x: text_cell(x, "A5", AGR)}
        ),
        folder / "two-smelter-lists.xlsx",
        "Smеlter List",  # a Cyrillic е: a look-alike copy
        EMPTY_SHEET,
    )
    edit_workbook(
        blank, folder / "far-smelter-cell.xlsx", {"Smelter List": lambda x: append_row(x, FAR_ROW)}
    )
    edit_workbook(
        blank,
        folder / "no-smelter-look-up.xlsx",
        workbook=lambda x: rename_sheet(x, "Smelter Look-up", "Look-up"),
    )
    build_other(EMRT_20, folder / "emrt-2.0.xlsx")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "notes.xlsx").write_text("not a workbook\n", encoding="utf-8")
    relabel(filled, folder / "no-revision.xlsx", "")
    edit_workbook(
        blank,
        folder / "no-declaration.xlsx",
        workbook=lambda x: rename_sheet(x, "Declaration", "Cover"),
    )
    edit_workbook(
        blank, folder / "far-declaration-cell.xlsx", {"Declaration": lambda x: append_row(x, FAR)}
    )
    add_sheet(blank, folder / "two-declarations.xlsx", "Dеclaration", EMPTY_SHEET)  # Cyrillic е
    os.symlink(work / "gone.xlsx", folder / "broken-link.xlsx")
    return folder


def _suppliers(folder: Path, out: Path, cache: Path) -> dict[str, dict[str, str]]:
    argv = ["ingest", str(folder), "--out", str(out / "smelters.csv")]
    argv += ["--suppliers", str(out / "suppliers.csv"), "--cache-dir", str(cache)]
    assert main([*argv, "--quiet", "--jobs", "2"]) == 1  # some refused; outputs written
    with (out / "suppliers.csv").open(newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def test_every_row_shows_its_revision_or_says_why_not(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _suppliers(folder, tmp_path / "out", tmp_path / "cache")
    capsys.readouterr()
    assert set(rows) == set(EXPECTED)  # nothing dropped
    got = {f: (r["status"], r["revision"], r["revision_unknown"]) for f, r in rows.items()}
    assert got == EXPECTED
    for row in rows.values():  # one of the two, never both and never neither
        assert bool(row["revision"]) != bool(row["revision_unknown"]), row["file"]


def test_a_cached_refusal_keeps_its_revision(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second run reads every file from the cache and writes the same table."""
    first = _suppliers(folder, tmp_path / "first", tmp_path / "cache")
    capsys.readouterr()
    assert _suppliers(folder, tmp_path / "second", tmp_path / "cache") == first
    files = len(EXPECTED) - 1  # the broken link is no file: never read, never cached
    assert f"cache hits: {files} " in capsys.readouterr().out
