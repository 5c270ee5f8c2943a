"""Read one supplier CMRT into plain data, by cell address for its detected revision.

The result holds what the file *says*, cell by cell, as text; deciding what a smelter row means
(resolving it against a Smelter Look-up) happens later, in `cmrkit.ingest.cmrt.resolve`, because the
look-up to resolve against depends on every file of the run. Keeping this step free of that
context is what makes its result cacheable per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from cmrkit.ingest.cmrt.detect import detect, find_revision
from cmrkit.ingest.cmrt.extent import check_extent, sheet_extent, template_sheet_extent
from cmrkit.ingest.cmrt.formulas import FormulaCell, uncached_formulas
from cmrkit.ingest.cmrt.layout import (
    REPOSITORY_FILE,
    Layout,
    Layouts,
    column_index,
    load_layouts,
    split_cell,
)
from cmrkit.ingest.cmrt.safety import (
    NO_REVISION,
    Refused,
    check_container,
    inflate_parts,
    read_regular_file,
)
from cmrkit.ingest.cmrt.structure import refuse_mismatch, verify_structure
from cmrkit.ingest.cmrt.template import OtherTemplate, identify, title_kind
from cmrkit.ingest.cmrt.trim import BASE_PARTS, trim_blank_tail, workbook_buffer
from cmrkit.ingest.cmrt.workbook import SheetRef, choose_sheet, workbook_sheets

LOOKUP_FIELDS = (
    "metal",
    "lookup_name",
    "standard_name",
    "country",
    "smelter_id",
    "source_of_id",
    "street",
    "city",
    "state",
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A cell as python-calamine reads it (blank is "").
Cell = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta


@dataclass
class SupplierFile:
    """Everything read from one CMRT. Plain data: it round-trips through JSON for the cache."""

    file: str
    sha256: str
    revision: str
    layout: str
    declaration: dict[str, str]
    metal_answers: dict[str, dict[str, dict[str, str]]]  # question -> metal -> answer/comment
    company_answers: dict[str, dict[str, str]]  # letter -> answer/comment
    smelter_rows: list[dict[str, Any]]  # {"row": 5, "smelter_id": ..., ...}
    products: list[dict[str, Any]]
    lookup: list[list[str]]  # rows in LOOKUP_FIELDS order, then the row number as text
    lookup_digest: str
    notes: list[dict[str, str]] = field(default_factory=list)  # sheet, cell, severity, code, reason
    unfilled: bool = False  # a blank template: no company, no answer, no row, no product
    sheets: dict[str, str] = field(default_factory=dict)  # role -> the sheet read for it

    def to_dict(self) -> dict[str, Any]:
        """The fields as they are (already plain lists, dicts and text): no deep copy, which
        `dataclasses.asdict` makes and which cost a quarter of a file's reading time."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SupplierFile:
        return cls(**data)


