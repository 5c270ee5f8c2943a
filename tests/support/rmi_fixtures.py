"""RMI's facility lists in the shape RMI publishes them, written by code as CSV, XLSX or XML
Spreadsheet 2003 (the file RMI's download endpoint returns).

The Conformant list and the Active list are separate downloads with no status column; their
headers differ slightly (`STATE/ PROVINCE/ REGION` and `STATE/PROVINCE/REGION`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

CONFORMANT_HEADERS = (
    "METAL",
    "SMELTER ID",
    "STANDARD SMELTER NAME",
    "STATE/ PROVINCE/ REGION",
    "COUNTRY LOCATION",
    "COMPANY WEBSITE WITH CM POLICY",
    "LAST AUDIT DATE",
    "AUDIT CYCLE",
    "REAUDIT IN PROGRESS",
    "LBMA RG",
    "RJC",
)
ACTIVE_HEADERS = (
    "METAL",
    "SMELTER ID",
    "STANDARD SMELTER NAME",
    "STATE/PROVINCE/REGION",
    "COUNTRY LOCATION",
    "Type",
)


def conformant_row(metal: str, smelter_id: str, name: str, country: str) -> list[Any]:
    return [
        metal,
        smelter_id,
        name,
        "",
        country,
        "https://example.org/policy",
        dt.datetime(2024, 9, 12),
        "12 months",
        "No",
        "Yes" if metal == "Gold" else "",
        "",
    ]


def active_row(metal: str, smelter_id: str, name: str, country: str) -> list[Any]:
    return [metal, smelter_id, name, "", country, "Smelter"]


def write_list(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    sheet: str = "Sheet1",
) -> Path:
    """Write a list in the format `path`'s suffix says (.csv, .xlsx, .xml or .xls = XML 2003).

    `title` puts a title row and a blank row above the header, as some exports have."""
    path.parent.mkdir(parents=True, exist_ok=True)
    above = [[title], []] if title else []
    grid = [*above, list(headers), *[list(r) for r in rows]]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            for row in grid:
                writer.writerow(
                    [v.date().isoformat() if isinstance(v, dt.datetime) else v for v in row]
                )
    elif suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        worksheet = workbook.active
        worksheet.title = sheet
        for row in grid:
            worksheet.append(list(row))
        workbook.save(path)
    else:
        path.write_text(xml_spreadsheet(grid, sheet), encoding="utf-8")
    return path


def xml_spreadsheet(grid: Sequence[Sequence[Any]], sheet: str) -> str:
    """XML Spreadsheet 2003 as Excel and RMI's site write it: blank cells are skipped with
    `ss:Index`, dates are DateTime cells."""
    out = [
        '<?xml version="1.0"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
        ' xmlns:o="urn:schemas-microsoft-com:office:office"',
        ' xmlns:x="urn:schemas-microsoft-com:office:excel"',
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"',
        ' xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>',
        f' <Worksheet ss:Name="{escape(sheet)}">',
        "  <Table>",
    ]
    for row in grid:
        cells = []
        skipped = False
        for index, value in enumerate(row, start=1):
            if value in ("", None):
                skipped = True
                continue
            at = f' ss:Index="{index}"' if skipped else ""
            skipped = False
            if isinstance(value, dt.datetime):
                data = f'<Data ss:Type="DateTime">{value:%Y-%m-%dT%H:%M:%S}.000</Data>'
                cells.append(f'<Cell{at} ss:StyleID="d">{data}</Cell>')
            elif isinstance(value, int | float):
                cells.append(f'<Cell{at}><Data ss:Type="Number">{value}</Data></Cell>')
            else:
                cells.append(f'<Cell{at}><Data ss:Type="String">{escape(str(value))}</Data></Cell>')
        out.append("   <Row>" + "".join(cells) + "</Row>")
    out += ["  </Table>", " </Worksheet>", "</Workbook>", ""]
    return "\n".join(out)
