"""The ingest pipeline: read every supplier file of a folder, resolve, consolidate, classify.

Reading is the slow part and each file is independent, so it runs in a process pool, each file
checked first by the cache (keyed by content). Everything after reading needs all files at once,
is cheap, and runs in the main process. Rows are resolved against RMI's Smelter Look-up as cmrkit
ships it (`cmrt.shipped`; the newest revision among the inputs, each file's own revision for
facilities RMI has since dropped), never against a look-up a supplier's file carries.

Every entry of the folder ends read, refused, listed as another RMI template, or skipped with a
reason; every smelter row ends consolidated or in the problems list: `Accounting` holds the
counts and checks that they add up.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, Location
from cmrkit.ingest.classify import Classification, StatusList, classify
from cmrkit.ingest.cmrt.layout import (
    Layout,
    Layouts,
    layouts_for,
    repository_layouts,
    revision_generation,
    revision_key,
)
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_csv, lookup_from_rows
from cmrkit.ingest.cmrt.lookup_check import lookup_disagreements
from cmrkit.ingest.cmrt.read import LOOKUP_FIELDS, SupplierFile, read_supplier_file
from cmrkit.ingest.cmrt.resolve import ResolvedRow, resolve_file, supplier_name
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.cmrt.shipped import checked_index, load_index, shipped_lookup, shipped_rows
from cmrkit.ingest.cmrt.template import OtherTemplate
from cmrkit.ingest.consolidate import Consolidation, consolidate
from cmrkit.ingest.problems import Problem, Severity, sort_key
from cmrkit.ingest.rcoi import RcoiFigures, rcoi_figures
from cmrkit.ingest.reference_store import StoredReference
from cmrkit.ingest.workers import ReadResult, list_inputs, read_folder
from cmrkit.reference.load import Reference, fold

ProgressFactory = Callable[[int], Callable[[int], None] | None]


@dataclass(frozen=True)
class IngestOptions:
    """How one run reads and classifies. The defaults are a plain `cmrkit ingest`: RMI's
    look-up as shipped, no status list, the RMAP label set, one job per core (at most 8), no
    cache, no progress bar, and the number of suppliers asked not given (never taken from the
    files received: see `cmrkit.ingest.rcoi`)."""

    reference_override: Path | None = None  # a CMRT or CSV look-up chosen with --reference
    status_list: StatusList | None = None
    label_set: str = "rmap"
    jobs: int | None = None
    cache_root: Path | None = None
    progress_factory: ProgressFactory | None = None
    asked: int | None = None
    asked_list: tuple[str, ...] | None = None
    # RMI's newest look-up kept with the year (`ingest.reference_store`), used unless
    # `reference_override` is given.
    stored_reference: StoredReference | None = None

    def job_count(self) -> int:
        return self.jobs or min(os.cpu_count() or 1, 8)


@dataclass(frozen=True)
class Accounting:
    files_read: int
    files_refused: int
    rows: int
    consolidated: int
    facilities: int
    flagged: int
    warnings: int
    other_templates: int = 0
    unfilled: int = 0
    entries_refused: int = 0  # links, pipes, devices, unreadable folders: not files at all

    def check(self) -> None:
        if self.rows != self.consolidated + self.flagged:
            raise AssertionError(f"rows do not add up: {self}")

    def line(self) -> str:
        extras = ""
        if self.other_templates:
            extras += f", {self.other_templates} other RMI template(s)"
        if self.unfilled:
            extras += f", {self.unfilled} unfilled"
        if self.entries_refused:
            extras += f", {self.entries_refused} other folder entries refused"
        return (
            f"{self.files_read} files read, {self.files_refused} refused{extras}; "
            f"{self.rows} smelter rows: {self.consolidated} consolidated into "
            f"{self.facilities} facilities, {self.flagged} flagged; "
            f"{self.warnings} warnings"
        )


@dataclass
class IngestResult:
    read: ReadResult
    reference: SmelterLookup
    rows: list[ResolvedRow]
    consolidation: Consolidation
    classifications: dict[tuple[str, str, str], Classification]
    problems: list[Problem]
    accounting: Accounting
    rcoi: RcoiFigures
    status_list: StatusList | None = None


# --- everything after reading -----------------------------------------------------------------


def _shipped(reference: Reference) -> Path:
    """The index of RMI's look-ups in force (the repository's, checked against the sha256 of
    each CSV, else cmrkit's own)."""
    index = checked_index(reference.overrides)
    if not load_index(index):
        raise DataError(
            Location(index),
            "no RMI Smelter Look-up listed here: run `python -m cmrkit.ingest.cmrt.extract` on "
            "RMI's blank templates",
        )
    return index


