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
from dataclasses import dataclass
from pathlib import Path

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.rules import load_prefiling_rules
from cmrkit.errors import CmrkitError
from cmrkit.version import __version__
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
    rules = load_prefiling_rules()
    deadline = filing_deadline(year, rules.deadline, rules.holidays)
    values = {
        "COMPANY": company.strip(),
        "YEAR": str(year),
        "VERSION": __version__,
        "DEADLINE": deadline.isoformat(),
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
        report = load_year(folder / "data", year)  # the new repository loads as it stands
        load_pages(folder / "docs", report.year)
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for path in sorted(folder.iterdir()):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        raise
    return NewRepository(folder, company.strip(), year, tuple(written), _git_init(folder))


def _git_init(folder: Path) -> bool:
    """A git repository, so `cmrkit freeze`, `publish` and `diff` work; no commit is made."""
    git = shutil.which("git")
    if git is None:
        return False
    result = subprocess.run(
        [git, "init", "--quiet", str(folder)], capture_output=True, text=True, check=False
    )
    return result.returncode == 0
