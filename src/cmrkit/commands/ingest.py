"""`cmrkit ingest`: supplier CMRTs in a folder to the consolidated smelter list.

Outputs are CSV (UTF-8, one header row; supplier text that a spreadsheet would run as a formula
is neutralised, the rule the site downloads use) and an optional RCOI figures file; the formats
are in `--help` and in `cmrkit.ingest.rcoi`. No output may overwrite an input (see
`cmrkit.files.outputs`) unless `--force`. Exit status: 0 every file read, 1 some file refused
(the outputs are still written from the files that could be read), 2 bad usage or data, 3 an
internal error (one line; the traceback with `--debug`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from cmrkit.commands import add_debug_option
from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.files.outputs import Guard, clashes, input_paths
from cmrkit.files.project import Project, locate, optional
from cmrkit.ingest.cache import DEFAULT_DIR, Cache
from cmrkit.ingest.classify import StatusList
from cmrkit.ingest.outputs import write_outputs, year_run_text
from cmrkit.ingest.rmi_lists import ReadList, list_vocabulary, parse_list_arg, read_status_lists
from cmrkit.ingest.rmi_store import FOLDER as RMI_FOLDER
from cmrkit.ingest.rmi_store import ListsManifest, load_manifest, store_lists, stored_specs
from cmrkit.ingest.run import (
    IngestOptions,
    IngestResult,
    progress_bar,
    run_ingest,
)
from cmrkit.ingest.run_record import run_path, write_run
from cmrkit.reference.load import Reference, load_reference

EPILOG = """\
outputs:
  --out        one row per facility (metal + smelter ID; unlisted: metal + name + country):
               metal, smelter_id, smelter_name, country, supplier_count, suppliers, listed,
               rmi_status, status_bucket, status_label (with --status), covered_country,
               sanctions (list, date, source), suggested_match (unlisted names that resemble
               a listed facility: never merged), reported_names, rows, files
  --problems   file, sheet, cell, severity, code, reason. severity: refused (file not read),
               error / excluded (row not in --out), warning, info
  --suppliers  one row per file: read or refused, revision, declaration fields, scope,
               answers to Q1-Q8 per metal and A-H, row counts
  --rcoi       RCOI figures (YAML, or JSON for a .json name); see cmrkit.ingest.rcoi

  with a year, also data/YEAR/ingest/facilities.yml: the run the year's Annex is built from
               (facts annex.source: ingest), and data/YEAR/rmi-lists/: the RMI lists given
               with --status, copied byte for byte, with manifest.yml (--as-of date, sha256)

