"""Resolve each Smelter List row the way the template does, and flag rows whose parts disagree.

A supplier names a facility in one of three ways: a smelter ID typed in column A (the template
then fills B, C and E-J from its look-up), a metal and a look-up name picked in B and C, or
"Smelter not listed" in C with a name and country typed in D and E. Files written by scripts
carry no cached formula values, and files edited by people carry leftovers, so nothing cached is
trusted: the inputs are resolved against the reference look-up (falling back to RMI's look-up of
the file's own revision for facilities RMI has since dropped; never to the copy the file carries)
and every disagreement is reported with its cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmrkit.ingest.cmrt.layout import Layout
from cmrkit.ingest.cmrt.lookup import LookupFacility, SmelterLookup, normalize_id
from cmrkit.ingest.cmrt.read import SupplierFile
from cmrkit.ingest.problems import Problem, Severity
from cmrkit.reference.load import Vocabulary, fold


@dataclass(frozen=True)
class ResolvedRow:
    """One Smelter List row that names a facility."""

    file: str
    supplier: str
    row: int
    metal: str
    smelter_id: str  # "" for an unlisted facility
    name: str  # the reference's standard name, or the typed name when unlisted
    country: str
    reported_name: str  # what the row itself says (look-up choice or typed name)
    sheet: str = "Smelter List"
    cell: str = ""  # the cell that named the facility (A, C or D of the row)


@dataclass
class Resolution:
    rows: list[ResolvedRow]
    problems: list[Problem]
    excluded_rows: int


def supplier_name(supplier: SupplierFile) -> str:
    """Who a file speaks for: its company name, or the file name when that is blank."""
    return supplier.declaration.get("company_name") or supplier.file


class _RowContext:
    def __init__(self, supplier: SupplierFile, layout: Layout, record: dict[str, Any]) -> None:
        self.supplier = supplier
        self.layout = layout
        self.record = record
        self.sheet = layout.sheets.smelters
        self.problems: list[Problem] = []
        self.excluded = False

    def cell(self, key: str) -> str:
        return self.layout.smelter_list.cell(key, self.record["row"])

    def flag(self, key: str, severity: Severity, code: str, reason: str) -> None:
        self.problems.append(
            Problem.at(self.supplier.file, self.sheet, self.cell(key), severity, code, reason)
        )
        if severity.excludes:
            self.excluded = True


@dataclass(frozen=True)
class Lookups:
    """What a row is resolved against: the reference look-up, the file's own revision's look-up
    (for facilities RMI has since dropped), the metal words and the template's country list."""

    reference: SmelterLookup
    own: SmelterLookup | None
    metals: Vocabulary
    countries: dict[str, str]

    def find_id(self, sid: str) -> tuple[LookupFacility | None, bool]:
        """The facility of a smelter ID, and whether the reference (not the fallback) knew it."""
        facility = self.reference.by_id.get(sid)
        if facility is not None:
            return facility, True
        if self.own is not None and sid in self.own.by_id:
            return self.own.by_id[sid], False
        return None, False

    def find_name(self, metal: str, name: str) -> str | None:
        found = self.reference.find_name(metal, name)
        if found is None and self.own is not None:
            found = self.own.find_name(metal, name)
        return found

    def metals_naming(self, name: str) -> list[str]:
        own = self.own.metals_naming(name) if self.own else []
        return sorted(set(self.reference.metals_naming(name)) | set(own))

    def sources(self) -> str:
        return self.reference.source + (f"; {self.own.source}" if self.own else "")

    def fallback_source(self) -> str:
        return self.own.source if self.own else "the file"


@dataclass(frozen=True)
class _RowInputs:
    """The cells a supplier fills to name a facility, as typed."""

    typed_id: str
    metal_raw: str
    lookup_name: str
    not_listed: bool
    not_identified: bool

    @classmethod
    def of(cls, context: _RowContext) -> _RowInputs:
        record = context.record
        special = context.layout.special_lookup_names
        lookup_name = record["lookup_name"]
        return cls(
            typed_id=record["smelter_id"],
            metal_raw=record["metal"],
            lookup_name=lookup_name,
            not_listed=fold(lookup_name) == fold(special.not_listed),
            not_identified=fold(lookup_name) == fold(special.not_identified),
        )


