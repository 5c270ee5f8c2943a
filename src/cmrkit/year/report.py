"""One reporting year, loaded and checked: facts, Annex, reference data and figures.

This is the engine's front door for every consumer (the site's macros, exports, checks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmrkit.errors import DataError, Location
from cmrkit.files.project import reference_folder, year_folder, year_folders
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.reference.load import LabelSet, Reference, SanctionEntry, load_reference
from cmrkit.year.annex import KNOWN_COLUMNS, AnnexRow, Column, load_annex
from cmrkit.year.annex_run import RunAnnex, load_run_annex
from cmrkit.year.annex_shape import AnnexShape, PrintedTable, annex_layout
from cmrkit.year.annex_summary import FILE as SUMMARY_FILE
from cmrkit.year.annex_summary import StatusSummary, load_summary
from cmrkit.year.decisions import FILE as DECISIONS_FILE
from cmrkit.year.facts import Facts, validate_facts
from cmrkit.year.figures import Figures, compute_figures
from cmrkit.year.own_labels import with_own_labels
from cmrkit.year.rcoi_source import resolve_rcoi

if TYPE_CHECKING:
    import pandas as pd  # imported only when a frame is asked for (`annex_frame`)


@dataclass(frozen=True)
class YearReport:
    year: int
    data_dir: Path
    facts: Facts
    annex: list[AnnexRow]
    figures: Figures
    reference: Reference
    # The RCOI figures in full: the ingest run's file when facts name one as `rcoi.source`
    # (declarations by scope, answers per question...), else just the typed `rcoi:` block.
    rcoi: dict[str, Any] = field(default_factory=dict)
    # The file the Annex rows' line numbers refer to: annex.csv, or the ingest run's file.
    annex_path: Path | None = None
    # For `annex: {source: ingest}`: the run, the decisions applied and the facilities excluded.
    run_annex: RunAnnex | None = None
    # Whether the Annex gives each row's status (a filer that printed none keeps no status
    # column): without it, no figure by status exists.
    has_status: bool = True
    # The filed status summary by metal (`annex-summary.csv`) of an Annex without statuses: the
    # year's figures by status then come from it (see `cmrkit.year.annex_summary`).
    filed_summary: StatusSummary | None = None

    @property
    def folder(self) -> Path:
        """`data/<year>/`: where the year's facts, Annex and run are."""
        return year_dir(self.data_dir, self.year)

    @property
    def has_status_figures(self) -> bool:
        """Whether any figure by status exists: from the rows' statuses or the filed summary."""
        return self.figures.has_status

    @property
    def is_filed(self) -> bool:
        return self.facts.filing.is_filed

    @property
    def columns(self) -> tuple[Column, ...]:
        """The Annex table's columns as this year prints them (facts.yml `annex.columns`)."""
        return self.facts.annex.columns

    @property
    def shape(self) -> AnnexShape:
        """How the Annex prints (facts.yml `annex.shape`)."""
        return self.facts.annex.shape

    @property
    def layout(self) -> tuple[PrintedTable, ...]:
        """The printed Annex: its tables and their rows in printed order, numbered."""
        return annex_layout(self.annex, self.shape)

    @property
    def printed_rows(self) -> list[AnnexRow]:
        """The Annex rows in printed order (row n of this list is printed row n)."""
        return [printed.row for table in self.layout for printed in table.rows]

    def annex_frame(self) -> pd.DataFrame:
        """The Annex as a pandas DataFrame: `metal, smelter_id, smelter_name, country, status`,
        then the rest (see `cmrkit.year.frames`)."""
        from cmrkit.year.frames import annex_frame

        return annex_frame(self)

    def status_summary(self) -> tuple[list[str], list[list[str]]]:
        """The status summary by metal a filed report prints (`annex.shape.summary`): headers
        (Metal, the year's status words, Total) and a row per metal in the shape's order, then
        the totals; computed from the rows, or the filed summary's counts (its words as filed)
        when the rows have none. Without either it raises `StatusMissing`."""
        words = self.figure_words
        figures = self.figures
        by_metal = {counts.metal: counts for counts in figures.by_metal}
        rows = []
        for metal in self.shape.metal_order:
            counts = by_metal[metal]
            rows.append([metal, *(str(counts.by_status[w]) for w in words), str(counts.total)])
        rows.append(["Total", *(str(figures.by_status[w]) for w in words), str(figures.total)])
        return ["Metal", *words, "Total"], rows

    @property
    def figure_words(self) -> tuple[str, ...]:
        """The status words the figures by status are shown under: the label set's, or, when
        the filed summary gives them, its words in the file's order (as the report printed
        them); none without a figure by status. The summary table and the charts use these."""
        if not self.has_status_figures:
            return ()
        if self.filed_summary is not None and not self.has_status:
            return tuple(self.filed_summary.by_status())
        return self.status_words

    @property
    def label_set(self) -> LabelSet:
        return self.reference.statuses.label_set(self.facts.annex.status_labels)

    @property
    def status_words(self) -> tuple[str, ...]:
        """The status words this year's report prints, in the label set's order."""
        return tuple(self.label_set.words)

    @property
    def shown_buckets(self) -> tuple[str, ...]:
        """The bucket of each status word, in the same order: the buckets tables show."""
        return tuple(buckets[0] for buckets in self.label_set.words.values())

    @property
    def labels(self) -> dict[str, str]:
        """Bucket -> the word this year's report prints for it (the bucket's own name when the
        year's label set has no word for it)."""
        labels = self.label_set
        return {
            bucket: labels.word_for(bucket) or bucket for bucket in self.reference.statuses.buckets
        }

    @property
    def rmi_lists_as_of(self) -> dt.date | None:
        """The date of the RMI lists that classified an Annex built from the ingest run."""
        return self.run_annex.run.lists_as_of if self.run_annex else None

    @property
    def unused_footnotes(self) -> list[str]:
        """Markers declared in facts.yml that no Annex row carries."""
        used = {row.footnote for row in self.annex}
        return [marker for marker in self.facts.annex.footnotes if marker not in used]

    @property
    def footnotes(self) -> dict[str, SanctionEntry]:
        """Footnote marker -> the sanctions entry its note explains."""
        by_id = {entry.id: entry for entry in self.reference.sanctions}
        return {marker: by_id[entry_id] for marker, entry_id in self.facts.annex.footnotes.items()}


