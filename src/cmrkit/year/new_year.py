"""Starting the next reporting year from the last one (`cmrkit new-year`).

Most of a Conflict Minerals Report carries over: the registrant, the contact, the supplier survey
and the Annex change by increments. The new year starts as a copy with its period moved on, as a
draft, so the pages build at once and the diff against last year shows only real changes. What
last year's filing gave about itself (the day it was signed and filed, its EDGAR accession number)
is not this year's and is never moved on a year into a date nobody gave: the day signed starts as
a FILL blank that `cmrkit check` names, as in the facts `cmrkit init` writes. Its pages are its
own copy (`docs/<year>/`): rewording them never touches a filed year."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.files.project import Project
from cmrkit.files.yamlio import load_yaml
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.outputs import write_rcoi
from cmrkit.ingest.rcoi import rcoi_figures
from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.year.decisions import FILE as DECISIONS_FILE
from cmrkit.year.decisions import HEADER as DECISIONS_HEADER
from cmrkit.year.pages import load_pages, pages_dir
from cmrkit.year.rcoi_source import RCOI_KEYS
from cmrkit.year.report import load_year

# Facts holding a date that moves on with the year: the reporting period, which the year itself
# gives (a calendar year for Rule 13p-1).
MOVED_DATES = (("period", "start"), ("period", "end"))
# Facts of last year's filing the new year needs but nobody has given yet: each starts as a blank.
BLANKED = {
    ("filing", "signed"): (
        "[[FILL: the day the Form SD is signed, YYYY-MM-DD, by the filing deadline]]"
    ),
}
# Facts of a filed year a draft does not carry over: a draft is unfiled (no filing date, no EDGAR
# accession number) and its Annex is its own (no row printed twice).
DROPPED = (("filing", "filed"), ("filing", "accession_number"), ("annex", "duplicates_as_filed"))
STATUS = ("filing", "status")
SUPPLIER_FOLDER = "cmrt"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLANK = re.compile(r"\[\[FILL\b[^\]]*\]\]")


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_facts(text: str, path: Path, years: int) -> str:
    """The facts file's text for a year `years` later, comments and layout kept: the period
    moved, the day signed a blank, status set to draft, the filing date and number removed."""
    doc = load_yaml(path)
    lines = text.split("\n")
    for key, blank in BLANKED.items():
        number = doc.lines.get(key)
        if number is None:
            raise DataError(doc.where(key), f"missing fact '{'.'.join(key)}'")
        lines[number - 1] = _blank_value(lines[number - 1], key[-1], blank)
    for key in MOVED_DATES:
        number = doc.lines.get(key)
        if number is None:
            raise DataError(doc.where(key), f"missing fact '{'.'.join(key)}'")
        line = lines[number - 1]
        if _BLANK.search(line):  # a date not given yet stays a blank, never a date made up
            continue
        match = _DATE.search(line.split("#", 1)[0])
        if not match:
            raise DataError(Location(path, number), "expected a date written YYYY-MM-DD")
        moved = shift_year(dt.date.fromisoformat(match.group()), years)
        lines[number - 1] = line[: match.start()] + moved.isoformat() + line[match.end() :]
    status_line = doc.lines.get(STATUS)
    if status_line is None:
        raise DataError(doc.where(STATUS), "missing fact 'filing.status'")
    lines[status_line - 1] = re.sub(
        r"(status:\s*)filed\b", r"\1draft", lines[status_line - 1], count=1
    )
    dropped = {doc.lines[key] for key in DROPPED if key in doc.lines}
    return "\n".join(line for number, line in enumerate(lines, start=1) if number not in dropped)


def _blank_value(line: str, name: str, blank: str) -> str:
    """`line` (`  signed: 2024-05-30  # note`) with its value replaced by the quoted blank, the
    indent and any comment kept; a blank already there stays as it is."""
    if _BLANK.search(line):
        return line
    match = re.match(rf"(\s*{re.escape(name)}:\s*)[^#]*?(\s+#.*)?$", line)
    if match is None:
        return line  # not a `name: value` line (load_year read it, so this does not happen)
    return f'{match.group(1)}"{blank}"{match.group(2) or ""}'


def annex_from_run(text: str, path: Path) -> str:
    """The facts' `annex.file: annex.csv` becomes `annex.source: ingest`: a new year's Annex is
    built from its own ingest run, never retyped from last year's (label set, footnotes kept).
    `text` is the file at `path` as it is; one line is replaced, so every other keeps its number."""
    doc = load_yaml(path)
    number = doc.lines.get(("annex", "file"))
    if number is None:
        return text  # already from the run
    lines = text.split("\n")
    indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
    lines[number - 1] = (
        f"{indent}source: ingest         # built from ingest/facilities.yml (`cmrkit ingest`) "
        "and annex-decisions.csv"
    )
    return "\n".join(lines)


RCOI_SOURCE = "ingest/rcoi.yml"
_RCOI_NOTES = (
    "counted by `cmrkit ingest` from this year's CMRTs (data/<year>/cmrt/)",
    "suppliers asked: `cmrkit ingest --asked N` or `contract_manufacturers_asked: N` here",
    "until then the report prints a blank there and `cmrkit check` names it",
    "no count is carried over from last year",
)


def rcoi_from_run(text: str, path: Path) -> str:
    """The facts' typed RCOI counts give way to `rcoi.source: ingest/rcoi.yml`: last year's
    suppliers asked and answering are not this year's, and a draft stating them would print a
    figure nobody gave. The year's own run counts those answering; the number asked stays a
    blank until a person gives it. Typed lines are replaced one for one (the first by `source:`,
    the others by comments), so every other line keeps its number for `next_facts`."""
    doc = load_yaml(path)
    block = doc.data.get("rcoi") if isinstance(doc.data, dict) else None
    if not isinstance(block, dict):
        return text
    typed = sorted(doc.lines[("rcoi", key)] for key in RCOI_KEYS if ("rcoi", key) in doc.lines)
    if not typed:
        return text
    lines = text.split("\n")
    first = lines[typed[0] - 1]
    indent = first[: len(first) - len(first.lstrip())]
    notes = iter(_RCOI_NOTES)
    has_source = "source" in block
    for position, number in enumerate(typed):
        if position == 0 and not has_source:
            lines[number - 1] = f"{indent}source: {RCOI_SOURCE}"
        else:
            lines[number - 1] = f"{indent}# {next(notes, 'given to the run, not typed here')}"
    return "\n".join(lines)


def retitle_comments(text: str, previous: int, year: int) -> str:
    """Comment lines naming the previous year ("Facts of the 2023 reporting year") name the new
    one; values are left alone (a date like 2024-05-30 is moved by `next_facts`, not here)."""
    pattern = re.compile(rf"\b{previous}\b")
    return "\n".join(
        pattern.sub(str(year), line) if line.lstrip().startswith("#") else line
        for line in text.split("\n")
    )


def start_annex_run(folder: Path, written_by: str = "cmrkit new-year") -> tuple[Path, ...]:
    """An empty ingest run (no CMRT read yet: an Annex of no rows, which `cmrkit check` reports
    as not fileable) and a decisions file with its header only."""
    run = run_path(folder)
    write_run(run, run_text(folder.name, [], None, [], written_by=written_by))
    decisions = folder / DECISIONS_FILE
    decisions.write_text(DECISIONS_HEADER, encoding="utf-8")
    return run, decisions


def start_rcoi(folder: Path) -> Path:
    """The RCOI figures of an empty run (`ingest/rcoi.yml`): no CMRT read, nobody answering,
    and the number of suppliers asked not given (null), which the pages print as a blank."""
    path = run_path(folder).with_name("rcoi.yml")
    scopes = dict(load_layouts().newest.scopes)
    write_rcoi(path, rcoi_figures([], 0, scopes).as_dict())
    return path


def _rcoi_from_run(facts_text: str) -> bool:
    """Whether the facts take their RCOI counts from the year's ingest run (`rcoi.source`)."""
    data = yaml.safe_load(facts_text)
    block = data.get("rcoi") if isinstance(data, dict) else None
    return isinstance(block, dict) and "source" in block


