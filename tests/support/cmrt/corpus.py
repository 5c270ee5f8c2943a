"""A folder of filled real-template CMRTs whose roll-up is known exactly."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.support.cmrt.builder import (
    TemplateBuilder,
    by_id,
    declaration,
    legacy_path,
    pick,
    raw,
    unlisted,
)

# (metal, smelter_id, smelter_name, country) -> suppliers that report it
EXPECTED = {
    ("Gold", "CID002763", "8853 S.p.A.", "ITALY"): {"Alpha Corp", "Beta GmbH", "Epsilon", "Zeta"},
    ("Tin", "CID000292", "Alpha Assembly Solutions Inc", "UNITED STATES OF AMERICA"): {
        "Alpha Corp",
        "Gamma SA",
        "Delta KK",
    },
    ("Tantalum", "CID000211", "Changsha South Tantalum Niobium Co., Ltd.", "CHINA"): {"Alpha Corp"},
    ("Gold", "", "Acme Refinery", "GERMANY"): {"Alpha Corp", "Beta GmbH"},
    ("Gold", "CID003185", "African Gold Refinery", "UGANDA"): {"Beta GmbH", "Delta KK"},
    ("Tin", "", "Alpha Metal", "UNITED STATES OF AMERICA"): {"Gamma SA"},
    ("Tungsten", "CID000966", "Kennametal Fallon", "UNITED STATES OF AMERICA"): {"Zeta"},
}
ROWS = 21
FLAGGED = {
    # file -> (cell, code) of each row that must not be consolidated
    "s3-gamma-6.22.xlsx": [("B7", "id_other_metal")],
    "s4-delta-6.31.xlsx": [("A7", "unknown_id")],
    "s5-epsilon-6.4.xlsx": [
        ("B6", "unknown_metal"),
        ("E7", "unknown_country"),
        ("C8", "not_identified"),
    ],
    "s6-zeta-6.5.xlsx": [("D8", "blank_field")],
}
REFUSED = {"legacy-3.01.xlsx": "revision 3.01 is a legacy template"}


def build_corpus(builder: Callable[[str], TemplateBuilder], folder: Path) -> Path:
    builder("6.01").build(
        folder / "s1-alpha-6.01.xlsx",
        declaration("Alpha Corp"),
        [
            by_id("CID002763"),
            pick("Tin", "Alpha Metals"),
            by_id("CID000211"),  # in the 6.01 look-up, no longer in 6.5's
            unlisted("Gold", "Acme Refinery", "GERMANY"),
        ],
        language="English",
    )
    builder("6.1").build(
        folder / "s2-beta-6.1.xlsx",
        declaration("Beta GmbH"),
        [
            by_id("CID002763"),
            pick("Gold", "African Gold Refinery"),
            unlisted("Gold", "ACME  refinery", "Germany"),
        ],
        language="Deutsch",
    )
    builder("6.22").build(
        folder / "s3-gamma-6.22.xlsx",
        declaration(
            "Gamma SA",
            scope="B. Product (or List of Products)",
            answers={"Q1": ["Yes", "Yes", "No", "No"], "Q6": [1, 1, "Greater than 90%", "None"]},
        ),
        [
            by_id("CID000292"),
            unlisted("Tin", "Alpha Metal", "UNITED STATES OF AMERICA"),
            by_id("CID002763", B="Tin"),  # a gold ID on a row that says tin
        ],
        products=[("P-100", "Router"), ("P-200", "Switch")],
        language="Français",
    )
    builder("6.31").build(
        folder / "s4-delta-6.31.xlsx",
        declaration("Delta KK"),
        [by_id("CID003185"), pick("Tin", "Alpha Metals"), raw(A="CID999999")],
        cached=True,  # as saved by a spreadsheet program
        language="日本語 Japanese",
    )
    builder("6.4").build(
        folder / "s5-epsilon-6.4.xlsx",
        declaration("Epsilon"),
        [
            by_id("CID002763"),
            raw(B="Silver", C="Silver Smelter"),
            unlisted("Gold", "Nowhere Gold", "Atlantis"),
            pick("Tin", "Smelter not yet identified"),
        ],
        language="中文 Chinese",
    )
    builder("6.5").build(
        folder / "s6-zeta-6.5.xlsx",
        declaration("Zeta", answers={"Q1": ["No", "No", "Yes", "Yes"]}),
        [
            by_id("CID002763"),
            by_id("CID002763"),
            pick("Tungsten", "Kennametal Fallon"),
            unlisted("Gold", "", "CHINA"),
        ],
        language="Español",
    )
    shutil.copy(legacy_path("3.01"), folder / "legacy-3.01.xlsx")
    return folder
