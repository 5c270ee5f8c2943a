"""Running git, MkDocs and mike from the engine as programs (subprocesses), a site build among
them.

The engine never imports MkDocs or mike (the site generator is replaceable, and MkDocs 1.x is at
end of life); it runs them as a user would, with the interpreter's own environment, so the same
pinned versions build the site in a test, on a laptop and in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cmrkit.errors import CmrkitError


class ToolError(CmrkitError):
    """A subprocess (git, mkdocs, mike) failed; the message carries its own last words."""


def tool_env(year: int | str | None = None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for mkdocs and mike: this interpreter's bin first on PATH (mike runs
    `mkdocs` by name), the year to build, and no MkDocs 2.0 banner in the logs."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env.pop("CMRKIT_YEAR", None)
    if year is not None:
        env["CMRKIT_YEAR"] = str(year)
    env.update(extra or {})
    return env


def run(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    what: str | None = None,
    timeout: float = 600,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command (with `stdin` as its input); on failure raise ToolError with the tail of
    its output."""
    try:
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, input=stdin
        )
    except FileNotFoundError:
        raise ToolError(f"{command[0]}: command not found") from None
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip()).splitlines()
        tail = "\n".join(output[-15:])
        raise ToolError(f"{what or ' '.join(command[:3])} failed:\n{tail}")
    return result


def git(repo: Path, *args: str) -> str:
    return run(["git", *args], cwd=repo, what=f"git {args[0]}").stdout


def require_work_tree(folder: Path) -> None:
    """Refuse, before any work, a command on history or branches (freeze, publish, diff) in a
    folder git does not track. Where the repository is, the command's Project says."""
    try:
        git(folder, "rev-parse", "--show-toplevel")
    except ToolError:
        raise ToolError(f"{folder} is not inside a git repository") from None


def require_commit(folder: Path) -> None:
    """Refuse to publish from a repository with no commit yet (`cmrkit init` runs `git init`
    only): mike would stop on git's own words ("Needed a single revision")."""
    try:
        git(folder, "rev-parse", "--verify", "--quiet", "HEAD")
    except ToolError:
        raise ToolError(
            f"{folder} has no commit yet: the site is published from the repository's history; "
            "commit your files first (git add -A && git commit -m 'Start the report')"
        ) from None


def build_site(project: Path, year: int | str, dest: Path, pythonpath: Path | None = None) -> Path:
    """`mkdocs build --strict` of `project` for `year` into `dest`. `pythonpath` lets a build of
    another revision use that revision's engine instead of the installed one."""
    extra = {}
    if pythonpath is not None:
        extra["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(pythonpath), os.environ.get("PYTHONPATH", "")) if p
        )
    run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)],
        cwd=project,
        env=tool_env(year, extra),
        what=f"mkdocs build of {year}",
    )
    return dest
