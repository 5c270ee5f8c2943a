"""`cmrkit init DIR --company NAME --year YEAR`: a new filer's repository that builds and tests
itself at once.

The repository is written from templates shipped inside cmrkit (`cmrkit/website/template/`), and
holds only what a filer edits or a tool must find in it: mkdocs.yml, the two-line shims of
macros/ that load cmrkit's hooks and macros, the pages and data of the year, the tests. The site's
theme overrides, scripts, styles and shared pages are served from cmrkit at build time
(cmrkit.website.served), so upgrading cmrkit updates them. The narrative template says today's
words (RMI, RMAP, the OECD five steps) with every company-specific passage a `[[FILL: ...]]`
blank that `cmrkit check` lists until it is written; the tests are cmrkit's
(`cmrkit.website.filer_tests`), so they improve with cmrkit."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from cmrkit.errors import CmrkitError
from cmrkit.files.project import FACTS_FILE, Project
from cmrkit.version import __version__
from cmrkit.website.vendor import FOLDER as VENDOR_FOLDER
from cmrkit.website.vendor import lock_line, write_own_wheel
from cmrkit.year.new_year import start_annex_run, start_rcoi
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year

TEMPLATE = Path(__file__).with_name("template")
FIRST_YEAR, LAST_YEAR = 2013, 2100  # Form SD reports start with calendar 2013


class InitError(CmrkitError):
    """`cmrkit init` cannot write the repository (folder not empty, bad year or name)."""


@dataclass(frozen=True)
class NewRepository:
    folder: Path
    company: str
    year: int
    files: tuple[Path, ...]
    git: bool  # whether `git init` ran


def target_path(relative: str, year: int) -> str:
    """Where a template file goes: `dot-x` is `.x`, the folder `YEAR` the reporting year, and
    `.tmpl` files lose that suffix."""
    parts = []
    for part in relative.split("/"):
        if part.startswith("dot-"):
            part = "." + part[4:]
        parts.append(str(year) if part == "YEAR" else part)
    return "/".join(parts).removesuffix(".tmpl")


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def template_files() -> list[Path]:
    return sorted(p for p in TEMPLATE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _check(folder: Path, company: str, year: int | str) -> int:
    try:
        year = int(year)
    except ValueError:
        raise InitError(f"'{year}' is not a year") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InitError(f"{year} is not a reporting year ({FIRST_YEAR} to {LAST_YEAR})")
    if not company.strip() or any(c in company for c in "\n\r\t") or "[[" in company:
        raise InitError(f"'{company}' is not a company name")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} exists and is not an empty folder: init never overwrites")
    return year


def init_repository(folder: Path, company: str, year: int | str) -> NewRepository:
    """Write the repository into `folder` (new or empty); it must load at once, else nothing
    is left behind."""
    year = _check(folder, company, year)
    values = {
        "COMPANY": company.strip(),
        "YEAR": str(year),
        "NEXT_YEAR": str(year + 1),
        "VERSION": __version__,
    }
    yaml_values = {**values, "COMPANY": json.dumps(company.strip(), ensure_ascii=False)}
    created = not folder.exists()
    written: list[Path] = []
    try:
        for source in template_files():
            relative = source.relative_to(TEMPLATE).as_posix()
            target = folder / target_path(relative, year)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.name.endswith(".tmpl"):
                text = source.read_text(encoding="utf-8")
                is_yaml = target.suffix in (".yml", ".yaml")
                target.write_text(fill(text, yaml_values if is_yaml else values), encoding="utf-8")
            elif target.name == ".gitkeep":
                target.write_text("", encoding="utf-8")
            else:
                shutil.copyfile(source, target)
            shutil.copymode(source, target)
            written.append(target)
        written += _vendor_cmrkit(folder)
        # The year's Annex and RCOI figures come from its ingest run: an empty one to start.
        project = Project.at(folder)
        year_folder = project.year_data(year)
        written += [*start_annex_run(year_folder, "cmrkit init"), start_rcoi(year_folder)]
        report = load_year(project.data_dir, year)  # the new repository loads as it stands
        load_pages(project.docs_dir, report.year)
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for path in sorted(folder.iterdir()):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        raise
    return NewRepository(folder, company.strip(), year, tuple(written), _git_init(folder))


def _vendor_cmrkit(folder: Path) -> list[Path]:
    """This cmrkit's wheel in `vendor/`, pinned by its hash as the last line of the new
    repository's requirements.lock: `make site` installs it on any machine (see `vendor`)."""
    wheel, digest = write_own_wheel(folder / VENDOR_FOLDER)
    lock = folder / "requirements.lock"
    text = lock.read_text(encoding="utf-8").rstrip("\n")
    relative = wheel.relative_to(folder).as_posix()
    lock.write_text(
        f"{text}\n# cmrkit itself, the wheel `cmrkit init` wrote; once cmrkit is on PyPI:\n"
        f"# cmrkit=={__version__} --hash=sha256:... (and delete {VENDOR_FOLDER}/)\n"
        f"{lock_line(relative, digest)}\n",
        encoding="utf-8",
    )
    return [wheel]


def _git_init(folder: Path) -> bool:
    """A git repository, so `cmrkit freeze`, `publish` and `diff` work; no commit is made."""
    git = shutil.which("git")
    if git is None:
        return False
    result = subprocess.run(
        [git, "init", "--quiet", str(folder)], capture_output=True, text=True, check=False
    )
    return result.returncode == 0


def _template_year_files(company: str, year: int) -> dict[str, bytes]:
    """What `init_repository` writes under data/YEAR and docs/YEAR, by path from the root:
    written by it into a scratch folder, so the comparison follows init wherever it goes."""
    with tempfile.TemporaryDirectory(prefix="cmrkit-init-") as scratch:
        folder = Path(scratch) / "repo"
        init_repository(folder, company, year)
        written = Project.at(folder)
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for top in (written.year_data(year), written.year_docs(year))
            for p in top.rglob("*")
            if p.is_file()
        }


def _registrant(facts: Path) -> str | None:
    try:
        data = yaml.safe_load(facts.read_text(encoding="utf-8"))
        name = data["registrant"]["name"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) and name.strip() and "[[" not in name else None


def untouched_template_year(project: Project, year: str) -> tuple[str | None, bool]:
    """(the registrant this repository was started for, whether data/YEAR and docs/YEAR are
    still exactly what `cmrkit init` wrote): `cmrkit import` may replace such a year, since
    nobody has written anything in it, and names the registrant from it when a filed Exhibit
    alone does not."""
    years = [project.year_data(y) for y in project.years]
    names = [n for p in reversed(years) if (n := _registrant(p / FACTS_FILE))]
    company = names[0] if names else None
    if not year.isdigit() or len(year) != 4:
        return company, False
    data, docs = project.year_data(year), project.year_docs(year)
    name = _registrant(data / FACTS_FILE)
    if name is None or not docs.is_dir():
        return company, False
    root = project.root
    if project != Project.at(root):  # --data or --docs elsewhere: not a layout init wrote
        return company, False
    present = {
        p.relative_to(root).as_posix(): p
        for folder in (data, docs)
        for p in folder.rglob("*")
        if p.is_file()
    }
    expected = _template_year_files(name, int(year))
    same = set(present) == set(expected) and all(
        present[k].read_bytes() == v for k, v in expected.items()
    )
    return company, same
