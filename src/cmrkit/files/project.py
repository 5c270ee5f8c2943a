"""Finding the filer's repository a command works on: the folder with `data/` (one folder per
reporting year) and `docs/` (the pages), found from the current folder upwards.

A command that needs a repository and finds none says so in one line, with what to do, instead of
failing later on a missing file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError

MARKERS = ("mkdocs.yml", "docs")


class NotARepository(CmrkitError):
    """The command needs a filer's repository and was run elsewhere."""


@dataclass(frozen=True)
class Project:
    root: Path
    data_dir: Path
    docs_dir: Path

    @property
    def reference_dir(self) -> Path:
        """The repository's own reference files, overriding the packaged ones (may not exist)."""
        return self.data_dir / "reference"


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from `start` upwards, holding `data/` and `mkdocs.yml` or `docs/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir() and any((folder / m).exists() for m in MARKERS):
            return folder
    return None


def locate(data: Path | None = None, docs: Path | None = None) -> Project:
    """The project of a command: `--data`/`--docs` when given, else the repository around the
    current folder; none found is a NotARepository error saying what to do."""
    if data is not None:
        if not data.is_dir():
            raise NotARepository(f"{data}: no such data folder")
        docs = docs if docs is not None else data.parent / "docs"
        return Project(data.parent, data, docs)
    root = find_root()
    if root is None:
        raise NotARepository(
            f"not inside a cmrkit repository ({Path.cwd()} and the folders above it have no "
            "data/ folder beside mkdocs.yml or docs/): run the command in a filer's repository, "
            "pass --data DIR, or start one with `cmrkit init DIR --company NAME --year YEAR`"
        )
    return Project(root, root / "data", docs if docs is not None else root / "docs")


def optional(data: Path | None = None) -> Project | None:
    """The project when there is one (a command such as `ingest FOLDER` works without)."""
    try:
        return locate(data)
    except NotARepository:
        if data is not None:
            raise
        return None
