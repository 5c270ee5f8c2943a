"""A private git repository holding a copy of the project, for publishing and diffing in tests."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

from cmrkit.cli import main
from tests.support.project import REPO, copy_project


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def make_repo(dest: Path) -> Path:
    """The project's sources committed on `main` in a new repository with no remote, under the
    repository's own .gitignore: what it keeps out of git (supplier CMRTs and the run's
    suppliers.csv, which name people) stays on disk and untracked, as in a clone where a filer
    ingested CMRTs."""
    copy_project(dest)
    if (REPO / ".gitignore").is_file():
        shutil.copy2(REPO / ".gitignore", dest / ".gitignore")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "user.name", "Test Publisher")
    git(dest, "config", "user.email", "publisher@example.invalid")
    git(dest, "config", "commit.gpgsign", "false")
    commit(dest, "project as in the repository")
    return dest


def clone_working_tree(dest: Path) -> Path:
    """A new repository holding this repository's working tree as it is (every file git tracks
    or would track, uncommitted edits included), committed on `main`: a fresh clone of the work
    under test. Installed tools (.venv, node_modules) stay where they are."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "user.name", "Test Publisher")
    git(dest, "config", "user.email", "publisher@example.invalid")
    git(dest, "config", "commit.gpgsign", "false")
    commit(dest, "the working tree under test")
    return dest


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def cmrkit(*args: str) -> int:
    return main(list(args))


def versions(repo: Path, branch: str = "gh-pages") -> list[dict]:
    return json.loads(git(repo, "show", f"{branch}:versions.json"))


def tree_id(repo: Path, path: str, branch: str = "gh-pages") -> str:
    return git(repo, "rev-parse", f"{branch}:{path}").strip()


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
