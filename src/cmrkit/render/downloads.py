"""The Annex as files a reader takes into a spreadsheet: CSV and XLSX, named for the report year.

Supplier data ends up in these files, and a spreadsheet program runs a cell that starts with `=`,
`+`, `-` or `@` (or a tab or carriage return that hides one) as a formula. Such cells are
neutralised: the CSV prefixes an apostrophe (the convention spreadsheet programs show as text), the
XLSX stores the value as a string cell, which Excel and LibreOffice never evaluate.

The CSV is UTF-8 with a byte order mark, because Excel opens a CSV without one in the local code
page and mangles accented names; every other CSV reader skips the mark.

The files hold the table the report prints: its columns, headers and order (facts.yml
`annex.columns`), rows in printed order. What the printed table says outside its cells becomes a
column, since a spreadsheet row is read on its own: the metal of a table per metal (first), the
status a mark on the name stands for (after the name), and the footnote marker with its words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from cmrkit.files.spreadsheet_text import is_formula_like as is_formula_like  # re-exported
from cmrkit.files.spreadsheet_text import neutralise
from cmrkit.year.report import YearReport

METAL, STATUS, FOOTNOTE, FOOTNOTE_TEXT = "Metal", "Status", "Footnote", "Footnote text"
XLSX_SHEET = "Annex I"
# Column widths in characters: wide enough for the longest value, never wider than this.
MAX_WIDTH = 60


def file_stem(year: int) -> str:
    return f"annex-i-{year}"


def csv_name(year: int) -> str:
    return f"{file_stem(year)}.csv"


def xlsx_name(year: int) -> str:
    return f"{file_stem(year)}.xlsx"


def download_columns(report: YearReport) -> list[tuple[str, str]]:
    """(column, header) of the downloads: the printed columns, plus what the printed table
    says outside its cells (see the module's docstring)."""
    columns = [(c.name, c.header) for c in report.columns]
    names = [name for name, _ in columns]
    if "metal" not in names:
        columns.insert(0, ("metal", METAL))
    if report.shape.status == "marks":
        after = [name for name, _ in columns].index("smelter_name") + 1
        columns.insert(after, ("status", STATUS))
    if report.facts.annex.footnotes:
        columns += [("footnote", FOOTNOTE), ("footnote_text", FOOTNOTE_TEXT)]
    return columns


def annex_records(
    report: YearReport, notes: dict[str, str] | None = None
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The header and one tuple per Annex row, in printed order; `notes` gives each footnote
    marker's words, repeated on every row the footnote annotates (a spreadsheet row read on its
    own, or filtered, keeps its footnote). Names are written without marks: the status and the
    footnote have columns of their own."""
    notes = notes or {}
    columns = download_columns(report)
    records = []
    for row in report.printed_rows:
        values = []
        for name, _ in columns:
            if name == "footnote_text":
                values.append(notes.get(row.footnote, "") if row.footnote else "")
            else:
                values.append(row.value(name))
        records.append(tuple(values))
    return tuple(header for _, header in columns), records


def annex_csv(header: Sequence[str], records: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(title) for title in header])
    for record in records:
        writer.writerow([neutralise(value) for value in record])
    return buffer.getvalue().encode("utf-8-sig")


def column_widths(header: Sequence[str], records: Sequence[Sequence[str]]) -> list[float]:
    widths = [len(title) for title in header]
    for record in records:
        for index, value in enumerate(record):
            widths[index] = max(widths[index], len(value))
    return [min(width + 2, MAX_WIDTH) for width in widths]


def _reproducible(xlsx: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with `stamp` as its document dates and every zip entry's time, so the
    same data builds the same bytes (a republished year must not change its files)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(
                        rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{iso}\2", text
                    )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return buffer.getvalue()


def annex_xlsx(
    header: Sequence[str],
    records: Sequence[Sequence[str]],
    title: str,
    stamp: dt.datetime | None = None,
) -> bytes:
    """A one-sheet workbook: bold header, frozen under it, filter buttons, columns sized to fit.
    With `stamp`, byte-for-byte reproducible (see `_reproducible`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet
    sheet.title = XLSX_SHEET
    book.properties.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        sheet.append(list(record))
    # openpyxl turns any string starting with "=" into a formula; every cell here is text.
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate(column_widths(header, records), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue(), stamp) if stamp else buffer.getvalue()


def write_annex_files(
    report: YearReport, out_dir: Path, notes: dict[str, str] | None = None
) -> list[Path]:
    """Write the year's CSV and XLSX into `out_dir` (with each footnote's words from `notes`,
    by marker); returns their paths."""
    header, records = annex_records(report, notes)
    out_dir.mkdir(parents=True, exist_ok=True)
    title = f"{report.facts.registrant.name} {report.year} Conflict Minerals Report, Annex I"
    csv_path = out_dir / csv_name(report.year)
    xlsx_path = out_dir / xlsx_name(report.year)
    csv_path.write_bytes(annex_csv(header, records))
    # The workbook's dates: the day signed (or filed); when the facts give neither, the zip
    # format's first day, which no reader takes for a date of the report (none is invented).
    filing = report.facts.filing
    day = filing.signed or filing.filed
    stamp = dt.datetime.combine(day, dt.time(12)) if day else dt.datetime(1980, 1, 1)
    xlsx_path.write_bytes(annex_xlsx(header, records, title, stamp))
    return [csv_path, xlsx_path]