def choose_reference(
    read: ReadResult,
    reference: Reference,
    override: Path | None,
    matched: dict[str, str] | None = None,
) -> SmelterLookup:
    """The look-up to resolve against: `override` (a CMRT or CSV the user chose), else RMI's
    look-up as shipped for the newest revision among the files read (the newest shipped when
    none was read). A supplier's file never decides it."""
    metals = reference.metals
    if override is not None:
        if override.suffix.lower() == ".csv":
            return lookup_from_csv(override, metals)
        try:
            supplier = read_supplier_file(override, layouts=layouts_for(reference.overrides))
        except (Refused, OtherTemplate) as exc:
            reason = exc.reason if isinstance(exc, Refused) else exc.message
            raise DataError(Location(override), f"cannot use as reference: {reason}") from None
        index = _shipped(reference)
        countries = shipped_rows(index, max(load_index(index), key=revision_key))[1]
        return lookup_from_rows(
            supplier.lookup,
            countries,
            f"{override.name} (CMRT {supplier.revision}, chosen with --reference)",
            supplier.revision,
            metals,
        )
    index = _shipped(reference)
    shipped = load_index(index)
    matched = _carried_revisions(read, index) if matched is None else matched
    revisions = [r for r in (lookup_revision(f, shipped, matched) for f in read.files) if r]
    newest = max(revisions or list(shipped), key=revision_key)
    return shipped_lookup(index, newest, metals)


def lookup_revision(
    f: SupplierFile, shipped: dict[str, Any], matched: dict[str, str]
) -> str | None:
    """The revision whose RMI look-up a file was filled with: its own when cmrkit ships that
    revision's look-up, else the shipped revision whose look-up the file carries unedited (a
    file relabelled, or a revision newer than the look-ups shipped that kept an older list)."""
    if f.revision in shipped:
        return f.revision
    return matched.get(f.lookup_digest)


def _carried_revisions(read: ReadResult, index: Path) -> dict[str, str]:
    """Look-up digest -> the shipped revision whose rows the carried look-up equals exactly."""
    shipped = load_index(index)
    out: dict[str, str] = {}
    for digest, rows in read.lookups.items():
        carried = [row[: len(LOOKUP_FIELDS)] for row in rows]
        for revision in sorted(shipped, key=revision_key, reverse=True):
            if (
                shipped[revision].rows == len(carried)
                and shipped_rows(index, revision)[0] == carried
            ):
                out[digest] = revision
                break
    return out


def run_ingest(
    src: Path, reference: Reference, options: IngestOptions | None = None
) -> IngestResult:
    """Read, resolve, consolidate, classify and count; no output is written here."""
    options = options or IngestOptions()
    layouts = layouts_for(reference.overrides)
    paths, skipped = list_inputs(src)
    progress = options.progress_factory(len(paths)) if options.progress_factory else None
    read = read_folder(
        paths,
        options.job_count(),
        options.cache_root,
        progress,
        repository_layouts(reference.overrides),
    )
    read.skipped = skipped
    matched = _carried_revisions(read, _shipped(reference))
    if options.reference_override is None and options.stored_reference is not None:
        lookup = options.stored_reference.lookup(reference.metals)
    else:
        lookup = choose_reference(read, reference, options.reference_override, matched)
    own = _OwnLookups(_shipped(reference), reference, matched)
    if options.reference_override is None:
        own.remember(lookup)
    countries = _countries(lookup, read.files, own)

    problems: list[Problem] = [*read.refused, *skipped]
    problems += [
        Problem.at(o.file, "Declaration", "", Severity.INFO, "other_template", o.reason)
        for o in read.others
    ]
    rows, row_problems, excluded = _resolve_files(read, layouts, lookup, own, countries, reference)
    problems += row_problems
    campaign = campaign_revision(read.files, lookup, options)
    problems += old_revisions(read.files, campaign, layouts)
    consolidation = consolidate(rows, lookup)
    problems.extend(consolidation.problems)
    if options.status_list is not None:
        problems.extend(options.status_list.problems)
    classifications = {
        facility.key(): classify(facility, reference, options.status_list, options.label_set)
        for facility in consolidation.facilities
    }
    figures = rcoi_figures(
        read.files,
        len(read.refused),
        dict(layouts.newest.scopes),
        consolidation.facilities,
        {
            "total": sum(len(f.smelter_rows) for f in read.files),
            "consolidated": len(rows),
            "flagged": excluded,
        },
        asked=options.asked,
        asked_list=options.asked_list,
        other_templates=Counter(o.template for o in read.others),
    )
    problems += _asked_list_problems(figures, read.files)
    problems.sort(key=sort_key)
    accounting = _accounting(read, skipped, problems, len(rows), excluded, consolidation)
    return IngestResult(
        read=read,
        reference=lookup,
        rows=rows,
        consolidation=consolidation,
        classifications=classifications,
        problems=problems,
        accounting=accounting,
        rcoi=figures,
        status_list=options.status_list,
    )