def resolve_file(
    supplier: SupplierFile,
    layout: Layout,
    reference: SmelterLookup,
    own: SmelterLookup | None,
    metals: Vocabulary,
    countries: dict[str, str],
) -> Resolution:
    """Resolve every input row of one file; each row ends in `rows` or in an excluding problem."""
    lookups = Lookups(reference, own, metals, countries)
    out: list[ResolvedRow] = []
    problems: list[Problem] = []
    excluded = 0
    for record in supplier.smelter_rows:
        context = _RowContext(supplier, layout, record)
        resolved = _resolve_row(context, lookups)
        problems.extend(context.problems)
        if resolved is None or context.excluded:
            excluded += 1
        else:
            out.append(resolved)
    return Resolution(out, problems, excluded)


def _resolve_row(context: _RowContext, lookups: Lookups) -> ResolvedRow | None:
    """One row: refuse what cannot be read, then follow the way the supplier named the facility
    (an ID in column A wins, as in the template; else the look-up name in column C)."""
    _flag_uncached_formulas(context)
    if context.excluded:
        return None
    inputs = _RowInputs.of(context)
    metal = _row_metal(context, inputs, lookups.metals)
    if context.excluded:
        return None
    if inputs.typed_id:
        return _resolve_by_id(context, inputs, metal, lookups)
    return _resolve_by_name(context, inputs, metal, lookups)


def _flag_uncached_formulas(context: _RowContext) -> None:
    for key, formula in context.record.get("formulas", {}).items():
        context.flag(
            key,
            Severity.ERROR,
            "uncached_formula",
            f"the cell holds the formula ={formula} with no saved value, and cmrkit computes "
            "only formulas of plain literals: ask the supplier to type the value, or to save "
            "the file in a spreadsheet program",
        )


def _row_metal(context: _RowContext, inputs: _RowInputs, metals: Vocabulary) -> str | None:
    """The canonical metal of column B, None when blank; an unknown word excludes the row."""
    if not inputs.metal_raw:
        return None
    metal = metals.resolve(inputs.metal_raw)
    if metal is None:
        context.flag(
            "metal",
            Severity.ERROR,
            "unknown_metal",
            f"unknown metal {inputs.metal_raw!r} (expected one of {', '.join(metals.canonical)})",
        )
    return metal


def _resolve_by_id(
    context: _RowContext, inputs: _RowInputs, metal: str | None, lookups: Lookups
) -> ResolvedRow | None:
    """A smelter ID typed in column A: it must exist, and B and C must not contradict it."""
    typed_id = inputs.typed_id
    sid = normalize_id(typed_id)
    facility, in_reference = lookups.find_id(sid)
    if facility is None:
        context.flag(
            "smelter_id",
            Severity.ERROR,
            "unknown_id",
            f"smelter ID {typed_id!r} is in no Smelter Look-up (reference: {lookups.sources()}); "
            "if RMI has listed it since, resolve against RMI's newest blank CMRT: "
            "--reference TEMPLATE --as-of DATE",
        )
        return None
    if not in_reference:
        context.flag(
            "smelter_id",
            Severity.WARNING,
            "id_not_in_reference",
            f"smelter ID {sid} is not in the reference look-up ({lookups.reference.source}); "
            f"resolved from {lookups.fallback_source()}, the revision it was sent in",
        )
    if metal and metal != facility.metal:
        context.flag(
            "metal",
            Severity.ERROR,
            "id_other_metal",
            f"smelter ID {sid} is a {facility.metal} facility ({facility.standard_name}) but "
            f"the row says {metal}",
        )
        return None
    if inputs.not_listed or inputs.not_identified:
        context.flag(
            "lookup_name",
            Severity.ERROR,
            "id_and_not_listed",
            f"the row gives smelter ID {sid} and also {inputs.lookup_name!r}",
        )
        return None
    if inputs.lookup_name and not _id_agrees_with_name(context, sid, facility, inputs, lookups):
        return None
    _check_cached_id(context, sid)
    return _listed(context, facility, inputs.lookup_name or facility.standard_name, "smelter_id")


def _id_agrees_with_name(
    context: _RowContext,
    sid: str,
    facility: LookupFacility,
    inputs: _RowInputs,
    lookups: Lookups,
) -> bool:
    """An ID and a look-up name on one row must name the same facility; flag them otherwise."""
    lookup_name = inputs.lookup_name
    named = lookups.find_name(facility.metal, lookup_name)
    if named == sid:
        return True
    if named is not None:
        reason = (
            f"smelter ID {sid} ({facility.standard_name}) and look-up name "
            f"{lookup_name!r} ({named}) name different facilities"
        )
    else:
        reason = (
            f"look-up name {lookup_name!r} is not a name of smelter ID {sid} "
            f"({facility.standard_name})"
        )
    context.flag("lookup_name", Severity.ERROR, "id_name_mismatch", reason)
    return False


