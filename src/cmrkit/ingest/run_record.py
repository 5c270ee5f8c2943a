"""The year's ingest run as the report reads it: `data/<year>/ingest/facilities.yml`.

`cmrkit ingest YEAR` writes the consolidated list twice: `smelters.csv` for people (opened in a
spreadsheet program) and this file for the engine, which builds the year's Annex from it when
the facts say `annex: {source: ingest}`. YAML, one facility per line, so a pull request shows
each facility added, dropped or reclassified as one line, and a defect names its line:

    format: 1
    lists: {as_of: 2025-03-03, files: {conformant.xlsx: 5f0c..., active.xlsx: 9a1b...}}
    inputs:                       # every file read from data/<year>/cmrt/, with its sha256
    - {file: supplier-a.xlsx, sha256: 1c2d...}
    facilities:
    - {metal: Gold, smelter_id: CID002763, smelter_name: 8853 S.p.A., country: ITALY,
       rmi_status: Conformant, bucket: conformant, suppliers: 4}

`lists` is null when the run had no RMI list (every facility is then in the `other` bucket);
`smelter_id` is blank for a facility RMI does not list ("Smelter not listed"). Nothing of a
supplier's text is neutralised here (unlike the CSVs): the Annex shows names as they are, and
the site and downloads escape them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.ingest.facility_keys import facility_key
from cmrkit.reference.load import Reference

FOLDER = "ingest"
RUN_FILE = "facilities.yml"
FORMAT = 1
FIELDS = ("metal", "smelter_id", "smelter_name", "country", "rmi_status", "bucket")


@dataclass(frozen=True)
class RunFacility:
    line: int
    metal: str
    smelter_id: str
    smelter_name: str
    country: str
    rmi_status: str
    bucket: str
    suppliers: int

    def key(self) -> tuple[str, str, str]:
        return facility_key(self.metal, self.smelter_id, self.smelter_name, self.country)


@dataclass(frozen=True)
class RunRecord:
    path: Path
    lists: dict[str, Any] | None  # {as_of: date, files: {name: sha256}}, None: no RMI list
    inputs: tuple[tuple[str, str], ...]  # (file under cmrt/, sha256)
    facilities: tuple[RunFacility, ...]

    @property
    def lists_as_of(self) -> dt.date | None:
        return self.lists["as_of"] if self.lists else None


def run_path(year_dir: Path) -> Path:
    return year_dir / FOLDER / RUN_FILE


def input_digests(src: Path, known: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(name under `src`, sha256) of every file an ingest of `src` reads: what a run records,
    and what `cmrkit check` compares with to tell that the run is out of date. `known` holds
    digests the run already computed (files read), so only the others are hashed here."""
    # The folder walk and the file reader are the pipeline's: imported here, not with the
    # module, so that loading a year (which reads its run) does not load the CMRT reader.
    from cmrkit.ingest.cmrt.layout import load_layouts
    from cmrkit.ingest.cmrt.safety import Refused, read_regular_file
    from cmrkit.ingest.run import list_inputs

    if not src.is_dir():
        return []
    paths, _ = list_inputs(src)  # regular files only, by the names the run shows them
    limit = load_layouts().limits.max_file_bytes
    digests = []
    for path, name in paths:
        digest = (known or {}).get(name)
        if digest is None:
            try:
                digest = hashlib.sha256(read_regular_file(path, limit)).hexdigest()
            except Refused as exc:
                digest = f"unreadable: {exc.reason}"
        digests.append((name, digest))
    return digests


def _flow(record: dict[str, Any]) -> str:
    return yaml.safe_dump(
        record, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1 << 20
    ).strip()


