"""cmrkit for analysts: a year's Annex and an ingest run's results as pandas DataFrames.

    import cmrkit
    year = cmrkit.load_year(2023, data_dir="data")
    year.annex_frame().groupby(["metal", "status"]).size()

    run = cmrkit.ingest_folder("suppliers/2024", status=["conformant=rmi-conformant.xlsx",
                                                         "active=rmi-active.xlsx"])
    run.smelters_frame().sort_values("supplier_count", ascending=False)
    run.problems_frame().query("severity == 'error'")

The same engine as the `cmrkit` command: the same checks, the same messages (a bad file raises
`cmrkit.errors.CmrkitError` naming file and line), the same reference data (packaged, or the
repository's own `data/reference/`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmrkit.files.project import Project
from cmrkit.ingest.outputs import SMELTER_FIELDS, facility_record, supplier_rows
from cmrkit.ingest.request import label_set as known_label_set
from cmrkit.ingest.request import run_lists
from cmrkit.ingest.run import IngestOptions, IngestResult, run_ingest
from cmrkit.reference.load import load_reference
from cmrkit.year import report as year_report
from cmrkit.year.report import YearReport

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IngestRun", "YearReport", "ingest_folder", "load_year"]


def load_year(year: int | str, data_dir: str | Path = "data") -> YearReport:
    """The reporting year `data_dir/<year>/`, loaded and checked: facts, Annex, figures.
    `.annex_frame()` gives its Annex as a DataFrame."""
    return year_report.load_year(Project.around(Path(data_dir)).data_dir, year)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class IngestRun:
    """The result of reading a folder of supplier CMRTs, as `cmrkit ingest` writes it."""

    result: IngestResult

    @property
    def accounting(self) -> str:
        """The run's accounting line ("6 files read, 2 refused; 21 smelter rows: ...")."""
        return self.result.accounting.line()

    @property
    def rcoi(self) -> dict[str, Any]:
        """The RCOI figures (the `--rcoi` file's content)."""
        return self.result.rcoi.as_dict()

    def smelters_frame(self) -> pd.DataFrame:
        """The consolidated smelter list: one row per facility (the `--out` CSV's columns)."""
        rows = [
            facility_record(f, self.result.classifications[f.key()])
            for f in self.result.consolidation.facilities
        ]
        return _frame(rows, list(SMELTER_FIELDS))

    def problems_frame(self) -> pd.DataFrame:
        """Every problem: file, sheet, cell, severity, code, reason (the `--problems` CSV)."""
        from cmrkit.ingest.problems import FIELDS

        return _frame([p.as_row() for p in self.result.problems], list(FIELDS))

    def suppliers_frame(self) -> pd.DataFrame:
        """One row per supplier file, read or refused (the `--suppliers` CSV)."""
        fields, rows = supplier_rows(self.result)
        return _frame(rows, fields)


def ingest_folder(
    folder: str | Path,
    *,
    data_dir: str | Path | None = None,
    label_set: str = "rmap",
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    asked: int | None = None,
    status: Sequence[str | Path] = (),
) -> IngestRun:
    """Read every supplier CMRT under `folder` (no file is written; `cache_dir` keeps a cache).
    `data_dir` names a repository's data folder whose `reference/` overrides the packaged
    reference files. `status` classifies the facilities against RMI's lists as `cmrkit ingest
    --status` does: `"conformant=rmi-conformant.xlsx"` for a list whose rows all have that
    status, or a file with a status column; the printed labels are `label_set`'s."""
    reference_dir = Project.around(Path(data_dir)).reference_dir if data_dir else None
    reference = load_reference(reference_dir)
    lists = tuple(str(item) for item in status)
    status_list = run_lists(lists, None, None, reference, reference_dir)[0]
    options = IngestOptions(
        status_list=status_list,
        label_set=known_label_set(reference, label_set),
        jobs=jobs,
        cache_root=Path(cache_dir) if cache_dir else None,
        asked=asked,
    )
    result = run_ingest(Path(folder), reference, options)
    return IngestRun(result)
