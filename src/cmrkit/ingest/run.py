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

import hashlib
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cache import Cache
from cmrkit.ingest.classify import Classification, StatusList, classify
from cmrkit.ingest.cmrt.folder import list_folder
from cmrkit.ingest.cmrt.layout import Layout, load_layouts, revision_key
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_csv, lookup_from_rows
from cmrkit.ingest.cmrt.lookup_check import lookup_disagreements
from cmrkit.ingest.cmrt.read import SupplierFile, read_supplier_bytes, read_supplier_file
from cmrkit.ingest.cmrt.resolve import ResolvedRow, resolve_file
from cmrkit.ingest.cmrt.safety import Refused, read_regular_file
from cmrkit.ingest.cmrt.shipped import index_path, load_index, shipped_lookup, shipped_rows
from cmrkit.ingest.cmrt.template import OtherTemplate
from cmrkit.ingest.consolidate import Consolidation, Facility, consolidate
from cmrkit.ingest.problems import Problem, sort_key
from cmrkit.ingest.rcoi import RcoiFigures, rcoi_figures
from cmrkit.reference.load import Reference


@dataclass(frozen=True)
class OtherFile:
    """A workbook that is one of RMI's other templates (EMRT, CRT, AMRT)."""

    file: str
    template: str
    revision: str
    reason: str


@dataclass
class ReadResult:
    """Files read, refused and of other templates, and the distinct look-ups they carry."""

    files: list[SupplierFile]
    refused: list[Problem]
    skipped: list[Problem]
    lookups: dict[str, list[list[str]]]
    cache_hits: int = 0
    others: list[OtherFile] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)  # tracebacks, for --debug

    @property
    def unfilled(self) -> list[SupplierFile]:
        return [f for f in self.files if f.unfilled]


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


# --- reading (parallel, cached) ---------------------------------------------------------------


def list_inputs(src: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every regular file under `src` with the name it is shown by, and a problem for every
    other entry (hidden files, links, devices, pipes, unreadable folders); see `cmrt.folder`."""
    if not src.is_dir():
        raise DataError(Location(src), "not a folder of supplier files")
    listing = list_folder(src)
    return listing.inputs, listing.problems


_sent_lookups: set[str] = set()  # per worker process: look-ups already sent to the parent


def _refused(reason: str, sheet: str = "", cell: str = "") -> dict[str, Any]:
    return {"refused": {"reason": reason, "sheet": sheet, "cell": cell}}


def _read_one(path_text: str, display: str, cache_root: str | None) -> dict[str, Any]:
    """Worker: one file to a JSON-able outcome; never raises for a bad file."""
    path = Path(path_text)
    cache = Cache(Path(cache_root)) if cache_root else None
    try:
        data = read_regular_file(path, load_layouts().limits.max_file_bytes)
    except Refused as exc:
        return {"file": display, "hit": False, **_refused(exc.reason)}
    sha256 = hashlib.sha256(data).hexdigest()
    entry = cache.get(sha256) if cache else None
    hit = entry is not None
    lookup: list[list[str]] | None = None
    if entry is None:
        try:
            supplier = read_supplier_bytes(
                data,
                display,
                sha256,
                known_lookup=lambda digest: (
                    digest in _sent_lookups or (cache is not None and cache.has_lookup(digest))
                ),
            )
            as_dict = supplier.to_dict()
            lookup = as_dict.pop("lookup") or None  # None: known, not parsed again
            entry = {"supplier": as_dict}
            if cache and lookup is not None:
                cache.put_lookup(supplier.lookup_digest, lookup)
        except Refused as exc:
            entry = _refused(exc.reason, exc.sheet or "", exc.cell or "")
        except OtherTemplate as exc:
            entry = {
                "other": {
                    "template": exc.kind.abbreviation,
                    "revision": exc.revision,
                    "reason": exc.message,
                }
            }
        except Exception as exc:  # a bug in cmrkit: this file's refusal, never the run's end
            reason = f"internal error while reading ({type(exc).__name__}: {exc})"[:300]
            return {
                "file": display,
                "hit": False,
                **_refused(reason),
                "internal": traceback.format_exc(),
            }
        if cache:
            cache.put(sha256, entry)
    out: dict[str, Any] = {"file": display, "hit": hit, **entry}
    if "supplier" in out:
        out["supplier"] = {**out["supplier"], "file": display, "sha256": sha256}
        digest = out["supplier"]["lookup_digest"]
        if digest not in _sent_lookups:
            if lookup is None and cache is not None:
                lookup = cache.get_lookup(digest)
            if lookup is None:  # cache lost its look-up: read the file again
                lookup = read_supplier_bytes(data, display, sha256).lookup
            out["lookup"] = lookup
            _sent_lookups.add(digest)
    return out


def read_folder(
    paths: Sequence[tuple[Path, str]],
    jobs: int,
    cache_root: Path | None,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read every (path, name shown), in a pool of `jobs` processes (in-process when 1)."""
    tasks = [(str(p), shown, str(cache_root) if cache_root else None) for p, shown in paths]
    outcomes: list[dict[str, Any]] = []
    if jobs <= 1 or len(tasks) <= 1:
        _sent_lookups.clear()
        for task in tasks:
            outcomes.append(_read_one(*task))
            if progress:
                progress(len(outcomes))
    else:
        outcomes = _read_pool(tasks, jobs, progress)
    return _collect(outcomes)


def _read_pool(
    tasks: list[tuple[str, str, str | None]],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[dict[str, Any]]:
    """Read in a pool, keeping a bounded window of tasks in flight (bounded memory)."""
    outcomes: list[dict[str, Any]] = []
    done_tasks: set[int] = set()
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_sent_lookups.clear) as pool:
            futures: dict[Future[dict[str, Any]], int] = {}
            queue = iter(range(len(tasks)))
            while True:
                while len(futures) < jobs * 4:
                    index = next(queue, None)
                    if index is None:
                        break
                    futures[pool.submit(_read_one, *tasks[index])] = index
                if not futures:
                    break
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in done:
                    index = futures.pop(future)
                    outcomes.append(future.result())
                    done_tasks.add(index)
                    if progress:
                        progress(len(outcomes))
    except BrokenProcessPool:
        # A worker died (the parser crashed on some file). Retry what is left one file per
        # process, so the culprit is named and the rest still run.
        for index, task in enumerate(tasks):
            if index in done_tasks:
                continue
            outcomes.append(_read_isolated(task))
            if progress:
                progress(len(outcomes))
    return outcomes


def _read_isolated(task: tuple[str, str, str | None]) -> dict[str, Any]:
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_sent_lookups.clear) as pool:
            outcome = pool.submit(_read_one, *task).result()
            # A fresh process has sent no look-up yet, so the outcome carries its own.
            return outcome
    except BrokenProcessPool:
        return {
            "file": task[1],
            "hit": False,
            "refused": {
                "reason": "the spreadsheet parser crashed on this file (corrupt workbook?)",
                "sheet": "",
                "cell": "",
            },
        }