def text(value: object) -> str:
    """A cell value as the text a person would read in it; blank is ""."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def date_text(value: object) -> tuple[str, bool]:
    """(ISO date, True) when the value is a date or an Excel serial; else (text, False)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), True
    if isinstance(value, dt.date):
        return value.isoformat(), True
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat(), True
    raw = text(value)
    for fmt in ("%Y-%m-%d", "%d-%b-%Y", "%d/%b/%Y", "%d %B %Y", "%B %d, %Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date().isoformat(), True
        except ValueError:
            continue
    return raw, False


def _cell(rows: Sequence[Sequence[object]], address: str) -> object:
    row, column = split_cell(address)
    if row < len(rows) and column < len(rows[row]):
        return rows[row][column]
    return None


def read_supplier_file(
    path: Path,
    display_name: str | None = None,
    sha256: str | None = None,
    trim: bool = True,
    layouts: Layouts | None = None,
) -> SupplierFile:
    """Read one workbook from disk (a regular file only); see `read_supplier_bytes`."""
    layouts = layouts or load_layouts()
    data = read_regular_file(path, layouts.limits.max_file_bytes)
    return read_supplier_bytes(
        data,
        display_name or path.name,
        sha256 or hashlib.sha256(data).hexdigest(),
        trim,
        layouts=layouts,
    )


def read_supplier_bytes(
    data: bytes,
    name: str,
    sha256: str,
    trim: bool = True,
    known_lookup: Callable[[str], bool] | None = None,
    layouts: Layouts | None = None,
) -> SupplierFile:
    """Check, identify and read one workbook's bytes, with `layouts` (by default the packaged
    cell maps; a repository's `data/reference/layouts.yml` adds to them).

    The Smelter Look-up is identical in every file of one revision unless someone edited it, so
    its rows are parsed only when `known_lookup(digest)` is false (the digest is that of the
    sheet's XML, `SupplierFile.lookup_digest`); otherwise `lookup` is left empty.

    Raises `Refused` when the file cannot be read, `OtherTemplate` when it is one of RMI's other
    templates. Before any parser runs: the container is checked (bounded inflation), the sheets
    to read are chosen from the workbook's own list (a disguised or hidden copy is seen), and
    each one's extent is checked. With `trim`, the Smelter List is handed to the parser without
    its blank tail (see `cmrt.trim`); when the trimmed copy cannot be parsed, the whole sheet is.
    """
    layouts = layouts or load_layouts()
    report = check_container(data, layouts.limits, keep=_keep_part, name=name, only_kept=True)
    book = _Book(report.parts, layouts, data)
    try:
        return _read_book(book, name, sha256, trim, known_lookup)
    except Refused as exc:
        book.tell_revision(exc)
        raise


def _read_book(
    book: _Book,
    name: str,
    sha256: str,
    trim: bool,
    known_lookup: Callable[[str], bool] | None,
) -> SupplierFile:
    """Read the sheets chosen (see `read_supplier_bytes`); a refusal is raised as it comes."""
    if book.refusal is not None:
        raise book.refusal
    smelters = book.chosen.get("smelters")
    if smelters is not None and trim:
        cut = trim_blank_tail(book.parts.get(smelters.part, b""), *book.trim_spec)
        if cut.duplicates:
            raise Refused(
                f"cell(s) {', '.join(cut.duplicates[:5])} of sheet '{smelters.name}' are written "
                "twice in the file: a spreadsheet shows only one of each, so a row could be "
                "lost; ask the supplier to save the file again in a spreadsheet program",
                sheet=smelters.name,
                cell=cut.duplicates[0],
            )
        if cut.xml is not None:
            try:
                return _read_parts(book, {smelters.part: cut.xml}, name, sha256, known_lookup)
            except _ParserFailed:
                pass  # whatever the trimmed copy cannot parse, the whole sheet decides
    try:
        return _read_parts(book, {}, name, sha256, known_lookup)
    except _ParserFailed as exc:
        raise Refused(exc.reason) from None


class _ParserFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _keep_part(name: str) -> bool:
    return name in BASE_PARTS


_ROLES = ("declaration", "smelters", "products", "lookup")


class _Book:
    """The workbook's parts and the sheet chosen for each role the reader needs."""

    def __init__(self, parts: dict[str, bytes], layouts: Layouts, data: bytes) -> None:
        self.parts = parts
        self.layouts = layouts
        self.sheets = workbook_sheets(parts)
        layout = layouts.newest  # every layout names the same sheets
        self.wanted = {role: layout.sheets.of(role) for role in _ROLES}
        self.wanted["declaration"] = layouts.detect.sheet
        self.chosen: dict[str, SheetRef] = {}
        self.notes: list[dict[str, str]] = []
        self.replaced: dict[str, bytes] = {}  # parts handed to the parser in another form
        # A refusal met while choosing the sheets waits until the Declaration has told the
        # revision (`tell_revision`): the supplier summary shows it for a refused file too.
        self.refusal: Refused | None = None
        self.revision: str | None = None
        self.declaration_read = False
        self.revision_unknown = "its Declaration was not read (see the reason)"
        for role, wanted in self.wanted.items():
            try:
                choice = choose_sheet(self.sheets, wanted, layouts.look_alike)
            except Refused as exc:
                self.refusal = self.refusal or exc
                if role == "declaration":  # which sheet holds the revision is not known
                    self.declaration_read = True
                    self.revision_unknown = "more than one sheet could be its Declaration"
                continue
            if choice.sheet is None:
                continue
            self.chosen[role] = choice.sheet
            if choice.note:
                self.notes.append(
                    _note(choice.sheet.name, "", "warning", "sheet_name", choice.note)
                )
        parts.update(inflate_parts(data, [sheet.part for sheet in self.chosen.values()]))
        for sheet in self.chosen.values():
            if sheet.part not in parts:
                self.refusal = self.refusal or Refused(
                    f"sheet '{sheet.name}' has no data in the file (damaged?)"
                )
        lookup = self.chosen.get("lookup")
        self.lookup_digest = (
            hashlib.sha256(parts[lookup.part]).hexdigest()[:16]
            if lookup is not None and lookup.part in parts
            else ""
        )
        smelter_list = layout.smelter_list
        columns = smelter_list.columns
        self.input_columns = [columns[k] for k in smelter_list.input_columns]
        self.fed_columns = [columns[k] for k in smelter_list.fed_columns]
        self.trim_spec = (self.input_columns, self.fed_columns, layout.sheets.lookup)

    def present(self) -> list[str]:
        """The wanted names of the sheets found, for revision detection."""
        return [self.wanted[role] for role in self.chosen]

    def note_declaration(self, rows: Sequence[Sequence[object]] | None) -> None:
        """What the Declaration's cells (None: the workbook has none) say of the revision."""
        self.declaration_read = True
        if rows is None:
            self.revision_unknown = "the workbook has no Declaration sheet"
            return
        self.revision = find_revision(rows, self.layouts)
        if self.revision is None:
            self.revision_unknown = NO_REVISION

    def tell_revision(self, refusal: Refused) -> None:
        """Give a refusal the revision the Declaration states, reading the Declaration alone
        when the refusal came before it was read (a Smelter List written twice or twice over),
        or why the revision is not known."""
        if refusal.revision:
            return
        if not self.declaration_read:
            self._read_declaration_alone()
        refusal.revision = self.revision
        refusal.revision_unknown = "" if self.revision else self.revision_unknown

    def _read_declaration_alone(self) -> None:
        sheet = self.chosen.get("declaration")
        if sheet is None:
            self.note_declaration(None)
            return
        if sheet.part not in self.parts:
            return
        try:
            check_extent(sheet_extent(self.parts[sheet.part]), self.layouts.limits, sheet.name)
            workbook = CalamineWorkbook.from_filelike(workbook_buffer(self.parts, [sheet.part], {}))
            try:
                rows = workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
            finally:
                workbook.close()
        except BaseException as exc:  # the refusal already says what is wrong with the file
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            return
        self.note_declaration(rows)


def _note(sheet: str, cell: str, severity: str, code: str, reason: str) -> dict[str, str]:
    return {"sheet": sheet, "cell": cell, "severity": severity, "code": code, "reason": reason}


def _read_parts(
    book: _Book,
    replaced: dict[str, bytes],
    name: str,
    sha256: str,
    known_lookup: Callable[[str], bool] | None,
) -> SupplierFile:
    book.replaced = replaced
    parts = [sheet.part for sheet in book.chosen.values()]
    buffer = workbook_buffer(book.parts, parts, replaced)
    try:
        workbook = CalamineWorkbook.from_filelike(buffer)
    except CalamineError as exc:
        raise _ParserFailed(f"unreadable workbook ({_short(exc)})") from None
    except BaseException as exc:  # parser errors are not uniform; a Rust panic is no Exception
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise _ParserFailed(f"unreadable workbook ({type(exc).__name__}: {_short(exc)})") from None
    try:
        smelter_xml = (
            replaced.get(book.chosen["smelters"].part, book.parts[book.chosen["smelters"].part])
            if "smelters" in book.chosen
            else b""
        )
        return _read(workbook, book, smelter_xml, name, sha256, known_lookup)
    except (Refused, OtherTemplate):
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise _ParserFailed(f"unreadable workbook ({type(exc).__name__}: {_short(exc)})") from None
    finally:
        workbook.close()


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return message[:200]


def _rows(workbook: CalamineWorkbook, book: _Book, sheet: SheetRef) -> list[list[Cell]]:
    """A sheet's cells, its extent checked on its XML first: the parser allocates a grid from A1
    to the farthest cell, so nothing past the limits ever reaches it."""
    xml = book.replaced.get(sheet.part, book.parts[sheet.part])
    seldom_changed = sheet in (book.chosen.get("products"), book.chosen.get("lookup"))
    extent = template_sheet_extent(xml) if seldom_changed else sheet_extent(xml)
    check_extent(extent, book.layouts.limits, sheet.name)
    return workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)


