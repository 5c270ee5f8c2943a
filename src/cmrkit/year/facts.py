"""A year's facts (`data/<year>/facts.yml`): checked field by field so that a missing or
mistyped fact stops the build with the line to fix, instead of printing a blank in a filing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cmrkit.errors import DataError
from cmrkit.files.yamlio import PathKey, YamlDoc, load_yaml
from cmrkit.reference.load import Reference

Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


def _date(value: Any) -> str | None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return "must be a date written YYYY-MM-DD"
    return None


def _count(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return "must be a whole number of zero or more"
    return None


def _pattern(regex: str, what: str) -> Check:
    compiled = re.compile(regex)

    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not compiled.fullmatch(value):
            return f"must be {what}"
        return None

    return check


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            return "must be one of " + ", ".join(repr(c) for c in choices)
        return None

    return check


def _mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a mapping of names to values"


# The core every filing has: who files, for which period, when, signed by whom, the RCOI and the
# Annex. Everything else is optional: a fact a year's pages print must be there (a page naming a
# missing fact fails the build with the page and line), and is checked when present.
REQUIRED: dict[str, Check] = {
    "registrant.name": _text,
    "period.start": _date,
    "period.end": _date,
    "filing.signed": _date,
    "filing.status": _one_of("filed", "draft"),
    "signer.name": _text,
    "signer.title": _text,
    "rcoi.contract_manufacturers_asked": _count,
    "rcoi.contract_manufacturers_answering": _count,
    "annex.status_labels": _text,  # and annex.file or annex.source (_check_annex_source)
}
OPTIONAL: dict[str, Check] = {
    "filing.filed": _date,
    "registrant.short_name": _text,
    "registrant.state_of_incorporation": _text,
    "registrant.commission_file_number": _text,
    "registrant.address": _text,
    "contact.name": _text,
    "contact.title": _text,
    "contact.phone": _text,
    "form.rule": _one_of("13p-1", "13q-1"),
    "form.exhibits_item": _text,
    "form.exhibit": _text,
    "rcoi.cmrt_level": _one_of("company", "product", "user_defined", "mixed", "unknown"),
    "rcoi.template": _text,
    "annex.footnotes": _mapping,
    "urls": _mapping,
    # Where the filing is on SEC EDGAR: the registrant's Central Index Key and the filing's
    # accession number (on the filing's EDGAR page). Both, or the site links no filing.
    "registrant.cik": lambda value: _pattern(r"\d{1,10}", "the CIK, up to ten digits")(
        str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    ),
    "filing.accession_number": _pattern(
        r"\d{10}-\d{2}-\d{6}", "an accession number written 0001234567-24-000123"
    ),
    # The public address of the report site (where each year is a version), e.g.
    # https://investor.example.com/conflict-minerals/: canonical links, sitemaps, the PDF's links.
    "urls.site": _pattern(r"https?://[^\s/]+(/[^\s]*)?", "an http(s) address"),
}
# Kept for readers of the old name: every fact with its check.
SCHEMA: dict[str, Check] = {**REQUIRED, **OPTIONAL}


ANNEX_SOURCES = ("ingest",)


def _check_annex_source(doc: YamlDoc) -> None:
    """The Annex comes from one place: a hand-kept CSV (`annex.file`) or the year's ingest run
    (`annex.source: ingest`)."""
    annex = doc.data["annex"]
    if "file" in annex and "source" in annex:
        raise DataError(
            doc.where(("annex", "source")),
            "'annex.file' and 'annex.source' are both given: keep one (a hand-kept CSV, or "
            "`source: ingest` for the Annex built from the ingest run)",
        )
    if "source" in annex:
        if annex["source"] not in ANNEX_SOURCES:
            raise DataError(
                doc.where(("annex", "source")),
                f"fact 'annex.source' must be one of {', '.join(map(repr, ANNEX_SOURCES))} "
                f"(found {annex['source']!r})",
            )
        return
    if "file" not in annex:
        raise DataError(
            doc.where(("annex",)),
            "missing fact 'annex.file' (a hand-kept Annex CSV) or 'annex.source: ingest' "
            "(the Annex built from the ingest run)",
        )
    problem = _text(annex["file"])
    if problem:
        raise DataError(
            doc.where(("annex", "file")), f"fact 'annex.file' {problem} (found {annex['file']!r})"
        )


def _lookup(data: Any, key: PathKey) -> tuple[bool, Any]:
    for part in key:
        if not isinstance(data, dict) or part not in data:
            return False, None
        data = data[part]
    return True, data


def validate_facts(doc: YamlDoc, reference: Reference) -> dict[str, Any]:
    """Return the facts as nested dicts once every rule holds; else raise the first problem."""
    if not isinstance(doc.data, dict):
        raise DataError(doc.where(()), "facts must be a mapping of names to values")
    for dotted, check in SCHEMA.items():
        key = tuple(dotted.split("."))
        present, value = _lookup(doc.data, key)
        if not present:
            if dotted in OPTIONAL:
                continue
            raise DataError(doc.where(key), f"missing fact '{dotted}'")
        problem = check(value)
        if problem:
            raise DataError(doc.where(key), f"fact '{dotted}' {problem} (found {value!r})")
    facts = doc.data
    _check_annex_source(doc)
    if facts["period"]["end"] < facts["period"]["start"]:
        raise DataError(doc.where(("period", "end")), "fact 'period.end' is before 'period.start'")
    rcoi = facts["rcoi"]
    if rcoi["contract_manufacturers_answering"] > rcoi["contract_manufacturers_asked"]:
        raise DataError(
            doc.where(("rcoi", "contract_manufacturers_answering")),
            "more contract manufacturers answering than asked",
        )
    if facts["filing"]["status"] == "filed" and "filed" not in facts["filing"]:
        raise DataError(doc.where(("filing",)), "missing fact 'filing.filed' for a filed year")
    labels = facts["annex"]["status_labels"]
    if labels not in reference.statuses.label_sets:
        known = ", ".join(sorted(reference.statuses.label_sets))
        raise DataError(
            doc.where(("annex", "status_labels")),
            f"unknown label set '{labels}' (known: {known})",
        )
    for name, value in (facts.get("urls") or {}).items():
        problem = _text(value)
        if problem:
            raise DataError(doc.where(("urls", str(name))), f"fact 'urls.{name}' {problem}")
    footnotes = facts["annex"].get("footnotes") or {}
    known_ids = {entry.id for entry in reference.sanctions}
    for marker, entry_id in footnotes.items():
        if entry_id not in known_ids:
            raise DataError(
                doc.where(("annex", "footnotes", str(marker))),
                f"footnote '{marker}' names '{entry_id}', which is not in sanctions.yml",
            )
    return facts


def load_facts(path: Path, reference: Reference) -> dict[str, Any]:
    return validate_facts(load_yaml(path), reference)
