"""`cmrkit ingest`: supplier CMRTs in a folder to the consolidated smelter list.

Outputs are CSV (UTF-8, one header row; supplier text that a spreadsheet would run as a formula
is neutralised, the rule the site downloads use) and an optional RCOI figures file; the formats
are in `--help` and in `cmrkit.ingest.rcoi`. No output may overwrite an input (see
`cmrkit.files.overwrite_guard`) unless `--force`. Exit status: 0 every file read, 1 some file
refused (the outputs are still written from the files that could be read), 2 bad usage or data, 3 an
internal error (one line; the traceback with `--debug`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cmrkit.commands import add_data_option, optional_project
from cmrkit.ingest.cache import DEFAULT_DIR
from cmrkit.ingest.problems import Severity
from cmrkit.ingest.request import OUTPUTS, IngestRequest, ingest
from cmrkit.ingest.rmi_store import FOLDER as RMI_FOLDER
from cmrkit.ingest.rmi_store import ListsManifest
from cmrkit.ingest.run import IngestResult, progress_bar

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
               (facts annex.source: ingest), data/YEAR/rmi-lists/: the RMI lists given
               with --status, copied byte for byte, with manifest.yml (--as-of date, sha256),
               and data/YEAR/smelter-lookup/: the look-up of the template given with
               --reference (revision, template sha256, --as-of date)

examples:
  cmrkit ingest suppliers/2024 --out smelters.csv --problems problems.csv
  cmrkit ingest 2024 --status conformant=rmi-conformant.xlsx --status active=rmi-active.xls \\
      --as-of 2025-03-03   (reads data/2024/cmrt/, writes data/2024/ingest/*, stores the lists)
  cmrkit ingest 2024       (the same, with the lists stored in data/2024/rmi-lists/)
  cmrkit ingest 2026 --reference RMI_CMRT_6.6.xlsx --as-of 2027-01-15
                           (resolves against RMI's newest look-up, kept in
                           data/2026/smelter-lookup/ and reused by later runs)

RMI's other templates (EMRT, CRT, AMRT) are listed as such, not read; unfilled templates are
read but do not answer. No output may be an input, a facts file or anything under data/ but
data/YEAR/ingest/ (--force to write anyway).

exit status: 0 every file read; 1 some file refused (outputs still written); 2 bad usage or
data; 3 internal error (one line; the traceback with --debug)
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read every supplier CMRT (6.01 to 6.6.1, and a newer revision built like 6.6.1)\n"
        "in a folder, resolve each smelter row against RMI's Smelter Look-up, and write\n"
        "one row per facility with how many suppliers reported it. Refused files and\n"
        "flagged rows are listed with file, sheet, cell and reason; the run prints an\n"
        "accounting that adds up."
    )
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
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
        help="Smelter Look-up to resolve against: RMI's blank CMRT template (6.6 or later, also "
        "one newer than cmrkit knows), or a CSV with smelter_id, metal, smelter_name, country "
        "(default: the look-up kept with the year, else the newest revision among the inputs). "
        "With a year, a template's look-up is kept in data/YEAR/smelter-lookup/ (with --as-of) "
        "and reused by later runs",
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
        help="the date of RMI's lists or template (the day they were downloaded); required with "
        "--status or a --reference template for a year, stored with them",
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
    add_data_option(
        parser,
        "its reference/ overrides the packaged reference files, and SRC may "
        "then be a year (none needed for a folder)",
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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    request = IngestRequest(
        src=args.src,
        outputs={name: getattr(args, name) for name in OUTPUTS},
        status=tuple(args.status or ()),
        as_of=args.as_of,
        labels=args.labels,
        reference=args.reference,
        asked=args.asked,
        asked_list=args.asked_list,
        project=optional_project(args),
        jobs=args.jobs,
        cache_dir=args.cache_dir,
        cache=not args.no_cache,
        force=args.force,
        progress=None if args.quiet else progress_bar(),
    )
    done = ingest(request)
    result = done.result
    if done.year_dir is not None:
        _print_lists(done.year_dir, done.lists, done.lists_new)
    for problem in result.problems:
        if problem.severity == Severity.REFUSED:
            print(f"refused: {problem.file}: {problem.reason}", file=sys.stderr)
        elif problem.code == "newer_revision":
            print(f"warning: {problem.reason}", file=sys.stderr)
    for other in result.read.others:
        print(f"not a CMRT: {other.file}: {other.reason}", file=sys.stderr)
    if done.status_list is not None:
        for problem in done.status_list.problems:
            where = ", ".join(x for x in (problem.file, problem.sheet, problem.cell) if x)
            print(f"warning: {where}: {problem.reason}", file=sys.stderr)
    print(result.accounting.line() + _where_listed(done.problems, bool(result.problems)))
    print(
        f"reference: {result.reference.source}; cache hits: {result.read.cache_hits}"
        + ("" if done.cache_root is None else f" ({done.cache_root})")
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
