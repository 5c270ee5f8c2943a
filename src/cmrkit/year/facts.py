"""A year's facts (`data/<year>/facts.yml`): checked field by field so that a missing or
mistyped fact stops the build with the line to fix, instead of printing a blank in a filing.

The checked facts are one immutable, typed object (`Facts`): the engine reads
`facts.filing.status`, never a string key, and an optional fact the year does not give is None.
Each field of the sections below carries its check, so the list of facts, their types and their
rules are written once. The pages see the file's own tree (`Facts.tree`), the filer's own facts
included: a page naming a fact the file does not give fails the build with its page and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import urlsplit

from cmrkit.errors import DataError
from cmrkit.files.project import FILED
from cmrkit.files.yamlio import PathKey, YamlDoc
from cmrkit.reference.load import Reference
from cmrkit.year.annex import Column, annex_columns
from cmrkit.year.annex_shape import AnnexShape, parse_shape

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


# Characters a URL never carries unencoded (RFC 3986) and that would be markup in a page.
_NOT_IN_URL = re.compile(r"[\s<>\"'`{}|\\^\x00-\x1f\x7f]")


# A blank a new repository leaves to fill (`cmrkit init`); `cmrkit check` lists it as an error.
_BLANK = re.compile(r"\[\[FILL\b[^\]]*\]\]")


def _https_url(value: Any) -> str | None:
    """A link the report prints and readers follow: https only (never `javascript:`, `data:` or
    plain http), to a named host, and nothing a page could take for markup; or a blank still to
    fill, which pages show as text."""
    if not isinstance(value, str) or not value.strip():
        return "must be an https: URL"
    if _BLANK.fullmatch(value.strip()):
        return None
    if _NOT_IN_URL.search(value):
        return "must be an https: URL without spaces, quotes or <>{}|\\^` (percent-encode them)"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "must be an https: URL"
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https: URL (https://host/...)"
    return None


def _date(value: Any) -> str | None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return "must be a date written YYYY-MM-DD"
    return None


def _date_or_blank(value: Any) -> str | None:
    """A date, or a blank to fill: a date the documents did not state is never guessed."""
    if isinstance(value, str) and _BLANK.fullmatch(value.strip()):
        return None
    problem = _date(value)
    return problem and f"{problem}, or a [[FILL: ...]] blank until it is known"


def _date_given(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _count(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return "must be a whole number of zero or more"
    return None


def _count_or_blank(value: Any) -> str | None:
    """A count, or not given yet: null or a blank to fill."""
    if value is None or (isinstance(value, str) and _BLANK.fullmatch(value.strip())):
        return None
    problem = _count(value)
    return problem and f"{problem}, or a [[FILL: ...]] blank until it is known"


def _count_given(value: Any) -> int | None:
    return value if isinstance(value, int) else None


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


def _cik(value: Any) -> str | None:
    """The registrant's Central Index Key: up to ten digits, written as text or as a number."""
    number = isinstance(value, int) and not isinstance(value, bool)
    return _pattern(r"\d{1,10}", "the CIK, up to ten digits")(str(value) if number else value)


# The metadata of a section's field: its check, and how its value is read (default: as is).
_CHECK = "check"
_READ = "read"


