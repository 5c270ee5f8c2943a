"""Where a year's RCOI figures come from: typed in `facts.yml`, or the output of an ingest run.

A year whose supplier CMRTs are in `data/<year>/cmrt/` should not retype what `cmrkit ingest`
counted. Its `facts.yml` then says

    rcoi:
      source: ingest/rcoi.yml

and the `rcoi:` block of that file (written by `cmrkit ingest <year>` or `--rcoi`) takes the place
of typed counts; the rest of the ingest file (declarations by scope, answers per question) is
offered to the pages as `report.rcoi`. Typing a count as well is refused: one figure, one source.
The one exception is the number of suppliers asked, which only a person knows: when the run was
not told it (`cmrkit ingest --asked N` or `--asked-list FILE`), its file says null and the facts
may give it (`contract_manufacturers_asked: 7` beside `source:`); a run that was told it and a
typed count as well is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cmrkit.errors import DataError
from cmrkit.files.yamlio import YamlDoc, load_yaml

ASKED = "contract_manufacturers_asked"  # the one count a person gives (see the docstring)
RCOI_KEYS = (
    "contract_manufacturers_asked",
    "contract_manufacturers_answering",
    "cmrt_level",
    "template",
)


def resolve_rcoi(facts_doc: YamlDoc, year_dir: Path) -> tuple[YamlDoc, dict[str, Any]]:
    """Facts with their `rcoi:` block filled from its source, and the source's full figures.

    Facts without `rcoi.source` come back unchanged, with their typed block as the figures."""
    facts = facts_doc.data
    block = facts.get("rcoi") if isinstance(facts, dict) else None
    if not isinstance(block, dict) or "source" not in block:
        return facts_doc, {"rcoi": block} if isinstance(block, dict) else {}
    typed = [key for key in RCOI_KEYS if key in block and key != ASKED]
    if typed:
        raise DataError(
            facts_doc.where(("rcoi", typed[0])),
            f"'rcoi.{typed[0]}' is typed here and also read from '{block['source']}': keep one",
        )
    source = block["source"]
    if not isinstance(source, str) or not source.strip():
        raise DataError(facts_doc.where(("rcoi", "source")), "'rcoi.source' must be a file path")
    source_path = (year_dir / source).resolve()
    if year_dir.resolve() not in source_path.parents:
        raise DataError(
            facts_doc.where(("rcoi", "source")), f"'{source}' is outside the year's folder"
        )
    if not source_path.is_file():
        raise DataError(
            facts_doc.where(("rcoi", "source")),
            f"'{source}' not found: run `cmrkit ingest {year_dir.name}` to write it",
        )
    ingest_doc = load_yaml(source_path)
    figures = ingest_doc.data if isinstance(ingest_doc.data, dict) else {}
    counted = figures.get("rcoi")
    if not isinstance(counted, dict):
        raise DataError(
            ingest_doc.where(()), "no 'rcoi:' block (the file `cmrkit ingest --rcoi` writes)"
        )
    missing = [key for key in RCOI_KEYS if key not in counted]
    if missing:
        raise DataError(ingest_doc.where(("rcoi",)), f"missing 'rcoi.{missing[0]}'")
    merged_block = {**counted, "source": source}
    if ASKED in block:
        if counted[ASKED] is not None:
            raise DataError(
                facts_doc.where(("rcoi", ASKED)),
                f"'rcoi.{ASKED}' is typed here and also given to the run in '{source}' "
                f"({counted[ASKED]}): keep one",
            )
        merged_block[ASKED] = block[ASKED]
    merged = {**facts, "rcoi": merged_block}
    # Lines of the merged keys point at the `rcoi:` block of facts.yml, which names the source.
    return YamlDoc(facts_doc.path, merged, facts_doc.lines), figures
