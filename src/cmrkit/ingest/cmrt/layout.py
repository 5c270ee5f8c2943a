"""The cell maps of each CMRT revision, loaded from `layouts.yml` (data, not code).

Labels in a CMRT are formulas into a translation sheet, so their text depends on the language a
supplier picked; addresses do not. Everything the reader needs to know about a revision is
therefore an address in this file's data.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

LAYOUTS_FILE = "layouts.yml"

_CELL = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")


def column_index(letters: str) -> int:
    """0-based index of a column given by letters ("A" -> 0, "AA" -> 26)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def column_letters(index: int) -> str:
    """Letters of a 0-based column index, the inverse of `column_index`."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def split_cell(address: str) -> tuple[int, int]:
    """0-based (row, column) of an A1 address."""
    match = _CELL.match(address.upper())
    if not match:
        raise ValueError(f"not a cell address: {address!r}")
    return int(match.group(2)) - 1, column_index(match.group(1))


@dataclass(frozen=True)
class Limits:
    """Bounds applied to untrusted workbooks before and while parsing."""

    max_file_bytes: int
    max_members: int
    max_member_bytes: int
    max_total_bytes: int
    max_ratio: float
    max_sheet_rows: int
    max_sheet_columns: int
    max_sheet_cells: int


@dataclass(frozen=True)
class Layout:
    """One family of revisions that share a cell map (all of 6.01 to 6.5 share `cmrt6`)."""

    name: str
    revisions: tuple[str, ...]
    sheets: dict[str, str]
    declaration: dict[str, str]
    required_declaration: tuple[str, ...]
    metal_order: tuple[str, ...]
    metal_questions: dict[str, Any]
    company_questions: dict[str, Any]
    scopes: dict[str, str]
    smelter_list: dict[str, Any]
    product_list: dict[str, Any]
    lookup: dict[str, Any]
    countries: dict[str, Any]
    special_lookup_names: dict[str, str]
    furniture: dict[str, Any]


@dataclass(frozen=True)
class TemplateKind:
    """One of RMI's reporting templates, and what tells it apart (see `layouts.yml`)."""

    abbreviation: str
    name: str
    covers: str
    titles: tuple[str, ...]
    sheets: tuple[str, ...]
    metals: tuple[str, ...]


@dataclass(frozen=True)
class Templates:
    sheet: str
    title_cell: str
    abbreviation: str  # a pattern whose group 1 is the abbreviation in the title
    read: str  # the kind cmrkit reads (CMRT)
    kinds: dict[str, TemplateKind]


@dataclass(frozen=True)
class Layouts:
    """Everything in `layouts.yml`, plus a digest of it for cache keys."""

    parser_version: int
    detect: dict[str, Any]
    templates: Templates
    look_alike: dict[str, str]  # letters that look Latin, for comparing sheet names
    refused: tuple[tuple[str, str], ...]
    layouts: dict[str, Layout]
    limits: Limits
    digest: str

    def for_revision(self, revision: str) -> Layout | None:
        for layout in self.layouts.values():
            if revision in layout.revisions:
                return layout
        return None

    def refusal_for(self, revision: str) -> str | None:
        for pattern, reason in self.refused:
            if re.search(pattern, revision):
                return reason.format(revision=revision)
        return None

    @property
    def supported(self) -> tuple[str, ...]:
        return tuple(r for layout in self.layouts.values() for r in layout.revisions)


def revision_key(revision: str) -> tuple[int | str, ...]:
    """Sort key of a revision string, so "6.31" < "6.4" < "6.5" the way RMI numbers them."""
    parts: list[int | str] = []
    for part in re.split(r"[.]", revision):
        match = re.match(r"(\d+)(.*)", part)
        if match:
            parts.append(int(match.group(1)))
            if match.group(2):
                parts.append(match.group(2))
        else:
            parts.append(part)
    # "6.22" is the 22nd minor, later than "6.1" but "6.4" is later than "6.31": RMI numbers minor
    # revisions as decimals, so compare the minor part as a decimal fraction.
    if len(parts) >= 2 and isinstance(parts[1], int):
        minor = re.match(r"\d+", revision.split(".")[1])
        assert minor is not None
        parts[1] = int(minor.group(0).ljust(4, "0"))
    return tuple(parts)


@cache
def load_layouts() -> Layouts:
    """Parse the packaged `layouts.yml` once per process."""
    text = resources.files(__package__).joinpath(LAYOUTS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    layouts = {}
    for name, spec in data["layouts"].items():
        layouts[name] = Layout(
            name=name,
            revisions=tuple(str(r) for r in spec["revisions"]),
            sheets=dict(spec["sheets"]),
            declaration=dict(spec["declaration"]),
            required_declaration=tuple(spec["required_declaration"]),
            metal_order=tuple(spec["metal_order"]),
            metal_questions=dict(spec["metal_questions"]),
            company_questions=dict(spec["company_questions"]),
            scopes={str(k): str(v) for k, v in spec["scopes"].items()},
            smelter_list=dict(spec["smelter_list"]),
            product_list=dict(spec["product_list"]),
            lookup=dict(spec["lookup"]),
            countries=dict(spec["countries"]),
            special_lookup_names=dict(spec["special_lookup_names"]),
            furniture=dict(spec.get("furniture") or {}),
        )
    templates = data["templates"]
    kinds = {
        str(key): TemplateKind(
            abbreviation=str(key),
            name=str(kind["name"]),
            covers=str(kind.get("covers", "")),
            titles=tuple(str(t) for t in kind.get("titles", ())),
            sheets=tuple(str(t) for t in kind.get("sheets", ())),
            metals=tuple(str(t) for t in kind.get("metals", ())),
        )
        for key, kind in templates["kinds"].items()
    }
    return Layouts(
        parser_version=int(data["parser_version"]),
        detect=dict(data["detect"]),
        templates=Templates(
            sheet=str(templates["sheet"]),
            title_cell=str(templates["title_cell"]),
            abbreviation=str(templates["abbreviation"]),
            read=str(templates["read"]),
            kinds=kinds,
        ),
        look_alike={str(k): str(v) for k, v in data["sheet_names"]["look_alike"].items()},
        refused=tuple((str(r["pattern"]), str(r["reason"])) for r in data["refused"]),
        layouts=layouts,
        limits=Limits(**data["limits"]),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )
