"""The site branch as git holds it: mike's commits, the files of one version, and undoing a
commit that was not kept.

Publishing checks the files mike committed, not a build of its own: mike deploys to the local
branch without pushing, the version's tree is read back from that commit, and the branch is
moved back to where it was if the check refuses. Only then is anything pushed."""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.website.runner import ToolError, git, run

# The alias of the newest filed year, mike's default version: what `cmrkit publish` deploys, and
# what the earlier-year notice of every build points to (so a build needs no publishing code).
LATEST = "latest"


def mike_command() -> str:
    """mike's console script next to this interpreter (mike has no `python -m mike`)."""
    script = Path(sys.executable).parent / "mike"
    found = str(script) if script.is_file() else shutil.which("mike")
    if not found:
        raise CmrkitError("mike is not installed in this environment (make install)")
    return found


def _object_id(root: Path, name: str) -> str | None:
    """The git object `name` resolves to, None when it does not exist."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", name],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return found.stdout.strip() if found.returncode == 0 else None


def branch_head(root: Path, branch: str) -> str | None:
    """The commit the local branch points at, None when it does not exist yet."""
    return _object_id(root, f"refs/heads/{branch}")


def restore_branch(root: Path, branch: str, head: str | None) -> None:
    """Put the branch back where it was (or remove it, if it did not exist)."""
    if head is None:
        if branch_head(root, branch) is not None:
            git(root, "update-ref", "-d", f"refs/heads/{branch}")
    else:
        git(root, "update-ref", f"refs/heads/{branch}", head)


def tree_id(root: Path, branch: str, path: str) -> str | None:
    """The git object of `path` on the branch (a tree for a version folder), None if absent."""
    return _object_id(root, f"refs/heads/{branch}:{path}")


def extract(root: Path, treeish: str, dest: Path) -> Path:
    """The files of a tree (such as `gh-pages:2023`) written into `dest`, as a reader gets them."""
    result = subprocess.run(
        ["git", "archive", "--format=tar", treeish], cwd=root, capture_output=True, timeout=300
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"cannot read {treeish}: {message}")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(dest, filter="data")
    return dest


def versions(root: Path, branch: str) -> list[dict]:
    """The versions on the site branch (mike's versions.json), [] if none yet."""
    try:
        text = run(["git", "show", f"refs/heads/{branch}:versions.json"], cwd=root).stdout
    except ToolError:
        return []
    try:
        listed = json.loads(text)
    except json.JSONDecodeError:
        raise CmrkitError(f"{branch}:versions.json is not JSON") from None
    if not isinstance(listed, list):
        raise CmrkitError(f"{branch}:versions.json is not mike's list of versions")
    return listed


def find_version(listed: list[dict], version: str) -> dict | None:
    return next((v for v in listed if str(v.get("version")) == version), None)


# Where a redirect page sends a reader: its links, its meta refresh and its script's target
# (mike's own template, or the one mkdocs.yml names).
_TARGETS = (
    re.compile(r'\bhref="([^"]*)"'),
    re.compile(r'http-equiv="refresh"\s+content="\d+;\s*url=([^"]*)"', re.IGNORECASE),
    re.compile(r'location\.replace\(\s*"([^"]*)"'),
)


def redirect_targets(html: str) -> list[str]:
    return [found for pattern in _TARGETS for found in pattern.findall(html)]


def alias_problems(root: Path, branch: str, version: str, aliases: list[str]) -> list[str]:
    """An alias must lead to the checked files and nowhere else: mike's symlink to the version,
    a copy identical to it, or redirect pages each leading into it."""
    problems = []
    version_tree = tree_id(root, branch, version)
    for alias in aliases:
        listing = git(root, "ls-tree", f"refs/heads/{branch}", "--", alias).split()
        if not listing:
            problems.append(f"alias '{alias}' is missing")
            continue
        mode, kind, obj = listing[0], listing[1], listing[2]
        if mode == "120000":
            target = git(root, "cat-file", "-p", obj).strip().rstrip("/")
            if target != version:
                problems.append(f"alias '{alias}' links to '{target}', not '{version}'")
            continue
        if kind != "tree":
            problems.append(f"alias '{alias}' is a file, not a version")
            continue
        if obj == version_tree:  # a copy of the checked files
            continue
        files = git(root, "ls-tree", "-r", "--name-only", f"refs/heads/{branch}:{alias}").split()
        for name in files:
            if not name.endswith(".html"):
                problems.append(f"alias '{alias}' holds {name}, which is not in '{version}'")
                continue
            html = git(root, "show", f"refs/heads/{branch}:{alias}/{name}")
            targets = redirect_targets(html)
            places = [
                posixpath.normpath(posixpath.join(alias, posixpath.dirname(name), target))
                for target in targets
            ]
            inside = [p == version or p.startswith(version + "/") for p in places]
            if not targets or not all(inside) or "://" in "".join(targets):
                problems.append(
                    f"alias '{alias}': {name} is neither the checked copy nor a redirect "
                    f"into '{version}'"
                )
    return problems


def push(root: Path, branch: str, remote: str) -> None:
    run(
        ["git", "push", remote, f"refs/heads/{branch}:refs/heads/{branch}"],
        cwd=root,
        what=f"git push {remote} {branch}",
    )
