"""Freezing a filed year, and checking a build against the frozen record.

The record itself (`data/<year>/filed/manifest.json`) is `cmrkit.record.manifest`; this module
builds the year, takes its snapshot and decides: first freeze, identical rebuild, refused change,
or a deliberate amendment recorded in the manifest's history."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.record.manifest import (
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
from cmrkit.record.snapshot import Snapshot
from cmrkit.website.build import build_site
from cmrkit.website.snapshot import load_archive_config, take_snapshot
from cmrkit.year.report import YearReport, load_year, year_dir


def is_filed(report: YearReport) -> bool:
    return report.facts["filing"]["status"] == "filed"


def build_snapshot(root: Path, year: int) -> Snapshot:
    """Build the year into a scratch folder and read what its report pages say."""
    config = load_archive_config(root / "data")
    with tempfile.TemporaryDirectory(prefix="cmrkit-site-") as scratch:
        site = build_site(root, year, Path(scratch) / "site")
        return take_snapshot(site, config)


def check_frozen(root: Path, report: YearReport) -> Manifest | None:
    """Refuse a filed year whose build differs from its manifest; None for a draft year. A year
    with a manifest stays frozen even if its status is set back to draft: un-filing a year is
    not a way around the record."""
    folder = year_dir(root / "data", report.year)
    manifest = load_manifest(folder)
    if manifest is None and not is_filed(report):
        return None
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