def run_text(
    year: str,
    facilities: Iterable[dict[str, Any]],
    lists: dict[str, Any] | None,
    inputs: Iterable[tuple[str, str]],
    written_by: str = "cmrkit ingest",
) -> str:
    """The file's text: `facilities` are dicts with FIELDS and `suppliers`."""
    lines = [
        f"# The facilities of the {year} ingest run: the year's Annex is built from this file",
        "# when facts.yml says `annex: {source: ingest}`. Written by "
        f"`{written_by} {year}`; do not edit:",
        "# hand decisions (footnotes, exclusions, labels) go in ../annex-decisions.csv.",
        f"format: {FORMAT}",
        f"lists: {_flow(lists) if lists else 'null'}",
    ]
    input_lines = [f"- {_flow({'file': name, 'sha256': sha})}" for name, sha in inputs]
    lines.append("inputs:" + ("" if input_lines else " []"))
    lines.extend(input_lines)
    facility_lines = [
        "- " + _flow({**{name: str(f[name]) for name in FIELDS}, "suppliers": int(f["suppliers"])})
        for f in facilities
    ]
    lines.append("facilities:" + ("" if facility_lines else " []"))
    lines.extend(facility_lines)
    return "\n".join(lines) + "\n"


def write_run(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DataError(Location(path), f"cannot write: {exc.strerror or exc}") from None


def load_run(path: Path, reference: Reference) -> RunRecord:
    """Read and check the run file; every bad facility is reported with its line."""
    if not path.is_file():
        raise DataError(
            Location(path),
            f"no ingest run: run `cmrkit ingest {path.parent.parent.name}` to write it",
        )
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(
            doc.where(("format",)),
            f"not an ingest run file of format {FORMAT} (written by `cmrkit ingest`)",
        )
    lists = _lists(doc, data.get("lists"))
    inputs = _inputs(doc, data.get("inputs"))
    items = data.get("facilities")
    if not isinstance(items, list):
        raise DataError(doc.where(("facilities",)), "'facilities' must be a list")
    problems: list[DataError] = []
    facilities: list[RunFacility] = []
    seen: dict[tuple[str, str, str], int] = {}
    for index, item in enumerate(items):
        where = doc.where(("facilities", index))
        try:
            facility = _facility(where, item, reference)
        except DataError as exc:
            problems.append(exc)
            continue
        first = seen.setdefault(facility.key(), facility.line)
        if first != facility.line:
            problems.append(DataError(where, f"the same facility as line {first}"))
            continue
        facilities.append(facility)
    if problems:
        raise DataProblems(problems)
    return RunRecord(path, lists, inputs, tuple(facilities))


def _lists(doc: YamlDoc, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    where = doc.where(("lists",))
    if not isinstance(value, dict):
        raise DataError(where, "'lists' must be null or {as_of, files}")
    as_of = value.get("as_of")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise DataError(where, "'lists.as_of' must be a date written YYYY-MM-DD")
    files = value.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        raise DataError(where, "'lists.files' must map each stored list to its sha256")
    return {"as_of": as_of, "files": dict(files)}


def _inputs(doc: YamlDoc, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise DataError(doc.where(("inputs",)), "'inputs' must be a list")
    inputs = []
    for index, item in enumerate(value):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("file"), str)
            and isinstance(item.get("sha256"), str)
        ):
            raise DataError(doc.where(("inputs", index)), "each input is {file, sha256}")
        inputs.append((item["file"], item["sha256"]))
    return tuple(inputs)


def _facility(where: Location, item: Any, reference: Reference) -> RunFacility:
    if not isinstance(item, dict):
        raise DataError(where, "each facility is a mapping (metal, smelter_id, ...)")
    values: dict[str, str] = {}
    for name in FIELDS:
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str | int | float):
            raise DataError(where, f"'{name}' must be text")
        values[name] = str(value).strip()
    metal = reference.metals.resolve(values["metal"])
    if metal is None:
        known = ", ".join(reference.metals.canonical)
        raise DataError(where, f"unknown metal '{values['metal']}' (known: {known})")
    for name in ("smelter_name", "country"):
        if not values[name]:
            raise DataError(where, f"blank {name}")
    if values["bucket"] not in reference.statuses.buckets:
        known = ", ".join(reference.statuses.buckets)
        raise DataError(where, f"bucket '{values['bucket']}' is not one of {known}")
    suppliers = item.get("suppliers", 0)
    if not isinstance(suppliers, int) or isinstance(suppliers, bool) or suppliers < 0:
        raise DataError(where, "'suppliers' must be a whole number")
    return RunFacility(
        line=where.line or 0,
        metal=metal,
        smelter_id=values["smelter_id"],
        smelter_name=values["smelter_name"],
        country=values["country"],
        rmi_status=values["rmi_status"],
        bucket=values["bucket"],
        suppliers=suppliers,
    )