def _fact(check: Check, read: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    return {_CHECK: check, _READ: read}


# The core every filing has: who files, for which period, when, signed by whom, the RCOI and the
# Annex (fields without a default). Everything else is optional (None when the year does not give
# it): a fact a year's pages print must be there (a page naming a missing fact fails the build
# with the page and line), and is checked when present.


@dataclass(frozen=True, kw_only=True)
class Registrant:
    """Who files: the cover page of Form SD."""

    name: str = field(metadata=_fact(_text))
    short_name: str | None = field(default=None, metadata=_fact(_text))
    state_of_incorporation: str | None = field(default=None, metadata=_fact(_text))
    commission_file_number: str | None = field(default=None, metadata=_fact(_text))
    address: str | None = field(default=None, metadata=_fact(_text))
    # Where the filing is on SEC EDGAR: the registrant's Central Index Key and the filing's
    # accession number (on the filing's EDGAR page). Both, or the site links no filing.
    cik: str | None = field(default=None, metadata=_fact(_cik, read=str))


@dataclass(frozen=True, kw_only=True)
class Contact:
    """Whom to contact about the report (the cover page)."""

    name: str | None = field(default=None, metadata=_fact(_text))
    title: str | None = field(default=None, metadata=_fact(_text))
    phone: str | None = field(default=None, metadata=_fact(_text))


@dataclass(frozen=True, kw_only=True)
class Form:
    """Form SD itself: the rule it is filed under and the numbers of its items and exhibit."""

    rule: Literal["13p-1", "13q-1"] | None = field(
        default=None, metadata=_fact(_one_of("13p-1", "13q-1"))
    )
    exhibits_item: str | None = field(default=None, metadata=_fact(_text))
    exhibit: str | None = field(default=None, metadata=_fact(_text))


@dataclass(frozen=True, kw_only=True)
class Period:
    """The reporting period (a calendar year for Rule 13p-1)."""

    start: dt.date = field(metadata=_fact(_date))
    end: dt.date = field(metadata=_fact(_date))


@dataclass(frozen=True, kw_only=True)
class Filing:
    """When the report is signed and filed, and whether its text is a legal record yet."""

    # A date not given yet is a FILL blank, read as None: the pages print a blank (or, in the
    # notice, say it was not given) and `cmrkit check` names it; nothing stands in for it.
    signed: dt.date | None = field(metadata=_fact(_date_or_blank, read=_date_given))
    status: Literal["filed", "draft"] = field(metadata=_fact(_one_of("filed", "draft")))
    filed: dt.date | None = field(default=None, metadata=_fact(_date_or_blank, read=_date_given))
    accession_number: str | None = field(
        default=None,
        metadata=_fact(
            _pattern(r"\d{10}-\d{2}-\d{6}", "an accession number written 0001234567-24-000123")
        ),
    )

    @property
    def is_filed(self) -> bool:
        return self.status == FILED  # the rule of Project.is_filed, on the loaded facts


@dataclass(frozen=True, kw_only=True)
class Signer:
    """The officer who signs the Form SD."""

    name: str = field(metadata=_fact(_text))
    title: str = field(metadata=_fact(_text))


CmrtLevel = Literal["company", "product", "user_defined", "mixed", "unknown"]


@dataclass(frozen=True, kw_only=True)
class Rcoi:
    """The reasonable country of origin inquiry: typed, or counted by an ingest run (`source`,
    resolved by `cmrkit.year.rcoi_source` before the facts are checked)."""

    # Only a person knows how many suppliers were asked: None (absent, null, or a FILL blank)
    # until given. The pages then print a blank and `cmrkit check` names it (never a figure
    # taken from the files received).
    contract_manufacturers_asked: int | None = field(
        default=None, metadata=_fact(_count_or_blank, read=_count_given)
    )
    # How many answered: a blank too when nobody gave it (a filed report that does not say),
    # never a 0 standing in for it.
    contract_manufacturers_answering: int | None = field(
        metadata=_fact(_count_or_blank, read=_count_given)
    )
    cmrt_level: CmrtLevel | None = field(
        default=None,
        metadata=_fact(_one_of("company", "product", "user_defined", "mixed", "unknown")),
    )
    template: str | None = field(default=None, metadata=_fact(_text))
    source: str | None = field(default=None, metadata=_fact(_text))


ANNEX_SOURCES = ("ingest",)


@dataclass(frozen=True, kw_only=True)
class Annex:
    """Where Annex I comes from (a hand-kept CSV, `file`, or the ingest run, `source`), the words
    it prints for statuses, its footnotes and its columns."""

    status_labels: str = field(metadata=_fact(_text))  # a label set of statuses.yml
    file: str | None = field(default=None, metadata=_fact(_text))
    source: Literal["ingest"] | None = field(default=None, metadata=_fact(_one_of(*ANNEX_SOURCES)))
    # Footnote marker -> the id of the sanctions.yml entry its note explains.
    footnotes: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}),
        metadata=_fact(_mapping, read=lambda value: MappingProxyType(_markers(value))),
    )
    # The columns the table prints, in order, with their headers (`annex.columns`, else the
    # reference default): read by `cmrkit.year.annex.annex_columns`.
    columns: tuple[Column, ...] = ()
    # How the table prints (`annex.shape`): read by `cmrkit.year.annex_shape.parse_shape`.
    shape: AnnexShape = field(default_factory=AnnexShape)
    # How many rows of a filed year's annex.csv repeat a facility listed above them (same metal
    # and smelter ID, or same metal, name and country), kept because the filed report prints
    # them so (`cmrkit import` writes it). Only a filed year may keep any; elsewhere a repeated
    # facility is a typing slip the loader refuses with its line.
    duplicates_as_filed: int | None = field(default=None, metadata=_fact(_count))


def _markers(footnotes: dict[Any, Any]) -> dict[str, str]:
    return {str(marker): entry_id for marker, entry_id in footnotes.items()}


