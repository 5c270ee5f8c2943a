"""A private project copy for the pre-filing checks, with a draft year made from the filed one."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from cmrkit.cli import main
from tests.support.project import copy_project


def draft_year(project: Path, year: int, signed: dt.date, source_year: int) -> Path:
    """data/<year> and docs/<year> as a draft: a filed year's data and pages, not yet filed."""
    source = project / "data" / str(source_year)
    folder = project / "data" / str(year)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("filed"))
    shutil.copytree(project / "docs" / str(source_year), project / "docs" / str(year))
    facts = (folder / "facts.yml").read_text(encoding="utf-8")
    facts = re.sub(r"(?m)^(\s+start: )\d{4}", rf"\g<1>{year}", facts)
    facts = re.sub(r"(?m)^(\s+end: )\d{4}", rf"\g<1>{year}", facts)
    facts = re.sub(r"(?m)^\s+filed: .*\n", "", facts)
    facts = re.sub(r"(?m)^(\s+signed: ).*$", rf"\g<1>{signed.isoformat()}", facts)
    facts = re.sub(r"(?m)^(\s+status: )filed", r"\g<1>draft", facts)
    (folder / "facts.yml").write_text(facts, encoding="utf-8")
    return folder


def new_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; the 1-based line where the change sits."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def run_check(project: Path, year: int | str) -> int:
    return main(
        ["check", str(year), "--data", str(project / "data"), "--docs", str(project / "docs")]
    )
