"""Fill RMI's real blank CMRT templates the way a supplier (or a supplier's script) does.

The templates are read from `../shared/cmrt-templates/` next to the repository (or the folder
in `$CMRKIT_TEMPLATES`) and never copied into the repository. Filling with openpyxl writes
values and leaves the template's formulas without cached results, exactly like files written
by scripts; `cached=True` writes the values Excel would have cached into the formula cells
instead (and the cached text of the Product List's copyright line), like a file saved by a
spreadsheet program.

Loading a template with openpyxl takes over a second and saving a filled copy as long, so one
`TemplateBuilder` per revision is kept for the whole session (each `build` writes its cells,
saves, and puts the original cell contents back), and, given a cache folder, each workbook is
built once: a `build` whose inputs were built before copies that file instead. The key is the
content of every input (the template's bytes, this module's source, openpyxl's version and the
build's arguments), so an edit to any of them builds anew; the template is loaded only when a
build is not in the cache.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formula.translate import Translator
from python_calamine import CalamineWorkbook

REPO = Path(__file__).resolve().parents[3]
REVISIONS = ("6.01", "6.1", "6.22", "6.31", "6.4", "6.5")
# Revisions of which no copy is at hand, built from the real 6.5 with only what RMI's published
# notes say changed (domain.md, "CMRT 6.6"): the revision text in Declaration J3 and, since 6.6,
# the requester's product number and name in the Product List (D and E, comments moved to F).
# 6.6.1 is 6.6 without RMI's logo (openpyxl keeps no image, so every built copy is without it);
# its release date is not known here, so it keeps 6.6's. "6.7" stands for the next April's
# revision, unknown to cmrkit: the same workbook with a revision text no layout lists.
DERIVED = {
    "6.6": ("6.5", "Revision 6.6\nApril 17, 2026"),
    "6.6.1": ("6.5", "Revision 6.6.1\nApril 17, 2026"),
    "6.7": ("6.5", "Revision 6.7\nApril 30, 2027"),
}
REQUESTER_COLUMNS = {"D5": "Requester Product Number", "E5": "Requester Product Name"}
LANGUAGES = ("English", "Français", "Deutsch", "日本語 Japanese", "中文 Chinese", "Español")
METAL_ORDER = ("Tantalum", "Tin", "Gold", "Tungsten")
QUESTION_ROWS = {"Q1": 26, "Q2": 32, "Q3": 38, "Q4": 44, "Q5": 50, "Q6": 56, "Q7": 62, "Q8": 68}
COMPANY_ROWS = {"A": 75, "B": 77, "C": 79, "D": 81, "E": 83, "F": 85, "G": 87, "H": 89}
DECLARATION_CELLS = {
    "company_name": "D8",
    "scope": "D9",
    "scope_description": "D10",
    "company_id": "D12",
    "company_id_authority": "D13",
    "address": "D14",
    "contact_name": "D15",
    "contact_email": "D16",
    "contact_phone": "D17",
    "authorizer_name": "D18",
    "authorizer_title": "D19",
    "authorizer_email": "D20",
    "authorizer_phone": "D21",
    "effective_date": "D22",
}


def templates_dir() -> Path:
    env = os.environ.get("CMRKIT_TEMPLATES")
    return Path(env) if env else (REPO / ".." / "shared" / "cmrt-templates").resolve()


def template_path(revision: str) -> Path:
    """The real template a revision is built from (6.5 for the derived 6.6, 6.6.1, 6.7)."""
    source = DERIVED[revision][0] if revision in DERIVED else revision
    return templates_dir() / f"RMI_CMRT_{source}.xlsx"


def file_name(revision: str) -> str:
    """The name RMI gives the blank template (6.6.1 is also sent as `CMRT_6.6.1.xlsx`)."""
    return "CMRT_6.6.1.xlsx" if revision == "6.6.1" else f"RMI_CMRT_{revision}.xlsx"


def legacy_path(revision: str) -> Path:
    return templates_dir() / f"legacy_CMRT_{revision}_sample.xlsx"


@dataclass(frozen=True)
class Row:
    """One Smelter List row as a supplier fills it.

    kind: "id" (ID typed in A), "pick" (metal and look-up name in B and C), "unlisted"
    ("Smelter not listed" in C, name in D, country in E), or "raw" (cells as given).
    """

    kind: str
    smelter_id: str = ""
    metal: str = ""
    name: str = ""
    country: str = ""
    cells: dict[str, Any] = field(default_factory=dict)


def by_id(smelter_id: str, **cells: Any) -> Row:
    return Row("id", smelter_id=smelter_id, cells=cells)


def pick(metal: str, name: str, **cells: Any) -> Row:
    return Row("pick", metal=metal, name=name, cells=cells)


def unlisted(metal: str, name: str, country: str, **cells: Any) -> Row:
    return Row("unlisted", metal=metal, name=name, country=country, cells=cells)


def raw(**cells: Any) -> Row:
    return Row("raw", cells=cells)


def declaration(
    company: str,
    scope: str = "A. Company",
    answers: dict[str, Sequence[Any]] | None = None,
    company_answers: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """Declaration cells: required fields filled, Q1-Q8 'Yes'/... per metal as given."""
    cells: dict[str, Any] = {
        DECLARATION_CELLS["company_name"]: company,
        DECLARATION_CELLS["scope"]: scope,
        DECLARATION_CELLS["contact_name"]: "Pat Doe",
        DECLARATION_CELLS["contact_email"]: "pat@example.com",
        DECLARATION_CELLS["contact_phone"]: "+1 555 0100",
        DECLARATION_CELLS["authorizer_name"]: "Sam Roe",
        DECLARATION_CELLS["authorizer_email"]: "sam@example.com",
        DECLARATION_CELLS["effective_date"]: dt.datetime(2025, 3, 31),
    }
    for key, value in fields.items():
        cells[DECLARATION_CELLS[key]] = value
    for question, values in (answers or {"Q1": ["Yes"] * 4, "Q2": ["Yes"] * 4}).items():
        for offset, value in enumerate(values):
            cells[f"D{QUESTION_ROWS[question] + offset}"] = value
    for letter, value in (company_answers or {"A": "Yes"}).items():
        cells[f"D{COMPANY_ROWS[letter]}"] = value
    return cells


class TemplateBuilder:
    """One real template, loaded once, filled and saved as many times as needed."""

    def __init__(self, revision: str, cache: Path | None = None) -> None:
        self.revision = revision
        self.path = template_path(revision)
        self.cache = cache
        self._clean: dict[tuple[str, str], Any] = {}

    @functools.cached_property
    def workbook(self) -> openpyxl.Workbook:
        """The template as openpyxl loads it, its leftovers cleared (on the first build the
        cache does not hold)."""
        workbook = openpyxl.load_workbook(self.path)
        _clear_leftovers(workbook)
        if self.revision in DERIVED:
            _derive(workbook, DERIVED[self.revision][1])
        return workbook

    @functools.cached_property
    def lookup(self) -> dict[str, Any]:
        return self.read_lookup(self.path)

    @functools.cached_property
    def footer(self) -> dict[str, str]:
        return _product_footer(self.path)

    @functools.cached_property
    def _inputs(self) -> bytes:
        """What every workbook this builder saves depends on, besides a build's arguments."""
        parts = (
            self.path.read_bytes(),
            Path(__file__).read_bytes(),
            openpyxl.__version__.encode(),
            self.revision.encode(),
        )
        return b"".join(hashlib.sha256(part).digest() for part in parts)

    def _cached(self, arguments: tuple[Any, ...]) -> Path | None:
        """Where the workbook built from these arguments is kept (None: no cache, or arguments
        whose text is not their content)."""
        text = repr(arguments)
        if self.cache is None or " at 0x" in text:
            return None
        key = hashlib.sha256(self._inputs + text.encode("utf-8")).hexdigest()
        return self.cache / f"{self.revision}-{key[:32]}.xlsx"

    @staticmethod
    def read_lookup(path: Path) -> dict[str, Any]:
        """The template's Smelter Look-up, by ID and by (metal, look-up name)."""
        return _lookup(path)

    def _set(self, sheet: str, cell: str, value: Any, *, permanent: bool = False) -> None:
        ws = self.workbook[sheet]
        if not permanent:
            self._clean.setdefault((sheet, cell), ws[cell].value)
        ws[cell].value = value

    def build(
        self,
        dest: Path,
        declaration_cells: dict[str, Any],
        rows: Iterable[Row] = (),
        products: Iterable[tuple[str, ...]] = (),
        *,
        cached: bool = False,
        language: str | None = None,
        first_row: int = 5,
        cells: dict[tuple[str, str], Any] | None = None,
    ) -> Path:
        """Save a filled copy to `dest` and restore this builder's template.

        `cells` sets any other cell, by (sheet, address): an edited Smelter Look-up, say."""
        arguments = (declaration_cells, list(rows), list(products), cached, language, first_row)
        kept = self._cached((*arguments, cells))
        if kept is not None and kept.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, dest)
            return dest
        self._fill(dest, *arguments, cells)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=kept.parent, suffix=".part")
            os.close(handle)
            shutil.copyfile(dest, temporary)
            os.replace(temporary, kept)  # whole or absent, never half written
        return dest

    def _fill(
        self,
        dest: Path,
        declaration_cells: dict[str, Any],
        rows: list[Row],
        products: list[tuple[str, ...]],
        cached: bool,
        language: str | None,
        first_row: int,
        cells: dict[tuple[str, str], Any] | None,
    ) -> None:
        """Write the cells into the loaded template, save it to `dest`, put the template back."""
        try:
            for (sheet, cell), value in (cells or {}).items():
                self._set(sheet, cell, value)
            if language:
                self._set("Declaration", "D3", language)
            for cell, value in declaration_cells.items():
                self._set("Declaration", cell, value)
            for offset, row in enumerate(rows):
                self._write_row(first_row + offset, row, cached)
            for offset, product in enumerate(products):  # number, name[, requester's two]
                for column, value in zip("BCDE", product, strict=False):
                    self._set("Product List", f"{column}{6 + offset}", value)
            if cached:  # the copyright line's formula, as a spreadsheet program caches it
                for cell, value in self.footer.items():
                    self._set("Product List", cell, value)
            dest.parent.mkdir(parents=True, exist_ok=True)
            self.workbook.save(dest)
        finally:
            for (sheet, cell), value in self._clean.items():
                self.workbook[sheet][cell].value = value
            self._clean.clear()

    def _write_row(self, number: int, row: Row, cached: bool) -> None:
        sheet = "Smelter List"
        if row.kind == "id":
            self._set(sheet, f"A{number}", row.smelter_id)
            if cached:
                entry = self.lookup["by_id"][row.smelter_id]
                self._cache(number, entry, metal=entry["metal"], name=entry["standard_name"])
        elif row.kind == "pick":
            self._set(sheet, f"B{number}", row.metal)
            self._set(sheet, f"C{number}", row.name)
            if cached:
                entry = self.lookup["by_name"][(row.metal, row.name)]
                self._cache(number, entry)
        elif row.kind == "unlisted":
            self._set(sheet, f"B{number}", row.metal)
            self._set(sheet, f"C{number}", "Smelter not listed")
            self._set(sheet, f"D{number}", row.name)
            self._set(sheet, f"E{number}", row.country)
            if cached:
                for column, value in {"F": "", "G": "Enter smelter details", "H": ""}.items():
                    self._set(sheet, f"{column}{number}", value)
        for cell, value in row.cells.items():
            self._set(sheet, f"{cell}{number}", value)

    def _cache(
        self, number: int, entry: dict[str, str], metal: str | None = None, name: str | None = None
    ) -> None:
        """What Excel caches in the formula cells of a resolved row (street 0 when empty)."""
        values = {
            "E": entry["country"],
            "F": entry["smelter_id"],
            "G": "RMI",
            "H": entry["street"] or 0,
            "I": entry["city"],
            "J": entry["state"],
        }
        if metal is not None:
            values["B"] = metal
        if name is not None:
            values["C"] = name
        for column, value in values.items():
            self._set("Smelter List", f"{column}{number}", value)


