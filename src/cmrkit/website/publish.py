"""Publishing a reporting year as a version of the site with mike, one version per year.

The newest filed year is aliased `latest` and is the site's default; an older year can be
re-published (after a theme fix) without moving the alias. A filed year is published only if its
build says exactly what its manifest recorded (see `cmrkit.website.freeze`). A draft year is
published only when asked (`--draft`), as a version titled "YEAR (draft)" that never takes the
alias or the default, so readers cannot land on an unfiled report by mistake."""

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


DRAFT_TITLE = "{year} (draft)"


def is_draft_version(version: dict) -> bool:
    return str(version.get("title", "")) == DRAFT_TITLE.format(year=version.get("version"))


def is_newest(year: int, filed_years: list[int], versions: list[dict]) -> bool:
    """Is `year` the newest filed year, in the data and among the filed versions published?"""
    published = [
        int(v["version"])
        for v in versions
        if str(v.get("version", "")).isdigit() and not is_draft_version(v)
    ]
    return all(year >= other for other in [*filed_years, *published])


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


def plan(year: int, newest: bool, branch: str, push: bool, draft: bool = False) -> Plan:
    """The mike commands that publish `year`: data, so a test can read them without a repo."""
    mike = (mike_command(),)
    common = ("--branch", branch, *(("--push",) if push else ()))
    title = ("--title", DRAFT_TITLE.format(year=year) if draft else str(year))
    if newest and not draft:
        deploy = (*mike, "deploy", *common, *title, "--update-aliases", str(year), LATEST)
        default = (*mike, "set-default", *common, LATEST)
        return Plan(year, True, (deploy, default))
    return Plan(year, False, ((*mike, "deploy", *common, *title, str(year)),))


def filed_years(data: Path) -> list[int]:
    return [y for y in available_years(data) if load_year(data, y).is_filed]


def check_draft_choice(report: YearReport, draft: bool) -> None:
    """A draft goes out only when asked, and `--draft` never relabels a filed year."""
    if not report.is_filed and not draft:
        raise CmrkitError(
            f"{report.year} is a draft (filing.status: {report.facts['filing']['status']}): "
            f"it is not published as a report. To deploy a preview, run `cmrkit publish "
            f"{report.year} --draft` (version '{DRAFT_TITLE.format(year=report.year)}' with a "
            "'Draft – not filed' banner, never 'latest' or the default)."
        )
    if report.is_filed and draft:
        raise CmrkitError(f"{report.year} is filed: publish it without --draft")


def publish(
    root: Path, year: int | str, branch: str = "gh-pages", push: bool = False, draft: bool = False
) -> Plan:
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
    check_draft_choice(report, draft)
    check_frozen(root, report)
    newest = report.is_filed and is_newest(
        report.year, filed_years(data), site_versions(root, branch)
    )
    steps = plan(report.year, newest, branch, push, draft=draft)
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
