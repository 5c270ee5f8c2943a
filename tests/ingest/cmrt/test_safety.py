"""Untrusted files are refused with a reason before any parser sees them, never a traceback."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.safety import CFB_MAGIC, Refused, check_container
from tests.support.cmrt.builder import template_path


def _refusal(path: Path) -> str:
    with pytest.raises(Refused) as info:
        read_supplier_file(path)
    return info.value.reason


def test_a_workbook_that_is_no_cmrt(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "not a CMRT"
    workbook.save(path)
    assert "not a CMRT: no sheet named 'Declaration'" in _refusal(path)


def test_an_xls_file(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(CFB_MAGIC + b"\x00" * 512 + "Workbook".encode("utf-16-le") + b"\x00" * 512)
    assert "legacy Excel 97-2003 .xls" in _refusal(path)


def test_an_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    body = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    path.write_bytes(CFB_MAGIC + b"\x00" * 504 + body + "EncryptedPackage".encode("utf-16-le"))
    assert "encrypted" in _refusal(path)


def test_a_truncated_workbook(templates: Path, tmp_path: Path) -> None:
    data = template_path("6.5").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "corrupt or truncated" in _refusal(path)


def test_an_empty_file_and_a_text_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert _refusal(empty) == "file is empty"
    text = tmp_path / "cmrt.xlsx"
    text.write_text("Metal,Smelter\nGold,X\n", encoding="utf-16")
    assert "no zip signature" in _refusal(text)


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_on_declared_size_and_ratio(tmp_path: Path) -> None:
    limits = replace(load_layouts().limits, max_member_bytes=8 << 20, max_total_bytes=16 << 20)
    path = _zip_with(
        tmp_path / "bomb.xlsx",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\x00" * (12 << 20),
        },
    )
    with pytest.raises(Refused) as info:
        check_container(path, limits)
    assert "zip bomb" in info.value.reason
    ratio_only = replace(load_layouts().limits, max_ratio=50)
    with pytest.raises(Refused) as info:
        check_container(path, ratio_only)
    assert "compression ratio" in info.value.reason


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """The parser trusts declared sizes; the check inflates and compares (CRC) first."""
    path = _zip_with(
        tmp_path / "liar.xlsx",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook>" + b" " * 100_000 + b"</workbook>",
        },
    )
    data = bytearray(path.read_bytes())
    # Declare 100 bytes for xl/workbook.xml in its central directory entry.
    name_at = data.rfind(b"xl/workbook.xml")
    entry = data.rfind(b"PK\x01\x02", 0, name_at)
    assert entry >= 0
    data[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(Refused) as info:
        check_container(path, load_layouts().limits)
    assert "corrupt or truncated workbook part xl/workbook.xml" in info.value.reason


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_with_doctype_or_entity_is_refused(
    templates: Path, tmp_path: Path, encoding: str
) -> None:
    source = template_path("6.5")
    path = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                declaration_end = text.index("?>") + 2
                bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                text = text[:declaration_end] + bomb + text[declaration_end:]
                data = text.encode(encoding)
            dst.writestr(info, data)
    assert "DOCTYPE/ENTITY" in _refusal(path)


def test_a_huge_sheet_is_refused(templates: Path, tmp_path: Path, monkeypatch) -> None:
    layouts = load_layouts()
    small = replace(layouts, limits=replace(layouts.limits, max_sheet_rows=1000))
    monkeypatch.setattr("cmrkit.ingest.cmrt.read.load_layouts", lambda: small)
    path = tmp_path / "big.xlsx"
    shutil.copy(template_path("6.5"), path)
    reason = _refusal(path)
    # The Smelter List declares A1:AH2504 (and the Product List reaches row 2007).
    assert "sheet 'Smelter List' is too large to read safely" in reason
    assert "AH2504 (row 2504, over the limit of 1000 rows)" in reason


def test_a_doctype_hidden_after_a_comment_is_refused(tmp_path: Path) -> None:
    padding = "<!--" + "x" * 3000 + "-->"
    xml = f'<?xml version="1.0"?>{padding}<!DOCTYPE w [<!ENTITY e "e">]><workbook>&e;</workbook>'
    path = _zip_with(
        tmp_path / "hidden.xlsx",
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": xml.encode("utf-8")},
    )
    with pytest.raises(Refused, match="DOCTYPE/ENTITY"):
        check_container(path, load_layouts().limits)


def test_utf16_parts_as_excel_writes_them_are_accepted(tmp_path: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><ds:datastoreItem/>'
    path = _zip_with(
        tmp_path / "utf16.xlsx",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "customXml/item1.xml": b"\xff\xfe" + xml.encode("utf-16-le"),
        },
    )
    assert check_container(path, load_layouts().limits).members == 3