def _clear_leftovers(workbook: openpyxl.Workbook) -> None:
    """Clear stray answers (6.31) and put the row-5 formulas back (6.31, 6.4)."""
    declaration = workbook["Declaration"]
    answer_cells = [*DECLARATION_CELLS.values()]
    answer_cells += [f"{c}{r + i}" for r in QUESTION_ROWS.values() for i in range(4) for c in "DG"]
    answer_cells += [f"{c}{r}" for r in COMPANY_ROWS.values() for c in "DG"]
    for cell in answer_cells:
        declaration[cell].value = None
    smelters = workbook["Smelter List"]
    for column in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        below = smelters[f"{column}6"].value
        if isinstance(below, str) and below.startswith("="):
            value = Translator(below, origin=f"{column}6").translate_formula(f"{column}5")
        else:
            value = below
        smelters[f"{column}5"].value = value


def _derive(workbook: openpyxl.Workbook, revision_text: str) -> None:
    """Make the loaded 6.5 what the notes say a later revision is: its revision text, and the
    Product List's requester columns (labels keyed in sheet L like every other label)."""
    workbook["Declaration"]["J3"].value = revision_text
    products = workbook["Product List"]
    label = products["D5"].value  # the template's label formula, keyed by the cell's address
    labels = workbook["L"]
    comments = next(
        row for row in labels.iter_rows() if (row[1].value, row[2].value) == ("Product List", "D5")
    )
    texts = [cell.value for cell in comments[3:]]
    # The comments label moves to F5; D5 and E5 get the requester's labels (English text in
    # every language column: RMI's translations of them are not known here).
    entries = {
        "D5": [REQUESTER_COLUMNS["D5"]] * len(texts),
        "E5": [REQUESTER_COLUMNS["E5"]] * len(texts),
        "F5": texts,
    }
    for cell, values in entries.items():
        products[cell].value = label
        number = comments[0].row if cell == "D5" else labels.max_row + 1
        labels.cell(number, 1).value = f"=B{number}&C{number}"
        labels.cell(number, 2).value = "Product List"
        labels.cell(number, 3).value = cell
        for column, value in enumerate(values, start=4):
            labels.cell(number, column).value = value


def _product_footer(path: Path) -> dict[str, str]:
    """The Product List's copyright line (cell -> the text the template caches for it)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Product List")
    rows = sheet.to_python(skip_empty_area=False)
    return {
        f"B{number}": str(values[1])
        for number, values in enumerate(rows, start=1)
        if len(values) > 1 and str(values[1]).startswith("©")
    }


def _lookup(path: Path) -> dict[str, Any]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Smelter Look-up").to_python()
    by_id: dict[str, dict[str, str]] = {}
    by_name: dict[tuple[str, str], dict[str, str]] = {}
    for values in rows[4:]:
        keys = ("metal", "lookup_name", "standard_name", "country", "smelter_id")
        keys += ("source", "street", "city", "state")
        entry = {k: str(v) for k, v in zip(keys, values, strict=False)}
        if not entry.get("smelter_id"):
            continue
        by_id.setdefault(entry["smelter_id"], entry)
        by_name.setdefault((entry["metal"], entry["lookup_name"]), entry)
    return {"by_id": by_id, "by_name": by_name}
