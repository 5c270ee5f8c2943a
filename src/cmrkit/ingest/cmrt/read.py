"""Read one supplier CMRT into plain data, by cell address for its detected revision.

The result holds what the file *says*, cell by cell, as text; deciding what a smelter row means
(resolving it against a Smelter Look-up) happens later, in `cmrkit.ingest.cmrt.resolve`, because the
look-up to resolve against depends on every file of the run. Keeping this step free of that
context is what makes its result cacheable per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from cmrkit.ingest.cmrt.detect import detect
from cmrkit.ingest.cmrt.layout import Layout, Layouts, column_index, load_layouts, split_cell
from cmrkit.ingest.cmrt.safety import Refused, check_container
from cmrkit.ingest.cmrt.trim import BASE_PARTS, trimmed_workbook

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
    lookup: list[list[str]]  # rows in LOOKUP_FIELDS order
    lookup_digest: str
    countries: list[str]
    notes: list[dict[str, str]] = field(default_factory=list)  # sheet, cell, severity, reason

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SupplierFile:
        return cls(**data)


def text(value: object) -> str:
    """A cell value as the text a person would read in it; blank is ""."""
    if value.__class__ is str:
        return value.strip()  # type: ignore[union-attr]
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


def _sheet_rows(workbook: CalamineWorkbook, name: str, max_rows: int) -> list[list[object]]:
    sheet = workbook.get_sheet_by_name(name)
    if sheet.height > max_rows:
        raise Refused(
            f"sheet has {sheet.height} rows, over the limit of {max_rows}: not a CMRT as sent "
            "by RMI",
            sheet=name,
        )
    return sheet.to_python(skip_empty_area=False)


def read_supplier_file(
    path: Path, display_name: str | None = None, sha256: str | None = None, trim: bool = True
) -> SupplierFile:
    """Check, detect and read one workbook; raise `Refused` when it cannot be read.

    With `trim`, the Smelter List's blank tail is cut before parsing (see `cmrt.trim`); when
    that is not possible, or the trimmed copy cannot be parsed, the file is parsed whole.
    """
    layouts = load_layouts()
    data = sha256 or file_digest(path)
    spec = _trim_spec(layouts) if trim else None
    report = check_container(path, layouts.limits, keep=_keep_part if spec else None)
    name = display_name or path.name
    if spec is not None:
        buffer = trimmed_workbook(report.parts, *spec)
        report.parts.clear()
        if buffer is not None:
            try:
                return _read_with(
                    lambda: CalamineWorkbook.from_filelike(buffer), layouts, name, data
                )
            except Refused:
                pass  # whatever the trimmed copy refuses, the whole file decides
    return _read_with(lambda: CalamineWorkbook.from_path(str(path)), layouts, name, data)


def _keep_part(name: str) -> bool:
    return name in BASE_PARTS or (name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _trim_spec(layouts: Layouts) -> tuple[list[str], str, list[str], int] | None:
    """What to trim, when every layout agrees on it (the trim happens before detection)."""
    specs = {
        (
            tuple(layout.sheets.values()),
            layout.sheets["smelters"],
            tuple(layout.smelter_list["columns"][k] for k in layout.smelter_list["input_columns"]),
            int(layout.smelter_list["first_row"]),
        )
        for layout in layouts.layouts.values()
    }
    if len(specs) != 1:
        return None
    sheets, smelters, columns, first_row = specs.pop()
    return [layouts.detect["sheet"], *sheets], smelters, list(columns), first_row


def _read_with(
    opener: Callable[[], CalamineWorkbook], layouts: Layouts, name: str, sha256: str
) -> SupplierFile:
    try:
        workbook = opener()
    except CalamineError as exc:
        raise Refused(f"unreadable workbook ({_short(exc)})") from None
    except BaseException as exc:  # parser errors are not uniform; a Rust panic is no Exception
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise Refused(f"unreadable workbook ({type(exc).__name__}: {_short(exc)})") from None
    try:
        return _read(workbook, layouts, name, sha256)
    except Refused:
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise Refused(f"unreadable workbook ({type(exc).__name__}: {_short(exc)})") from None
    finally:
        workbook.close()


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return message[:200]


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (the cache key of its content)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror or exc}") from None
    return digest.hexdigest()


def _read(workbook: CalamineWorkbook, layouts: Layouts, name: str, sha256: str) -> SupplierFile:
    limit = layouts.limits.max_sheet_rows
    sheet_names = list(workbook.sheet_names)
    declaration_sheet = layouts.detect["sheet"]
    declaration_rows = (
        _sheet_rows(workbook, declaration_sheet, limit) if declaration_sheet in sheet_names else []
    )
    found = detect(sheet_names, declaration_rows, layouts)
    layout = found.layout
    notes: list[dict[str, str]] = []
    declaration, metal_answers, company_answers = _read_declaration(declaration_rows, layout, notes)
    smelter_rows = _read_smelter_rows(
        _sheet_rows(workbook, layout.sheets["smelters"], limit), layout
    )
    products_sheet = layout.sheets["products"]
    products = (
        _read_products(_sheet_rows(workbook, products_sheet, limit), layout)
        if products_sheet in sheet_names
        else []
    )
    lookup = _read_lookup(_sheet_rows(workbook, layout.sheets["lookup"], limit), layout)
    countries_sheet = layout.sheets["countries"]
    countries = (
        _read_countries(_sheet_rows(workbook, countries_sheet, limit), layout)
        if countries_sheet in sheet_names
        else []
    )
    lookup_digest = hashlib.sha256(repr(lookup).encode("utf-8")).hexdigest()[:16]
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
        lookup_digest=lookup_digest,
        countries=countries,
        notes=notes,
    )


def _read_declaration(
    rows: Sequence[Sequence[object]], layout: Layout, notes: list[dict[str, str]]
) -> tuple[dict[str, str], dict[str, dict[str, dict[str, str]]], dict[str, dict[str, str]]]:
    sheet = layout.sheets["declaration"]
    declaration: dict[str, str] = {}
    for key, address in layout.declaration.items():
        raw = _cell(rows, address)
        if key == "effective_date" and text(raw):
            value, ok = date_text(raw)
            if not ok:
                notes.append(
                    {
                        "sheet": sheet,
                        "cell": address,
                        "severity": "warning",
                        "reason": f"effective date {value!r} is not a date",
                    }
                )
            declaration[key] = value
        else:
            declaration[key] = text(raw)
    for key in layout.required_declaration:
        if not declaration.get(key):
            notes.append(
                {
                    "sheet": sheet,
                    "cell": layout.declaration[key],
                    "severity": "warning",
                    "reason": f"required Declaration field '{key}' is blank",
                }
            )
    spec = layout.metal_questions
    answer_col = column_index(spec["answer_column"])
    comment_col = column_index(spec["comment_column"])
    metal_answers: dict[str, dict[str, dict[str, str]]] = {}
    for question, first_row in spec["first_rows"].items():
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
    answer_col = column_index(spec["answer_column"])
    comment_col = column_index(spec["comment_column"])
    company_answers: dict[str, dict[str, str]] = {}
    for letter, row_number in spec["rows"].items():
        row = int(row_number) - 1
        values = rows[row] if row < len(rows) else []
        company_answers[str(letter)] = {
            "answer": text(values[answer_col]) if answer_col < len(values) else "",
            "comment": text(values[comment_col]) if comment_col < len(values) else "",
        }
    return declaration, metal_answers, company_answers


def _read_smelter_rows(rows: Sequence[Sequence[object]], layout: Layout) -> list[dict[str, Any]]:
    spec = layout.smelter_list
    columns = {key: column_index(letter) for key, letter in spec["columns"].items()}
    inputs = sorted(columns[key] for key in spec["input_columns"])
    low, high = inputs[0], inputs[-1] + 1
    contiguous = inputs == list(range(low, high))
    out: list[dict[str, Any]] = []
    for index in range(int(spec["first_row"]) - 1, len(rows)):
        values = rows[index]
        # Most of the 2,500 template rows are blank: "" and 0 are falsy, so a C-speed test
        # skips them; whitespace-only text still goes through `text`.
        if contiguous and not any(values[low:high]):
            continue
        width = len(values)
        if not any(text(values[c]) for c in inputs if c < width):
            continue
        record: dict[str, Any] = {"row": index + 1}
        for key, column in columns.items():
            record[key] = text(values[column]) if column < len(values) else ""
        out.append(record)
    return out


def _read_products(rows: Sequence[Sequence[object]], layout: Layout) -> list[dict[str, Any]]:
    spec = layout.product_list
    columns = {key: column_index(letter) for key, letter in spec["columns"].items()}
    out: list[dict[str, Any]] = []
    wanted = sorted(columns.values())
    for index in range(int(spec["first_row"]) - 1, len(rows)):
        values = rows[index]
        if not any(values[wanted[0] : wanted[-1] + 1]):
            continue
        record = {key: text(values[c]) if c < len(values) else "" for key, c in columns.items()}
        if record["number"] or record["name"]:
            out.append({"row": index + 1, **record})
    return out


def _read_lookup(rows: Sequence[Sequence[object]], layout: Layout) -> list[list[str]]:
    spec = layout.lookup
    columns = [column_index(spec["columns"][key]) for key in LOOKUP_FIELDS]
    out: list[list[str]] = []
    for index in range(int(spec["first_row"]) - 1, len(rows)):
        values = rows[index]
        record = [text(values[c]) if c < len(values) else "" for c in columns]
        if record[0] and record[1]:
            out.append(record)
    return out


def _read_countries(rows: Sequence[Sequence[object]], layout: Layout) -> list[str]:
    spec = layout.countries
    column = column_index(spec["column"])
    return [
        text(row[column])
        for row in rows[int(spec["first_row"]) - 1 :]
        if column < len(row) and text(row[column])
    ]
