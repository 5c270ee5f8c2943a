"""An ingest run as a person asks for it, carried out: which folder is read (a folder, or a
year's `data/YEAR/cmrt/`), where the outputs go (a year's default: `data/YEAR/ingest/`), which
RMI lists classify the facilities (given with their date and stored with the year, or the lists
stored before), where the cache lives, and what may not be overwritten.

This is the policy of `cmrkit ingest`, kept in the engine so that the command only parses its
options and prints, and so that `cmrkit.api` classifies against RMI's lists with the same rules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.files.overwrite_guard import Guard, clashes, input_paths
from cmrkit.files.project import Project, not_a_repository
from cmrkit.ingest.cache import DEFAULT_DIR, Cache
from cmrkit.ingest.classify import StatusList
from cmrkit.ingest.cmrt.layout import layouts_for
from cmrkit.ingest.outputs import write_outputs, year_run_text
from cmrkit.ingest.reference_store import year_reference
from cmrkit.ingest.rmi_lists import ReadList, list_vocabulary, parse_list_arg, read_status_lists
from cmrkit.ingest.rmi_store import FOLDER as RMI_FOLDER
from cmrkit.ingest.rmi_store import ListsManifest, load_manifest, store_lists, stored_specs
from cmrkit.ingest.run import IngestOptions, IngestResult, ProgressFactory, run_ingest
from cmrkit.ingest.run_record import FOLDER as RUN_FOLDER
from cmrkit.ingest.run_record import run_path, write_run
from cmrkit.reference.load import Reference, load_reference

# The outputs of a run, by the option that names each.
OUTPUTS = ("out", "problems", "suppliers", "rcoi")
# A year's outputs when none is named: in data/YEAR/ingest/.
YEAR_OUTPUTS = {
    "out": "smelters.csv",
    "problems": "problems.csv",
    "suppliers": "suppliers.csv",
    "rcoi": "rcoi.yml",
}
NO_LIST = "no RMI list"  # the source of a year's classification when no list is given or stored


@dataclass(frozen=True)
class IngestRequest:
    """What `cmrkit ingest` is asked, option by option."""

    src: str  # a folder of supplier files, or a year (then data/YEAR/cmrt/)
    outputs: Mapping[str, Path | None] = field(default_factory=dict)  # by OUTPUTS name
    status: tuple[str, ...] = ()  # RMI lists: STATUS=FILE or FILE
    as_of: dt.date | None = None  # the lists' date (required with them for a year)
    labels: str = "rmap"
    reference: Path | None = None  # a Smelter Look-up to resolve against
    asked: int | None = None
    asked_list: Path | None = None
    project: Project | None = None  # the repository (the command's); None: a folder's run only
    jobs: int | None = None
    cache_dir: Path | None = None
    cache: bool = True
    force: bool = False
    progress: ProgressFactory | None = None


@dataclass(frozen=True)
class IngestDone:
    """A run carried out, with what the command reports about it."""

    result: IngestResult
    status_list: StatusList | None
    year_dir: Path | None  # data/YEAR for a year's run
    lists: ListsManifest | None  # the year's stored RMI lists after the run
    lists_new: bool  # stored by this run (else reused, or none)
    cache_root: Path | None  # the cache folder the run used (None: no cache)
    problems: Path | None = None  # the problems file written, where the summary's warnings are


def cache_dir(project: Project | None) -> Path:
    """Inside a repository, its own `.cache/`; elsewhere the user's cache folder, so running
    `cmrkit ingest` in a folder of CMRTs leaves nothing behind but the outputs asked for."""
    if project is not None:
        return project.root / DEFAULT_DIR
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cmrkit" / "ingest"


def run_paths(
    request: IngestRequest, project: Project | None
) -> tuple[Path, dict[str, Path | None], Path | None]:
    """The folder read, every output's path, and the year's data folder (None for a folder).
    A year needs a repository and names its own outputs; a folder needs `out`."""
    src = Path(request.src)
    year_dir = None
    outputs: dict[str, Path | None] = {name: request.outputs.get(name) for name in OUTPUTS}
    if not src.is_dir() and re.fullmatch(r"\d{4}", request.src):
        if project is None:
            raise not_a_repository()  # a year needs a repository: says so if there is none
        year_dir = project.year_data(request.src)
        src = year_dir / "cmrt"
        if not src.is_dir():
            raise DataError(Location(src), f"no supplier folder for year {request.src}")
        for key, name in YEAR_OUTPUTS.items():
            outputs[key] = outputs[key] or year_dir / RUN_FOLDER / name
    if not src.is_dir():
        raise DataError(Location(src), "not a folder (give a folder of CMRTs or a year)")
    if outputs["out"] is None:
        raise CmrkitError("--out SMELTERS.csv is required when SRC is a folder")
    return src, outputs, year_dir


def run_lists(
    status: tuple[str, ...],
    as_of: dt.date | None,
    year_dir: Path | None,
    reference: Reference,
    reference_dir: Path | None,
    template_given: bool = False,
) -> tuple[StatusList | None, list[tuple[ReadList, bytes]], ListsManifest | None]:
    """The RMI lists that classify a run: those given (`status`), else, for a year, those
    stored with it. A year's lists need their date (`as_of`), never in the future, since RMI
    keeps no old lists and the date is recorded as fact; a folder's run stores nothing. The
    date may also be that of a look-up template given with `--reference` (`template_given`).

    Returns the status list, the lists read with their bytes (to store), and the year's stored
    manifest."""
    vocabulary = list_vocabulary(reference_dir)
    specs = [parse_list_arg(text, reference, vocabulary) for text in status]
    if as_of and not specs and not template_given:
        raise CmrkitError(
            "--as-of dates RMI's files given with --status or --reference: give them too"
        )
    if year_dir is None:
        if as_of:
            raise CmrkitError(
                "--as-of records the lists with a year's data: run `cmrkit ingest YEAR`"
            )
        if not specs:
            return None, [], None
        return read_status_lists(specs, reference, vocabulary)[0], [], None
    stored = load_manifest(year_dir)
    if specs and as_of is None:
        raise CmrkitError(
            "--as-of DATE is required with --status for a year: the date of RMI's lists "
            "(the day they were downloaded), kept with them in "
            f"{year_dir / RMI_FOLDER}/"
        )
    if as_of and as_of > dt.date.today():
        raise CmrkitError(f"--as-of {as_of.isoformat()} is in the future")
    if not specs:
        if stored is None:
            return StatusList(NO_LIST, {}), [], None
        specs = stored_specs(year_dir, stored)
        return read_status_lists(specs, reference, vocabulary)[0], [], stored
    contents = []
    for spec in specs:
        try:
            contents.append(spec.path.read_bytes())
        except OSError as exc:
            raise DataError(Location(spec.path), f"cannot read: {exc.strerror or exc}") from None
    status_list, read = read_status_lists(specs, reference, vocabulary)
    return status_list, list(zip(read, contents, strict=True)), stored


def check_outputs(
    request: IngestRequest,
    src: Path,
    outputs: Mapping[str, Path | None],
    project: Project | None,
) -> None:
    """Refuse, before any work, outputs that would overwrite an input (see files.overwrite_guard):
    everything in the repository's data folder (`project`, when there is one) is an input but
    each year's `ingest/` folder, its years as the Project lists them."""
    given: dict[str, list[object]] = {
        "--reference": [request.reference],
        "--status": list(request.status),
        "--asked-list": [request.asked_list],
    }
    inputs = tuple((flag, path) for flag, values in given.items() for path in input_paths(values))
    data = project.data_dir if project else None
    allowed = (
        tuple(project.year_data(year) / RUN_FOLDER for year in project.years) if project else ()
    )
    guard = Guard(inputs, (src,), data, allowed)
    named = {f"--{key}": path for key, path in outputs.items()}
    found = clashes(named, guard, request.force)
    if found:
        raise CmrkitError(
            "refusing to write: " + "; ".join(found) + " (--force writes anyway, except where "
            "two outputs share a path)"
        )


