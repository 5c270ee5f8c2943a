"""The filed record (`data/<year>/filed/*.txt`): the report's text exactly as filed with the SEC.

It is the yardstick for fidelity: the site and the EDGAR export must carry each of its paragraphs,
in order and word for word, and each of its Annex rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import DataError, Location
from cmrkit.files.project import Project

_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


@dataclass(frozen=True)
class FiledRecord:
    path: Path
    paragraphs: tuple[str, ...]  # prose blocks, markup removed, blanks collapsed
    # One tuple per filed Annex row, its cells in the filed order: the columns the year prints
    # (facts.yml annex.columns), the name with its footnote marker.
    annex_rows: tuple[tuple[str, ...], ...]


def normalize(text: str) -> str:
    """One space between words: how two renderings of the same words compare equal."""
    return " ".join(text.split())


def _plain(block: str) -> str:
    """Drop the record's markup (bold markers, list dashes, autolink brackets), keep every word."""
    lines = []
    for line in block.split("\n"):
        if line.startswith("- "):
            line = line[2:]
        elif line.strip() == "-":
            line = ""
        lines.append(line)
    text = "\n".join(lines).replace("**", " ")
    return normalize(_AUTOLINK.sub(r"\1", text))


def parse_filed(text: str, path: Path) -> FiledRecord:
    paragraphs: list[str] = []
    rows: list[tuple[str, ...]] = []
    block: list[str] = []

    def flush() -> None:
        # Each list item ("- ...") is a paragraph of its own; other lines continue the current one.
        items: list[list[str]] = []
        for line in block:
            if line.startswith("- ") or line.strip() == "-" or not items:
                items.append([])
            items[-1].append(line)
        for item in items:
            plain = _plain("\n".join(item))
            if plain:
                paragraphs.append(plain)
        block.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            flush()
            cells = line.split("\t")
            if rows and len(cells) != len(rows[0]):
                raise DataError(
                    Location(path, number),
                    f"an Annex row of {len(cells)} tab-separated cells where the first row has "
                    f"{len(rows[0])}",
                )
            rows.append(tuple(cell.strip() for cell in cells))
        elif line.strip():
            block.append(line)
        else:
            flush()
    flush()
    return FiledRecord(path, tuple(paragraphs), tuple(rows))


def filed_record_path(year_dir: Path) -> Path | None:
    folder = year_dir / "filed"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if len(files) > 1:
        raise DataError(Location(folder), "more than one filed record (*.txt)")
    return files[0] if files else None


def recorded_years(project: Project) -> list[int]:
    """Every year with data and pages that keeps a filed record (the text as filed, the yardstick
    of the fidelity tests), in order. The record decides, not the status in facts.yml: a filed
    year switched back to draft keeps its word-for-word tests (and `cmrkit check` names the
    disagreement, `record-not-filed`)."""
    return [
        year
        for year in project.report_years
        if filed_record_path(project.year_data(year)) is not None
    ]


def load_filed(path: Path) -> FiledRecord:
    return parse_filed(path.read_text(encoding="utf-8"), path)
