"""Minimal workbooks of RMI's other templates (EMRT, CRT, AMRT), built by code.

RMI's real blank EMRT, CRT and AMRT are not in ../shared/cmrt-templates, so these carry only
what tells the templates apart, as RMI's published blanks have it (EMRT 1.1-2.1, CRT 2.2 and
2.21, AMRT 1.2 and 1.3): the sheet set, the Declaration title in D2 with the abbreviation in
parentheses (in the language a supplier chose, RMI's own slips included: the CRT shows
"(CMRT)" in French), the "Revision x.y" cell J3, and the metals of the Smelter Look-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

HIDDEN = ("L", "C", "SorP")
CMRT_LIKE = (
    "Instructions",
    "Revision",
    "Definitions",
    "Declaration",
    "Smelter List",
    "Checker",
    "Product List",
    "Smelter Look-up",
)


@dataclass(frozen=True)
class Other:
    kind: str
    revision: str  # J3 text
    title: str  # D2 text ("" for a file whose formula carries no cached value)
    sheets: tuple[str, ...]
    metals: Sequence[str] = field(default_factory=tuple)


EMRT_20 = Other(
    "EMRT",
    "Revision 2.0\nApril 25, 2025",
    "扩展矿物报告模版 (EMRT)",
    (*CMRT_LIKE[:6], "Mine List", *CMRT_LIKE[6:]),
    ("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel"),
)
EMRT_13_JA = Other(
    "EMRT",
    "Revision 1.3\nApril 26, 2024",
    "拡張鉱物報告テンプレート（EMRT）",
    CMRT_LIKE,
    ("Cobalt", "Mica"),
)
CRT_221 = Other(
    "CRT",
    "Revision 2.2\nOctober 28, 2020",
    "Cobalt Reporting Template (CRT)",
    CMRT_LIKE,
    ("Cobalt",),
)
# RMI's CRT 2.2/2.21 show "(CMRT)" in D2 in French, Portuguese, German, Spanish, Italian, Turkish.
CRT_FRENCH = Other(
    "CRT",
    "Revision 2.2\nOctober 28, 2020",
    "Conflict Minerals Reporting Template (CMRT)",
    CMRT_LIKE,
    ("Cobalt",),
)
AMRT_12 = Other(
    "AMRT",
    "Revision 1.2\nOctober 4, 2024",
    "Additional Minerals Reporting Template (AMRT)",
    (
        "Instructions",
        "Revision",
        "Definitions",
        "Declaration",
        "Minerals Scope",
        "Smelter List",
        "Checker",
        "Mine List",
        "Product List",
    ),
)
# Written by a script: the title formula has no cached value; the look-up's metals decide.
EMRT_NO_TITLE = Other("EMRT", "Revision 1.1\nOctober 14, 2022", "", CMRT_LIKE, ("Cobalt", "Mica"))
OTHERS = {
    "emrt-2.0": EMRT_20,
    "emrt-1.3-ja": EMRT_13_JA,
    "crt-2.21": CRT_221,
    "crt-2.21-fr": CRT_FRENCH,
    "amrt-1.2": AMRT_12,
    "emrt-no-title": EMRT_NO_TITLE,
}


def build_other(other: Other, dest: Path, company: str = "Cobalt Supplier Ltd") -> Path:
    """Save a workbook with `other`'s distinguishing features (and a company name in D8)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in (*other.sheets, *HIDDEN):
        sheet = workbook.create_sheet(name)
        if name in HIDDEN:
            sheet.sheet_state = "hidden"
    declaration = workbook["Declaration"]
    if other.title:
        declaration["D2"] = other.title
    declaration["J3"] = other.revision
    declaration["D8"] = company
    if "Smelter Look-up" in workbook.sheetnames:
        lookup = workbook["Smelter Look-up"]
        for offset, metal in enumerate(other.metals):
            row = 5 + offset
            lookup[f"A{row}"] = metal
            lookup[f"B{row}"] = f"{metal} Refinery {offset}"
            lookup[f"C{row}"] = f"{metal} Refinery {offset}"
            lookup[f"D{row}"] = "CHINA"
            lookup[f"E{row}"] = f"CID9{offset:05d}"
    workbook["Smelter List"]["A5"] = "CID900000"
    dest.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(dest)
    return dest
