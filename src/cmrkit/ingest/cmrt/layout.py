"""The cell maps of each CMRT revision, loaded once from `layouts.yml` (data, not code) into
frozen dataclasses.

Labels in a CMRT are formulas into a translation sheet, so their text depends on the language a
supplier picked; addresses do not. Everything the reader needs to know about a revision is
therefore an address in this file's data. A repository may add or override revisions in its own
`data/reference/layouts.yml` (its `layouts` and `refused` entries; see `load_layouts`), so a new
RMI revision never needs an edit inside the installed package.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError
from cmrkit.files.yamlio import PathKey, YamlDoc, known_keys, load_yaml

LAYOUTS_FILE = "layouts.yml"
PACKAGED = Path(__file__).with_name(LAYOUTS_FILE)
# Where a repository adds revisions, as every message that refuses a revision says.
REPOSITORY_FILE = "data/reference/layouts.yml"

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


def revision_key(revision: str) -> tuple[int | str, ...]:
    """Sort key of a revision string, so "6.31" < "6.4" < "6.5" < "6.6" < "6.6.1" < "6.7"."""
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


def revision_generation(revision: str) -> tuple[int, int] | None:
    """The yearly release a revision belongs to: (major, first digit of the minor part).

    RMI releases one revision a year and corrects it in place (6.2, 6.21, 6.22; 6.3, 6.31; 6.6,
    6.6.1), so "how many revisions older" counts these, not every number RMI printed."""
    match = re.match(r"(\d+)\.(\d)", revision)
    return (int(match.group(1)), int(match.group(2))) if match else None


# --- the dataclasses ---------------------------------------------------------------------------


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
class Detect:
    """Where the revision is written and which sheets make a workbook a CMRT at all."""

    sheet: str
    cells: tuple[str, ...]
    scan_rows: int
    pattern: str
    required_sheets: tuple[str, ...]

    @property
    def cell(self) -> str:
        return self.cells[0]


@dataclass(frozen=True)
class Sheets:
    """The name of the sheet the reader reads for each role."""

    declaration: str
    smelters: str
    products: str
    lookup: str
    countries: str

    def of(self, role: str) -> str:
        return str(getattr(self, role))


@dataclass(frozen=True)
class Questions:
    """A block of questions: answer and comment columns, and the (first) row of each."""

    answer_column: str
    comment_column: str
    rows: Mapping[str, int]


@dataclass(frozen=True)
class SmelterListMap:
    first_row: int
    last_row: int
    columns: Mapping[str, str]  # field -> column letters
    # A row is an input row when one of these holds a value (cached formula results elsewhere,
    # 0 or "", never make a row).
    input_columns: tuple[str, ...]
    # Input columns the template fills by a formula from the ID in column A.
    fed_columns: tuple[str, ...]

    def cell(self, key: str, row: int) -> str:
        return f"{self.columns[key]}{row}"


@dataclass(frozen=True)
class TableMap:
    """A sheet read as a table: its first data row and a column per field."""

    first_row: int
    columns: Mapping[str, str]


@dataclass(frozen=True)
class CountriesMap:
    first_row: int
    column: str


@dataclass(frozen=True)
class SpecialNames:
    """The look-up words that name no facility (compared without case)."""

    not_listed: str
    not_identified: str


@dataclass(frozen=True)
class FurnitureRow:
    """A Smelter List row RMI left filled in a published blank template."""

    revisions: tuple[str, ...]
    row: int
    cells: Mapping[str, str]  # field -> exactly this text


@dataclass(frozen=True)
class Furniture:
    """What RMI's own blank templates carry that no supplier wrote."""

    product_footer: str | None
    smelter_rows: tuple[FurnitureRow, ...]


@dataclass(frozen=True)
class DateLimit:
    """The last effective date a revision's own validation accepts."""

    revisions: tuple[str, ...]
    last: str  # ISO date


@dataclass(frozen=True)
class Anchor:
    """One cell a file of a revision newer than any known must show where the layout says.

    `label`: the cell is one of the template's labels (a formula into the translation sheet L,
    keyed by the cell's own sheet and address) whose text, when the file carries it, starts with
    this mark ("" for any). `same_as`: the template writes the formula `=<cell>` here (a label
    repeated from another block), so the cell refers to that address or, as a value, repeats it.
    """

    sheet: str  # a role of `Sheets`
    cell: str
    what: str
    label: str | None = None
    same_as: str | None = None


