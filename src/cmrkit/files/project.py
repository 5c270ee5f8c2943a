"""The filer's repository a command works on, and where everything in it is: the one place that
knows the layout.

A repository holds `data/` (one folder per reporting year, and `reference/` with the
repository's own reference files) and `docs/` (the pages, one folder per reporting year), beside
`mkdocs.yml`. A command finds it once (`locate`, from its `--data`/`--docs` or `--repo` options,
else from the current folder upwards) and passes the `Project` down; every module asks the
Project where a year's data or pages are, which years there are and which are filed, instead of
joining folder names to a root itself.

A command that needs a repository and finds none says so in one line, with what to do, instead of
failing later on a missing file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.files.yamlio import load_yaml

DATA = "data"  # the repository's data folder: one folder per reporting year
DOCS = "docs"  # the repository's pages: one folder per reporting year
REFERENCE = "reference"  # under data/: the repository's own reference files
MARKERS = ("mkdocs.yml", DOCS)  # beside data/, what makes a folder a repository
FACTS_FILE = "facts.yml"  # in a year's data folder
# facts.yml `filing.status` of a year filed with the SEC: its text is a legal record from then on.
# `Project.is_filed` and a loaded year's `is_filed` (year/facts.py) both compare with this word.
FILED = "filed"


class NotARepository(CmrkitError):
    """The command needs a filer's repository and was run elsewhere."""


def year_folder(parent: Path, year: int | str) -> Path:
    """A reporting year's folder under `data/` or `docs/`: named by the year."""
    return parent / str(year)


def reference_folder(data_dir: Path) -> Path:
    """The repository's own reference files in a data folder (`data/reference/`, may not exist):
    each overrides the packaged file of its name."""
    return data_dir / REFERENCE


def year_folders(parent: Path) -> list[int]:
    """The years with a folder (four digits) under `parent`, in order; none when it is absent."""
    if not parent.is_dir():
        return []
    return sorted(
        int(p.name)
        for p in parent.iterdir()
        if p.is_dir() and p.name.isdigit() and len(p.name) == 4
    )


@dataclass(frozen=True)
class Project:
    """A filer's repository: its root (git runs there, MkDocs builds there), its data folder and
    its pages folder. `--data` and `--docs` may put the last two elsewhere."""

    root: Path
    data_dir: Path
    docs_dir: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        """The repository at `root`, laid out as `cmrkit init` writes one: `data/`, `docs/`."""
        return cls(root, root / DATA, root / DOCS)

    @classmethod
    def around(cls, data_dir: Path, docs_dir: Path | None = None) -> Project:
        """The repository of a data folder given on its own: its pages beside it unless given."""
        return cls(
            data_dir.parent, data_dir, docs_dir if docs_dir is not None else data_dir.parent / DOCS
        )

    def moved(self, root: Path) -> Project:
        """The same layout under another root (a copy of the repository): data and pages must
        be inside this root."""
        return Project(
            root,
            root / self.data_dir.relative_to(self.root),
            root / self.docs_dir.relative_to(self.root),
        )

    @property
    def reference_dir(self) -> Path:
        """The repository's own reference files, overriding the packaged ones (may not exist)."""
        return reference_folder(self.data_dir)

    def year_data(self, year: int | str) -> Path:
        """`data/<year>/`: the year's facts, Annex, supplier files, ingest run and filed record."""
        return year_folder(self.data_dir, year)

    def year_docs(self, year: int | str) -> Path:
        """`docs/<year>/`: the year's pages and their navigation."""
        return year_folder(self.docs_dir, year)

    @property
    def years(self) -> list[int]:
        """Every reporting year with a data folder, in order."""
        return year_folders(self.data_dir)

    @property
    def report_years(self) -> list[int]:
        """Every reporting year with both data and pages: each is a report the site builds."""
        with_pages = set(year_folders(self.docs_dir))
        return [year for year in self.years if year in with_pages]

    def is_filed(self, year: int | str) -> bool:
        """Whether the year is filed: its facts.yml says `filing.status: filed` (the one rule;
        a loaded year's `is_filed` says the same). Only that fact is read, not the whole year,
        so asking about every year is cheap and a year whose Annex is broken is still known as
        filed; a facts file that is missing or not YAML is a DataError naming it."""
        doc = load_yaml(self.year_data(year) / FACTS_FILE)
        filing = doc.data.get("filing") if isinstance(doc.data, dict) else None
        return isinstance(filing, dict) and filing.get("status") == FILED

    @property
    def filed_years(self) -> list[int]:
        """Every year with data whose facts say it is filed, in order."""
        return [year for year in self.years if self.is_filed(year)]


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from `start` upwards, holding `data/` and `mkdocs.yml` or `docs/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DATA).is_dir() and any((folder / m).exists() for m in MARKERS):
            return folder
    return None


def not_a_repository(start: Path | None = None, option: str = "--data DIR") -> NotARepository:
    """The one-line error of a command run outside a repository, saying what to do."""
    here = start if start is not None else Path.cwd()
    return NotARepository(
        f"not inside a cmrkit repository ({here} and the folders above it have no "
        f"{DATA}/ folder beside mkdocs.yml or {DOCS}/): run the command in a filer's repository, "
        f"pass {option}, or start one with `cmrkit init DIR --company NAME --year YEAR`"
    )


def locate(
    data: Path | None = None,
    docs: Path | None = None,
    repo: Path | None = None,
    option: str = "--data DIR",
) -> Project:
    """The project of a command: `--data`/`--docs` when given, else the repository around
    `--repo` or the current folder; none found is a NotARepository error saying what to do
    (`option`: the command's own way of naming a repository elsewhere)."""
    if data is not None:
        if not data.is_dir():
            raise NotARepository(f"{data}: no such data folder")
        return Project.around(data, docs)
    if repo is not None and not repo.is_dir():
        raise NotARepository(f"{repo}: no such folder")
    root = find_root(repo)
    if root is None:
        raise not_a_repository(repo, option)
    project = Project.at(root)
    return project if docs is None else Project(root, project.data_dir, docs)


def optional(data: Path | None = None) -> Project | None:
    """The project when there is one (a command such as `ingest FOLDER` works without)."""
    try:
        return locate(data)
    except NotARepository:
        if data is not None:
            raise
        return None
