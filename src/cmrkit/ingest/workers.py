"""Reading a folder of supplier files: each file checked, read and cached on its own.

Reading is the slow part and each file is independent, so it runs in a process pool, each file
checked first by the cache (keyed by content). A worker never raises for a bad file: a refusal,
another RMI template or even a bug in cmrkit becomes that file's outcome, and a worker that dies
is retried one file per process so the culprit is named and the rest still run.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError, Location
from cmrkit.ingest.cache import Cache
from cmrkit.ingest.cmrt.folder import list_folder
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.read import SupplierFile, read_supplier_bytes
from cmrkit.ingest.cmrt.safety import NOT_OPENED, Refused, read_regular_file
from cmrkit.ingest.cmrt.template import OtherTemplate
from cmrkit.ingest.problems import Problem


@dataclass(frozen=True)
class OtherFile:
    """A workbook that is one of RMI's other templates (EMRT, CRT, AMRT)."""

    file: str
    template: str
    revision: str
    reason: str


@dataclass(frozen=True)
class RevisionSeen:
    """What a refused file's Declaration said of its revision: the revision, or why it is not
    known (one of the two is always given)."""

    revision: str
    unknown: str = ""


INTERNAL_ERROR = "reading stopped on an internal error of cmrkit"
UNTOLD = "not recorded (a cache entry of an older cmrkit)"


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
    refused_revisions: dict[str, RevisionSeen] = field(default_factory=dict)  # by file shown

    @property
    def unfilled(self) -> list[SupplierFile]:
        return [f for f in self.files if f.unfilled]


# --- reading (parallel, cached) ---------------------------------------------------------------


def list_inputs(src: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every regular file under `src` with the name it is shown by, and a problem for every
    other entry (hidden files, links, devices, pipes, unreadable folders); see `cmrt.folder`."""
    if not src.is_dir():
        raise DataError(Location(src), "not a folder of supplier files")
    listing = list_folder(src)
    return listing.inputs, listing.problems


_sent_lookups: set[str] = set()  # per worker process: look-ups already sent to the parent


def _refused(
    reason: str, sheet: str = "", cell: str = "", revision: str = "", unknown: str = ""
) -> dict[str, Any]:
    """A refusal as an outcome: where and why, and the revision read before it (or why none
    was), which the supplier summary shows."""
    return {
        "refused": {
            "reason": reason,
            "sheet": sheet,
            "cell": cell,
            "revision": revision,
            "revision_unknown": "" if revision else unknown,
        }
    }


def _read_one(
    path_text: str, display: str, cache_root: str | None, layouts_file: str | None = None
) -> dict[str, Any]:
    """Worker: one file to a JSON-able outcome; never raises for a bad file. `layouts_file`:
    a repository's `data/reference/layouts.yml`, read with the packaged cell maps."""
    path = Path(path_text)
    layouts = load_layouts(Path(layouts_file) if layouts_file else None)
    cache = Cache(Path(cache_root), layouts) if cache_root else None
    try:
        data = read_regular_file(path, layouts.limits.max_file_bytes)
    except Refused as exc:
        return {"file": display, "hit": False, **_refused(exc.reason, unknown=NOT_OPENED)}
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
                layouts=layouts,
            )
            as_dict = supplier.to_dict()
            lookup = as_dict.pop("lookup") or None  # None: known, not parsed again
            entry = {"supplier": as_dict}
            if cache and lookup is not None:
                cache.put_lookup(supplier.lookup_digest, lookup)
        except Refused as exc:
            entry = _refused(
                exc.reason,
                exc.sheet or "",
                exc.cell or "",
                exc.revision or "",
                exc.revision_unknown,
            )
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
                **_refused(reason, unknown=INTERNAL_ERROR),
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
                lookup = read_supplier_bytes(data, display, sha256, layouts=layouts).lookup
            out["lookup"] = lookup
            _sent_lookups.add(digest)
    return out


def read_folder(
    paths: Sequence[tuple[Path, str]],
    jobs: int,
    cache_root: Path | None,
    progress: Callable[[int], None] | None = None,
    layouts_file: Path | None = None,
) -> ReadResult:
    """Read every (path, name shown), in a pool of `jobs` processes (in-process when 1), with
    the packaged cell maps and a repository's `layouts_file` (see `cmrt.layout.load_layouts`)."""
    cache = str(cache_root) if cache_root else None
    extra = str(layouts_file) if layouts_file else None
    tasks = [(str(p), shown, cache, extra) for p, shown in paths]
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
    tasks: list[tuple[str, str, str | None, str | None]],
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


def _read_isolated(task: tuple[str, str, str | None, str | None]) -> dict[str, Any]:
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_sent_lookups.clear) as pool:
            outcome = pool.submit(_read_one, *task).result()
            # A fresh process has sent no look-up yet, so the outcome carries its own.
            return outcome
    except BrokenProcessPool:
        return {
            "file": task[1],
            "hit": False,
            **_refused(
                "the spreadsheet parser crashed on this file (corrupt workbook?)",
                unknown="the spreadsheet parser crashed before the revision was known",
            ),
        }


def _collect(outcomes: Iterable[dict[str, Any]]) -> ReadResult:
    files: list[SupplierFile] = []
    refused: list[Problem] = []
    others: list[OtherFile] = []
    internal: list[str] = []
    lookups: dict[str, list[list[str]]] = {}
    revisions: dict[str, RevisionSeen] = {}
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
                Problem.at(
                    outcome["file"], info["sheet"], info["cell"], "refused", code, info["reason"]
                )
            )
            revision = info.get("revision") or ""
            unknown = "" if revision else info.get("revision_unknown") or UNTOLD
            revisions[outcome["file"]] = RevisionSeen(revision, unknown)
    files.sort(key=lambda f: f.file)
    refused.sort(key=lambda p: p.file)
    others.sort(key=lambda o: o.file)
    return ReadResult(files, refused, [], lookups, hits, others, internal, revisions)