def _lookup_metals(rows: Sequence[Sequence[object]], layouts: Layouts) -> list[str]:
    spec = layouts.newest.lookup
    column = column_index(spec.columns["metal"])
    first = spec.first_row - 1
    return sorted(
        {
            text(row[column])
            for row in rows[first:]
            if column < len(row) and isinstance(row[column], str)
        }
        - {""}
    )


def _read(
    workbook: CalamineWorkbook,
    book: _Book,
    smelter_xml: bytes,
    name: str,
    sha256: str,
    known_lookup: Callable[[str], bool] | None,
) -> SupplierFile:
    layouts = book.layouts
    declaration_sheet = book.chosen.get("declaration")
    declaration_rows = _rows(workbook, book, declaration_sheet) if declaration_sheet else []
    book.note_declaration(declaration_rows if declaration_sheet else None)
    templates = layouts.templates
    title = text(_cell(declaration_rows, templates.title_cell))
    revision = book.revision
    # A title naming a CMRT with a revision cmrkit reads needs no look-up to confirm it.
    confident = title_kind(title, templates) == templates.read and (
        revision is not None
        and (layouts.for_revision(revision) is not None or layouts.is_newer(revision))
    )
    known = known_lookup is not None and known_lookup(book.lookup_digest)
    lookup_sheet = book.chosen.get("lookup")
    parse_lookup = lookup_sheet is not None and not (known and confident)
    lookup_rows = _rows(workbook, book, lookup_sheet) if lookup_sheet and parse_lookup else None
    identified = identify(
        [sheet.name for sheet in book.sheets],
        title,
        _lookup_metals(lookup_rows, layouts) if lookup_rows is not None else None,
        templates,
        layouts.look_alike,
    )
    if identified.kind and identified.kind != templates.read:
        raise OtherTemplate(templates.kinds[identified.kind], revision, identified.evidence)
    found = detect(book.present(), declaration_rows, layouts)
    layout = found.layout
    notes: list[dict[str, str]] = list(book.notes)
    smelter_sheet = book.chosen["smelters"]
    smelter_cells = _rows(workbook, book, smelter_sheet)
    if found.newer:
        notes.append(
            _newer_revision(
                book, found.revision, layout, declaration_rows, smelter_cells, smelter_xml, name
            )
        )
    declaration, metal_answers, company_answers = _read_declaration(declaration_rows, layout, notes)
    _check_effective_date(declaration, layout, found.revision, notes)
    del declaration_rows
    formulas = uncached_formulas(
        smelter_xml, book.input_columns, book.fed_columns, layout.sheets.lookup
    )
    smelter_rows = _read_smelter_rows(smelter_cells, layout, formulas, smelter_sheet.name, notes)
    smelter_rows = _drop_furniture(smelter_rows, layout, found.revision, smelter_sheet.name, notes)
    products_sheet = book.chosen.get("products")
    products = (
        _read_products(_rows(workbook, book, products_sheet), layout) if products_sheet else []
    )
    lookup = [] if known else _read_lookup(lookup_rows or [], layout)
    unfilled = _is_unfilled(declaration, metal_answers, company_answers, smelter_rows, products)
    if unfilled:  # one file-level problem says it all (see cmrkit.ingest)
        notes = [n for n in notes if n["code"] != "declaration"]
    return SupplierFile(
        file=name,
        sha256=sha256,
        revision=found.revision,
        layout=layout.name,
        declaration=declaration,
        metal_answers=metal_answers,
        company_answers=company_answers,
        smelter_rows=smelter_rows,
        products=products,
        lookup=lookup,
        lookup_digest=book.lookup_digest,
        notes=notes,
        unfilled=unfilled,
        sheets={role: sheet.name for role, sheet in book.chosen.items()},
    )


