"""RMI's newest Smelter Look-up, kept with the year it resolved (`data/<year>/smelter-lookup/`).

cmrkit ships the look-up of every CMRT revision it was released with; a revision RMI publishes
later (6.6 in April 2026, 6.7 in April 2027) lists facilities cmrkit's own copy does not. `cmrkit
ingest YEAR --reference TEMPLATE --as-of DATE` takes that look-up from RMI's blank template
(also a revision cmrkit does not know yet, once its structure is verified) and keeps it here, in
the same form as the look-ups cmrkit ships (`smelter_lookup.yml` naming two CSVs, with the
template's revision, date, name and sha256, and the date given), so later runs of the year
resolve against the same list without the template:

    revisions:
    - revision: '6.6'
      date: 2026-04-17            # the revision's date (Declaration J3)
      lookup: smelter_lookup/cmrt-6.6.csv
      countries: smelter_lookup/cmrt-6.6-countries.csv
      template: RMI_CMRT_6.6.xlsx
      sha256: 5f0c...             # of the template file
      rows: 640
      ids: 352
      lookup_sha256: 9a1b...      # of each CSV as written, checked whenever the year reuses it
      countries_sha256: 77c0...
      as_of: 2027-01-15           # the date given with --as-of (when it was downloaded)

Only look-up rows and RMI's country list are kept: nothing a supplier wrote. A reused look-up
whose CSVs no longer match their recorded sha256 (edited by hand, damaged, or stored by a cmrkit
that recorded none) is refused with the file and what to do: give the template again.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.ingest.cmrt.extract import extract, write
from cmrkit.ingest.cmrt.layout import Layouts, revision_key
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_rows
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.cmrt.shipped import FOLDER as CSV_FOLDER
from cmrkit.ingest.cmrt.shipped import (
    INDEX,
    ShippedRevision,
    load_index,
    shipped_rows,
    verify_entry,
)
from cmrkit.ingest.cmrt.template import OtherTemplate
from cmrkit.reference.load import Vocabulary

FOLDER = "smelter-lookup"
HEADER = """\
# RMI's Smelter Look-up `cmrkit ingest {year}` resolves smelter rows against, taken from RMI's
# blank template given with --reference (never edit the CSVs: give the template again).
"""


@dataclass(frozen=True)
class StoredReference:
    """The look-up a year keeps: its index file and the entry in force."""

    index: Path
    entry: ShippedRevision
    as_of: dt.date | None
    new: bool = False  # stored by this run (else reused)

    @property
    def revision(self) -> str:
        return self.entry.revision

    def describe(self) -> str:
        as_of = f", as of {self.as_of.isoformat()}" if self.as_of else ""
        how = "stored in" if self.new else "reused from"
        return (
            f"{self.entry.describe()} from {self.entry.template}{as_of}, {how} {self.index.parent}/"
        )

    def lookup(self, metals: Vocabulary) -> SmelterLookup:
        rows, countries = shipped_rows(self.index, self.revision)
        return lookup_from_rows(rows, countries, self.describe(), self.revision, metals)


def is_template(path: Path) -> bool:
    """A `--reference` that is a workbook (a CSV list is used as given, never stored)."""
    return path.suffix.lower() != ".csv"


def store_reference(
    year_dir: Path, template: Path, as_of: dt.date, layouts: Layouts
) -> StoredReference:
    """Take the look-up of RMI's blank `template` and keep it with the year (replacing the one
    kept before: a year resolves against one look-up)."""
    try:
        extracted = extract(template, layouts)
    except (Refused, OtherTemplate) as exc:
        reason = exc.reason if isinstance(exc, Refused) else exc.message
        raise DataError(Location(template), f"cannot use as reference: {reason}") from None
    folder = year_dir / FOLDER
    try:
        if (folder / CSV_FOLDER).is_dir():
            shutil.rmtree(folder / CSV_FOLDER)
        folder.mkdir(parents=True, exist_ok=True)
        write(
            [extracted],
            folder,
            header=HEADER.format(year=year_dir.name),
            extra={"as_of": as_of},
            merge=False,
        )
    except OSError as exc:
        raise DataError(Location(folder), f"cannot write: {exc.strerror or exc}") from None
    load_index.cache_clear()
    shipped_rows.cache_clear()
    stored = stored_reference(year_dir)
    assert stored is not None
    return StoredReference(stored.index, stored.entry, stored.as_of, new=True)


def stored_reference(year_dir: Path) -> StoredReference | None:
    """The look-up the year keeps, or None; its CSVs are checked against the sha256 recorded
    for each (`verify_stored`) before anything reads them."""
    index = year_dir / FOLDER / INDEX
    if not index.is_file():
        return None
    entries = load_index(index)
    if not entries:
        raise DataError(Location(index), "no look-up listed: give --reference TEMPLATE again")
    revision = max(entries, key=revision_key)
    doc = load_yaml(index)
    as_of = None
    for position, item in enumerate(doc.data.get("revisions") or []):
        if isinstance(item, dict) and str(item.get("revision")) == revision:
            value = item.get("as_of")
            as_of = value if isinstance(value, dt.date) else None
            verify_stored(doc, position, year_dir.name)
    return StoredReference(index, entries[revision], as_of)


def verify_stored(doc: YamlDoc, position: int, year: str) -> None:
    """The CSVs of the year's look-up against the sha256 recorded for each (`verify_entry`, as a
    repository's own look-up is checked), with what to do for this year."""
    again = (
        f"give RMI's template again (cmrkit ingest {year} --reference TEMPLATE --as-of DATE) "
        "to store its look-up anew"
    )
    verify_entry(doc, position, again)


def year_reference(
    year_dir: Path | None, given: Path | None, as_of: dt.date | None, layouts: Layouts
) -> StoredReference | None:
    """The look-up a year's run resolves against: a template given now (kept with the year),
    else the one kept before; None outside a year, or when a CSV list is given (used as is)."""
    if year_dir is None or (given is not None and not is_template(given)):
        return None
    if given is None:
        return stored_reference(year_dir)
    if as_of is None:
        raise CmrkitError(
            "--as-of DATE is required with --reference TEMPLATE for a year: the day RMI's "
            f"template was downloaded, kept with its look-up in {year_dir / FOLDER}/"
        )
    return store_reference(year_dir, given, as_of, layouts)
