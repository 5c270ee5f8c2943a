"""Freezing a filed year, and checking a version of the site against the frozen record.

The record itself (`data/<year>/filed/manifest.json`) is `cmrkit.record.manifest`; this module
reads versions of the site the way the record reads them and decides: first freeze, migration of
a format 1 record, identical rebuild, refused change, or a deliberate amendment recorded in the
manifest's history.

What is read is always what mike commits to a branch: `cmrkit freeze` deploys the year to a
temporary branch and reads it back; `cmrkit publish` reads the commit it is about to keep. So a
hook or macro that behaves differently under mike cannot slip between the check and the site."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.files.project import Project
from cmrkit.record.manifest import (
    MIGRATION_REASON,
    Differences,
    FrozenYearChanged,
    Manifest,
    Reading,
    amend_entry,
    compare,
    freeze_entry,
    load_manifest,
    manifest_from_reading,
    manifest_path,
    migrate_entry,
)
from cmrkit.reference.files import reference_file
from cmrkit.website import deploy
from cmrkit.website.reader import load_reader_config, read_version, walker_source
from cmrkit.website.runner import require_work_tree, run, tool_env
from cmrkit.website.snapshot import ARCHIVE_CONFIG, load_archive_config, take_snapshot
from cmrkit.year.report import load_year

# Readings already taken in this process, by the git tree read and the configuration reading it:
# the same files read the same way give the same reading, and Chromium takes a while.
_READINGS: dict[tuple[str, str], Reading] = {}
_KEPT = 16


def _config_key(project: Project) -> str:
    archive = reference_file(ARCHIVE_CONFIG, project.reference_dir).read_bytes()
    return hashlib.sha256(archive + walker_source().encode("utf-8")).hexdigest()


def read_folder(project: Project, year: int, folder: Path) -> Reading:
    """A version's files (as mike lays them out in `year/`) read as the record reads them."""
    data = project.data_dir
    filed = take_snapshot(folder, load_archive_config(data))
    return Reading(filed, read_version(folder, str(year), load_reader_config(data)))


def read_branch(project: Project, branch: str, year: int) -> Reading:
    """The files of `year` committed on the branch, read as the record reads them."""
    tree = deploy.tree_id(project.root, branch, str(year))
    if tree is None:
        raise CmrkitError(f"{branch} has no folder {year}")
    key = (tree, _config_key(project))
    if key not in _READINGS:
        with tempfile.TemporaryDirectory(prefix="cmrkit-version-") as scratch:
            folder = deploy.extract(project.root, f"{tree}", Path(scratch) / str(year))
            reading = read_folder(project, year, folder)
        while len(_READINGS) >= _KEPT:
            _READINGS.pop(next(iter(_READINGS)))
        _READINGS[key] = reading
    return _READINGS[key]


def mike_deploy_command(
    year: int, branch: str, title: str, aliases: tuple[str, ...] = (), anchor: str | None = None
) -> tuple[str, ...]:
    props = ("--prop-set-string", f"{RECORD_PROPERTY}={anchor}") if anchor else ()
    update = ("--update-aliases",) if aliases else ()
    return (
        deploy.mike_command(), "deploy", "--branch", branch, "--title", title, *props, *update,
        str(year), *aliases,
    )  # fmt: skip


# versions.json: the sha256 of the record's last history entry when the version was deployed,
# so a later deploy finds the record's history as it was, not only its state.
RECORD_PROPERTY = "cmrkit-record"


def build_reading(project: Project, year: int) -> Reading:
    """Deploy the year with mike to a scratch branch, read what mike committed, and remove the
    branch: what `cmrkit freeze` records is what `cmrkit publish` will find."""
    branch = f"cmrkit-freeze-{uuid.uuid4().hex[:12]}"
    try:
        command = mike_deploy_command(year, branch, str(year))
        run(list(command), cwd=project.root, env=tool_env(year), what=f"mike deploy of {year}")
        return read_branch(project, branch, year)
    finally:
        deploy.restore_branch(project.root, branch, None)


