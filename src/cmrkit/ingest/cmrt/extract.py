"""Extract RMI's Smelter Look-up from its blank CMRT templates into the reference data.

    python -m cmrkit.ingest.cmrt.extract RMI_CMRT_6.5.xlsx [...] [--reference FOLDER]

Run it when RMI publishes a revision (once `layouts.yml` reads it: a revision newer than any known
is read with the newest layout when built like it):
it writes, into `cmrkit/reference/data/` (or the `--reference` folder: a repository's
`data/reference/` overrides what cmrkit ships), `smelter_lookup/cmrt-<revision>.csv` (the
look-up rows, in the template's order), `smelter_lookup/cmrt-<revision>-countries.csv` (the
template's country list, sheet C) and the revision's entry in `smelter_lookup.yml` (date
from Declaration J3, template name and SHA-256, row and ID counts, and the SHA-256 of each CSV
as written, which every run checks for a repository's own look-up: see
`cmrt.shipped.checked_index`). Only RMI's own blank templates belong here: they are the trusted
source.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from python_calamine import CalamineWorkbook

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cmrt.layout import Layouts, column_index, load_layouts, revision_key
from cmrkit.ingest.cmrt.lookup import normalize_id
from cmrkit.ingest.cmrt.read import LOOKUP_FIELDS, date_text, read_supplier_file, text
from cmrkit.ingest.cmrt.shipped import COUNTRY_FIELD, INDEX, countries_csv_name, lookup_csv_name
from cmrkit.reference.files import PACKAGED

INDEX_HEADER = """\
# RMI's Smelter Look-up as each CMRT revision ships it, extracted from RMI's blank templates by
# `python -m cmrkit.ingest.cmrt.extract` (never edit the CSVs by hand: extract again).
# `cmrkit ingest` resolves smelter rows against these, never against a supplier's own copy.
"""


@dataclass(frozen=True)
class Extracted:
    revision: str
    date: str  # ISO date of the revision (Declaration J3)
    rows: list[list[str]]  # LOOKUP_FIELDS order
    countries: list[str]
    template: str
    sha256: str

    @property
    def ids(self) -> int:
        return len({normalize_id(row[4]) for row in self.rows if row[4]})


def extract(template: Path, layouts: Layouts | None = None) -> Extracted:
    """The look-up, country list, revision and date of one blank RMI template (`Refused` or
    `OtherTemplate` when it is not a CMRT cmrkit reads; `DataError` when it has no date)."""
    layouts = layouts or load_layouts()
    supplier = read_supplier_file(template, layouts=layouts)
    layout = layouts.layouts[supplier.layout]
    workbook = CalamineWorkbook.from_path(str(template))
    try:
        declaration = workbook.get_sheet_by_name(layout.sheets.declaration).to_python(
            skip_empty_area=False
        )
        countries_rows = workbook.get_sheet_by_name(layout.sheets.countries).to_python(
            skip_empty_area=False
        )
    finally:
        workbook.close()
    revision_text = text(declaration[2][column_index("J")]) if len(declaration) > 2 else ""
    date, ok = date_text(revision_text.splitlines()[-1] if revision_text else "")
    if not ok:
        raise DataError(
            Location(template, sheet=layout.sheets.declaration, cell=layouts.detect.cell),
            'no date under the revision ("Revision 6.6" and its date on the next line)',
        )
    column = column_index(layout.countries.column)
    countries = [
        text(row[column])
        for row in countries_rows[layout.countries.first_row - 1 :]
        if column < len(row) and text(row[column])
    ]
    return Extracted(
        revision=supplier.revision,
        date=date,
        rows=[row[: len(LOOKUP_FIELDS)] for row in supplier.lookup],
        countries=countries,
        template=template.name,
        sha256=hashlib.sha256(template.read_bytes()).hexdigest(),
    )


def csv_text(header: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write(
    extracted: list[Extracted],
    reference_dir: Path,
    header: str = INDEX_HEADER,
    extra: dict[str, object] | None = None,
    merge: bool = True,
) -> Path:
    """Write the CSVs and merge the entries into `smelter_lookup.yml` (or, without `merge`,
    replace it); `extra` adds keys to each entry written. Returns the index file."""
    index_path = reference_dir / INDEX
    entries: dict[str, dict[str, object]] = {}
    if merge and index_path.is_file():
        data = yaml.safe_load(index_path.read_text(encoding="utf-8")) or {}
        entries = {str(e["revision"]): e for e in data.get("revisions", [])}
    for item in extracted:
        lookup, countries = lookup_csv_name(item.revision), countries_csv_name(item.revision)
        lookup_bytes = csv_text(LOOKUP_FIELDS, item.rows).encode("utf-8")
        countries_bytes = csv_text((COUNTRY_FIELD,), [[c] for c in item.countries]).encode("utf-8")
        (reference_dir / lookup).parent.mkdir(parents=True, exist_ok=True)
        (reference_dir / lookup).write_bytes(lookup_bytes)
        (reference_dir / countries).write_bytes(countries_bytes)
        entries[item.revision] = {
            "revision": item.revision,
            "date": dt.date.fromisoformat(item.date),  # a YAML date
            "lookup": lookup,
            "countries": countries,
            "template": item.template,
            "sha256": item.sha256,
            "rows": len(item.rows),
            "ids": item.ids,
            # Of the CSVs as written: a look-up kept with a year is checked against them when
            # it is reused (`ingest.reference_store`), so an edit or corruption is seen.
            "lookup_sha256": hashlib.sha256(lookup_bytes).hexdigest(),
            "countries_sha256": hashlib.sha256(countries_bytes).hexdigest(),
            **(extra or {}),
        }
    ordered = [entries[k] for k in sorted(entries, key=revision_key)]
    body = yaml.safe_dump({"revisions": ordered}, sort_keys=False, allow_unicode=True)
    index_path.write_text(header + body, encoding="utf-8")
    return index_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("templates", nargs="+", type=Path, help="RMI's blank CMRT templates")
    parser.add_argument(
        "--reference",
        type=Path,
        default=PACKAGED,
        help=f"reference folder (default: the one cmrkit ships, {PACKAGED})",
    )
    args = parser.parse_args(argv)
    try:
        extracted = [extract(path) for path in args.templates]
    except DataError as exc:
        raise SystemExit(str(exc)) from None
    write(extracted, args.reference)
    for item in extracted:
        print(f"CMRT {item.revision} ({item.date}): {len(item.rows)} rows, {item.ids} IDs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
