"""Checks on the year's data rather than the words: the filing date against the deadline, Annex
rows on a sanctions list without a footnote, status labels that use outdated names, an ingest
run or an RMI look-up kept with the year that no longer matches what was recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.rules import PrefilingRules
from cmrkit.errors import DataError, Location
from cmrkit.files.project import reference_folder
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.ingest.cmrt.shipped import checked_index
from cmrkit.ingest.reference_store import stored_reference
from cmrkit.ingest.rmi_store import FOLDER, MANIFEST, load_manifest
from cmrkit.ingest.run_record import RunRecord, input_digests, run_path
from cmrkit.record.filed import filed_record_path
from cmrkit.render.words import long_date
from cmrkit.year.annex import repeat_reason
from cmrkit.year.report import YearReport


def _facts_doc(report: YearReport) -> YamlDoc:
    return load_yaml(report.folder / "facts.yml")


def deadline(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    filing, period_end = report.facts.filing, report.facts.period.end
    due = filing_deadline(period_end.year, rules.deadline, rules.holidays)
    doc = _facts_doc(report)
    found = []
    for key, date in (("filed", filing.filed), ("signed", filing.signed)):
        if date is None:
            continue
        where = doc.where(("filing", key))
        if date > due:
            found.append(
                Finding(
                    ERROR,
                    "deadline",
                    where,
                    f"filing.{key} {long_date(date)} is after the deadline {long_date(due)}",
                )
            )
        elif date <= period_end:
            found.append(
                Finding(
                    ERROR,
                    "deadline",
                    where,
                    f"filing.{key} {long_date(date)} is not after the reporting period",
                )
            )
    return found


def unmarked_sanctioned_rows(report: YearReport) -> list[Finding]:
    """A facility on a sanctions or suspension list should carry a footnote saying so."""
    path = report.annex_path or report.folder
    declared = dict(report.facts.annex.footnotes)
    found = []
    for row, entry in report.figures.sanctioned:
        if row.footnote:
            continue
        marker = next((m for m, e in declared.items() if e == entry.id), None)
        if marker is None:  # the first marker not taken yet, in the example given
            marker = next(m for m in ("*", "**", "***", "†", "‡", entry.id) if m not in declared)
            declared[marker] = entry.id
            example = f'`footnotes: {{"{marker}": {entry.id}}}` under `annex:`'
            declare = f"declare a marker in facts.yml ({example}), "
        else:
            declare = f"its marker '{marker}' is declared in facts.yml; "
        if report.run_annex:
            line = f"{row.metal},{row.smelter_id},,,footnote,{marker},REASON"
            attach = f"a line `{line}` in annex-decisions.csv"
        else:
            attach = "the marker in the row's footnote column"
        found.append(
            Finding(
                WARNING,
                "sanctions-footnote",
                Location(path, row.line),
                f"{row.metal} '{row.smelter_name}' is on the {entry.list} since "
                f"{long_date(entry.date)} ({entry.id}) but carries no footnote: {declare}"
                f"attach it with {attach}, and write the note under the Annex table",
            )
        )
    return found


def repeated_rows(report: YearReport) -> list[Finding]:
    """A facility a filed report printed twice, kept as filed (`annex.duplicates_as_filed`):
    named on its line for a person to confirm, never an error (the record is as filed)."""
    path = report.annex_path or report.folder
    ids = {row.line: row.smelter_id for row in report.annex}
    found = []
    for row in report.annex:
        if not row.repeats:
            continue
        reason = repeat_reason(row.smelter_id, ids[row.repeats])
        found.append(
            Finding(
                WARNING,
                "annex-duplicate",
                Location(path, row.line),
                f"{row.metal} '{row.smelter_name}' repeats line {row.repeats} ({reason}): kept "
                "as the filed report prints it; figures.total counts rows as printed, "
                "figures.facilities each facility once",
            )
        )
    return found


def outdated_labels(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    """The Annex's status words come from a label set; an outdated word there is in every row
    (an Annex without statuses prints none)."""
    if not report.has_status_figures:
        return []
    label_set = report.facts.annex.status_labels
    where = _facts_doc(report).where(("annex", "status_labels"))
    rows: dict[str, int] = {}  # one label may stand for several buckets (cfsp: Full Compliant)
    for bucket, label in report.labels.items():
        rows[label] = rows.get(label, 0) + report.figures.by_bucket.get(bucket, 0)
    found = []
    for label, count in rows.items():
        for name in rules.outdated_names:
            if name.pattern.search(label):
                found.append(
                    Finding(
                        name.level,
                        "outdated-name",
                        where,
                        f"label set '{label_set}' prints '{label}' in {count} Annex rows; "
                        f"today: '{name.new}'",
                    )
                )
    return found


def unfinished(report: YearReport) -> list[Finding]:
    """A year with no Annex rows, or no supplier asked, is not ready to file (a new repository
    starts so, and builds). An Annex from the ingest run is checked by `annex_from_run`; a
    number of suppliers asked nobody gave, by `cmrkit.checks.blanks` (which knows the pages:
    in a filed year that prints none, it is a fact for the record, not an error)."""
    doc = _facts_doc(report)
    found = []
    prints_annex = report.shape.tables != "none"  # some reports list no smelters at all
    if not report.annex and report.run_annex is None and prints_annex:
        path = report.annex_path or report.folder
        found.append(
            Finding(
                ERROR,
                "unfinished",
                Location(path, 1),
                "Annex I has no rows: add the smelters and refiners (cmrkit ingest rolls them "
                "up from the suppliers' CMRTs)",
            )
        )
    # Not given at all: `cmrkit.checks.blanks` names it, with the pages.
    if report.figures.suppliers_asked == 0:
        found.append(
            Finding(
                ERROR,
                "unfinished",
                doc.where(("rcoi", "contract_manufacturers_asked")),
                "no supplier asked: give the RCOI counts, or their source (rcoi.source)",
            )
        )
    return found


def record_without_filing(report: YearReport) -> list[Finding]:
    """A year that keeps a filed record (`filed/*.txt`, the text as filed) but whose facts do not
    say it is filed: switching a filed year back to draft would let its pages be edited without
    the word-for-word tests and the filed-year guard seeing it, so the two must agree."""
    record = filed_record_path(report.folder)
    if record is None or report.is_filed:
        return []
    return [
        Finding(
            ERROR,
            "record-not-filed",
            _facts_doc(report).where(("filing", "status")),
            f"{record.relative_to(report.data_dir.parent)} holds this year's filed record, but "
            "filing.status is not 'filed': a filed year stays filed (to amend it, keep it filed "
            "and use cmrkit freeze YEAR --amend --reason ...)",
        )
    ]


def annex_from_run(report: YearReport) -> list[Finding]:
    """An Annex built from the ingest run builds at every stage, so a draft can be previewed;
    what would make it wrong to file is found here: no facility, no RMI list, a footnote not
    attached yet, CMRTs or lists changed since the run."""
    if report.run_annex is None:
        return []
    run = report.run_annex.run
    year_dir = report.folder
    command = f"`cmrkit ingest {report.year}`"
    found = []
    if not report.annex:
        found.append(
            Finding(
                ERROR,
                "annex-empty",
                Location(run.path),
                "the Annex has no rows: a report with no facilities cannot be filed; put the "
                f"suppliers' CMRTs in {year_dir / 'cmrt'}/ and run {command} with RMI's lists",
            )
        )
    if run.facilities and run.lists is None:
        found.append(
            Finding(
                ERROR,
                "annex-unclassified",
                Location(run.path),
                f"the ingest run used no RMI list, so all {len(run.facilities)} facilities read "
                f"as not on RMI's lists: run {command} --status conformant=FILE --status "
                "active=FILE --as-of DATE",
            )
        )
    facts_doc = _facts_doc(report)
    for marker in report.unused_footnotes:
        found.append(
            Finding(
                ERROR,
                "annex-footnote",
                facts_doc.where(("annex", "footnotes", marker)),
                f"footnote '{marker}' is attached to no Annex row: add a 'footnote' decision "
                "in annex-decisions.csv, or remove the marker and its note",
            )
        )
    found.extend(_stale_inputs(run, year_dir, command))
    found.extend(_stale_lists(run, year_dir, command))
    return found


def _stale_inputs(run: RunRecord, year_dir: Path, command: str) -> list[Finding]:
    now = dict(input_digests(year_dir / "cmrt"))
    then = dict(run.inputs)
    if then and not now:
        # Supplier files are kept out of git (they name people): a clone (CI) has none, which
        # says nothing about whether they changed.
        return [
            Finding(
                WARNING,
                "ingest-unverified",
                Location(run.path),
                f"the {len(then)} supplier files of the ingest run are not in "
                f"{year_dir / 'cmrt'}/ (kept out of git): whether they changed since the run "
                "is checked where they are",
            )
        ]
    changed = sorted(
        [f"{name} (new)" for name in now.keys() - then.keys()]
        + [f"{name} (gone)" for name in then.keys() - now.keys()]
        + [f"{name} (changed)" for name in now.keys() & then.keys() if now[name] != then[name]]
    )
    if not changed:
        return []
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return [
        Finding(
            ERROR,
            "ingest-stale",
            Location(run.path),
            f"the supplier files changed since the ingest run: {shown}; run {command}",
        )
    ]


def _stale_lists(run: RunRecord, year_dir: Path, command: str) -> list[Finding]:
    manifest = load_manifest(year_dir)
    stored = manifest.summary() if manifest else None
    if stored == run.lists:
        return []
    return [
        Finding(
            ERROR,
            "ingest-stale",
            Location(year_dir / FOLDER / MANIFEST),
            "the stored RMI lists are not the ones the ingest run was classified with: "
            f"run {command}",
        )
    ]


def stored_lookup(report: YearReport) -> list[Finding]:
    """RMI's look-ups a run of the year resolves against, checked against the sha256 recorded
    for each CSV by the functions every ingest run calls before it resolves a row: the one kept
    with the year (`cmrkit ingest YEAR --reference TEMPLATE`, `reference_store.stored_reference`),
    whether or not the Annex comes from the run (its RCOI figures may), and, for a year with an
    ingest run, the repository's own in data/reference/ (`shipped.checked_index`; the packaged
    ones are cmrkit's, checked as its wheel is installed). A copy edited by hand would otherwise
    go unnoticed until the next run, and the Annex built from the last one would be filed as if
    RMI had published it."""
    checks: list[Callable[[], object]] = [lambda: stored_reference(report.folder)]
    if run_path(report.folder).is_file():
        checks.append(lambda: checked_index(reference_folder(report.data_dir)))
    found = []
    for check in checks:
        try:
            check()
        except DataError as exc:
            message = exc.message
            if report.is_filed:
                message += " (the year is filed: restore from git the look-up it was filed with)"
            found.append(Finding(ERROR, "lookup-changed", exc.location, message))
    return found


def check_data(report: YearReport, rules: PrefilingRules) -> list[Finding]:
    return [
        *unfinished(report),
        *record_without_filing(report),
        *deadline(report, rules),
        *unmarked_sanctioned_rows(report),
        *repeated_rows(report),
        *outdated_labels(report, rules),
        *annex_from_run(report),
        *stored_lookup(report),
    ]