def refusal(year: int, differences: Differences, what: str) -> FrozenYearChanged:
    return FrozenYearChanged(
        f"{year} is filed and frozen, and {what}:\n{differences.describe()}\n"
        f"Nothing was published. Undo the change, or record a deliberate correction with "
        f'`cmrkit freeze {year} --amend --reason "..."` in a reviewed pull request.'
    )


def check_reading(manifest: Manifest, reading: Reading, what: str) -> None:
    differences = compare(manifest, reading)
    if differences:
        raise refusal(manifest.year, differences, what)


def record_path(project: Project, year: int) -> Path:
    """The year's record (`data/YEAR/filed/manifest.json`) as messages name it: from the root."""
    return manifest_path(project.year_data(year)).relative_to(project.root)


def require_format(manifest: Manifest, project: Project) -> None:
    if manifest.reader is None:
        path = record_path(project, manifest.year)
        raise FrozenYearChanged(
            f"{path} is a format {manifest.format} record (the filed text only): run `cmrkit "
            f"freeze {manifest.year}` to record what a reader gets as well (format 2), review "
            "and commit it before publishing"
        )


@dataclass(frozen=True)
class FreezeResult:
    manifest: Manifest
    differences: Differences | None  # None when the year was frozen for the first time
    written: bool
    migrated: bool = False


def freeze(
    project: Project,
    year: int | str,
    amend: bool = False,
    reason: str | None = None,
    today: dt.date | None = None,
) -> FreezeResult:
    """Record (or, with `amend`, re-record) what a filed year says and what its readers get."""
    today = today or dt.datetime.now(dt.UTC).date()
    require_work_tree(project.root)
    report = load_year(project.data_dir, year)
    if not report.is_filed:
        raise CmrkitError(
            f"{report.year} is a draft (facts.yml filing.status): only a filed year is frozen"
        )
    folder = project.year_data(report.year)
    current = load_manifest(folder)
    if current is None and amend:
        raise CmrkitError(f"{report.year} has no manifest to amend: run without --amend")
    if amend and (not reason or not reason.strip()):
        raise CmrkitError("--amend needs --reason: say why the filed text changes")
    reading = build_reading(project, report.year)
    if current is None:
        entry = freeze_entry(reading, reason or "text as filed", today)
        manifest = manifest_from_reading(report.year, reading, (entry,))
        _write(folder, manifest)
        return FreezeResult(manifest, None, True)
    differences = compare(current, reading)
    if current.reader is None:
        return _migrate(folder, current, reading, differences, reason, today)
    if not differences:
        if amend:
            raise CmrkitError(f"{report.year}: the build says what the manifest says; no amendment")
        return FreezeResult(current, differences, False)
    if not amend:
        raise FrozenYearChanged(
            f"{report.year} is already frozen and this build differs:\n{differences.describe()}\n"
            f'To record a deliberate correction: cmrkit freeze {report.year} --amend --reason "..."'
        )
    assert reason is not None
    entry = amend_entry(current.history, current, differences, reading, reason.strip(), today)
    manifest = manifest_from_reading(report.year, reading, (*current.history, entry))
    _write(folder, manifest)
    return FreezeResult(manifest, differences, True)


def _migrate(
    folder: Path,
    current: Manifest,
    reading: Reading,
    differences: Differences,
    reason: str | None,
    today: dt.date,
) -> FreezeResult:
    """A format 1 record gains the reader view; its filed text must be what the build says."""
    if differences.filed_changed():
        raise FrozenYearChanged(
            f"{current.year}'s record is format 1 and this build changes its filed text, so it "
            f"cannot be migrated:\n{differences.describe()}\nUndo the change first."
        )
    entry = migrate_entry(current.history, reading, (reason or MIGRATION_REASON).strip(), today)
    manifest = manifest_from_reading(current.year, reading, (*current.history, entry))
    _write(folder, manifest)
    return FreezeResult(manifest, differences, True, migrated=True)


def _write(folder: Path, manifest: Manifest) -> None:
    path = manifest_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest.to_json(), encoding="utf-8")
