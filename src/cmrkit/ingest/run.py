"""The ingest pipeline: read every supplier file of a folder, resolve, consolidate, classify.

Reading is the slow part and each file is independent, so it runs in a process pool, each file
checked first by the cache (keyed by content). Everything after reading needs all files at once
(the reference look-up is the newest among them), is cheap, and runs in the main process.
Every file ends read or refused, and every smelter row ends consolidated or in the problems list:
`Accounting` holds the counts and checks that they add up.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cache import Cache
from cmrkit.ingest.classify import Classification, StatusList, classify
from cmrkit.ingest.cmrt.layout import Layout, load_layouts, revision_key
from cmrkit.ingest.cmrt.lookup import SmelterLookup, lookup_from_csv, lookup_from_rows
from cmrkit.ingest.cmrt.read import SupplierFile, file_digest, read_supplier_file
from cmrkit.ingest.cmrt.resolve import ResolvedRow, resolve_file
from cmrkit.ingest.cmrt.safety import Refused
from cmrkit.ingest.consolidate import Consolidation, Facility, consolidate
from cmrkit.ingest.problems import Problem, sort_key
from cmrkit.ingest.rcoi import RcoiFigures, rcoi_figures
from cmrkit.reference.load import Reference


@dataclass
class ReadResult:
    """Files read and refused, and the distinct look-up sheets they carry."""

    files: list[SupplierFile]
    refused: list[Problem]
    skipped: list[Problem]
    lookups: dict[str, list[list[str]]]
    cache_hits: int = 0


@dataclass(frozen=True)
class Accounting:
    files_read: int
    files_refused: int
    rows: int
    consolidated: int
    facilities: int
    flagged: int
    warnings: int

    def check(self) -> None:
        if self.rows != self.consolidated + self.flagged:
            raise AssertionError(f"rows do not add up: {self}")

    def line(self) -> str:
        return (
            f"{self.files_read} files read, {self.files_refused} refused; "
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

_SKIP_PREFIXES = (".", "~$")


def list_inputs(src: Path) -> tuple[list[Path], list[Problem]]:
    """Every file under `src` (recursively), except hidden files and Excel lock files."""
    if not src.is_dir():
        raise DataError(Location(src), "not a folder of supplier files")
    paths: list[Path] = []
    skipped: list[Problem] = []
    for path in sorted(p for p in src.rglob("*") if p.is_file() or p.is_symlink()):
        relative = path.relative_to(src)
        if any(part.startswith(_SKIP_PREFIXES) for part in relative.parts):
            skipped.append(
                Problem(str(relative), "", "", "info", "skipped", "hidden or Excel lock file")
            )
            continue
        paths.append(path)
    return paths, skipped


_sent_lookups: set[str] = set()  # per worker process: look-ups already sent to the parent


def _read_one(path_text: str, display: str, cache_root: str | None) -> dict[str, Any]:
    """Worker: one file to a JSON-able outcome; never raises for a bad file."""
    path = Path(path_text)
    cache = Cache(Path(cache_root)) if cache_root else None
    limit = load_layouts().limits.max_file_bytes
    try:
        size = path.stat().st_size
        if size > limit:  # refused before hashing: a huge file costs no time
            raise Refused(f"file is {size} bytes, over the limit of {limit}")
        sha256 = file_digest(path)
    except OSError as exc:
        reason = f"cannot read file: {exc.strerror or exc}"
        return {"refused": {"reason": reason, "sheet": "", "cell": ""}, "file": display}
    except Refused as exc:
        return {"refused": {"reason": exc.reason, "sheet": "", "cell": ""}, "file": display}
    entry = cache.get(sha256) if cache else None
    hit = entry is not None
    if entry is None:
        try:
            supplier = read_supplier_file(path, display, sha256)
            data = supplier.to_dict()
            lookup = data.pop("lookup")
            entry = {"supplier": data}
            if cache:
                cache.put_lookup(supplier.lookup_digest, lookup)
        except Refused as exc:
            entry = {
                "refused": {"reason": exc.reason, "sheet": exc.sheet or "", "cell": exc.cell or ""}
            }
            lookup = None
        except Exception as exc:  # an unexpected failure is this file's refusal, not a crash
            entry = {
                "refused": {
                    "reason": f"internal error while reading ({type(exc).__name__}: {exc})"[:300],
                    "sheet": "",
                    "cell": "",
                }
            }
            lookup = None
        if cache and "internal error" not in entry.get("refused", {}).get("reason", ""):
            cache.put(sha256, entry)
    else:
        lookup = None
    out: dict[str, Any] = {"file": display, "hit": hit, **entry}
    if "supplier" in out:
        out["supplier"] = {**out["supplier"], "file": display, "sha256": sha256}
        digest = out["supplier"]["lookup_digest"]
        if digest not in _sent_lookups:
            if lookup is None and cache is not None:
                lookup = cache.get_lookup(digest)
            if lookup is None:  # cache lost its look-up: read the file again
                lookup = read_supplier_file(path, display, sha256).lookup
            out["lookup"] = lookup
            _sent_lookups.add(digest)
    return out


def read_folder(
    paths: Sequence[Path],
    src: Path,
    jobs: int,
    cache_root: Path | None,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read every path, in a pool of `jobs` processes (in-process when `jobs` is 1)."""
    tasks = [
        (str(p), str(p.relative_to(src)), str(cache_root) if cache_root else None) for p in paths
    ]
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
    lookups: dict[str, list[list[str]]] = {}
    hits = 0
    for outcome in outcomes:
        hits += bool(outcome.get("hit"))
        if "lookup" in outcome:
            lookups.setdefault(outcome["supplier"]["lookup_digest"], outcome["lookup"])
        if "supplier" in outcome:
            files.append(SupplierFile.from_dict({**outcome["supplier"], "lookup": []}))
        else:
            info = outcome["refused"]
            refused.append(
                Problem(
                    outcome["file"],
                    info["sheet"],
                    info["cell"],
                    "refused",
                    "refused",
                    info["reason"],
                )
            )
    files.sort(key=lambda f: f.file)
    refused.sort(key=lambda p: p.file)
    return ReadResult(files, refused, [], lookups, hits)


