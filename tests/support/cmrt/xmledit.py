"""Edit a real template at the XML level, the way hand-made or hostile files differ from it.

openpyxl rewrites a whole workbook in its own form; the cases here (a row written out of order, a
lower-case address, a formula without a cached value, a hidden sheet, a far-away cell) live in
the XML itself, so they are written there, part by part, from RMI's real templates.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[str], str]

# Deflate level of the parts written here: the fastest (a test writes many copies of a 10 MB
# workbook's XML); still deflated, as every spreadsheet program writes its parts.
LEVEL = 1


def sheet_part(archive: zipfile.ZipFile, name: str) -> str:
    """The zip member of a sheet, found through workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = re.search(rf'<sheet name="{re.escape(name)}"[^>]*r:id="([^"]+)"', workbook)
    assert rid, name
    # Attributes come in any order (openpyxl writes Target before Id).
    for element in re.findall(r"<Relationship\b[^>]*>", rels):
        if f'Id="{rid.group(1)}"' in element:
            target = re.search(r'Target="([^"]+)"', element)
            assert target, name
            return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    raise AssertionError(name)


def edit_workbook(
    source: Path,
    dest: Path,
    sheets: dict[str, Edit] | None = None,
    workbook: Edit | None = None,
    extra_parts: dict[str, bytes] | None = None,
) -> Path:
    """Copy `source` to `dest`, applying `sheets[name]` to that sheet's XML and `workbook` to
    xl/workbook.xml; `extra_parts` adds members."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as archive:
        parts = {sheet_part(archive, name): edit for name, edit in (sheets or {}).items()}
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename in parts:
                    data = parts[info.filename](data.decode("utf-8")).encode("utf-8")
                elif info.filename == "xl/workbook.xml" and workbook is not None:
                    data = workbook(data.decode("utf-8")).encode("utf-8")
                out.writestr(info, data, compresslevel=LEVEL)
            for name, data in (extra_parts or {}).items():
                out.writestr(name, data, compresslevel=LEVEL)
    return dest


def set_cell(xml: str, cell: str, inner: str, attributes: str = "") -> str:
    """Give an empty template cell (`<c r="A7" s="147"/>`) content, e.g. `<v>1</v>`."""
    pattern = re.compile(rf'<c r="{cell}"( s="\d+")?/>')
    new, count = pattern.subn(
        lambda m: f'<c r="{cell}"{m.group(1) or ""}{attributes}>{inner}</c>', xml, count=1
    )
    assert count == 1, cell
    return new


def text_cell(xml: str, cell: str, value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    return set_cell(xml, cell, f"<is><t>{escaped}</t></is>", ' t="inlineStr"')


def append_row(xml: str, row_xml: str) -> str:
    """Add a row at the end of the sheet's data."""
    return xml.replace("</sheetData>", row_xml + "</sheetData>", 1)


def move_row_after(xml: str, row: int, after: int) -> str:
    """Write row `row` after row `after` in the document (an out-of-order row)."""
    match = re.search(rf'<row r="{row}"[ >].*?</row>', xml)
    assert match, row
    xml = xml.replace(match.group(0), "", 1)
    anchor = re.search(rf'<row r="{after}"[ >].*?</row>', xml)
    assert anchor, after
    return xml[: anchor.end()] + match.group(0) + xml[anchor.end() :]


def rename_sheet(xml: str, old: str, new: str, state: str | None = None) -> str:
    """In workbook.xml: rename a sheet, and set its state ("hidden") when given."""
    pattern = re.compile(rf'<sheet name="{re.escape(old)}"([^>]*?)(?: state="[^"]*")?([^>]*)/>')
    extra = f' state="{state}"' if state else ""
    new_xml, count = pattern.subn(
        lambda m: f'<sheet name="{new}"{m.group(1)}{extra}{m.group(2)}/>', xml
    )
    assert count == 1, old
    return new_xml


def add_sheet(source: Path, dest: Path, name: str, xml: str, state: str = "visible") -> Path:
    """Copy `source` with one more worksheet named `name` (its XML as given)."""
    part = "xl/worksheets/sheet_added.xml"
    rid = "rIdAdded1"

    def workbook(text: str) -> str:
        attributes = "" if state == "visible" else f' state="{state}"'
        entry = f'<sheet name="{name}" sheetId="999"{attributes} r:id="{rid}"/>'
        return text.replace("</sheets>", entry + "</sheets>", 1)

    dest.parent.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(source) as archive,
        zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "xl/workbook.xml":
                data = workbook(data.decode("utf-8")).encode("utf-8")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                rel = (
                    f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/worksheet" '
                    'Target="worksheets/sheet_added.xml"/>'
                )
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/{part}" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                )
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            out.writestr(info, data, compresslevel=LEVEL)
        out.writestr(part, xml.encode("utf-8"), compresslevel=LEVEL)
    return dest


EMPTY_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData/></worksheet>"
)


def relabel(source: Path, dest: Path, revision_text: str) -> Path:
    """Copy `source` with another revision written in Declaration J3, and nothing else changed
    (cached values, styles and images stay): a real file relabelled."""
    escaped = revision_text.replace("&", "&amp;").replace("<", "&lt;")

    def declaration(xml: str) -> str:
        pattern = re.compile(r'<c r="J3"( s="\d+")?[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
        new, count = pattern.subn(
            lambda m: (
                f'<c r="J3"{m.group(1) or ""} t="inlineStr"><is><t xml:space="preserve">'
                f"{escaped}</t></is></c>"
            ),
            xml,
            count=1,
        )
        assert count == 1
        return new

    return edit_workbook(source, dest, sheets={"Declaration": declaration})
