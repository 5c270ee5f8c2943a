"""Which CMRT revision a workbook is, decided from its sheets and the revision cell alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cmrkit.ingest.cmrt.layout import REPOSITORY_FILE, Layout, Layouts, split_cell
from cmrkit.ingest.cmrt.safety import Refused


@dataclass(frozen=True)
class Detected:
    revision: str
    layout: Layout
    # A revision later than any known, to be read with the newest known layout once the file's
    # structure is verified (see `cmrt.structure`).
    newer: bool = False


def find_revision(rows: Sequence[Sequence[object]], layouts: Layouts) -> str | None:
    """The revision written in the Declaration's revision cell (or near the top of the sheet)."""
    pattern = re.compile(layouts.detect.pattern, re.IGNORECASE)
    candidates: list[object] = []
    for address in layouts.detect.cells:
        row, column = split_cell(address)
        if row < len(rows) and column < len(rows[row]):
            candidates.append(rows[row][column])
    for cells in rows[: layouts.detect.scan_rows]:
        candidates.extend(cells)
    for value in candidates:
        if isinstance(value, str):
            match = pattern.search(value)
            if match:
                return match.group(1)
    return None


def detect(
    sheet_names: Sequence[str], declaration_rows: Sequence[Sequence[object]], layouts: Layouts
) -> Detected:
    """Return the revision and its layout, or raise `Refused` saying why the file is not read."""
    spec = layouts.detect
    missing = [s for s in spec.required_sheets if s not in sheet_names]
    revision = find_revision(declaration_rows, layouts) if spec.sheet in sheet_names else None
    if revision is not None:
        refusal = layouts.refusal_for(revision)
        if refusal:
            raise Refused(refusal, sheet=spec.sheet, cell=spec.cell)
    if missing:
        raise Refused(
            "not a CMRT: no sheet named " + ", ".join(f"'{name}'" for name in missing),
        )
    if revision is None:
        raise Refused(
            "not a CMRT, or a damaged one: no 'Revision x.y' in the Declaration's revision cell",
            sheet=spec.sheet,
            cell=spec.cell,
        )
    layout = layouts.for_revision(revision)
    if layout is not None:
        return Detected(revision=revision, layout=layout)
    if layouts.is_newer(revision):
        return Detected(revision=revision, layout=layouts.newest, newer=True)
    raise Refused(
        f"CMRT revision {revision} is not one cmrkit knows (supported: "
        f"{', '.join(layouts.supported)}); add its cell map to {REPOSITORY_FILE}",
        sheet=spec.sheet,
        cell=spec.cell,
    )