def year_dir(data_dir: Path, year: int) -> Path:
    """`data/<year>/` of a data folder (the layout is files.project's)."""
    return year_folder(data_dir, year)


def available_years(data_dir: Path) -> list[int]:
    """The years with a folder in a data folder (as `Project.years`)."""
    return year_folders(data_dir)


def load_year(data_dir: Path, year: int | str) -> YearReport:
    """Load `data/<year>/` and `data/reference/`; any defect raises with file and line."""
    try:
        year = int(year)
    except ValueError:
        raise DataError(Location(data_dir), f"report year '{year}' is not a year") from None
    folder = year_dir(data_dir, year)
    if not folder.is_dir():
        known = ", ".join(str(y) for y in available_years(data_dir)) or "none"
        raise DataError(Location(folder), f"no data folder for {year} (years present: {known})")
    reference = load_reference(reference_folder(data_dir))
    facts_path = folder / "facts.yml"
    facts_doc, rcoi = resolve_rcoi(load_yaml(facts_path), folder)
    facts_doc, reference = with_own_labels(facts_doc, reference)
    facts = validate_facts(facts_doc, reference)
    columns = facts.annex.columns
    period_year = facts.period.end.year
    if period_year != year:
        raise DataError(
            Location(facts_path), f"period ends in {period_year} but the folder is for {year}"
        )
    footnotes = dict(facts.annex.footnotes)
    label_set = facts.annex.status_labels
    run_annex = None
    filed_summary = None
    hand_kept = facts.annex.file  # else the facts say `annex.source: ingest` (one of the two)
    if hand_kept is None:
        labels = reference.statuses.labels(label_set)
        run_annex = load_run_annex(folder, reference, labels, set(footnotes))
        if columns != tuple(c for c in columns if c.name in KNOWN_COLUMNS):
            extra = next(c.name for c in columns if c.name not in KNOWN_COLUMNS)
            raise DataError(
                facts_doc.where(("annex", "columns")),
                f"column '{extra}' is not in the ingest run: an Annex from the run prints "
                f"{', '.join(KNOWN_COLUMNS)}",
            )
        annex, annex_path, has_status = run_annex.rows, run_annex.run.path, True
    else:
        annex_path = folder / hand_kept
        _refuse_decisions(folder / DECISIONS_FILE, annex_path)
        kept = facts.annex.duplicates_as_filed
        loaded = load_annex(
            annex_path, reference, label_set, footnotes, columns, keep_duplicates=kept is not None
        )
        annex, has_status = loaded.rows, loaded.has_status
        if kept is not None:
            _check_kept_duplicates(annex, kept, annex_path, facts_doc)
        summary_path = folder / SUMMARY_FILE
        if summary_path.exists():
            if has_status:
                raise DataError(
                    Location(summary_path, 1),
                    f"{annex_path.name} gives each row its status: the figures by status come "
                    f"from the rows, so delete {SUMMARY_FILE}",
                )
            filed_summary = load_summary(
                summary_path,
                reference,
                reference.statuses.label_set(label_set),
                Counter(row.metal for row in annex),
            )
        printed = facts.annex.shape.tables != "none"
        if not annex and facts.filing.is_filed and printed:
            raise DataError(Location(annex_path, 1), "the Annex of a filed year has no rows")
        if annex and not printed:
            raise DataError(
                facts_doc.where(("annex", "shape", "tables")),
                f"'tables: none' (the report prints no smelter list) but {annex_path.name} "
                "has rows",
            )
        # A hand-kept Annex carries its markers; one attached to nothing is a typing slip. In an
        # Annex from the run, it is a decision not made yet: `cmrkit check` reports it.
        used = {row.footnote for row in annex}
        for marker in footnotes:
            if marker not in used:
                raise DataError(
                    facts_doc.where(("annex", "footnotes", marker)),
                    f"footnote '{marker}' is attached to no Annex row",
                )
    # A filed summary stands for the rows' statuses in a summary table, never in marks on names.
    summarised = filed_summary is not None and facts.annex.shape.status != "marks"
    annex = _shaped(annex, facts, has_status or summarised, annex_path, facts_doc)
    declarations = rcoi.get("declarations") if facts.rcoi.source else None
    figures = compute_figures(
        annex,
        facts,
        reference,
        has_status=has_status,
        summary=filed_summary,
        declarations={str(k): v for k, v in declarations.items() if isinstance(v, int)}
        if isinstance(declarations, dict)
        else None,
    )
    return YearReport(
        year,
        data_dir,
        facts,
        annex,
        figures,
        reference,
        rcoi,
        annex_path,
        run_annex,
        has_status,
        filed_summary,
    )