@dataclass(frozen=True)
class Layout:
    """One family of revisions that share a cell map (all of 6.01 to 6.5 share `cmrt6`)."""

    name: str
    revisions: tuple[str, ...]
    sheets: Sheets
    declaration: Mapping[str, str]  # field -> cell
    required_declaration: tuple[str, ...]
    metal_order: tuple[str, ...]
    metal_questions: Questions
    company_questions: Questions
    scopes: Mapping[str, str]
    smelter_list: SmelterListMap
    product_list: TableMap
    lookup: TableMap
    countries: CountriesMap
    special_lookup_names: SpecialNames
    furniture: Furniture
    structure: tuple[Anchor, ...]
    date_limits: tuple[DateLimit, ...] = ()

    @property
    def newest_revision(self) -> str:
        return max(self.revisions, key=revision_key)


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
    kinds: Mapping[str, TemplateKind]


@dataclass(frozen=True)
class Refusal:
    pattern: str
    reason: str


@dataclass(frozen=True)
class Layouts:
    """Everything in `layouts.yml` (and a repository's additions), plus a digest of it for cache
    keys."""

    parser_version: int
    detect: Detect
    templates: Templates
    look_alike: Mapping[str, str]  # letters that look Latin, for comparing sheet names
    refused: tuple[Refusal, ...]
    layouts: Mapping[str, Layout]
    limits: Limits
    digest: str
    sources: tuple[Path, ...] = ()  # the files read, packaged first

    def for_revision(self, revision: str) -> Layout | None:
        for layout in self.layouts.values():
            if revision in layout.revisions:
                return layout
        return None

    def refusal_for(self, revision: str) -> str | None:
        for refusal in self.refused:
            if re.search(refusal.pattern, revision):
                return refusal.reason.format(revision=revision)
        return None

    @property
    def supported(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                (r for layout in self.layouts.values() for r in layout.revisions),
                key=revision_key,
            )
        )

    @property
    def newest_revision(self) -> str:
        return self.supported[-1]

    @property
    def newest(self) -> Layout:
        """The layout of the newest revision cmrkit knows: what names every sheet the reader
        looks for, and what a revision newer than any known is read with once verified."""
        layout = self.for_revision(self.newest_revision)
        assert layout is not None
        return layout

    def is_newer(self, revision: str) -> bool:
        """A revision later than every one known (6.7 while 6.6.1 is the newest)."""
        return revision_key(revision) > revision_key(self.newest_revision)


# --- loading -----------------------------------------------------------------------------------


def repository_layouts(overrides: Path | None) -> Path | None:
    """A repository's `layouts.yml` in its reference folder (`data/reference/`), when present."""
    if overrides is None or not (overrides / LAYOUTS_FILE).is_file():
        return None
    return overrides / LAYOUTS_FILE


def layouts_for(overrides: Path | None) -> Layouts:
    """The cell maps in force for a repository whose reference folder is `overrides`."""
    return load_layouts(repository_layouts(overrides))


@cache
def load_layouts(repository_file: Path | None = None) -> Layouts:
    """The packaged `layouts.yml`, with a repository's `data/reference/layouts.yml` when given
    and present: its `layouts` add revisions or replace a packaged layout of the same name (a
    revision it lists is taken away from the packaged layouts), and its `refused` entries come
    first. Parsed once per process and file; a mistake in either file is a `DataError` naming
    the line."""
    packaged = load_yaml(PACKAGED)
    docs = [packaged]
    if repository_file is not None and repository_file.is_file():
        docs.append(load_yaml(repository_file))
    data = packaged.data
    if not isinstance(data, dict):
        raise DataError(packaged.where(()), "expected a mapping")
    specs: dict[str, tuple[YamlDoc, dict[str, Any]]] = {}
    refused: list[Refusal] = []
    for doc in reversed(docs):  # the repository's first: its refusals win, and its layouts
        body = doc.data if isinstance(doc.data, dict) else None
        if body is None or not isinstance(body.get("layouts", {}), dict):
            raise DataError(doc.where(("layouts",)), "expected 'layouts:' with a map per layout")
        if doc is not packaged:  # a repository adds layouts and refusals, nothing else
            known_keys(doc, (), body, REPOSITORY_KEYS, doc.path.name)
        for index, item in enumerate(body.get("refused") or []):
            key = ("refused", index)
            known_keys(doc, key, item, ("pattern", "reason"), f"refused entry {index + 1}")
            refused.append(
                Refusal(_text(doc, (*key, "pattern"), item), _text(doc, (*key, "reason"), item))
            )
        for name in body.get("layouts") or {}:
            spec = body["layouts"][name]
            if not isinstance(spec, dict):
                raise DataError(doc.where(("layouts", str(name))), "expected a map")
            _check_keys(doc, str(name), spec)
            specs.setdefault(str(name), (doc, spec))
    layouts = _build_layouts(specs)
    text = "".join(path.read_text(encoding="utf-8") for path in (d.path for d in docs))
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
    detect = data["detect"]
    return Layouts(
        parser_version=int(data["parser_version"]),
        detect=Detect(
            sheet=str(detect["sheet"]),
            cells=tuple(str(c) for c in detect["cells"]),
            scan_rows=int(detect["scan_rows"]),
            pattern=str(detect["pattern"]),
            required_sheets=tuple(str(s) for s in detect["required_sheets"]),
        ),
        templates=Templates(
            sheet=str(templates["sheet"]),
            title_cell=str(templates["title_cell"]),
            abbreviation=str(templates["abbreviation"]),
            read=str(templates["read"]),
            kinds=kinds,
        ),
        look_alike={str(k): str(v) for k, v in data["sheet_names"]["look_alike"].items()},
        refused=tuple(refused),
        layouts=layouts,
        limits=Limits(**data["limits"]),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        sources=tuple(d.path for d in docs),
    )


