"""Publishing a reporting year as a version of the site with mike, one version per year.

The newest year is aliased `latest` and is the site's default; an older year can be re-published
(after a theme fix) without moving the alias. A filed year is published only if its build says
exactly what its manifest recorded (see `cmrkit.website.freeze`)."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.website import notfound
from cmrkit.website.build import ToolError, run, tool_env
from cmrkit.website.freeze import check_frozen
from cmrkit.year.report import YearReport, available_years, load_year

LATEST = "latest"
REMOTE = "origin"  # mike's default remote


def site_versions(root: Path, branch: str) -> list[dict]:
    """The versions already on the site branch (mike's versions.json), [] if none yet."""
    try:
        text = run(["git", "show", f"{branch}:versions.json"], cwd=root, what="git show").stdout
    except ToolError:
        return []
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise CmrkitError(f"{branch}:versions.json is not JSON") from None


def is_newest(year: int, data_years: list[int], versions: list[dict]) -> bool:
    published = [int(v["version"]) for v in versions if str(v.get("version", "")).isdigit()]
    return all(year >= other for other in [*data_years, *published])


@dataclass(frozen=True)
class Plan:
    year: int
    newest: bool
    commands: tuple[tuple[str, ...], ...]


def check_no_properdocs() -> None:
    """mike 2.2.0 silently builds with ProperDocs instead of MkDocs when `properdocs` is
    installed; the site is built and tested with MkDocs, so refuse rather than deploy a build
    no test has seen."""
    try:
        version = metadata.version("properdocs")
    except metadata.PackageNotFoundError:
        return
    raise CmrkitError(
        f"properdocs {version} is installed: mike would build with it instead of MkDocs. "
        "Uninstall it (it is not in requirements.lock)."
    )


def mike_command() -> str:
    """mike's console script next to this interpreter (mike has no `python -m mike`)."""
    script = Path(sys.executable).parent / "mike"
    found = str(script) if script.is_file() else shutil.which("mike")
    if not found:
        raise CmrkitError("mike is not installed in this environment (make install)")
    return found


def plan(year: int, newest: bool, branch: str, push: bool) -> Plan:
    """The mike commands that publish `year`: data, so a test can read them without a repo."""
    mike = (mike_command(),)
    common = ("--branch", branch, *(("--push",) if push else ()))
    title = ("--title", str(year))
    if newest:
        deploy = (*mike, "deploy", *common, *title, "--update-aliases", str(year), LATEST)
        default = (*mike, "set-default", *common, LATEST)
        return Plan(year, True, (deploy, default))
    return Plan(year, False, ((*mike, "deploy", *common, *title, str(year)),))


def publish(root: Path, year: int | str, branch: str = "gh-pages", push: bool = False) -> Plan:
    check_no_properdocs()
    data = root / "data"
    if push:
        try:
            run(["git", "remote", "get-url", REMOTE], cwd=root, what="git remote")
        except ToolError:
            raise CmrkitError(
                f"--push needs a git remote named '{REMOTE}' in {root}; without --push the "
                f"site is published to the local branch {branch} only"
            ) from None
    report = load_year(data, year)
    check_frozen(root, report)
    newest = is_newest(report.year, available_years(data), site_versions(root, branch))
    steps = plan(report.year, newest, branch, push)
    for command in steps.commands:
        run(list(command), cwd=root, env=tool_env(report.year), what="mike " + command[1])
    if write_site_404(root, branch, report) and push:
        run(["git", "push", REMOTE, branch], cwd=root, what="git push")
    return steps


def write_site_404(root: Path, branch: str, report: YearReport) -> bool:
    """The site's root 404 page, offering the newest report (see cmrkit.website.notfound);
    True when the branch got a new commit for it."""
    facts = report.facts
    page = notfound.not_found_html(
        site_versions(root, branch), LATEST, facts["urls"].get("site"), facts["registrant"]["name"]
    )
    message = f"404 page at the site's root (cmrkit publish {report.year})"
    return notfound.commit_root_file(root, branch, notfound.NAME, page, message)
