"""Publishing a reporting year as a version of the site with mike, one version per year.

The newest year is aliased `latest` and is the site's default; an older year can be re-published
(after a theme fix) without moving the alias. A filed year is published only if its build says
exactly what its manifest recorded (see `cmrkit.freeze`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.freeze import (
    Differences,
    FrozenYearChanged,
    Manifest,
    amend_entry,
    compare,
    freeze_entry,
    load_manifest,
    manifest_from_snapshot,
    manifest_path,
)
from cmrkit.published import Snapshot, load_archive_config, take_snapshot
from cmrkit.report import YearReport, available_years, load_year, year_dir
from cmrkit.sitebuild import ToolError, build_site, run, tool_env

LATEST = "latest"
REMOTE = "origin"  # mike's default remote


def is_filed(report: YearReport) -> bool:
    return report.facts["filing"]["status"] == "filed"


def build_snapshot(root: Path, year: int) -> Snapshot:
    """Build the year into a scratch folder and read what its report pages say."""
    config = load_archive_config(root / "data")
    with tempfile.TemporaryDirectory(prefix="cmrkit-site-") as scratch:
        site = build_site(root, year, Path(scratch) / "site")
        return take_snapshot(site, config)


def check_frozen(root: Path, report: YearReport) -> Manifest | None:
    """Refuse a filed year whose build differs from its manifest; None for a draft year."""
    if not is_filed(report):
        return None
    folder = year_dir(root / "data", report.year)
    manifest = load_manifest(folder)
    if manifest is None:
        raise FrozenYearChanged(
            f"{report.year} is filed (facts.yml filing.status) but has no "
            f"{manifest_path(folder).relative_to(root)}: run `cmrkit freeze {report.year}`, "
            "review and commit it before publishing"
        )
    differences = compare(manifest, build_snapshot(root, report.year))
    if differences:
        raise FrozenYearChanged(
            f"{report.year} is filed and frozen, and this build changes its text:\n"
            f"{differences.describe()}\n"
            f"Nothing was published. Undo the change, or record a deliberate correction with "
            f'`cmrkit freeze {report.year} --amend --reason "..."` in a reviewed pull request.'
        )
    return manifest


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
    return steps


@dataclass(frozen=True)
class FreezeResult:
    manifest: Manifest
    differences: Differences | None  # None when the year was frozen for the first time
    written: bool


def freeze(
    root: Path,
    year: int | str,
    amend: bool = False,
    reason: str | None = None,
    today: dt.date | None = None,
) -> FreezeResult:
    """Record (or, with `amend`, re-record) the text of a filed year in its manifest."""
    today = today or dt.datetime.now(dt.UTC).date()
    report = load_year(root / "data", year)
    if not is_filed(report):
        raise CmrkitError(
            f"{report.year} is a draft (facts.yml filing.status): only a filed year is frozen"
        )
    folder = year_dir(root / "data", report.year)
    current = load_manifest(folder)
    snapshot = build_snapshot(root, report.year)
    if current is None:
        if amend:
            raise CmrkitError(f"{report.year} has no manifest to amend: run without --amend")
        entry = freeze_entry(snapshot, reason or "text as filed", today)
        manifest = manifest_from_snapshot(report.year, snapshot, (entry,))
        _write(folder, manifest)
        return FreezeResult(manifest, None, True)
    differences = compare(current, snapshot)
    if not differences:
        if amend:
            raise CmrkitError(f"{report.year}: the build says what the manifest says; no amendment")
        return FreezeResult(current, differences, False)
    if not amend:
        raise FrozenYearChanged(
            f"{report.year} is already frozen and this build differs:\n{differences.describe()}\n"
            f'To record a deliberate correction: cmrkit freeze {report.year} --amend --reason "..."'
        )
    if not reason or not reason.strip():
        raise CmrkitError("--amend needs --reason: say why the filed text changes")
    history = (*current.history, amend_entry(differences, reason.strip(), today))
    manifest = manifest_from_snapshot(report.year, snapshot, history)
    _write(folder, manifest)
    return FreezeResult(manifest, differences, True)


def _write(folder: Path, manifest: Manifest) -> None:
    path = manifest_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest.to_json(), encoding="utf-8")