@dataclass(frozen=True, kw_only=True)
class Urls:
    """Addresses the report prints or lives at. Any other name under `urls:` is a link the pages
    may print (`Facts.tree`); every one is checked as an https link."""

    # The public address of the report site (where each year is a version), e.g.
    # https://investor.example.com/conflict-minerals/: canonical links, sitemaps, the PDF's links.
    site: str | None = field(
        default=None, metadata=_fact(_pattern(r"https?://[^\s/]+(/[^\s]*)?", "an http(s) address"))
    )
    # Where the registrant lists its SEC filings.
    sec_filings: str | None = field(default=None, metadata=_fact(_https_url))


@dataclass(frozen=True, kw_only=True)
class Facts:
    """A year's facts, checked. The filer's own facts (names cmrkit does not know) are kept in
    `tree`, with every other fact as the file gives it, for the pages."""

    registrant: Registrant
    contact: Contact
    form: Form
    period: Period
    filing: Filing
    signer: Signer
    rcoi: Rcoi
    annex: Annex
    urls: Urls
    # The facts as nested read-only mappings (lists as tuples), as the file gives them (with the
    # RCOI counts of an ingest run when `rcoi.source` names one): what pages print
    # (`{{ facts.registrant.name }}`) and what `cmrkit diff` compares.
    tree: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), repr=False)


# Each section of facts.yml and the class it is read into.
SECTIONS: dict[str, type[DataclassInstance]] = {
    "registrant": Registrant,
    "contact": Contact,
    "form": Form,
    "period": Period,
    "filing": Filing,
    "signer": Signer,
    "rcoi": Rcoi,
    "annex": Annex,
    "urls": Urls,
}


def _checks(*, required: bool) -> dict[str, Check]:
    return {
        f"{section}.{f.name}": f.metadata[_CHECK]
        for section, cls in SECTIONS.items()
        for f in fields(cls)
        if _CHECK in f.metadata
        and (f.default is MISSING and f.default_factory is MISSING) == required
    }


# Every fact with its check, dotted: those the year must give, and those checked when present.
REQUIRED: dict[str, Check] = _checks(required=True)
OPTIONAL: dict[str, Check] = _checks(required=False)

T = TypeVar("T", bound="DataclassInstance")


def _section(cls: type[T], data: Mapping[str, Any]) -> T:
    """The section's class from its checked values (an absent optional fact stays None)."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if _CHECK in f.metadata and f.name in data:
            read = f.metadata[_READ]
            values[f.name] = read(data[f.name]) if read else data[f.name]
    return cls(**values)


# The facts a blank may stand for (a date or a count not given yet): the typed value is None.
BLANK_DATES = ("filing.signed", "filing.filed")
BLANK_COUNTS = ("rcoi.contract_manufacturers_asked", "rcoi.contract_manufacturers_answering")


class DateNotGiven:
    """A date facts.yml leaves as a blank, as the pages see it (`Facts.tree`; the typed fact is
    None). Not None, so that what a page prints for it, bare (`{{ facts.filing.signed }}`) or
    through `long_date`, is the blank of a date and not that of a figure nobody gave
    (`cmrkit.render.context.shown`); false, so a page's `{% if facts.filing.filed %}` reads it
    as not given. One value: `DATE_NOT_GIVEN`."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:  # as `cmrkit diff` lists a fact
        return "not given"

    def __repr__(self) -> str:
        return "DATE_NOT_GIVEN"


DATE_NOT_GIVEN = DateNotGiven()


def _blanks_as_not_given(data: dict[str, Any]) -> dict[str, Any]:
    """The tree the pages see, with a blank count as None, as the typed facts have it, and a
    blank date as `DATE_NOT_GIVEN`: `{{ facts.filing.signed | long_date }}` then prints the
    date blank, not a date filter failing on the blank's text."""
    out = dict(data)
    for dotted in (*BLANK_DATES, *BLANK_COUNTS):
        section, name = dotted.split(".")
        block = out.get(section)
        if not isinstance(block, dict):
            continue
        value = block.get(name)
        if isinstance(value, str) and _BLANK.fullmatch(value.strip()):
            out[section] = {**block, name: DATE_NOT_GIVEN if dotted in BLANK_DATES else None}
    return out