def campaign_revision(
    files: list[SupplierFile], lookup: SmelterLookup, options: IngestOptions
) -> str | None:
    """The revision the campaign sent: that of the template given as the reference, else the
    newest among the files read."""
    if options.reference_override is not None and lookup.revision:
        return lookup.revision
    if options.stored_reference is not None:
        return options.stored_reference.revision
    revisions = [f.revision for f in files]
    return max(revisions, key=revision_key) if revisions else None


def old_revisions(
    files: list[SupplierFile], campaign: str | None, layouts: Layouts
) -> list[Problem]:
    """A file two or more yearly revisions older than the campaign's template: to send back
    (RMI's checks, status words and look-up have moved on twice since)."""
    current = revision_generation(campaign) if campaign else None
    if current is None:
        return []
    out = []
    for f in files:
        generation = revision_generation(f.revision)
        if generation is None:
            continue
        behind = (current[0] - generation[0]) * 10 + current[1] - generation[1]
        if behind >= 2:
            out.append(
                Problem.at(
                    f.file,
                    f.sheets.get("declaration", layouts.detect.sheet),
                    layouts.detect.cell,
                    Severity.WARNING,
                    "old_revision",
                    f"CMRT {f.revision} is {behind} revisions older than the campaign's "
                    f"template ({campaign}): send it back and ask for a CMRT {campaign}",
                )
            )
    return out


class _OwnLookups:
    """RMI's look-up of each file's own revision, built once per revision: IDs RMI has dropped
    since still resolve against the revision the supplier answered in."""

    def __init__(self, index: Path, reference: Reference, matched: dict[str, str]) -> None:
        self.index = index
        self.reference = reference
        self.shipped = load_index(index)
        self.matched = matched  # carried look-up digest -> shipped revision it equals
        self.built: dict[str, SmelterLookup] = {}

    def remember(self, lookup: SmelterLookup) -> None:
        """The run's reference is itself a shipped look-up: no need to build it twice."""
        if lookup.revision in self.shipped:
            self.built[lookup.revision] = lookup

    def of_file(self, f: SupplierFile) -> SmelterLookup | None:
        """RMI's look-up the file was filled with (see `lookup_revision`)."""
        revision = lookup_revision(f, self.shipped, self.matched)
        return self(revision) if revision else None

    def __call__(self, revision: str) -> SmelterLookup | None:
        if revision not in self.shipped:
            return None
        if revision not in self.built:
            self.built[revision] = shipped_lookup(self.index, revision, self.reference.metals)
        return self.built[revision]


def _countries(
    lookup: SmelterLookup, files: list[SupplierFile], own: _OwnLookups
) -> dict[str, str]:
    """The reference's country list, plus any country only an older revision's list spells."""
    countries: dict[str, str] = dict(lookup.countries)
    for f in files:
        found = own.of_file(f)
        for folded, country in (found.countries if found else {}).items():
            countries.setdefault(folded, country)
    return countries