@dataclass(frozen=True)
class Scaffold:
    year: int
    previous: int
    folder: Path
    files: tuple[Path, ...]


def copy_pages(docs_dir: Path, previous: int, year: int) -> list[Path]:
    """The new year's own pages: a copy of the previous year's `docs/<previous>/`, to be edited
    freely, since nothing in it can change what the previous year renders."""
    source = pages_dir(docs_dir, previous)
    target = pages_dir(docs_dir, year)
    load_pages(docs_dir, previous)  # refuse to copy pages whose navigation is broken
    shutil.copytree(source, target)
    return sorted(p for p in target.rglob("*") if p.is_file())


def new_year(project: Project, year: int | str, *, replace: bool = False) -> Scaffold:
    """Create `data/<year>/` and `docs/<year>/` from the latest earlier year, which is only read.

    `replace`: the caller has found that year to be the untouched template `cmrkit init` wrote
    (a filer who starts the repository with the year to write, then imports the years filed
    before it); it is set aside while the year is written, and put back if that fails."""
    try:
        year = int(year)
    except ValueError:
        raise CmrkitError(f"'{year}' is not a year") from None
    data_dir, docs_dir = project.data_dir, project.docs_dir
    folder = project.year_data(year)
    for existing in (folder, project.year_docs(year)):
        if existing.exists() and not replace:
            raise CmrkitError(f"{existing} already exists: new-year never overwrites a year")
    earlier = [y for y in project.years if y < year]
    if not earlier:
        raise CmrkitError(f"no year before {year} in {data_dir} to start from")
    previous = earlier[-1]
    load_year(data_dir, previous)  # refuse to copy a year that does not load
    source_dir = project.year_data(previous)
    facts_path = source_dir / "facts.yml"
    # annex_from_run and rcoi_from_run first: they rewrite lines in place, so the lines
    # next_facts reads hold.
    facts_text = annex_from_run(facts_path.read_text(encoding="utf-8"), facts_path)
    facts_text = rcoi_from_run(facts_text, facts_path)
    facts_text = next_facts(facts_text, facts_path, year - previous)
    facts_text = retitle_comments(facts_text, previous, year)
    aside = _set_aside(project, year) if replace else None
    folder.mkdir(parents=True)
    pages: list[Path] = []
    try:
        pages = copy_pages(docs_dir, previous, year)
        (folder / "facts.yml").write_text(facts_text, encoding="utf-8")
        (folder / SUPPLIER_FOLDER).mkdir()
        (folder / SUPPLIER_FOLDER / ".gitkeep").write_text("", encoding="utf-8")
        annex_files = start_annex_run(folder)
        if _rcoi_from_run(facts_text):  # always, since rcoi_from_run; kept for a facts
            annex_files += (start_rcoi(folder),)  # file without an rcoi block: none until its run
        load_year(data_dir, year)  # the scaffold must build as it stands
    except BaseException:
        shutil.rmtree(folder)
        shutil.rmtree(project.year_docs(year), ignore_errors=True)
        if aside is not None:
            _put_back(aside, project, year)
        raise
    if aside is not None:
        shutil.rmtree(aside)
    files = (folder / "facts.yml", *annex_files, folder / SUPPLIER_FOLDER / ".gitkeep", *pages)
    return Scaffold(year, previous, folder, files)


def _set_aside(project: Project, year: int) -> Path:
    """Move the year's template folders into a scratch folder beside data/ (same file system)."""
    aside = Path(tempfile.mkdtemp(prefix=f".cmrkit-new-year-{year}-", dir=project.data_dir.parent))
    for name, path in (("data", project.year_data(year)), ("docs", project.year_docs(year))):
        if path.exists():
            shutil.move(str(path), str(aside / name))
    return aside


def _put_back(aside: Path, project: Project, year: int) -> None:
    for name, path in (("data", project.year_data(year)), ("docs", project.year_docs(year))):
        if (aside / name).exists():
            shutil.move(str(aside / name), str(path))
    shutil.rmtree(aside)