def _shaped(
    rows: list[AnnexRow], facts: Facts, has_status: bool, path: Path, facts_doc: YamlDoc
) -> list[AnnexRow]:
    """The rows checked against the year's Annex shape, each carrying its status mark."""
    shape = facts.annex.shape
    if shape.needs_status and not has_status:
        what = "status marks" if shape.status == "marks" else "a status summary"
        raise DataError(
            Location(path, 1),
            f"no 'status' column, but facts.yml annex.shape prints {what}: give each row its "
            "status, or leave statuses out of annex.shape",
        )
    if shape.order_given:
        for row in rows:
            if row.metal not in shape.metal_order:
                raise DataError(
                    Location(path, row.line),
                    f"{row.metal} is not in facts.yml annex.shape.metal_order "
                    f"({', '.join(shape.metal_order)})",
                )
    if shape.status != "marks":
        return rows
    return [replace(row, mark=shape.mark_of(row.status)) for row in rows]


def _check_kept_duplicates(rows: list[AnnexRow], kept: int, path: Path, facts_doc: YamlDoc) -> None:
    """A filed year keeps exactly the rows its report printed twice: one more is a row typed
    since (refused on its line), one fewer means the fact no longer says what the file holds."""
    repeated = [row for row in rows if row.repeats]
    if len(repeated) > kept:
        extra = repeated[kept]
        raise DataError(
            Location(path, extra.line),
            f"duplicate row: same facility as line {extra.repeats} (facts.yml "
            f"annex.duplicates_as_filed keeps {kept} rows printed twice as filed; this is one "
            "more)",
        )
    if len(repeated) < kept:
        raise DataError(
            facts_doc.where(("annex", "duplicates_as_filed")),
            f"annex.duplicates_as_filed is {kept}, but {path.name} repeats "
            f"{len(repeated)} rows: give the number of rows the filed report prints twice",
        )


def _refuse_decisions(decisions: Path, annex_csv: Path) -> None:
    """Decisions on a hand-kept Annex would be ignored: an ignored decision is refused."""
    if decisions.exists():
        raise DataError(
            Location(decisions),
            f"decisions apply to an Annex built from the ingest run (facts.yml `annex: "
            f"{{source: ingest}}`); this year's Annex is {annex_csv.name}, kept by hand: "
            "make the change there and delete this file",
        )