examples:
  cmrkit ingest suppliers/2024 --out smelters.csv --problems problems.csv
  cmrkit ingest 2024 --status conformant=rmi-conformant.xlsx --status active=rmi-active.xls \\
      --as-of 2025-03-03   (reads data/2024/cmrt/, writes data/2024/ingest/*, stores the lists)
  cmrkit ingest 2024       (the same, with the lists stored in data/2024/rmi-lists/)

RMI's other templates (EMRT, CRT, AMRT) are listed as such, not read; unfilled templates are
read but do not answer. No output may be an input, a facts file or anything under data/ but
data/YEAR/ingest/ (--force to write anyway).

exit status: 0 every file read; 1 some file refused (outputs still written); 2 bad usage or
data; 3 internal error (one line; the traceback with --debug)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="roll supplier CMRTs up into the consolidated smelter list",
        description=(
            "Read every supplier CMRT (6.01 to 6.5) in a folder, resolve each smelter row\n"
            "against RMI's Smelter Look-up, and write one row per facility with how many\n"
            "suppliers reported it. Refused files and flagged rows are listed with file,\n"
            "sheet, cell and reason; the run prints an accounting that adds up."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("src", help="folder of supplier files, or a year (reads data/YEAR/cmrt)")
    parser.add_argument(
        "--out", type=Path, metavar="SMELTERS.csv", help="consolidated smelter list (CSV)"
    )
    parser.add_argument(
        "--problems", type=Path, metavar="PROBLEMS.csv", help="problems report (CSV)"
    )
    parser.add_argument(
        "--suppliers", type=Path, metavar="SUPPLIERS.csv", help="one row per supplier file (CSV)"
    )
    parser.add_argument(
        "--rcoi", type=Path, metavar="RCOI.yml", help="RCOI figures (YAML, or JSON by suffix)"
    )
    parser.add_argument(
        "--reference",
        type=Path,
        metavar="CMRT_OR_CSV",
        help="Smelter Look-up to resolve against: a CMRT, or a CSV with smelter_id, metal, "
        "smelter_name, country (default: the look-up of the newest revision among the inputs)",
    )
    parser.add_argument(
        "--status",
        action="append",
        metavar="STATUS=FILE|FILE",
        help="RMI facility list (CSV, XLSX or RMI's XML Spreadsheet 2003), repeatable: "
        "STATUS=FILE when every row has that status (conformant=rmi-conformant.xlsx, "
        "active=rmi-active.xlsx), FILE when it has a status column. With a year, the lists are "
        "stored in data/YEAR/rmi-lists/ and reused by a later run without --status",
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date of RMI's lists (the day they were downloaded); required with --status "
        "for a year, stored with the lists",
    )
    parser.add_argument(
        "--labels",
        default="rmap",
        help="label set of data/reference/statuses.yml for --status (rmap, cfsp; default rmap)",
    )
    asked = parser.add_mutually_exclusive_group()
    asked.add_argument("--asked", type=int, help="number of suppliers asked (RCOI)")
    asked.add_argument(
        "--asked-list",
        type=Path,
        metavar="FILE",
        help="text file, one supplier asked per line (RCOI)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="data folder of a repository: its reference/ overrides the packaged reference "
        "files, and SRC may then be a year (default: data/ of the repository around ./, if any)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (CPU count)")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help=f"cache folder ({DEFAULT_DIR} in the repository, else the user's cache folder)",
    )
    parser.add_argument("--no-cache", action="store_true", help="read every file afresh")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--force", action="store_true", help="write outputs even where they replace inputs"
    )
    add_debug_option(parser)
    parser.set_defaults(func=run)


def _cache_dir(project: Project | None) -> Path:
    """Inside a repository, its own `.cache/`; elsewhere the user's cache folder, so running
    `cmrkit ingest` in a folder of CMRTs leaves nothing behind but the outputs asked for."""
    if project is not None:
        return project.root / DEFAULT_DIR
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cmrkit" / "ingest"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _paths(
    args: argparse.Namespace, project: Project | None
) -> tuple[Path, dict[str, Path | None], Path | None]:
    src = Path(args.src)
    year_dir = None
    outputs: dict[str, Path | None] = {
        "out": args.out,
        "problems": args.problems,
        "suppliers": args.suppliers,
        "rcoi": args.rcoi,
    }
    if not src.is_dir() and re.fullmatch(r"\d{4}", args.src):
        if project is None:
            project = locate(args.data)  # a year needs a repository: says so if there is none
        year_dir = project.data_dir / args.src
        src = year_dir / "cmrt"
        if not src.is_dir():
            raise DataError(Location(src), f"no supplier folder for year {args.src}")
        defaults = {
            "out": "smelters.csv",
            "problems": "problems.csv",
            "suppliers": "suppliers.csv",
            "rcoi": "rcoi.yml",
        }
        for key, name in defaults.items():
            outputs[key] = outputs[key] or year_dir / "ingest" / name
    if not src.is_dir():
        raise DataError(Location(src), "not a folder (give a folder of CMRTs or a year)")
    if outputs["out"] is None:
        raise CmrkitError("--out SMELTERS.csv is required when SRC is a folder")
    return src, outputs, year_dir


def _lists(
    args: argparse.Namespace,
    year_dir: Path | None,
    reference: Reference,
    reference_dir: Path | None,
) -> tuple[StatusList | None, list[tuple[ReadList, bytes]], ListsManifest | None]:
    """The status list of the run: from --status, else (for a year) from the stored lists.

    Returns the lists read with their bytes (to store) and the manifest already stored."""
    vocabulary = list_vocabulary(reference_dir)
    specs = [parse_list_arg(text, reference, vocabulary) for text in args.status or []]
    if args.as_of and not specs:
        raise CmrkitError("--as-of dates the lists given with --status: give them too")
    if year_dir is None:
        if args.as_of:
            raise CmrkitError(
                "--as-of records the lists with a year's data: run `cmrkit ingest YEAR`"
            )
        if not specs:
            return None, [], None
        return read_status_lists(specs, reference, vocabulary)[0], [], None
    stored = load_manifest(year_dir)
    if specs and args.as_of is None:
        raise CmrkitError(
            "--as-of DATE is required with --status for a year: the date of RMI's lists "
            "(the day they were downloaded), kept with them in "
            f"{year_dir / RMI_FOLDER}/"
        )
    if args.as_of and args.as_of > dt.date.today():
        raise CmrkitError(f"--as-of {args.as_of.isoformat()} is in the future")
    if not specs:
        if stored is None:
            return StatusList("no RMI list", {}), [], None
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


def _check_outputs(
    args: argparse.Namespace, src: Path, outputs: dict[str, Path | None], data: Path | None
) -> None:
    """Refuse, before any work, outputs that would overwrite an input (see files.outputs):
    `data` is the repository's data folder, when there is one."""
    options = {"reference": "--reference", "status": "--status", "asked_list": "--asked-list"}
    inputs = tuple(
        (flag, path)
        for key, flag in options.items()
        for path in input_paths([getattr(args, key, None)])
    )
    allowed = tuple(year / "ingest" for year in data.glob("[0-9][0-9][0-9][0-9]")) if data else ()
    guard = Guard(inputs, (src,), data, allowed)
    named = {f"--{key}": path for key, path in outputs.items()}
    found = clashes(named, guard, args.force)
    if found:
        raise CmrkitError(
            "refusing to write: " + "; ".join(found) + " (--force writes anyway, except where "
            "two outputs share a path)"
        )


def _asked_list(path: Path | None) -> tuple[str, ...] | None:
    """The suppliers asked, one per line of `--asked-list` (None when not given)."""
    if path is None:
        return None
    try:
        return tuple(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(Location(path), f"cannot read: {exc}") from None


def run(args: argparse.Namespace) -> int:
    project = optional(args.data)
    src, outputs, year_dir = _paths(args, project)
    _check_outputs(args, src, outputs, project.data_dir if project else None)
    reference_dir = project.reference_dir if project else None
    reference = load_reference(reference_dir)
    cache_dir = args.cache_dir or _cache_dir(project)
    if args.labels not in reference.statuses.label_sets:
        known = ", ".join(sorted(reference.statuses.label_sets))
        raise CmrkitError(f"unknown label set {args.labels!r} (known: {known})")
    status_list, new_lists, stored = _lists(args, year_dir, reference, reference_dir)
    options = IngestOptions(
        reference_override=args.reference,
        status_list=status_list,
        label_set=args.labels,
        jobs=args.jobs,
        cache_root=None if args.no_cache else cache_dir,
        progress_factory=None if args.quiet else progress_bar(),
        asked=args.asked,
        asked_list=_asked_list(args.asked_list),
    )
    result = run_ingest(src, reference, options)
    if year_dir is not None:
        manifest = stored
        if new_lists:
            manifest = store_lists(year_dir, new_lists, args.as_of, stored)
        write_outputs(result, outputs)
        write_run(run_path(year_dir), year_run_text(result, year_dir.name, manifest, src))
        _print_lists(year_dir, manifest, bool(new_lists))
    else:
        write_outputs(result, outputs)
    for problem in result.problems:
        if problem.severity == "refused":
            print(f"refused: {problem.file}: {problem.reason}", file=sys.stderr)
    for other in result.read.others:
        print(f"not a CMRT: {other.file}: {other.reason}", file=sys.stderr)
    if status_list is not None:
        for problem in status_list.problems:
            where = ", ".join(x for x in (problem.file, problem.sheet, problem.cell) if x)
            print(f"warning: {where}: {problem.reason}", file=sys.stderr)
    print(result.accounting.line() + _where_listed(outputs["problems"], bool(result.problems)))
    print(
        f"reference: {result.reference.source}; cache hits: {result.read.cache_hits}"
        + ("" if args.no_cache else f" ({Cache(cache_dir).root})")
    )
    return exit_status(result, debug=getattr(args, "debug", False))


def _where_listed(problems: Path | None, any_problem: bool) -> str:
    """Where the refused files, flagged rows and warnings counted above are listed."""
    if problems is not None:
        return f" (each listed in {problems})"
    return " (list them with --problems PROBLEMS.csv)" if any_problem else ""


def exit_status(result: IngestResult, debug: bool = False) -> int:
    """0 clean, 1 some file (or folder entry) refused, 3 cmrkit failed on some file."""
    if result.read.internal_errors:
        for text in result.read.internal_errors if debug else ():
            print(text, file=sys.stderr)
        count = len(result.read.internal_errors)
        print(
            f"cmrkit: internal error on {count} file(s), refused above (a bug in cmrkit)"
            + ("" if debug else "; run again with --debug for the traceback"),
            file=sys.stderr,
        )
        return 3
    return 1 if any(p.severity == "refused" for p in result.problems) else 0


def _print_lists(year_dir: Path, manifest: ListsManifest | None, new: bool) -> None:
    if manifest is None:
        print(
            "warning: no RMI list given or stored: every facility reads as not on RMI's lists; "
            "give --status conformant=FILE --status active=FILE --as-of DATE",
            file=sys.stderr,
        )
        return
    names = ", ".join(
        f"{entry.file} ({entry.status or 'status column'}, {entry.rows} rows)"
        for entry in manifest.lists
    )
    how = "stored in" if new else "reused from"
    print(f"RMI lists as of {manifest.as_of.isoformat()}, {how} {year_dir / RMI_FOLDER}: {names}")