def _collect(outcomes: Iterable[dict[str, Any]]) -> ReadResult:
    files: list[SupplierFile] = []
    refused: list[Problem] = []
    others: list[OtherFile] = []
    internal: list[str] = []
    lookups: dict[str, list[list[str]]] = {}
    hits = 0
    for outcome in outcomes:
        hits += bool(outcome.get("hit"))
        if "lookup" in outcome:
            lookups.setdefault(outcome["supplier"]["lookup_digest"], outcome["lookup"])
        if "supplier" in outcome:
            files.append(SupplierFile.from_dict({**outcome["supplier"], "lookup": []}))
        elif "other" in outcome:
            info = outcome["other"]
            others.append(
                OtherFile(outcome["file"], info["template"], info["revision"], info["reason"])
            )
        else:
            info = outcome["refused"]
            code = "internal_error" if "internal" in outcome else "refused"
            if "internal" in outcome:
                internal.append(f"{outcome['file']}:\n{outcome['internal']}")
            refused.append(
                Problem(
                    outcome["file"], info["sheet"], info["cell"], "refused", code, info["reason"]
                )
            )
    files.sort(key=lambda f: f.file)
    refused.sort(key=lambda p: p.file)
    others.sort(key=lambda o: o.file)
    return ReadResult(files, refused, [], lookups, hits, others, internal)


# --- everything after reading -----------------------------------------------------------------


def _shipped(reference: Reference) -> Path:
    """The index of RMI's look-ups in force (the repository's, else cmrkit's own)."""
    index = index_path(reference.overrides)
    if not load_index(index):
        raise DataError(
            Location(index),
            "no RMI Smelter Look-up listed here: run `python -m cmrkit.ingest.cmrt.extract` on "
            "RMI's blank templates",
        )
    return index


def choose_reference(
    read: ReadResult, reference: Reference, override: Path | None
) -> SmelterLookup:
    """The look-up to resolve against: `override` (a CMRT or CSV the user chose), else RMI's
    look-up as shipped for the newest revision among the files read (the newest shipped when
    none was read). A supplier's file never decides it."""
    metals = reference.metals
    if override is not None:
        if override.suffix.lower() == ".csv":
            return lookup_from_csv(override, metals)
        try:
            supplier = read_supplier_file(override)
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
    revisions = [f.revision for f in read.files if f.revision in shipped]
    newest = max(revisions or list(shipped), key=revision_key)
    return shipped_lookup(index, newest, metals)


