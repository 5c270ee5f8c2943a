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


@dataclass(frozen=True)
class _At:
    """Where in a list a row is: the file, its sheet (none for CSV) and cell (or line)."""

    file: str
    sheet: str
    cell: str

    def problem(self, code: str, reason: str) -> Problem:
        return Problem.at(self.file, self.sheet, self.cell, "warning", code, reason)


@dataclass
class _Unknown:
    """An RMI word statuses.yml does not know, as met in the lists."""

    count: int = 0
    raw: list[str] = field(default_factory=list)
    first: _At | None = None


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
    merge = _Merge(reference, vocabulary)
    read = [merge.add_list(spec) for spec in specs]
    source = "; ".join(spec.label() for spec in specs)
    return StatusList(source, merge.statuses, tuple(merge.finish())), read


class _Merge:
    """The statuses merged so far, and what was met: rows without an ID, conflicting words,
    words statuses.yml does not know (reported once per word at the end, with their count)."""

    def __init__(self, reference: Reference, vocabulary: ListVocabulary) -> None:
        self.statuses_vocabulary = reference.statuses
        self.vocabulary = vocabulary
        self.id_keys = vocabulary.columns["smelter_id"]
        self.rank = {bucket: index for index, bucket in enumerate(reference.statuses.buckets)}
        self.statuses: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.unknown: dict[str, _Unknown] = {}
        self.conflicts: set[str] = set()

    def is_header(self, cells: Sequence[str]) -> bool:
        return any(header_key(cell) in self.id_keys for cell in cells if cell)

    def bucket_rank(self, word: str) -> int:
        statuses = self.statuses_vocabulary
        bucket = statuses.bucket_of_rmi(word) or statuses.default_bucket
        return self.rank.get(bucket, len(self.rank))

    def add_list(self, spec: ListSpec) -> ReadList:
        tables = read_tables(spec.path, self.is_header)
        ids_here: set[str] = set()
        rows_here = 0
        for table in tables:
            id_column = _column(table, self.id_keys)
            if id_column is None:  # read_tables chose the header row for having it
                raise AssertionError(f"{spec.path}: header row without an ID column")
            status_column = (
                None if spec.status is not None else self._status_column(table, spec, id_column)
            )
            for number, cells in table.rows:
                if not any(cell.strip() for cell in cells):
                    continue
                where = table.where(number, id_column)
                at = _At(spec.path.name, table.sheet or "", where.cell or f"line {number}")
                sid = normalize_id(cells[id_column])
                if not sid:
                    self.problems.append(
                        at.problem(
                            "no_smelter_id", "status list row without a smelter ID: not used"
                        )
                    )
                    continue
                rows_here += 1
                ids_here.add(sid)
                raw = spec.status if status_column is None else cells[status_column]
                self._add_row(sid, str(raw), at)
        if not rows_here:
            at = _At(spec.path.name, tables[0].sheet or "", "")
            self.problems.append(
                at.problem(
                    "empty_list",
                    "the list has a header but no facility row (an incomplete download?)",
                )
            )
        return ReadList(spec, tables[0].format, rows_here, len(ids_here))

    def _status_column(self, table: Table, spec: ListSpec, id_column: int) -> int:
        """A list given without STATUS= must say each row's status in a column."""
        column = _column(table, self.vocabulary.columns["status"])
        if column is None:
            looked = ", ".join(self.vocabulary.spellings["status"])
            raise DataError(
                table.where(table.header_row, id_column),
                f"no status column (looked for: {looked}); for one of RMI's lists, "
                f"whose rows all have one status, give --status STATUS={spec.path}",
            )
        return column

    def _add_row(self, sid: str, raw: str, at: _At) -> None:
        word = " ".join(raw.split())
        if self.statuses_vocabulary.bucket_of_rmi(word) is None:
            entry = self.unknown.setdefault(fold(word), _Unknown())
            entry.count += 1
            if raw not in entry.raw:
                entry.raw.append(raw)
            if entry.first is None:
                entry.first = at
        previous = self.statuses.get(sid)
        if previous is None or self.bucket_rank(word) < self.bucket_rank(previous):
            self.statuses[sid] = word
        if previous is not None and fold(previous) != fold(word) and sid not in self.conflicts:
            self.conflicts.add(sid)
            self.problems.append(
                at.problem(
                    "conflicting_status",
                    f"{sid} is listed as {previous!r} and {word!r}; {self.statuses[sid]!r} is used",
                )
            )

    def finish(self) -> list[Problem]:
        """The problems, with one warning per unknown word at the first place it was met."""
        problems = list(self.problems)
        for entry in self.unknown.values():
            if entry.first is None:  # set with the first count
                raise AssertionError("an unknown status word without a place")
            quoted = ", ".join(repr(raw) for raw in entry.raw)
            rows = "row" if entry.count == 1 else "rows"
            problems.append(
                entry.first.problem(
                    "unknown_status",
                    f"status {quoted} ({entry.count} {rows}, first here) is not in "
                    "statuses.yml rmi_statuses: counted as not on RMI's lists",
                )
            )
        return problems