def _frozen(value: Any) -> Any:
    """The parsed YAML, read-only all the way down (a mapping proxy, a tuple)."""
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def _check_fields(doc: YamlDoc) -> None:
    """Each section a mapping; each fact present when required, and of its kind when present."""
    for name in SECTIONS:
        if doc.data.get(name) is not None and not isinstance(doc.data[name], dict):
            raise DataError(
                doc.where((name,)), f"fact '{name}' must be a mapping of names to values"
            )
    for dotted, check in (*REQUIRED.items(), *OPTIONAL.items()):
        section, name = dotted.split(".")
        key: PathKey = (section, name)
        block = doc.data.get(section) or {}
        if name not in block:
            if dotted in OPTIONAL:
                continue
            raise DataError(doc.where(key), f"missing fact '{dotted}'")
        problem = check(block[name])
        if problem:
            raise DataError(doc.where(key), f"fact '{dotted}' {problem} (found {block[name]!r})")


def _check_annex_source(doc: YamlDoc, annex: Annex) -> None:
    """The Annex comes from one place: a hand-kept CSV (`annex.file`) or the year's ingest run
    (`annex.source: ingest`)."""
    if annex.file is not None and annex.source is not None:
        raise DataError(
            doc.where(("annex", "source")),
            "'annex.file' and 'annex.source' are both given: keep one (a hand-kept CSV, or "
            "`source: ingest` for the Annex built from the ingest run)",
        )
    if annex.file is None and annex.source is None:
        raise DataError(
            doc.where(("annex",)),
            "missing fact 'annex.file' (a hand-kept Annex CSV) or 'annex.source: ingest' "
            "(the Annex built from the ingest run)",
        )


def _check_together(doc: YamlDoc, facts: Facts, reference: Reference) -> None:
    """The rules between facts, and against the reference data."""
    _check_annex_source(doc, facts.annex)
    if facts.period.end < facts.period.start:
        raise DataError(doc.where(("period", "end")), "fact 'period.end' is before 'period.start'")
    rcoi = facts.rcoi
    asked, answering = rcoi.contract_manufacturers_asked, rcoi.contract_manufacturers_answering
    if asked is not None and answering is not None and answering > asked:
        raise DataError(
            doc.where(("rcoi", "contract_manufacturers_answering")),
            "more contract manufacturers answering than asked",
        )
    if facts.filing.is_filed and ("filing", "filed") not in doc.lines:  # a date or a blank
        raise DataError(doc.where(("filing",)), "missing fact 'filing.filed' for a filed year")
    if facts.annex.duplicates_as_filed is not None and (
        not facts.filing.is_filed or facts.annex.file is None
    ):
        raise DataError(
            doc.where(("annex", "duplicates_as_filed")),
            "'annex.duplicates_as_filed': only a filed year's hand-kept Annex keeps rows printed "
            "twice as filed; in a draft, list each facility once (remove the repeated row) and "
            "delete this fact",
        )
    labels = facts.annex.status_labels
    if labels not in reference.statuses.label_sets:
        known = ", ".join(sorted(reference.statuses.label_sets))
        raise DataError(
            doc.where(("annex", "status_labels")),
            f"unknown label set '{labels}' (known: {known})",
        )
    for name, value in (doc.data.get("urls") or {}).items():
        problem = _https_url(value)
        if problem:
            raise DataError(
                doc.where(("urls", str(name))), f"fact 'urls.{name}' {problem} (found {value!r})"
            )
    known_ids = {entry.id for entry in reference.sanctions}
    for marker, entry_id in facts.annex.footnotes.items():
        if entry_id not in known_ids:
            raise DataError(
                doc.where(("annex", "footnotes", marker)),
                f"footnote '{marker}' names '{entry_id}', which is not in sanctions.yml",
            )


def validate_facts(doc: YamlDoc, reference: Reference) -> Facts:
    """The facts, typed, once every rule holds; else a DataError naming the file and line of the
    first problem."""
    if not isinstance(doc.data, dict):
        raise DataError(doc.where(()), "facts must be a mapping of names to values")
    _check_fields(doc)
    data: dict[str, Any] = doc.data

    def block(name: str) -> Mapping[str, Any]:
        return data.get(name) or {}

    facts = Facts(
        registrant=_section(Registrant, block("registrant")),
        contact=_section(Contact, block("contact")),
        form=_section(Form, block("form")),
        period=_section(Period, block("period")),
        filing=_section(Filing, block("filing")),
        signer=_section(Signer, block("signer")),
        rcoi=_section(Rcoi, block("rcoi")),
        annex=_section(Annex, block("annex")),
        urls=_section(Urls, block("urls")),
        tree=_frozen(_blanks_as_not_given(data)),
    )
    _check_together(doc, facts, reference)
    columns = annex_columns(doc, reference)
    words = tuple(reference.statuses.label_set(facts.annex.status_labels).words)
    shape = parse_shape(doc, reference, columns, words, facts.annex.footnotes)
    return replace(facts, annex=replace(facts.annex, columns=columns, shape=shape))