# The settings a layout and its parts may have. A repository's layouts.yml is written by hand
# and read on every run: a misspelt optional setting (`fed_colums`, `furnture`) would otherwise
# be ignored without a word and files read with the inherited cells, so each is refused on its
# line, listing what is known.
REPOSITORY_KEYS = ("layouts", "refused")
LAYOUT_KEYS = (
    "revisions",
    "extends",
    "sheets",
    "declaration",
    "required_declaration",
    "metal_order",
    "metal_questions",
    "company_questions",
    "scopes",
    "smelter_list",
    "product_list",
    "furniture",
    "lookup",
    "countries",
    "date_limits",
    "special_lookup_names",
    "structure",
)
PART_KEYS: dict[str, tuple[str, ...]] = {
    "metal_questions": ("answer_column", "comment_column", "first_rows"),
    "company_questions": ("answer_column", "comment_column", "rows"),
    "smelter_list": ("first_row", "last_row", "columns", "input_columns", "fed_columns"),
    "product_list": ("first_row", "columns"),
    "lookup": ("first_row", "columns"),
    "countries": ("first_row", "column"),
    "furniture": ("product_footer", "smelter_rows"),
    "special_lookup_names": ("not_listed", "not_identified"),
}
LIST_ITEM_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("date_limits",): ("revisions", "last"),
    ("furniture", "smelter_rows"): ("revisions", "row", "cells"),
}
ANCHOR_KEYS = ("cell", "what", "label", "same_as")


def _check_keys(doc: YamlDoc, name: str, spec: dict[str, Any]) -> None:
    """Every setting of layout `name` as written in `doc` is one the reader uses (see above)."""
    where: PathKey = ("layouts", name)
    known_keys(doc, where, spec, LAYOUT_KEYS, f"layout '{name}'", "setting")
    for part, keys in PART_KEYS.items():
        if part in spec:
            known_keys(doc, (*where, part), spec[part], keys, f"layout '{name}' {part}", "setting")
    for path, keys in LIST_ITEM_KEYS.items():
        parent: Any = spec
        for step in path:
            parent = parent.get(step) if isinstance(parent, dict) else None
        for index, item in enumerate(parent if isinstance(parent, list) else ()):
            what = f"layout '{name}' {' '.join(path)} entry {index + 1}"
            known_keys(doc, (*where, *path, index), item, keys, what, "setting")
    structure = spec.get("structure")
    for sheet, items in structure.items() if isinstance(structure, dict) else ():
        for index, item in enumerate(items if isinstance(items, list) else ()):
            what = f"layout '{name}' structure {sheet} entry {index + 1}"
            known_keys(doc, (*where, "structure", sheet, index), item, ANCHOR_KEYS, what, "setting")


def _text(doc: YamlDoc, key: PathKey, item: Any) -> str:
    value = item.get(key[-1]) if isinstance(item, dict) else None
    if not isinstance(value, str | int | float) or isinstance(value, bool) or str(value) == "":
        raise DataError(doc.where(key), f"'{key[-1]}' must be given")
    return str(value)