def _newer_revision(
    book: _Book,
    revision: str,
    layout: Layout,
    declaration_rows: Sequence[Sequence[object]],
    smelter_cells: Sequence[Sequence[object]],
    smelter_xml: bytes,
    name: str,
) -> dict[str, str]:
    """A revision newer than any known: read with the newest layout when the file is built like
    it (else refused, naming the first cell that differs), and said so in one warning."""
    missing = [book.wanted[role] for role in _ROLES if role not in book.chosen]
    if missing:
        raise Refused(
            f"CMRT revision {revision} is newer than any cmrkit knows, and has no sheet named "
            + ", ".join(f"'{sheet}'" for sheet in missing)
            + f" as {layout.newest_revision} has; to read it, add its cell map to "
            + REPOSITORY_FILE
        )
    declaration = book.chosen["declaration"]
    mismatch = verify_structure(
        layout,
        {"declaration": declaration_rows, "smelters": smelter_cells},
        {"declaration": book.parts[declaration.part], "smelters": smelter_xml},
        {role: sheet.name for role, sheet in book.chosen.items()},
    )
    if mismatch is not None:
        refuse_mismatch(revision, layout, mismatch, REPOSITORY_FILE)
    return _note(
        declaration.name,
        book.layouts.detect.cell,
        "warning",
        "newer_revision",
        f"{name}: CMRT revision {revision} is newer than any cmrkit knows; read with the layout "
        f"of {layout.newest_revision} ({layout.name}), whose structure the file has: check what "
        f"was read, and add {revision} to {REPOSITORY_FILE} once verified",
    )


