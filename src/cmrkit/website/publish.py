"""Publishing a reporting year as a version of the site with mike, one version per year.

The newest filed year is aliased `latest` and is the site's default; an older year can be
re-published (after a theme fix) without moving the alias. A draft year is published only when
asked (`--draft`), as a version titled "YEAR (draft)" that never takes the alias or the default,
so readers cannot land on an unfiled report by mistake.

A frozen year (`is_frozen`: filed, or with a record, or already on the site branch as a filed
version) is published only if:

1. its record (`data/YEAR/filed/manifest.json`) loads: hashes and history chain intact;
2. what the site branch already holds for the year is a state that record's history went
   through, so an edited, re-hashed or deleted record cannot make the year say something else;
3. the files mike commits for the year say and offer exactly what the record holds: the commit
   is read back from the branch (Chromium, downloads) before anything is kept or pushed, and the
   branch is put back where it was when it does not."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from cmrkit.checks.findings import Finding
from cmrkit.errors import CmrkitError
from cmrkit.files.project import Project
from cmrkit.record.manifest import (
    FrozenYearChanged,
    Manifest,
    compare,
    compare_readings,
    entry_digest,
    filed_states,
    load_manifest,
)
from cmrkit.website import deploy, notfound
from cmrkit.website.deploy import LATEST, find_version, mike_command
from cmrkit.website.freeze import (
    RECORD_PROPERTY,
    build_reading,
    check_reading,
    mike_deploy_command,
    read_branch,
    record_path,
    require_format,
)
from cmrkit.website.privacy import privacy_findings
from cmrkit.website.runner import ToolError, require_commit, require_work_tree, run, tool_env
from cmrkit.year.report import YearReport, available_years, load_year

REMOTE = "origin"  # mike's default remote
DRAFT_TITLE = "{year} (draft)"


def site_versions(root: Path, branch: str) -> list[dict]:
    """The versions already on the site branch (mike's versions.json), [] if none yet."""
    return deploy.versions(root, branch)


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


def plan(
    year: int, newest: bool, branch: str, push: bool, draft: bool = False, anchor: str | None = None
) -> Plan:
    """The mike commands that publish `year`: data, so a test can read them without a repo.
    None pushes: the branch is pushed (when asked) only once the commit has been checked."""
    del push  # pushing is a step of its own, after the check
    title = DRAFT_TITLE.format(year=year) if draft else str(year)
    if newest and not draft:
        deploy_cmd = mike_deploy_command(year, branch, title, (LATEST,), anchor)
        default = (mike_command(), "set-default", "--branch", branch, LATEST)
        return Plan(year, True, (deploy_cmd, default))
    return Plan(year, False, (mike_deploy_command(year, branch, title, (), anchor),))


def check_draft_choice(report: YearReport, draft: bool) -> None:
    """A draft goes out only when asked, and `--draft` never relabels a filed year."""
    if not report.is_filed and not draft:
        raise CmrkitError(
            f"{report.year} is a draft (filing.status: {report.facts.filing.status}): "
            f"it is not published as a report. To deploy a preview, run `cmrkit publish "
            f"{report.year} --draft` (version '{DRAFT_TITLE.format(year=report.year)}' with a "
            "'Draft – not filed' banner, never 'latest' or the default)."
        )
    if report.is_filed and draft:
        raise CmrkitError(f"{report.year} is filed: publish it without --draft")


def _published_filed(listed: list[dict], year: int) -> dict | None:
    entry = find_version(listed, str(year))
    return entry if entry is not None and not is_draft_version(entry) else None


def is_frozen(filed: bool, manifest: Manifest | None, published: dict | None) -> bool:
    """Whether publish guards the year as a legal record: it is filed (`Project.is_filed`), or
    it has a record (`data/YEAR/filed/manifest.json`), or the site branch holds it as a filed
    version. Only the first makes a year filed; the other two keep a filed year whose facts.yml
    was turned back to draft from being changed, or published as a draft, unseen."""
    return filed or manifest is not None or published is not None


def _missing_record(project: Project, branch: str, year: int) -> FrozenYearChanged:
    """A year the site branch holds as filed, without its record: refused, showing what this
    build would change for readers of the published version."""
    path = record_path(project, year)
    published, built = read_branch(project, branch, year), build_reading(project, year)
    differences = compare_readings(published, built)
    told = differences.describe() if differences else "(no difference in what readers get)"
    return FrozenYearChanged(
        f"{year} is published on {branch} as a filed year, but {path} is missing: a filed "
        f"year stays frozen whatever facts.yml says. Restore the record from git (`git "
        f"checkout -- {path}`). Against the published {year}, this build changes:\n{told}\n"
        "Nothing was published."
    )


def check_published(project: Project, branch: str, manifest: Manifest, entry: dict) -> None:
    """What the branch already holds for the year must be a state the record's history went
    through, and the history it was published with must still be there, entry for entry: the
    version carries the sha256 of the record's last entry at its deploy."""
    reading = read_branch(project, branch, manifest.year)
    anchor = (entry.get("properties") or {}).get(RECORD_PROPERTY)
    if anchor is not None:
        for item in manifest.history:
            if entry_digest(item) == anchor and item.get("state") == reading.state():
                return  # the current state, or an earlier one amended since
    elif reading.state() == manifest.state() or reading.filed_state() in filed_states(
        manifest.history
    ):
        return  # published before records held what readers get: its filed text is on record
    path = record_path(project, manifest.year)
    differences = compare(manifest, reading)
    told = differences.describe() if differences else "(the same state, another history)"
    raise FrozenYearChanged(
        f"{manifest.year} as published on {branch} is not a state of the history that {path} "
        "records (the record was edited, re-made or its history rewritten since it was "
        f"published). The record (-) against what {branch} holds (+):\n{told}\n"
        "Nothing was published. Restore the record from git; a deliberate correction is "
        f'`cmrkit freeze {manifest.year} --amend --reason "..."` on the record as published.'
    )


def publish(
    project: Project,
    year: int | str,
    branch: str = "gh-pages",
    push: bool = False,
    draft: bool = False,
) -> Plan:
    check_no_properdocs()
    root = project.root
    require_work_tree(root)
    if push:
        try:
            run(["git", "remote", "get-url", REMOTE], cwd=root, what="git remote")
        except ToolError:
            raise CmrkitError(
                f"--push needs a git remote named '{REMOTE}' in {root}; without --push the "
                f"site is published to the local branch {branch} only"
            ) from None
    report = load_year(project.data_dir, year)
    _refuse_private(privacy_findings(project, site_dir=root / "no-site"))  # tracked files
    require_commit(root)
    manifest = load_manifest(project.year_data(report.year))
    listed = site_versions(root, branch)
    published = _published_filed(listed, report.year)
    frozen = is_frozen(project.is_filed(report.year), manifest, published)
    if frozen:
        if manifest is None:
            if published is not None:
                raise _missing_record(project, branch, report.year)
            path = record_path(project, report.year)
            raise FrozenYearChanged(
                f"{report.year} is filed (facts.yml filing.status) but has no {path}: run "
                f"`cmrkit freeze {report.year}`, review and commit it before publishing"
            )
        if draft:
            raise CmrkitError(
                f"{report.year} is frozen (it has a record): publish it without --draft"
            )
        require_format(manifest, project)
        if published is not None:
            check_published(project, branch, manifest, published)
    else:
        check_draft_choice(report, draft)
    newest = frozen and is_newest(report.year, project.filed_years, listed)
    anchor = entry_digest(manifest.history[-1]) if manifest is not None else None
    steps = plan(report.year, newest, branch, push, draft=draft, anchor=anchor)
    head = deploy.branch_head(root, branch)
    try:
        first, *rest = steps.commands
        run(list(first), cwd=root, env=tool_env(report.year), what="mike deploy")
        if frozen:
            assert manifest is not None
            check_reading(
                manifest,
                read_branch(project, branch, report.year),
                "the files mike committed for it differ from its record",
            )
            aliases = (find_version(site_versions(root, branch), str(report.year)) or {}).get(
                "aliases", []
            )
            problems = deploy.alias_problems(root, branch, str(report.year), list(aliases))
            if problems:
                raise FrozenYearChanged(
                    "the aliases of the version do not lead to the checked files:\n"
                    + "\n".join(problems)
                )
        for command in rest:
            run(list(command), cwd=root, env=tool_env(report.year), what="mike " + command[1])
        write_site_404(project, branch, report)
        with tempfile.TemporaryDirectory() as scratch:
            built = deploy.extract(root, f"refs/heads/{branch}", Path(scratch) / "site")
            _refuse_private(privacy_findings(project, site_dir=built))  # what readers get
    except BaseException:
        deploy.restore_branch(root, branch, head)
        raise
    if push:
        deploy.push(root, branch, REMOTE)
    return steps


def _refuse_private(findings: list[Finding]) -> None:
    if findings:
        raise CmrkitError(
            "refusing to publish: supplier contacts' personal data would go public:\n"
            + "\n".join(f"  {finding}" for finding in findings)
        )


def site_address(data: Path, report: YearReport) -> str | None:
    """The site's public address (facts `urls.site`): the published year's, else the newest other
    year's that gives one. The address is the site's, not a year's: a year that does not repeat it
    (a draft started before it was set) must not make the root 404 page's links relative."""
    if report.facts.urls.site:
        return report.facts.urls.site
    for year in reversed(available_years(data)):
        if year == report.year:
            continue
        try:
            site = load_year(data, year).facts.urls.site
        except CmrkitError:
            continue  # a year that does not load is named by its own build and check
        if site:
            return site
    return None


def write_site_404(project: Project, branch: str, report: YearReport) -> bool:
    """The site's root 404 page, offering the newest report (see cmrkit.website.notfound);
    True when the branch got a new commit for it."""
    facts = report.facts
    page = notfound.not_found_html(
        site_versions(project.root, branch),
        LATEST,
        site_address(project.data_dir, report),
        facts.registrant.name,
    )
    message = f"404 page at the site's root (cmrkit publish {report.year})"
    return notfound.commit_root_file(project.root, branch, notfound.NAME, page, message)
