"""How one facility is known across supplier files and years: by metal and RMI smelter ID, or,
for a facility RMI does not list, by metal, name and country compared without case, punctuation
or spacing. The roll-up groups rows by it and a year's run is read back by it, so it stays in a
module of its own that loading a year can import without the CMRT reader."""

from __future__ import annotations

import re

from cmrkit.reference.load import fold


def normalize_name(name: str) -> str:
    """The key unlisted names are grouped by: case, punctuation and blanks do not matter."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def facility_key(metal: str, smelter_id: str, name: str, country: str) -> tuple[str, str, str]:
    if smelter_id:
        return (metal, smelter_id, "")
    return (metal, "", f"{normalize_name(name)}|{fold(country)}")
