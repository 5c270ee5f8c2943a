"""The Annex of a year whose facts say `annex: {source: ingest}`: the ingest run's facilities,
with the year's hand decisions applied.

One row per facility of `data/<year>/ingest/facilities.yml`, in its order (metal, then name):
RMI's standard name and country (the reference look-up's), the smelter ID, and the label of the
year's label set for the bucket the run classified it in. A facility RMI does not list is a row
in the `other` bucket (the run puts it there). `annex-decisions.csv` attaches footnote markers,
excludes facilities that are not smelters, and overrides labels; a decision that matches no
facility of the run is an error, so a decision cannot outlive its facility unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.errors import DataError, DataProblems, Location
from cmrkit.ingest.facility_keys import facility_key
from cmrkit.ingest.run_record import RunFacility, RunRecord, load_run, run_path
from cmrkit.reference.load import Reference, fold
from cmrkit.year.annex import AnnexRow
from cmrkit.year.decisions import FILE as DECISIONS_FILE
from cmrkit.year.decisions import Decision, load_decisions

SOURCE = "ingest"  # the one value `annex.source` takes


@dataclass(frozen=True)
class RunAnnex:
    """The rows, and what a reviewer (and `cmrkit check`) needs to know about how they came."""

    rows: list[AnnexRow]
    run: RunRecord
    decisions_path: Path
    decisions: tuple[Decision, ...] = ()
    excluded: tuple[tuple[RunFacility, Decision], ...] = field(default=())


def _match(decision: Decision, by_key: dict[tuple[str, str, str], RunFacility]) -> RunFacility:
    """The run's facility a decision names, or the reason it names none."""
    key = facility_key(decision.metal, decision.smelter_id, decision.smelter_name, decision.country)
    facility = by_key.get(key)
    if facility is None:
        raise DataError(
            decision.where,
            f"{decision.names()} matches no facility of the ingest run: the decision is stale "
            "(or mistyped); delete it, or correct it to the run's smelters.csv",
        )
    if decision.smelter_id:
        for column in ("smelter_name", "country"):
            given, ours = getattr(decision, column), getattr(facility, column)
            if given and fold(given) != fold(ours):
                raise DataError(
                    decision.where,
                    f"{decision.smelter_id} is '{ours}' in the ingest run, not '{given}' "
                    f"({column}): check the ID",
                )
    return facility


def build_rows(
    run: RunRecord, decisions: list[Decision], labels: dict[str, str]
) -> tuple[list[AnnexRow], tuple[tuple[RunFacility, Decision], ...]]:
    """Apply the decisions to the run's facilities; every problem of the file at once."""
    by_key = {facility.key(): facility for facility in run.facilities}
    bucket_of_label: dict[str, str] = {}
    for (
        bucket,
        label,
    ) in labels.items():  # a word's own bucket comes first (StatusVocabulary.labels)
        bucket_of_label.setdefault(label, bucket)
    chosen: dict[tuple[str, str, str], dict[str, Decision]] = {}
    problems: list[DataError] = []
    for decision in decisions:
        try:
            facility = _match(decision, by_key)
        except DataError as exc:
            problems.append(exc)
            continue
        mine = chosen.setdefault(facility.key(), {})
        clash = mine.get(decision.decision)
        if clash is None and mine and ("exclude" in mine or decision.decision == "exclude"):
            clash = next(iter(mine.values()))
        if clash is not None:
            problems.append(
                DataError(
                    decision.where,
                    f"{decision.names()} already has a '{clash.decision}' decision at line "
                    f"{clash.line}: one decision of each kind, and an excluded facility takes "
                    "no other",
                )
            )
            continue
        mine[decision.decision] = decision
    if problems:
        raise DataProblems(problems)
    rows: list[AnnexRow] = []
    excluded: list[tuple[RunFacility, Decision]] = []
    for facility in run.facilities:
        mine = chosen.get(facility.key(), {})
        if "exclude" in mine:
            excluded.append((facility, mine["exclude"]))
            continue
        label = mine["label"].value if "label" in mine else labels.get(facility.bucket, "")
        # The run's bucket stands unless a decision relabels the row; a bucket the year's label
        # set prints no word for is refused (the label set must cover what RMI's lists say).
        if not label:
            raise DataError(
                Location(run.path, facility.line),
                f"the year's label set prints no word for bucket '{facility.bucket}': add one to "
                "statuses.yml, or a 'label' decision for this facility",
            )
        bucket = bucket_of_label[label] if "label" in mine else facility.bucket
        rows.append(
            AnnexRow(
                line=facility.line,
                metal=facility.metal,
                smelter_id=facility.smelter_id,
                smelter_name=facility.smelter_name,
                country=facility.country,
                status=label,
                bucket=bucket,
                footnote=mine["footnote"].value if "footnote" in mine else "",
            )
        )
    return rows, tuple(excluded)


def load_run_annex(
    year_dir: Path, reference: Reference, labels: dict[str, str], footnotes: set[str]
) -> RunAnnex:
    run = load_run(run_path(year_dir), reference)
    decisions_path = year_dir / DECISIONS_FILE
    decisions = load_decisions(decisions_path, reference, labels, footnotes)
    rows, excluded = build_rows(run, decisions, labels)
    return RunAnnex(rows, run, decisions_path, tuple(decisions), excluded)