def _check_effective_date(
    declaration: dict[str, str], layout: Layout, revision: str, notes: list[dict[str, str]]
) -> None:
    """A date the revision's own validation would have refused (6.01-6.22 stop at 31-Mar-2026)
    says the supplier got round the template: the date is suspect."""
    date = declaration.get("effective_date", "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is None:
        return
    for limit in layout.date_limits:
        if revision not in limit.revisions or date <= limit.last:
            continue
        notes.append(
            _note(
                layout.sheets.declaration,
                layout.declaration["effective_date"],
                "warning",
                "effective_date",
                f"effective date {date} is after {limit.last}, the last date CMRT {revision} "
                "accepts: the date is suspect; ask the supplier for a current CMRT",
            )
        )


def _is_unfilled(
    declaration: dict[str, str],
    metal_answers: dict[str, dict[str, dict[str, str]]],
    company_answers: dict[str, dict[str, str]],
    smelter_rows: Sequence[dict[str, Any]],
    products: Sequence[dict[str, Any]],
) -> bool:
    """A template as RMI ships it: nothing a supplier writes (the language choice aside)."""
    if smelter_rows or products:
        return False
    if any(value for key, value in declaration.items() if key != "language"):
        return False
    answers = [a for block in metal_answers.values() for a in block.values()]
    answers += list(company_answers.values())
    return not any(a["answer"] or a["comment"] for a in answers)


def _read_declaration(
    rows: Sequence[Sequence[object]], layout: Layout, notes: list[dict[str, str]]
) -> tuple[dict[str, str], dict[str, dict[str, dict[str, str]]], dict[str, dict[str, str]]]:
    sheet = layout.sheets.declaration
    declaration: dict[str, str] = {}
    for key, address in layout.declaration.items():
        raw = _cell(rows, address)
        if key == "effective_date" and text(raw):
            value, ok = date_text(raw)
            if not ok:
                notes.append(
                    _note(
                        sheet,
                        address,
                        "warning",
                        "declaration",
                        f"effective date {value!r} is not a date",
                    )
                )
            declaration[key] = value
        else:
            declaration[key] = text(raw)
    for key in layout.required_declaration:
        if not declaration.get(key):
            notes.append(
                _note(
                    sheet,
                    layout.declaration[key],
                    "warning",
                    "declaration",
                    f"required Declaration field '{key}' is blank",
                )
            )
    spec = layout.metal_questions
    answer_col = column_index(spec.answer_column)
    comment_col = column_index(spec.comment_column)
    metal_answers: dict[str, dict[str, dict[str, str]]] = {}
    for question, first_row in spec.rows.items():
        block: dict[str, dict[str, str]] = {}
        for offset, metal in enumerate(layout.metal_order):
            row = int(first_row) - 1 + offset
            values = rows[row] if row < len(rows) else []
            raw = values[answer_col] if answer_col < len(values) else None
            answer = text(raw)
            # Up to 6.22 the Q6 choice "100%" is stored as the number 1.
            if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == 1:
                answer = "100%"
            comment = text(values[comment_col]) if comment_col < len(values) else ""
            block[metal] = {"answer": answer, "comment": comment}
        metal_answers[str(question)] = block
    spec = layout.company_questions
    answer_col = column_index(spec.answer_column)
    comment_col = column_index(spec.comment_column)
    company_answers: dict[str, dict[str, str]] = {}
    for letter, row_number in spec.rows.items():
        row = int(row_number) - 1
        values = rows[row] if row < len(rows) else []
        company_answers[str(letter)] = {
            "answer": text(values[answer_col]) if answer_col < len(values) else "",
            "comment": text(values[comment_col]) if comment_col < len(values) else "",
        }
    return declaration, metal_answers, company_answers


def _read_smelter_rows(
    rows: list[list[Cell]],
    layout: Layout,
    formulas: Sequence[FormulaCell],
    sheet: str,
    notes: list[dict[str, str]],
) -> list[dict[str, Any]]:
    """Every row with a value in an input column, and every row an unreadable formula hides.

    Formulas of plain literals are evaluated into their cells first; a formula cmrkit cannot
    read marks its row (`formulas`: column key -> formula) so the row is flagged, not dropped.
    """
    spec = layout.smelter_list
    columns = {key: column_index(letter) for key, letter in spec.columns.items()}
    keys = {column: key for key, column in columns.items()}
    first = spec.first_row - 1
    unreadable: dict[int, dict[str, str]] = {}
    for cell in formulas:
        index, column = cell.row - 1, column_index(cell.column)
        if index < first or column not in keys:
            continue
        while len(rows) <= index:
            rows.append([])
        values = rows[index]
        if len(values) <= column:
            values.extend([""] * (column + 1 - len(values)))
        if cell.value is None:
            unreadable.setdefault(index, {})[keys[column]] = cell.formula
            continue
        values[column] = cell.value
        notes.append(
            _note(
                sheet,
                f"{cell.column}{cell.row}",
                "info",
                "formula_evaluated",
                f"formula ={cell.formula} read as {cell.value!r} (a formula of plain literals)",
            )
        )
    inputs = sorted(columns[key] for key in spec.input_columns)
    low, high = inputs[0], inputs[-1] + 1
    contiguous = inputs == list(range(low, high))
    out: list[dict[str, Any]] = []
    for index in range(first, len(rows)):
        values = rows[index]
        # Most of the 2,500 template rows are blank: "" and 0 are falsy, so a C-speed test
        # skips them; whitespace-only text still goes through `text`.
        if contiguous and not any(values[low:high]) and index not in unreadable:
            continue
        width = len(values)
        if not any(text(values[c]) for c in inputs if c < width) and index not in unreadable:
            continue
        record: dict[str, Any] = {"row": index + 1}
        for key, column in columns.items():
            record[key] = text(values[column]) if column < width else ""
        if index in unreadable:
            record["formulas"] = unreadable[index]
        out.append(record)
    return out


def _drop_furniture(
    rows: list[dict[str, Any]],
    layout: Layout,
    revision: str,
    sheet: str,
    notes: list[dict[str, str]],
) -> list[dict[str, Any]]:
    """Rows RMI left filled in its blank template (`furniture` in layouts.yml): not rows."""
    specs = [spec for spec in layout.furniture.smelter_rows if revision in spec.revisions]
    if not specs:
        return rows
    inputs = layout.smelter_list.input_columns
    fed = layout.smelter_list.fed_columns
    letters = layout.smelter_list.columns
    kept = []
    for record in rows:
        spec = next((s for s in specs if s.row == record["row"]), None)
        cells = dict(spec.cells) if spec is not None else {}
        matches = (
            spec is not None
            and "formulas" not in record
            and all(record.get(key, "") == value for key, value in cells.items())
            and all(not record[key] for key in inputs if key not in cells and key not in fed)
        )
        if not matches:
            kept.append(record)
            continue
        shown = ", ".join(f"{letters[k]}{record['row']} {v!r}" for k, v in cells.items())
        notes.append(
            _note(
                sheet,
                f"{letters['lookup_name']}{record['row']}",
                "info",
                "template_furniture",
                f"row {record['row']} holds what RMI's blank {revision} template ships there "
                f"({shown}), not a supplier's answer: not read as a smelter row",
            )
        )
    return kept


def _read_products(rows: Sequence[Sequence[object]], layout: Layout) -> list[dict[str, Any]]:
    spec = layout.product_list
    columns = {key: column_index(letter) for key, letter in spec.columns.items()}
    footer = layout.furniture.product_footer
    out: list[dict[str, Any]] = []
    wanted = sorted(columns.values())
    for index in range(spec.first_row - 1, len(rows)):
        values = rows[index]
        if not any(values[wanted[0] : wanted[-1] + 1]):
            continue
        record = {key: text(values[c]) if c < len(values) else "" for key, c in columns.items()}
        others = [v for k, v in record.items() if k != "number"]
        if footer and not any(others) and re.search(footer, record["number"]):
            continue  # the template's copyright line, not a product
        if any(value for key, value in record.items() if key != "comments"):
            out.append({"row": index + 1, **record})
    return out


def _read_lookup(rows: Sequence[Sequence[object]], layout: Layout) -> list[list[str]]:
    """Look-up rows in `LOOKUP_FIELDS` order, each followed by its row number (as text)."""
    spec = layout.lookup
    columns = [column_index(spec.columns[key]) for key in LOOKUP_FIELDS]
    out: list[list[str]] = []
    for index in range(spec.first_row - 1, len(rows)):
        values = rows[index]
        record = [text(values[c]) if c < len(values) else "" for c in columns]
        if record[0] and record[1]:
            out.append([*record, str(index + 1)])
    return out