def _resolve_by_name(
    context: _RowContext, inputs: _RowInputs, metal: str | None, lookups: Lookups
) -> ResolvedRow | None:
    """No ID: a look-up name (or one of the two special names) with its metal names the row."""
    lookup_name = inputs.lookup_name
    if not lookup_name:
        if not inputs.metal_raw:
            what = "a smelter ID (column A) or a metal and look-up name (columns B and C)"
        else:
            what = "a smelter ID (column A) or a look-up name (column C)"
        context.flag(
            "lookup_name", Severity.ERROR, "blank_field", f"the row names no facility: give {what}"
        )
        return None
    if not metal:
        context.flag("metal", Severity.ERROR, "blank_field", "metal is blank")
        return None
    if inputs.not_identified:
        context.flag(
            "lookup_name",
            Severity.EXCLUDED,
            "not_identified",
            f"{lookup_name!r}: an unidentified {metal} facility of "
            f"{supplier_name(context.supplier)} (RMI's look-up shows it as 'Unknown'): reported "
            "here, never counted as a facility",
        )
        return None
    if inputs.not_listed:
        return _unlisted(context, metal, lookups.countries)
    sid_found = lookups.find_name(metal, lookup_name)
    if sid_found is None:
        _flag_unknown_name(context, lookup_name, metal, lookups)
        return None
    facility, in_reference = lookups.find_id(sid_found)
    if facility is None:  # find_name only returns IDs its look-up holds
        raise AssertionError(f"look-up name {lookup_name!r} gave {sid_found}, which has no row")
    if not in_reference:
        context.flag(
            "lookup_name",
            Severity.WARNING,
            "id_not_in_reference",
            f"{lookup_name!r} ({sid_found}) is not in the reference look-up "
            f"({lookups.reference.source}); resolved from {lookups.fallback_source()}, the "
            "revision it was sent in",
        )
    _check_cached_id(context, sid_found)
    return _listed(context, facility, lookup_name, "lookup_name")


def _flag_unknown_name(
    context: _RowContext, lookup_name: str, metal: str, lookups: Lookups
) -> None:
    other = lookups.metals_naming(lookup_name)
    if other:
        context.flag(
            "lookup_name",
            Severity.ERROR,
            "name_other_metal",
            f"look-up name {lookup_name!r} is a facility of {', '.join(other)}, not {metal}",
        )
    else:
        context.flag(
            "lookup_name",
            Severity.ERROR,
            "unknown_name",
            f"look-up name {lookup_name!r} is not in the {metal} Smelter Look-up",
        )


def _check_cached_id(context: _RowContext, sid: str) -> None:
    cached = context.record.get("cached_id", "")
    if cached and cached not in ("0",) and normalize_id(cached) != sid:
        context.flag(
            "cached_id",
            Severity.WARNING,
            "stale_cached_id",
            f"cached smelter identification {cached!r} disagrees with the row's inputs ({sid}); "
            "the inputs win",
        )


def _listed(
    context: _RowContext, facility: LookupFacility, reported: str, named_by: str
) -> ResolvedRow:
    return ResolvedRow(
        file=context.supplier.file,
        supplier=supplier_name(context.supplier),
        row=context.record["row"],
        metal=facility.metal,
        smelter_id=facility.smelter_id,
        name=facility.standard_name,
        country=facility.country,
        reported_name=reported,
        sheet=context.sheet,
        cell=context.cell(named_by),
    )


def _unlisted(context: _RowContext, metal: str, countries: dict[str, str]) -> ResolvedRow | None:
    name = context.record["smelter_name"]
    country_raw = context.record["country"]
    if not name:
        context.flag(
            "smelter_name",
            Severity.ERROR,
            "blank_field",
            "'Smelter not listed' but the name is blank",
        )
    if not country_raw:
        context.flag(
            "country",
            Severity.ERROR,
            "blank_field",
            "'Smelter not listed' but the country is blank",
        )
    country = countries.get(fold(country_raw)) if country_raw else None
    if country_raw and country is None:
        context.flag(
            "country",
            Severity.ERROR,
            "unknown_country",
            f"unknown country {country_raw!r} (not in the template's country list)",
        )
    if context.excluded or country is None:
        return None
    return ResolvedRow(
        file=context.supplier.file,
        supplier=supplier_name(context.supplier),
        row=context.record["row"],
        metal=metal,
        smelter_id="",
        name=" ".join(name.split()),
        country=country,
        reported_name=name,
        sheet=context.sheet,
        cell=context.cell("smelter_name"),
    )