def _build_layouts(specs: dict[str, tuple[YamlDoc, dict[str, Any]]]) -> dict[str, Layout]:
    """Each layout with what it `extends` filled in; every revision in exactly one layout (a
    repository's layout takes a revision away from the packaged one that listed it)."""
    resolved: dict[str, dict[str, Any]] = {}

    def full(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
        if name in resolved:
            return resolved[name]
        doc, spec = specs[name]
        parent = spec.get("extends")
        merged: dict[str, Any] = {}
        if parent is not None:
            if str(parent) not in specs or str(parent) in seen:
                raise DataError(
                    doc.where(("layouts", name, "extends")),
                    f"'extends: {parent}' names no other layout (known: {', '.join(specs)})",
                )
            merged.update(full(str(parent), (*seen, name)))
        merged.update({k: v for k, v in spec.items() if k != "extends"})
        merged["revisions"] = spec.get("revisions")
        resolved[name] = merged
        return merged

    owner: dict[str, str] = {}
    layouts: dict[str, Layout] = {}
    # The repository's layouts were put first in `specs`, so they claim their revisions first.
    for name, (doc, _) in specs.items():
        layout = _layout(doc, name, full(name))
        kept = tuple(r for r in layout.revisions if r not in owner)
        for revision in kept:
            owner[revision] = name
        if kept:
            layouts[name] = Layout(**{**layout.__dict__, "revisions": kept})
    return dict(sorted(layouts.items(), key=lambda item: revision_key(item[1].newest_revision)))


def _layout(doc: YamlDoc, name: str, spec: dict[str, Any]) -> Layout:
    where = ("layouts", name)
    try:
        revisions = spec["revisions"]
        if not isinstance(revisions, list) or not revisions:
            raise DataError(doc.where((*where, "revisions")), "'revisions' must list revisions")
        questions = spec["metal_questions"]
        company = spec["company_questions"]
        smelters = spec["smelter_list"]
        furniture = spec.get("furniture") or {}
        special = spec["special_lookup_names"]
        return Layout(
            name=name,
            revisions=tuple(str(r) for r in revisions),
            sheets=Sheets(**{k: str(v) for k, v in spec["sheets"].items()}),
            declaration={str(k): str(v) for k, v in spec["declaration"].items()},
            required_declaration=tuple(str(k) for k in spec["required_declaration"]),
            metal_order=tuple(str(m) for m in spec["metal_order"]),
            metal_questions=Questions(
                str(questions["answer_column"]),
                str(questions["comment_column"]),
                {str(k): int(v) for k, v in questions["first_rows"].items()},
            ),
            company_questions=Questions(
                str(company["answer_column"]),
                str(company["comment_column"]),
                {str(k): int(v) for k, v in company["rows"].items()},
            ),
            scopes={str(k): str(v) for k, v in spec["scopes"].items()},
            smelter_list=SmelterListMap(
                first_row=int(smelters["first_row"]),
                last_row=int(smelters["last_row"]),
                columns={str(k): str(v) for k, v in smelters["columns"].items()},
                input_columns=tuple(str(k) for k in smelters["input_columns"]),
                fed_columns=tuple(str(k) for k in smelters.get("fed_columns") or ()),
            ),
            product_list=_table(spec["product_list"]),
            lookup=_table(spec["lookup"]),
            countries=CountriesMap(
                int(spec["countries"]["first_row"]), str(spec["countries"]["column"])
            ),
            special_lookup_names=SpecialNames(
                str(special["not_listed"]), str(special["not_identified"])
            ),
            furniture=Furniture(
                product_footer=furniture.get("product_footer"),
                smelter_rows=tuple(
                    FurnitureRow(
                        revisions=tuple(str(r) for r in row["revisions"]),
                        row=int(row["row"]),
                        cells={str(k): str(v) for k, v in row["cells"].items()},
                    )
                    for row in furniture.get("smelter_rows") or ()
                ),
            ),
            structure=_anchors(spec.get("structure") or {}),
            date_limits=tuple(
                DateLimit(tuple(str(r) for r in item["revisions"]), str(item["last"]))
                for item in spec.get("date_limits") or ()
            ),
        )
    except DataError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing '{exc.args[0]}'" if isinstance(exc, KeyError) else str(exc)
        raise DataError(doc.where(where), f"layout '{name}': {detail}") from None


def _table(spec: dict[str, Any]) -> TableMap:
    return TableMap(int(spec["first_row"]), {str(k): str(v) for k, v in spec["columns"].items()})


def _anchors(spec: dict[str, Any]) -> tuple[Anchor, ...]:
    out = []
    for sheet, items in spec.items():
        for item in items:
            out.append(
                Anchor(
                    sheet=str(sheet),
                    cell=str(item["cell"]),
                    what=str(item["what"]),
                    label=None if item.get("label") is None else str(item["label"]),
                    same_as=None if item.get("same_as") is None else str(item["same_as"]),
                )
            )
    return tuple(out)