# --- everything after reading -----------------------------------------------------------------


def choose_reference(
    read: ReadResult, reference: Reference, override: Path | None
) -> SmelterLookup:
    """The look-up to resolve against: `override` (a CMRT or CSV), else the newest revision's."""
    metals = reference.metals
    if override is not None:
        if override.suffix.lower() == ".csv":
            return lookup_from_csv(override, metals)
        try:
            supplier = read_supplier_file(override)
        except Refused as exc:
            raise DataError(Location(override), f"cannot use as reference: {exc.reason}") from None
        return lookup_from_rows(
            supplier.lookup,
            supplier.countries,
            f"{override.name} (CMRT {supplier.revision})",
            supplier.revision,
            metals,
        )
    if not read.files:
        return SmelterLookup(source="no reference (no CMRT read)", revision=None)
    usable = [f for f in read.files if f.lookup_digest in read.lookups]
    if not usable:
        return SmelterLookup(source="no reference (no look-up read)", revision=None)
    newest = max((f.revision for f in usable), key=revision_key)
    # Files of one revision carry the same look-up unless someone edited it: take the usual one.
    candidates = Counter(f.lookup_digest for f in usable if f.revision == newest)
    digest = candidates.most_common(1)[0][0]
    sample = next(f for f in read.files if f.lookup_digest == digest)
    return lookup_from_rows(
        read.lookups[digest],
        sample.countries,
        f"Smelter Look-up of CMRT {newest}",
        newest,
        metals,
    )


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
    read = read_folder(paths, src, jobs, cache_root, progress)
    read.skipped = skipped
    lookup = choose_reference(read, reference, reference_override)

    countries: dict[str, str] = dict(lookup.countries)
    for f in read.files:
        for country in f.countries:
            countries.setdefault(" ".join(country.split()).casefold(), country)

    own_lookups: dict[str, SmelterLookup] = {}
    problems: list[Problem] = [*read.refused, *skipped]
    rows: list[ResolvedRow] = []
    excluded = 0
    for f in read.files:
        layout: Layout = layouts.layouts[f.layout]
        own = own_lookups.get(f.lookup_digest)
        if own is None and f.lookup_digest in read.lookups:
            own = lookup_from_rows(
                read.lookups[f.lookup_digest],
                f.countries,
                f"CMRT {f.revision}",
                f.revision,
                reference.metals,
            )
            own_lookups[f.lookup_digest] = own
        for note in f.notes:
            problems.append(
                Problem(
                    f.file,
                    note["sheet"],
                    note["cell"],
                    note["severity"],
                    "declaration",
                    note["reason"],
                )
            )
        resolution = resolve_file(f, layout, lookup, own, reference.metals, countries)
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