def asked_list(path: Path | None) -> tuple[str, ...] | None:
    """The suppliers asked, one per line of `--asked-list` (None when not given)."""
    if path is None:
        return None
    try:
        return tuple(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(Location(path), f"cannot read: {exc}") from None


def label_set(reference: Reference, name: str) -> str:
    """`name` when it is a label set of the reference (statuses.yml), else an error naming
    the known ones."""
    if name not in reference.statuses.label_sets:
        known = ", ".join(sorted(reference.statuses.label_sets))
        raise CmrkitError(f"unknown label set {name!r} (known: {known})")
    return name


def ingest(request: IngestRequest) -> IngestDone:
    """Carry out the run: check the outputs against the inputs first, read and classify, then
    write the outputs (for a year also its run, `ingest/facilities.yml`, and the RMI lists
    given, stored with their date)."""
    project = request.project
    src, outputs, year_dir = run_paths(request, project)
    check_outputs(request, src, outputs, project)
    reference_dir = project.reference_dir if project else None
    reference = load_reference(reference_dir)
    cache = request.cache_dir or cache_dir(project)
    labels = label_set(reference, request.labels)
    status_list, new_lists, stored = run_lists(
        request.status,
        request.as_of,
        year_dir,
        reference,
        reference_dir,
        template_given=request.reference is not None,
    )
    # A year keeps the look-up of a template given with --reference, and reuses it later.
    kept = year_reference(year_dir, request.reference, request.as_of, layouts_for(reference_dir))
    options = IngestOptions(
        reference_override=None if kept else request.reference,
        stored_reference=kept,
        status_list=status_list,
        label_set=labels,
        jobs=request.jobs,
        cache_root=cache if request.cache else None,
        progress_factory=request.progress,
        asked=request.asked,
        asked_list=asked_list(request.asked_list),
    )
    result = run_ingest(src, reference, options)
    manifest = stored
    if year_dir is not None and new_lists and request.as_of is not None:  # run_lists checked
        manifest = store_lists(year_dir, new_lists, request.as_of, stored)
    write_outputs(result, outputs)
    if year_dir is not None:
        write_run(run_path(year_dir), year_run_text(result, year_dir.name, manifest, src))
    used = Cache(cache, layouts_for(reference_dir)).root if request.cache else None
    return IngestDone(
        result, status_list, year_dir, manifest, bool(new_lists), used, outputs["problems"]
    )