def run_ingest(
    src: Path,
    reference: Reference,
    *,
    reference_override: Path | None = None,
    status_list: StatusList | None = None,
    label_set: str = "rmap",
    jobs: int | None = None,
    cache_root: Path | None = None,
    progress_factory: Callable[[int], Callable[[int], None] | None] | None = None,
    asked: int | None = None,
    asked_list: Sequence[str] | None = None,
) -> IngestResult:
    """Read, resolve, consolidate, classify and count; no output is written here."""
    layouts = load_layouts()
    paths, skipped = list_inputs(src)
    progress = progress_factory(len(paths)) if progress_factory else None
    jobs = jobs or min(os.cpu_count() or 1, 8)
    read = read_folder(paths, jobs, cache_root, progress)
    read.skipped = skipped
    lookup = choose_reference(read, reference, reference_override)
    index = _shipped(reference)
    shipped = load_index(index)

    own_lookups: dict[str, SmelterLookup] = {}
    if reference_override is None and lookup.revision in shipped:
        own_lookups[lookup.revision] = lookup  # the same shipped look-up: built once

    def own(revision: str) -> SmelterLookup | None:
        """RMI's look-up of a file's own revision: IDs RMI has dropped since still resolve."""
        if revision not in shipped:
            return None
        if revision not in own_lookups:
            own_lookups[revision] = shipped_lookup(index, revision, reference.metals)
        return own_lookups[revision]

    countries: dict[str, str] = dict(lookup.countries)
    for revision in {f.revision for f in read.files}:
        found = own(revision)
        for folded, country in (found.countries if found else {}).items():
            countries.setdefault(folded, country)

    problems: list[Problem] = [*read.refused, *skipped]
    problems += [
        Problem(o.file, "Declaration", "", "info", "other_template", o.reason) for o in read.others
    ]
    checked: dict[tuple[str, str], list[tuple[str, str]]] = {}
    rows: list[ResolvedRow] = []
    excluded = 0
    for f in read.files:
        layout: Layout = layouts.layouts[f.layout]
        rmi = own(f.revision)
        for note in f.notes:
            problems.append(
                Problem(
                    f.file,
                    note["sheet"],
                    note["cell"],
                    note["severity"],
                    note["code"],
                    note["reason"],
                )
            )
        if f.unfilled:
            problems.append(
                Problem(
                    f.file,
                    "",
                    "",
                    "warning",
                    "unfilled_template",
                    f"an unfilled CMRT {f.revision} (no company, no answer, no smelter, no "
                    "product): not counted as answering; ask the supplier to complete it",
                )
            )
        key = (f.lookup_digest, f.revision)
        if key not in checked and rmi is not None and f.lookup_digest in read.lookups:
            checked[key] = [
                (d.cell, d.reason)
                for d in lookup_disagreements(
                    read.lookups[f.lookup_digest], rmi, layout, reference.metals
                )
            ]
        sheet = f.sheets.get("lookup", layout.sheets["lookup"])
        problems += [
            Problem(f.file, sheet, cell, "warning", "lookup_edited", reason)
            for cell, reason in checked.get(key, [])
        ]
        resolution = resolve_file(f, layout, lookup, rmi, reference.metals, countries)
        rows.extend(resolution.rows)
        problems.extend(resolution.problems)
        excluded += resolution.excluded_rows

    consolidation = consolidate(rows, lookup)
    problems.extend(consolidation.problems)
    if status_list is not None:
        problems.extend(status_list.problems)
    classifications = {
        facility.key(): classify(facility, reference, status_list, label_set)
        for facility in consolidation.facilities
    }
    problems.sort(key=sort_key)
    total_rows = sum(len(f.smelter_rows) for f in read.files)
    accounting = Accounting(
        files_read=len(read.files),
        files_refused=len(read.refused),
        rows=total_rows,
        consolidated=len(rows),
        facilities=len(consolidation.facilities),
        flagged=excluded,
        warnings=sum(1 for p in problems if p.severity == "warning"),
        other_templates=len(read.others),
        unfilled=len(read.unfilled),
        entries_refused=sum(1 for p in skipped if p.severity == "refused"),
    )
    accounting.check()
    scopes = next(iter(layouts.layouts.values())).scopes
    figures = rcoi_figures(
        read.files,
        len(read.refused),
        scopes,
        consolidation.facilities,
        {"total": total_rows, "consolidated": len(rows), "flagged": excluded},
        asked=asked,
        asked_list=asked_list,
        other_templates=Counter(o.template for o in read.others),
    )
    return IngestResult(
        read=read,
        reference=lookup,
        rows=rows,
        consolidation=consolidation,
        classifications=classifications,
        problems=problems,
        accounting=accounting,
        rcoi=figures,
        status_list=status_list,
    )


def facility_record(facility: Facility, classification: Classification) -> dict[str, Any]:
    """One row of the consolidated CSV."""
    from cmrkit.ingest.classify import sanctions_text

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


def progress_bar(stream: Any = None) -> Callable[[int], Callable[[int], None] | None]:
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