def _resolve_files(
    read: ReadResult,
    layouts: Layouts,
    lookup: SmelterLookup,
    own: _OwnLookups,
    countries: dict[str, str],
    reference: Reference,
) -> tuple[list[ResolvedRow], list[Problem], int]:
    """Every file's rows resolved, with what its reading noted and where its look-up was edited."""
    edited: dict[tuple[str, str], list[tuple[str, str]]] = {}  # checked once per distinct look-up
    rows: list[ResolvedRow] = []
    problems: list[Problem] = []
    excluded = 0
    for f in read.files:
        layout: Layout = layouts.layouts[f.layout]
        rmi = own.of_file(f)
        problems += _file_notes(f)
        key = (f.lookup_digest, f.revision)
        if key not in edited and rmi is not None and f.lookup_digest in read.lookups:
            edited[key] = [
                (d.cell, d.reason)
                for d in lookup_disagreements(
                    read.lookups[f.lookup_digest], rmi, layout, reference.metals
                )
            ]
        sheet = f.sheets.get("lookup", layout.sheets.lookup)
        problems += [
            Problem.at(f.file, sheet, cell, "warning", "lookup_edited", reason)
            for cell, reason in edited.get(key, [])
        ]
        resolution = resolve_file(f, layout, lookup, rmi, reference.metals, countries)
        rows.extend(resolution.rows)
        problems.extend(resolution.problems)
        excluded += resolution.excluded_rows
    return rows, problems, excluded


def _asked_list_problems(figures: RcoiFigures, files: list[SupplierFile]) -> list[Problem]:
    """With a list of the suppliers asked: who sent no CMRT, and whose CMRT names a supplier
    the list does not (a name to correct, or a supplier to add), each a line to act on."""
    problems = [
        Problem.at(
            "",
            "",
            "",
            "info",
            "not_answering",
            f"'{name}' is on the list of suppliers asked; no CMRT from them was read",
        )
        for name in figures.not_answering
    ]
    missing = {fold(name) for name in figures.not_listed}
    for f in files:
        if not f.unfilled and fold(supplier_name(f)) in missing:
            problems.append(
                Problem.at(
                    f.file,
                    "Declaration",
                    "",
                    "warning",
                    "not_on_asked_list",
                    f"'{supplier_name(f)}' answered but is not on the list of suppliers asked: "
                    "not counted as answering; add it to the list, or correct the name",
                )
            )
    return problems


def _file_notes(f: SupplierFile) -> list[Problem]:
    """What reading one file noted (cells read leniently), and an unfilled template's warning."""
    notes = [
        Problem.at(f.file, n["sheet"], n["cell"], n["severity"], n["code"], n["reason"])
        for n in f.notes
    ]
    if f.unfilled:
        notes.append(
            Problem.at(
                f.file,
                "",
                "",
                "warning",
                "unfilled_template",
                f"an unfilled CMRT {f.revision} (no company, no answer, no smelter, no "
                "product): not counted as answering; ask the supplier to complete it",
            )
        )
    return notes


def _accounting(
    read: ReadResult,
    skipped: list[Problem],
    problems: list[Problem],
    consolidated: int,
    excluded: int,
    consolidation: Consolidation,
) -> Accounting:
    """The run's counts, checked to add up: every row consolidated or flagged."""
    accounting = Accounting(
        files_read=len(read.files),
        files_refused=len(read.refused),
        rows=sum(len(f.smelter_rows) for f in read.files),
        consolidated=consolidated,
        facilities=len(consolidation.facilities),
        flagged=excluded,
        warnings=sum(1 for p in problems if p.severity == "warning"),
        other_templates=len(read.others),
        unfilled=len(read.unfilled),
        entries_refused=sum(1 for p in skipped if p.severity == "refused"),
    )
    accounting.check()
    return accounting


def progress_bar(stream: Any = None) -> ProgressFactory:
    """A progress bar on a terminal; nothing in CI or when output is redirected."""
    out = stream or sys.stderr

    def factory(total: int) -> Callable[[int], None] | None:
        if total < 2 or not out.isatty() or os.environ.get("CI"):
            return None

        def update(done: int) -> None:
            width = 30
            filled = width * done // total
            out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
            if done == total:
                out.write("\n")
            out.flush()

        return update

    return factory
