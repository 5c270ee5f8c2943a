"""RMI's Smelter Look-up as each CMRT revision ships it, kept as data that ships with cmrkit.

Every CMRT carries RMI's reference list of facilities, and a supplier can edit it: one edited
file among many must not rename or move facilities for every supplier. So the look-up rows are
extracted once from RMI's own blank templates (`python -m cmrkit.ingest.cmrt.extract`) into
`cmrkit/reference/data/smelter_lookup/`, indexed with each revision's date and the template they
came from in `smelter_lookup.yml` next to it, and rows are resolved against those. A repository
may keep its own `data/reference/smelter_lookup.yml` (with the CSVs it names, relative to it),
which then wins, like any reference file. A supplier's own look-up is only compared with them
(see `cmrt.lookup_check`).

Whose CSVs are checked against a recorded sha256 (`lookup_sha256`, `countries_sha256`, which the
extractor writes): a repository's own look-up (`checked_index`) and the one a year keeps
(`ingest.reference_store`), before anything reads them. Both are files in a filer's git, where a
hand edit or a merge gone wrong would silently resolve every supplier's rows against a list RMI
never published. The packaged look-ups are not: they are part of cmrkit itself, installed from a
wheel whose every file pip checks against the hashes pinned in the filer's requirements.lock,
and the tests compare them with RMI's own templates.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cmrkit.errors import DataError, Location
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.ingest.cmrt.layout import revision_key
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_rows
from cmrkit.ingest.cmrt.read import LOOKUP_FIELDS
from cmrkit.reference.files import PACKAGED, reference_file
from cmrkit.reference.load import Vocabulary

INDEX = "smelter_lookup.yml"
FOLDER = "smelter_lookup"
COUNTRY_FIELD = "country"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ShippedRevision:
    """One revision's look-up as shipped: where its rows are and where they came from."""

    revision: str
    date: dt.date
    lookup: str  # CSV, relative to the reference folder
    countries: str  # CSV of the template's country list, relative to the reference folder
    template: str  # the RMI template file the rows were extracted from
    sha256: str  # of that template file
    rows: int
    ids: int

    def describe(self) -> str:
        return f"RMI Smelter Look-up of CMRT {self.revision} ({self.date.isoformat()})"


def lookup_csv_name(revision: str) -> str:
    return f"{FOLDER}/cmrt-{revision}.csv"


def countries_csv_name(revision: str) -> str:
    return f"{FOLDER}/cmrt-{revision}-countries.csv"


def index_path(overrides: Path | None = None) -> Path:
    """The `smelter_lookup.yml` in force: the repository's, else the one cmrkit ships."""
    return reference_file(INDEX, overrides)


def checked_index(overrides: Path | None = None) -> Path:
    """The index in force (`index_path`); a repository's own is checked first, every CSV it names
    against the sha256 recorded for it (`verify_entry`), as a look-up a year keeps is."""
    index = index_path(overrides)
    if index.parent == PACKAGED or not load_index(index):
        return index
    again = (
        "extract it again from RMI's blank template (python -m cmrkit.ingest.cmrt.extract "
        f"TEMPLATE --reference {index.parent})"
    )
    doc = load_yaml(index)
    for position in range(len(doc.data["revisions"])):
        verify_entry(doc, position, again)
    return index


def verify_entry(doc: YamlDoc, position: int, again: str) -> None:
    """The CSVs of one index entry against the sha256 recorded for each when they were written:
    a hand edit, a damaged file or a merge gone wrong would otherwise resolve every supplier's
    rows against a look-up RMI never published. A CSV changed, unreadable, or with no sha256
    recorded (written by a cmrkit that recorded none, or edited) is a DataError on the entry's
    line, saying what to do (`again`)."""
    entry = doc.data["revisions"][position]
    for name_key, sha_key in (("lookup", "lookup_sha256"), ("countries", "countries_sha256")):
        name = str(entry.get(name_key))
        recorded = entry.get(sha_key)
        if not isinstance(recorded, str) or not _SHA256.match(recorded):
            raise DataError(
                doc.where(("revisions", position)),
                f"no sha256 recorded for the stored look-up's {name} (stored by an earlier "
                f"cmrkit, or edited), so it cannot be checked: {again}",
            )
        try:
            data = (doc.path.parent / name).read_bytes()
        except OSError as exc:
            raise DataError(
                doc.where(("revisions", position, name_key)),
                f"the stored look-up's {name} cannot be read ({exc.strerror or exc}): {again}",
            ) from None
        actual = hashlib.sha256(data).hexdigest()
        if actual != recorded:
            raise DataError(
                doc.where(("revisions", position, sha_key)),
                f"the stored look-up's {name} has changed since it was stored (sha256 "
                f"{actual[:12]}..., recorded {recorded[:12]}...); it is never edited by hand: "
                f"{again}",
            )


@cache
def load_index(path: Path) -> dict[str, ShippedRevision]:
    """Revision -> `ShippedRevision`, from an index file ({} when there is none)."""
    if not path.is_file():
        return {}
    doc = load_yaml(path)
    entries = (doc.data or {}).get("revisions") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        raise DataError(doc.where(()), "'revisions' must be a list")
    out: dict[str, ShippedRevision] = {}
    for index, entry in enumerate(entries):
        try:
            shipped = ShippedRevision(
                revision=str(entry["revision"]),
                date=entry["date"],
                lookup=str(entry["lookup"]),
                countries=str(entry["countries"]),
                template=str(entry["template"]),
                sha256=str(entry["sha256"]),
                rows=int(entry["rows"]),
                ids=int(entry["ids"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(doc.where(("revisions", index)), f"bad entry ({exc})") from None
        if not isinstance(shipped.date, dt.date):
            raise DataError(doc.where(("revisions", index, "date")), "'date' must be a date")
        out[shipped.revision] = shipped
    return dict(sorted(out.items(), key=lambda item: revision_key(item[0])))


def _read_csv(path: Path, fields: tuple[str, ...]) -> list[list[str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if tuple(header) != fields:
                raise DataError(Location(path, 1), f"expected the columns {', '.join(fields)}")
            return [row for row in reader if row]
    except OSError as exc:
        raise DataError(Location(path), f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DataError(Location(path), f"not UTF-8 text ({exc.reason})") from None


@cache
def shipped_rows(index: Path, revision: str) -> tuple[list[list[str]], list[str]]:
    """The look-up rows (in `LOOKUP_FIELDS` order) and the country list of one revision, from the
    CSVs the index file `index` names (relative to its folder)."""
    entry = load_index(index)[revision]
    rows = _read_csv(index.parent / entry.lookup, LOOKUP_FIELDS)
    countries = [row[0] for row in _read_csv(index.parent / entry.countries, (COUNTRY_FIELD,))]
    return rows, countries


def shipped_lookup(index: Path, revision: str, metals: Vocabulary) -> SmelterLookup:
    """One revision's shipped look-up, ready to resolve rows against."""
    entry = load_index(index)[revision]
    rows, countries = shipped_rows(index, revision)
    return lookup_from_rows(rows, countries, entry.describe(), revision, metals)
