"""A workbook's sheets as its XML lists them, and which sheet stands for each one cmrkit reads.

The sheet the reader takes for "Smelter List" decides which rows exist, so it is chosen here
from `xl/workbook.xml`, before any parser runs, and never by an exact name alone: a supplier (or
someone misleading) can hide the real "Smelter List" and show a renamed copy ("Smelter List ",
"Smelter list (2)", a Cyrillic "е"). Names are compared folded (see `fold_sheet_name`); every
sheet whose folded name is, or begins with, the wanted one is a candidate. One candidate is read
(with a note when it is hidden or not named exactly); two or more make the file refused, since
reading either would silently drop the other.
"""

from __future__ import annotations

import posixpath
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cmrkit.ingest.cmrt.safety import Refused

WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_RELATIONSHIP_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)


@dataclass(frozen=True)
class SheetRef:
    name: str
    part: str  # the zip member holding the sheet's XML
    state: str  # visible, hidden or veryHidden

    @property
    def visible(self) -> bool:
        return self.state == "visible"

    def described(self) -> str:
        return f"'{self.name}'" + ("" if self.visible else f" ({self.state})")


@dataclass(frozen=True)
class Choice:
    sheet: SheetRef | None
    note: str = ""  # why the chosen sheet deserves a look (hidden, renamed)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes, name: str) -> ET.Element:
    # Safe: the container check refused any DOCTYPE, so no entity can expand here.
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise Refused(f"workbook part {name} is not well-formed XML ({exc})") from None


def workbook_sheets(parts: dict[str, bytes]) -> list[SheetRef]:
    """Every sheet `xl/workbook.xml` lists, in order, with its part and visibility."""
    if WORKBOOK_PART not in parts or WORKBOOK_RELS not in parts:
        raise Refused("zip file is not an Excel workbook (no xl/workbook.xml or its relationships)")
    targets: dict[str, str] = {}
    for element in _parse(parts[WORKBOOK_RELS], WORKBOOK_RELS).iter():
        if _local(element.tag) == "Relationship" and element.get("Id") and element.get("Target"):
            targets[element.get("Id", "")] = element.get("Target", "")
    sheets: list[SheetRef] = []
    for element in _parse(parts[WORKBOOK_PART], WORKBOOK_PART).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next(
            (
                value
                for key, value in element.attrib.items()
                if _local(key) == "id"
                and key.startswith("{")
                and key[1:].split("}")[0] in _RELATIONSHIP_NAMESPACES
            ),
            None,
        )
        target = targets.get(rid or "")
        if target is None:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        sheets.append(
            SheetRef(
                name=element.get("name", ""),
                part=part,
                state=element.get("state", "visible"),
            )
        )
    return sheets


def fold_sheet_name(name: str, look_alike: Mapping[str, str]) -> str:
    """The key two spellings of a sheet name share: Unicode compatibility forms, case, blanks,
    punctuation and letters that look Latin do not matter ("Smelter List " = "smеlter-list")."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(look_alike.get(char, char) for char in text)
    return "".join(char for char in text if char.isalnum())


def choose_sheet(sheets: Sequence[SheetRef], wanted: str, look_alike: Mapping[str, str]) -> Choice:
    """The one sheet that can stand for `wanted`; `Refused` when several can."""
    key = fold_sheet_name(wanted, look_alike)
    candidates = [
        sheet for sheet in sheets if fold_sheet_name(sheet.name, look_alike).startswith(key)
    ]
    if not candidates:
        return Choice(None)
    if len(candidates) > 1:
        listed = ", ".join(sheet.described() for sheet in candidates)
        raise Refused(
            f"{len(candidates)} sheets could be the '{wanted}': {listed}; cmrkit reads exactly "
            "one, and reading either would drop the other's rows: ask the supplier for a file "
            "with one",
            sheet=candidates[0].name,
        )
    sheet = candidates[0]
    notes = []
    if sheet.name != wanted:
        notes.append(f"the '{wanted}' is read from sheet {sheet.name!r}")
    if not sheet.visible:
        notes.append(f"sheet {sheet.name!r} is {sheet.state} in the workbook")
    return Choice(sheet, "; ".join(notes))
