"""Before a check passes or a site is published: no supplier contact's e-mail address or phone
number in a file git tracks or in the built site, and no supplier file tracked at all.

The contacts are those the suppliers' CMRTs in `data/<year>/cmrt/` give (read through the ingest
cache, so a repository that has run `cmrkit ingest` reads nothing twice). A clone without the
CMRTs (CI: they are kept out of git) knows no contact, and finds none."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from cmrkit.checks.contacts import contacts_in_files, tracked_supplier_files
from cmrkit.checks.findings import Finding
from cmrkit.files.project import Project
from cmrkit.ingest.cache import DEFAULT_DIR
from cmrkit.ingest.contacts import Contact, supplier_contacts
from cmrkit.ingest.workers import list_inputs, read_folder
from cmrkit.website.runner import ToolError, git

SUPPLIER_FOLDER = "cmrt"
MAX_BYTES = 64 * 1024 * 1024  # larger files are not read (no report file comes near)


def project_contacts(project: Project) -> list[Contact]:
    """The contacts of every year's supplier files present."""
    found: dict[tuple[str, str], Contact] = {}
    for year in project.years:
        folder = project.year_data(year) / SUPPLIER_FOLDER
        if not folder.is_dir():
            continue
        paths, _ = list_inputs(folder)
        if not paths:
            continue
        jobs = min(os.cpu_count() or 1, 4)
        read = read_folder(paths, jobs, project.root / DEFAULT_DIR)
        for contact in supplier_contacts(read.files):
            found.setdefault((contact.kind, contact.key), contact)
    return list(found.values())


def tracked_files(root: Path) -> list[Path]:
    """The files git tracks in the repository at `root` (none outside a git repository)."""
    try:
        listing = git(root, "ls-files", "-z")
    except ToolError:
        return []
    return [root / name for name in listing.split("\0") if name]


def _contents(paths: list[Path]) -> Iterator[tuple[Path, bytes]]:
    for path in paths:
        try:
            if path.is_file() and path.stat().st_size <= MAX_BYTES:
                yield path, path.read_bytes()
        except OSError:
            continue


def privacy_findings(project: Project, site_dir: Path | None = None) -> list[Finding]:
    """Supplier files tracked, and contacts in tracked files or in the built site's files."""
    tracked = tracked_files(project.root)
    suppliers = [
        path
        for path in tracked
        if path.parent.name == SUPPLIER_FOLDER and path.parent.parent.parent == project.data_dir
    ]
    findings = tracked_supplier_files(suppliers)
    site = site_dir if site_dir is not None else project.root / "site"
    built = sorted(p for p in site.rglob("*") if p.is_file()) if site.is_dir() else []
    if not tracked and not built:
        return findings  # nothing that could carry a contact: the CMRTs need no reading
    contacts = project_contacts(project)
    if contacts:
        findings += contacts_in_files(_contents(tracked), contacts, "tracked by git")
        findings += contacts_in_files(_contents(built), contacts, "of the built site")
    return findings
