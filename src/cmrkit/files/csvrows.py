"""Data rows of a hand-kept CSV file (an Annex, a decisions file) as records by column name.

One reader, so every such file treats a blank row or a row with the wrong number of fields the
same way: reported with its line, never silently dropped or silently padded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from cmrkit.errors import DataError, Location


class CsvReader(Protocol):
    """What `csv.reader` returns: rows of text, and the file's line it has read up to."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...


def csv_records(
    reader: CsvReader, path: Path, header: Sequence[str], problems: list[DataError]
) -> Iterator[tuple[Location, dict[str, str]]]:
    """(where, record) for each data row, values stripped; a blank row or a row whose field count
    differs from the header's is appended to `problems` instead."""
    for values in reader:
        where = Location(path, reader.line_num)
        if not any(v.strip() for v in values):
            problems.append(DataError(where, "blank row (delete it)"))
            continue
        if len(values) != len(header):
            problems.append(
                DataError(where, f"{len(values)} fields where the header has {len(header)}")
            )
            continue
        yield where, {column: value.strip() for column, value in zip(header, values, strict=True)}
