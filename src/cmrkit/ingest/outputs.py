"""What an ingest run writes: the consolidated smelter list, the problems and suppliers tables
(CSV), the RCOI figures (YAML or JSON) and the run file a year's Annex is built from.

Every text cell of a CSV is neutralised (`cmrkit.files.spreadsheet_text`): supplier text stays
text when a spreadsheet opens it. Callers check first that no output overwrites an input.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import yaml

from cmrkit.errors import DataError, Location
from cmrkit.files.spreadsheet_text import neutralise
from cmrkit.ingest.classify import Classification, sanctions_text
from cmrkit.ingest.cmrt.layout import Layout, load_layouts
from cmrkit.ingest.cmrt.read import SupplierFile
from cmrkit.ingest.cmrt.safety import NO_REVISION
from cmrkit.ingest.consolidate import Facility
from cmrkit.ingest.problems import FIELDS as PROBLEM_FIELDS
from cmrkit.ingest.rcoi import scope_kind
from cmrkit.ingest.rmi_store import ListsManifest
from cmrkit.ingest.run import IngestResult
from cmrkit.ingest.run_record import input_digests, run_text
from cmrkit.ingest.workers import RevisionSeen

# Why a folder entry refused before it was read as a file (a link, a device) shows no revision.
NOT_A_FILE = "the folder entry was not read as a file (see the reason)"

SMELTER_FIELDS = (
    "metal",
    "smelter_id",
    "smelter_name",
    "country",
    "supplier_count",
    "suppliers",
    "listed",
    "rmi_status",
    "status_bucket",
    "status_label",
    "covered_country",
    "sanctions",
    "suggested_match",
    "reported_names",
    "rows",
    "files",
)


def facility_record(facility: Facility, classification: Classification) -> dict[str, Any]:
    """One row of the consolidated CSV."""
    return {
        "metal": facility.metal,
        "smelter_id": facility.smelter_id,
        "smelter_name": facility.smelter_name,
        "country": facility.country,
        "supplier_count": facility.supplier_count,
        "suppliers": "; ".join(facility.suppliers),
        "listed": "yes" if facility.listed else "no",
        "rmi_status": classification.rmi_status,
        "status_bucket": classification.bucket,
        "status_label": classification.label,
        "covered_country": "yes" if classification.covered_country else "no",
        "sanctions": sanctions_text(classification.sanctions),
        "suggested_match": facility.suggested_match,
        "reported_names": "; ".join(facility.reported_names),
        "rows": facility.rows,
        "files": "; ".join(facility.files),
    }


def year_run_text(
    result: IngestResult, year: str, manifest: ListsManifest | None, src: Path
) -> str:
    """The run file the year's Annex is built from (`cmrkit.ingest.run_record`)."""
    facilities = []
    for facility in result.consolidation.facilities:
        classification = result.classifications[facility.key()]
        facilities.append(
            {
                "metal": facility.metal,
                "smelter_id": facility.smelter_id,
                "smelter_name": facility.smelter_name,
                "country": facility.country,
                "rmi_status": classification.rmi_status,
                "bucket": classification.bucket or "other",
                "suppliers": facility.supplier_count,
            }
        )
    lists = manifest.summary() if manifest else None
    known = {f.file: f.sha256 for f in result.read.files}
    return run_text(year, facilities, lists, input_digests(src, known))


def write_outputs(result: IngestResult, outputs: dict[str, Path | None]) -> None:
    if outputs["out"]:
        rows = [
            facility_record(f, result.classifications[f.key()])
            for f in result.consolidation.facilities
        ]
        _write_csv(outputs["out"], SMELTER_FIELDS, rows)
    if outputs["problems"]:
        _write_csv(outputs["problems"], PROBLEM_FIELDS, [p.as_row() for p in result.problems])
    if outputs["suppliers"]:
        fields, rows = supplier_rows(result)
        _write_csv(outputs["suppliers"], fields, rows)
    if outputs["rcoi"]:
        write_rcoi(outputs["rcoi"], result.rcoi.as_dict())


def supplier_rows(result: IngestResult) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per folder entry: what each read file declares and answers, and why any other
    entry was not read (refused, or another RMI template)."""
    layout = load_layouts().newest
    consolidated: dict[str, int] = {}
    for row in result.rows:
        consolidated[row.file] = consolidated.get(row.file, 0) + 1
    declaration_keys = list(layout.declaration)
    question_keys = [
        f"{q.lower()}_{m.lower()}" for q in layout.metal_questions.rows for m in layout.metal_order
    ]
    company_keys = [f"question_{k.lower()}" for k in layout.company_questions.rows]
    fields = [
        "file",
        "status",
        "reason",
        "revision",
        "revision_unknown",
        "sha256",
        *declaration_keys,
        "scope_kind",
        "smelter_rows",
        "consolidated_rows",
        "flagged_rows",
        "products",
        *question_keys,
        *company_keys,
    ]
    rows = [
        _read_file_row(f, consolidated.get(f.file, 0), layout, declaration_keys)
        for f in result.read.files
    ]
    seen = result.read.refused_revisions
    for problem in [*result.read.refused, *result.read.skipped]:
        if problem.severity == "refused":
            revision = seen.get(problem.file, RevisionSeen("", NOT_A_FILE))
            rows.append(
                {
                    "file": problem.file,
                    "status": "refused",
                    "reason": problem.reason,
                    "revision": revision.revision,
                    "revision_unknown": revision.unknown,
                }
            )
    for other in result.read.others:
        rows.append(
            {
                "file": other.file,
                "status": f"other template ({other.template})",
                "reason": other.reason,
                "revision": other.revision or "",
                "revision_unknown": "" if other.revision else NO_REVISION,
            }
        )
    rows.sort(key=lambda r: r["file"])
    return fields, rows


def _write_csv(path: Path, fields: Any, rows: list[dict[str, Any]]) -> None:
    """A CSV whose every text cell is neutralised: supplier text stays text in a spreadsheet."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(fields), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
                )
    except OSError as exc:
        raise DataError(Location(path), f"cannot write: {exc.strerror}") from None


def write_rcoi(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".json":
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            header = (
                "# RCOI figures written by `cmrkit ingest`; see cmrkit.ingest.rcoi for each key\n"
            )
            body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
            path.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise DataError(Location(path), f"cannot write: {exc.strerror}") from None


def _read_file_row(
    f: SupplierFile, consolidated: int, layout: Layout, declaration_keys: list[str]
) -> dict[str, Any]:
    """A read file's row: its declaration, what became of its smelter rows, and its answers."""
    row: dict[str, Any] = {
        "file": f.file,
        "status": "unfilled" if f.unfilled else "read",
        "revision": f.revision,
        "sha256": f.sha256,
    }
    row.update({k: f.declaration.get(k, "") for k in declaration_keys})
    row["scope_kind"] = scope_kind(f.declaration.get("scope", ""), dict(layout.scopes))
    row["smelter_rows"] = len(f.smelter_rows)
    row["consolidated_rows"] = consolidated
    row["flagged_rows"] = len(f.smelter_rows) - consolidated
    row["products"] = len(f.products)
    for question, block in f.metal_answers.items():
        for metal, answer in block.items():
            row[f"{question.lower()}_{metal.lower()}"] = answer["answer"]
    for letter, answer in f.company_answers.items():
        row[f"question_{letter.lower()}"] = answer["answer"]
    return row
