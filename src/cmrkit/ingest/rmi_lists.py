"""RMI's facility lists, as downloaded, to the status of each smelter ID.

RMI publishes one list per status (the Conformant list, the Active list) with no status column;
users also export tables that have one. `cmrkit ingest --status` takes both: `STATUS=FILE` says
every row of FILE has that status, a bare FILE must carry a status column. Header spellings and
RMI's words are data (`data/reference/statuses.yml`). A facility on no list is not on RMI's lists:
classification puts it in the `other` bucket. Words statuses.yml does not know are reported once
per word with their count, quoting the value as found, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.errors import CmrkitError, DataError
from cmrkit.files.yamlio import load_yaml
from cmrkit.ingest.classify import StatusList
from cmrkit.ingest.cmrt.lookup import normalize_id
from cmrkit.ingest.problems import Problem
from cmrkit.ingest.rmi_tables import Table, read_tables
from cmrkit.reference.files import reference_file
from cmrkit.reference.load import Reference, fold

DEFAULT_LIST_COLUMNS = {
    "smelter_id": ("smelter id", "facility id", "cid", "smelter_id"),
    "status": ("rmi status", "status", "rmi_status"),
}


def header_key(text: str) -> str:
    """What two spellings of a header share: 'STATE/ PROVINCE/ REGION', 'State/Province/Region'
    and 'state_province_region' are one header; only letters and digits count."""
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


@dataclass(frozen=True)
class ListVocabulary:
    """Header spellings of each column a list may have, and RMI's words as statuses.yml spells
    them (folded word -> spelling)."""

    columns: dict[str, tuple[str, ...]]  # column -> header keys, in order of preference
    words: dict[str, str]
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # as statuses.yml has them


def list_vocabulary(reference_dir: Path | None) -> ListVocabulary:
    """From the repository's own statuses.yml in `reference_dir`, else the packaged one."""
    doc = load_yaml(reference_file("statuses.yml", reference_dir))
    data = doc.data if isinstance(doc.data, dict) else {}
    spec = data.get("status_list_columns") or {}
    spellings = {
        key: tuple(str(name) for name in (spec.get(key) or default))
        for key, default in DEFAULT_LIST_COLUMNS.items()
    }
    columns = {key: tuple(map(header_key, names)) for key, names in spellings.items()}
    words = {fold(word): str(word) for word in (data.get("rmi_statuses") or {})}
    return ListVocabulary(columns, words, spellings)


@dataclass(frozen=True)
class ListSpec:
    """One `--status` argument: a file, and the status of all its rows (None: a status column)."""

    path: Path
    status: str | None = None

    def label(self) -> str:
        return f"{self.status}={self.path}" if self.status else str(self.path)


def parse_list_arg(text: str, reference: Reference, vocabulary: ListVocabulary) -> ListSpec:
    """`STATUS=FILE` or `FILE`: an existing file named with '=' is a FILE."""
    path = Path(text)
    if "=" not in text or path.is_file():
        return ListSpec(path)
    word, _, name = text.partition("=")
    if reference.statuses.bucket_of_rmi(word) is None:
        known = ", ".join(vocabulary.words.values())
        raise CmrkitError(
            f"--status {text}: {word!r} is not a status of statuses.yml rmi_statuses "
            f"(known: {known})"
        )
    if not name:
        raise CmrkitError(f"--status {text}: no file after '='")
    return ListSpec(Path(name), vocabulary.words.get(fold(word), word.strip()))


@dataclass
class _Unknown:
    """An RMI word statuses.yml does not know, as met in the lists."""

    count: int = 0
    raw: list[str] = field(default_factory=list)
    first: Problem | None = None


@dataclass(frozen=True)
class ReadList:
    """What one list gave: its format, its facility rows and the distinct IDs on it."""

    spec: ListSpec
    format: str
    rows: int
    ids: int


def _column(table: Table, keys: tuple[str, ...]) -> int | None:
    found = [header_key(c) for c in table.columns]
    for key in keys:
        if key in found:
            return found.index(key)
    return None


