"""The filed record of a year written in cmrkit (`data/YEAR/filed/*.txt`), written by
`cmrkit freeze YEAR --documents FILE...` from the documents as EDGAR accepted them.

The record is the yardstick of the word-for-word tests, so it is never typed by hand: it is read
from the documents as filed by the same code `cmrkit import` uses (`run.read_filed_record`), and
it is never overwritten unseen, as a filed year's record is part of the legal record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.files.project import FACTS_FILE, Project
from cmrkit.importing.run import FILED_DIR, read_filed_record
from cmrkit.record.filed import filed_record_path


@dataclass(frozen=True)
class RecordWritten:
    path: Path  # the year's filed record
    written: bool  # False: the record was there and the documents give the same text
    previous: tuple[Path, str] | None  # the record replaced (with amend): its path and text
    messages: tuple[str, ...] = ()  # documents left aside, and why


def write_filed_record(
    project: Project, year: int | str, paths: list[Path], *, amend: bool = False
) -> RecordWritten:
    """Write the year's filed record from the documents as filed, or say the one there already
    says the same; a different record is replaced only with `amend`."""
    try:
        year = int(year)
    except ValueError:
        raise CmrkitError(f"'{year}' is not a reporting year") from None
    if not project.is_filed(year):
        facts = (project.year_data(year) / FACTS_FILE).relative_to(project.root)
        raise CmrkitError(
            f"{year} is not filed: set filing.status: filed and filing.filed (the date EDGAR "
            f"accepted it) in {facts}, then run cmrkit freeze {year} --documents FILE..."
        )
    record, skipped = read_filed_record(project.data_dir, year, paths)
    folder = project.year_data(year) / FILED_DIR
    existing = filed_record_path(project.year_data(year))
    path = folder / record.name
    shown = project.root
    if existing is not None:
        old = existing.read_text(encoding="utf-8")
        if old == record.text and existing.name == record.name:
            return RecordWritten(existing, False, None, tuple(skipped))
        if not amend:
            given = ", ".join(str(p) for p in paths)
            raise CmrkitError(
                f"{existing.relative_to(shown)} already holds {year}'s filed record and {given} "
                "give a different text: a filed record is never overwritten. If the filing was "
                f"amended on EDGAR, run cmrkit freeze {year} --documents FILE... --amend "
                '--reason "..."'
            )
        existing.unlink()
        previous: tuple[Path, str] | None = (existing, old)
    else:
        previous = None
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(record.text, encoding="utf-8")
    return RecordWritten(path, True, previous, tuple(skipped))


def undo_record(written: RecordWritten) -> None:
    """Put the record back as it was before `write_filed_record` (the freeze that followed was
    refused), so a refused freeze leaves no new record behind."""
    if not written.written:
        return
    written.path.unlink(missing_ok=True)
    if written.previous is not None:
        old_path, old_text = written.previous
        old_path.write_text(old_text, encoding="utf-8")