def read_status_lists(
    specs: Sequence[ListSpec], reference: Reference, vocabulary: ListVocabulary
) -> tuple[StatusList, list[ReadList]]:
    """Merge the lists into one smelter ID -> RMI word map, with the problems met on the way.

    An ID on lists of two buckets keeps the better one (statuses.yml's bucket order), with a
    warning; the order of the arguments never decides."""
    id_keys = vocabulary.columns["smelter_id"]

    def is_header(cells: Sequence[str]) -> bool:
        return any(header_key(cell) in id_keys for cell in cells if cell)

    statuses: dict[str, str] = {}
    problems: list[Problem] = []
    unknown: dict[str, _Unknown] = {}
    conflicts: set[str] = set()
    read: list[ReadList] = []
    rank = {bucket: index for index, bucket in enumerate(reference.statuses.buckets)}

    def bucket_rank(word: str) -> int:
        bucket = reference.statuses.bucket_of_rmi(word) or reference.statuses.default_bucket
        return rank.get(bucket, len(rank))

    for spec in specs:
        tables = read_tables(spec.path, is_header)
        ids_here: set[str] = set()
        rows_here = 0
        for table in tables:
            id_column = _column(table, id_keys)
            assert id_column is not None  # the header row was chosen for having it
            status_column = None
            if spec.status is None:
                status_column = _column(table, vocabulary.columns["status"])
                if status_column is None:
                    looked = ", ".join(vocabulary.spellings["status"])
                    raise DataError(
                        table.where(table.header_row, id_column),
                        f"no status column (looked for: {looked}); for one of RMI's lists, "
                        f"whose rows all have one status, give --status STATUS={spec.path}",
                    )
            for number, cells in table.rows:
                if not any(cell.strip() for cell in cells):
                    continue
                where = table.where(number, id_column)
                cell = where.cell or f"line {number}"
                sheet = table.sheet or ""
                sid = normalize_id(cells[id_column])
                if not sid:
                    problems.append(
                        Problem(
                            spec.path.name,
                            sheet,
                            cell,
                            "warning",
                            "no_smelter_id",
                            "status list row without a smelter ID: not used",
                        )
                    )
                    continue
                rows_here += 1
                ids_here.add(sid)
                if status_column is None:
                    assert spec.status is not None  # a list without the column was given one
                    raw = spec.status
                else:
                    raw = cells[status_column]
                word = " ".join(str(raw).split())
                if reference.statuses.bucket_of_rmi(word) is None:
                    entry = unknown.setdefault(fold(word), _Unknown())
                    entry.count += 1
                    if raw not in entry.raw:
                        entry.raw.append(raw)
                    if entry.first is None:
                        entry.first = Problem(spec.path.name, sheet, cell, "warning", "", "")
                previous = statuses.get(sid)
                if previous is None or bucket_rank(word) < bucket_rank(previous):
                    statuses[sid] = word
                if previous is not None and fold(previous) != fold(word) and sid not in conflicts:
                    conflicts.add(sid)
                    problems.append(
                        Problem(
                            spec.path.name,
                            sheet,
                            cell,
                            "warning",
                            "conflicting_status",
                            f"{sid} is listed as {previous!r} and {word!r}; "
                            f"{statuses[sid]!r} is used",
                        )
                    )
        if not rows_here:
            problems.append(
                Problem(
                    spec.path.name,
                    tables[0].sheet or "",
                    "",
                    "warning",
                    "empty_list",
                    "the list has a header but no facility row (an incomplete download?)",
                )
            )
        read.append(ReadList(spec, tables[0].format, rows_here, len(ids_here)))
    for entry in unknown.values():
        assert entry.first is not None
        quoted = ", ".join(repr(raw) for raw in entry.raw)
        rows = "row" if entry.count == 1 else "rows"
        problems.append(
            Problem(
                entry.first.file,
                entry.first.sheet,
                entry.first.cell,
                "warning",
                "unknown_status",
                f"status {quoted} ({entry.count} {rows}, first here) is not in statuses.yml "
                "rmi_statuses: counted as not on RMI's lists",
            )
        )
    source = "; ".join(spec.label() for spec in specs)
    return StatusList(source, statuses, tuple(problems)), read
