"""`cmrkit import YEAR FILE...` from documents to a filed year: every file of the year is
computed first (pages, nav, facts, Annex, filed record, review), then written at once into
folders that did not exist, so a refused import leaves nothing behind and nothing is
overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.checks.rules import PrefilingRules, load_prefiling_rules
from cmrkit.files.project import reference_folder, year_folder
from cmrkit.importing import counts, markdown
from cmrkit.importing.annex import FiledAnnex, Repeat, Row, recognise_annex, repeated_rows
from cmrkit.importing.blocks import Block, read_html
from cmrkit.importing.cover import Cover, read_exhibit, read_form_sd
from cmrkit.importing.documents import Document, ImportRefused, read_documents
from cmrkit.importing.layout import tidy
from cmrkit.importing.pages import EXHIBIT_DIR, Page, page_markdown, split_exhibit, title_case
from cmrkit.importing.structure import document_kind, heading_rank
from cmrkit.importing.suppliers import Suppliers, stated_suppliers
from cmrkit.reference.load import Reference, load_reference
from cmrkit.year.annex_summary import FILE as SUMMARY_FILE

FILED_DIR = "filed"
REVIEW_FILE = "import-review.md"
ANNEX_MACROS = (
    '{{ annex_downloads("Download the Annex (not part of the filed report)") }}',
    "{{ annex_table() }}",
)
ANNEX_EXTRAS = (
    '{{ annex_summary("Summary by metal and status (not part of the filed report)") }}',
    '{{ annex_charts("Charts (not part of the filed report)") }}',
)


@dataclass
class Parsed:
    document: Document
    kind: str  # sd | exhibit
    blocks: list[Block]
    dropped: dict[str, int]


@dataclass
class Imported:
    year: int
    files: dict[Path, str]  # every file of the year, by path
    folders: tuple[Path, Path]  # data/YEAR, docs/YEAR
    messages: list[str] = field(default_factory=list)  # what the command tells the user
    annex_rows: int = 0
    bound: int = 0
    typed: int = 0
    blanks: list[str] = field(default_factory=list)


def parse_document(document: Document) -> Parsed | None:
    """The document's blocks, or None when it is neither a Form SD nor an Exhibit 1.01."""
    try:
        parsed = read_html(document.text)
    except Exception as exc:  # html.parser is lenient; what it still rejects is malformed
        raise ImportRefused(
            f"{document.source}: malformed HTML ({type(exc).__name__}): expected an EDGAR HTML "
            "document"
        ) from None
    blocks = tidy(parsed.blocks)
    if not any(b.text or b.rows for b in blocks):
        raise ImportRefused(f"{document.source}: no text found: expected an EDGAR HTML document")
    kind = document_kind(document.type, blocks)
    return Parsed(document, kind, blocks, parsed.dropped) if kind else None


def read_inputs(paths: list[Path]) -> tuple[Parsed | None, Parsed, list[str]]:
    """(Form SD or None, Exhibit 1.01, what was left aside and why)."""
    form_sd: Parsed | None = None
    exhibit: Parsed | None = None
    skipped: list[str] = []
    for path in paths:
        documents = read_documents(path)
        for document in documents:
            parsed = parse_document(document)
            if parsed is None:
                if len(documents) == 1:
                    raise ImportRefused(
                        f"{document.source}: not an Exhibit 1.01 or a Form SD: expected a "
                        "Conflict Minerals Report (Exhibit 1.01) or its Form SD as filed on EDGAR"
                    )
                skipped.append(f"{document.source}: not a Form SD or Exhibit 1.01, left aside")
                continue
            if parsed.kind == "sd":
                if form_sd is not None:
                    raise ImportRefused(f"{document.source}: a second Form SD (first: "
                                        f"{form_sd.document.source}): give one report")  # fmt: skip
                form_sd = parsed
            else:
                if exhibit is not None:
                    raise ImportRefused(f"{document.source}: a second Exhibit 1.01 (first: "
                                        f"{exhibit.document.source}): give one report")  # fmt: skip
                exhibit = parsed
    if exhibit is None:
        given = ", ".join(map(str, paths))
        raise ImportRefused(f"{given}: no Exhibit 1.01 (Conflict Minerals Report) among them")
    return form_sd, exhibit, skipped


def _check_year(year: int, sd: Cover | None, exhibit: Cover, exhibit_source: str) -> None:
    stated = [*(sd.period_years if sd else ()), *exhibit.period_years]
    if stated and year not in stated:
        raise ImportRefused(
            f"{exhibit_source}: the report is for {', '.join(map(str, dict.fromkeys(stated)))}, "
            f"not {year}: give the reporting year the report covers"
        )


# --- facts -----------------------------------------------------------------------------------


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fill(hint: str) -> str:
    return _q(f"[[FILL: {hint}]]")


@dataclass
class FactValues:
    name: str | None
    state: str | None
    file_number: str | None
    address: str | None
    contact_name: str | None
    contact_title: str | None
    phone: str | None
    signer: str | None
    signer_title: str | None
    signed: dt.date | None
    filed: dt.date | None
    exhibits_item: str | None
    suppliers: Suppliers


def _label_set(words: list[str], reference: Reference, source: str) -> str | dict[str, str]:
    """The shipped label set printing exactly these words, else the words with their buckets."""
    for name, labels in reference.statuses.label_sets.items():
        if all(word in labels.words for word in words):
            return name
    own: dict[str, str] = {}
    for word in words:
        bucket = reference.statuses.bucket_of_rmi(word)
        if bucket is None:
            from cmrkit.importing.annex import legend_bucket

            bucket = legend_bucket(word)
        if bucket is None:
            raise ImportRefused(
                f"{source}: the Annex's status '{word}' is no status word cmrkit knows: "
                "expected RMI's words (Conformant, Active, ...) or the CFSP's"
            )
        own[word] = bucket
    return own


def facts_yaml(
    year: int,
    values: FactValues,
    annex: FiledAnnex | None,
    labels: str | dict[str, str],
    blanks: list[str],
) -> str:
    """facts.yml as a person reads it: what the documents state, a FILL blank for the rest."""

    def text(value: str | None, hint: str, key: str) -> str:
        if value:
            return _q(value)
        blanks.append(key)
        return _fill(hint)

    lines = [
        f"# Facts of the {year} reporting year, imported from the filed report (`cmrkit import`).",
        "# What the documents do not state is a FILL blank: `cmrkit check` names each one. See",
        f"# data/{year}/{REVIEW_FILE} for what the import found and decided.",
        "registrant:",
        "  name: " + text(values.name, "the registrant's name", "registrant.name"),
        "  state_of_incorporation: "
        + text(values.state, "state of incorporation", "registrant.state_of_incorporation"),
        "  commission_file_number: "
        + text(values.file_number, "Commission File Number", "registrant.commission_file_number"),
        "  address: " + text(values.address, "address of principal offices", "registrant.address"),
        "",
        "contact:",
        "  name: " + text(values.contact_name, "person to contact", "contact.name"),
        f"  title: {text(values.contact_title, 'their title', 'contact.title')}",
        f"  phone: {text(values.phone, 'their telephone number', 'contact.phone')}",
        "",
        "form:",
        "  rule: 13p-1",
        *([f"  exhibits_item: {_q(values.exhibits_item)}"] if values.exhibits_item else []),
        '  exhibit: "1.01"',
        "",
        "period:",
        f"  start: {year}-01-01",
        f"  end: {year}-12-31",
        "",
        "filing:",
    ]
    for key, value, hint in (
        ("signed", values.signed, "the date the Form SD was signed; the documents do not say"),
        ("filed", values.filed, "the date the report was filed; the documents do not say"),
    ):
        if value is not None:
            lines.append(f"  {key}: {value.isoformat()}")
        else:  # a blank, never the deadline or another date standing in for it
            blanks.append(f"filing.{key}")
            lines.append(f"  {key}: {_fill(hint)}")
    lines += [
        "  status: filed",
        "",
        "signer:",
        "  name: " + text(values.signer, "officer who signed the Form SD", "signer.name"),
        f"  title: {text(values.signer_title, 'their title', 'signer.title')}",
        "",
        "rcoi:",
    ]
    counted: tuple[tuple[str, int | None, str], ...] = (
        ("contract_manufacturers_asked", values.suppliers.asked,
         "how many suppliers were asked for a CMRT; the report does not say"),
        ("contract_manufacturers_answering", values.suppliers.answering,
         "how many suppliers answered; the report does not say"),
    )  # fmt: skip
    for key, count, hint in counted:
        if count is not None:
            lines.append(f"  {key}: {count}")
        else:  # a blank, never a 0 standing in for a count the report does not state
            blanks.append(f"rcoi.{key}")
            lines.append(f"  {key}: {_fill(hint)}")
    lines += ["", "annex:", "  file: annex.csv"]
    if isinstance(labels, str):
        lines.append(f"  status_labels: {labels}")
    else:
        lines.append("  status_labels:  # the status words as filed, each with what it means")
        lines.extend(f"    {_q(w)}: {b}" for w, b in labels.items())
    if annex is not None:
        lines.append("  columns:  # the columns the Annex prints, with their headers, as filed")
        lines.extend(f"    - {name}: {_q(header)}" for name, header in annex.columns)
        if annex.footnotes:
            lines.append("  footnotes:")
            lines.extend(f"    {_q(m)}: {entry}" for m, entry in annex.footnotes.items())
        if annex.shape:
            lines.append("  shape:  # how the Annex is printed, as filed")
            lines.extend("    " + line for line in _yaml_lines(annex.shape))
        repeats = repeated_rows(annex.rows)
        if repeats:  # a facility printed twice stays twice: the record is as filed
            lines.append(
                f"  duplicates_as_filed: {len(repeats)}  # rows repeating a facility listed "
                f"above them, as the filed report prints them (see {REVIEW_FILE})"
            )
    else:
        lines += [
            "  columns: [metal, smelter_name, country]",
            "  shape:",
            "    tables: none  # the filed report prints no smelter list",
        ]
    return "\n".join(lines) + "\n"


def _yaml_lines(value: dict[str, object]) -> list[str]:
    out = []
    for key, item in value.items():
        if isinstance(item, dict):
            out.append(f"{key}:")
            out.extend(f"  {_q(str(k))}: {_q(str(v))}" for k, v in item.items())
        elif isinstance(item, list):
            out.append(f"{key}:")
            out.extend(f"  - {_q(str(v))}" for v in item)
        elif isinstance(item, bool):
            out.append(f"{key}: {'true' if item else 'false'}")
        else:
            out.append(f"{key}: {item}")
    return out


# --- Annex -------------------------------------------------------------------------------------


def annex_csv(annex: FiledAnnex) -> str:
    rows = annex.rows
    header = ["metal", "smelter_id", "smelter_name", "country", "status", "footnote"]
    if not any(r.smelter_id for r in rows):
        header.remove("smelter_id")
    if not any(r.status for r in rows):
        header.remove("status")
    if not any(r.footnote for r in rows):
        header.remove("footnote")
    extras = list(dict.fromkeys(k for r in rows for k in r.extra))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + extras)
    for row in rows:
        values = {
            "metal": row.metal, "smelter_id": row.smelter_id, "smelter_name": row.name,
            "country": row.country, "status": row.status, "footnote": row.footnote,
        }  # fmt: skip
        writer.writerow([values[h] for h in header] + [row.extra.get(e, "") for e in extras])
    return out.getvalue()


def summary_csv(summary: list[tuple[str, str, int]]) -> str:
    """`annex-summary.csv`: the status summary by metal as printed, one line a count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metal", "status", "count"])
    writer.writerows(summary)
    return out.getvalue()


# --- figures the prose may state ----------------------------------------------------------------


def figures_of(
    rows: list[Row],
    labels: str | dict[str, str],
    reference: Reference,
    suppliers: Suppliers,
    summary: list[tuple[str, str, int]] | None = None,
) -> list[counts.Figure]:
    """The figures the prose may state. By status from the rows' statuses, else from the status
    summary the filer printed (`summary`: metal, word, count), else none."""
    statuses = reference.statuses
    if isinstance(labels, str):
        bucket_of = {w: b[0] for w, b in statuses.label_set(labels).words.items()}
    else:
        bucket_of = dict(labels)
    figures = [counts.Figure("figures.total", len(rows), "smelters")]
    # A facility printed twice: the prose may count rows or facilities, overall, by metal and
    # by status. A distinct figure is offered only where it differs from the rows' count.
    repeats = {r.index for r in repeated_rows(rows)}
    once = [row for index, row in enumerate(rows) if index not in repeats]
    if repeats:
        figures.append(counts.Figure("figures.facilities", len(once), "smelters"))
    has_status = any(r.status for r in rows)
    by_word: dict[str, int] = {}
    if has_status:
        for row in rows:
            by_word[row.status] = by_word.get(row.status, 0) + 1
    else:
        for _, word, count in summary or ():
            by_word[word] = by_word.get(word, 0) + count
    if by_word:
        for word, value in by_word.items():
            figures.append(
                counts.Figure(f"figures.by_status[{_q(word)}]", value, "smelters", status=word)
            )
        for name, members in statuses.counts.items():
            value = sum(n for word, n in by_word.items() if bucket_of.get(word, "") in members)
            note = {"other": "remaining", "conformant": "complian", "active": "participat"}.get(
                name, ""
            )
            figures.append(
                counts.Figure(f"figures.{name}", value, "smelters", status=name, note=note)
            )
    if has_status and repeats:  # a summary counts rows: no distinct count by status exists
        for word, rows_of_word in by_word.items():
            distinct = sum(1 for row in once if row.status == word)
            if distinct != rows_of_word:
                expression = f"figures.facilities_by_status[{_q(word)}]"
                figures.append(counts.Figure(expression, distinct, "smelters", status=word))
    if has_status:
        buckets = [bucket_of.get(r.status, "") for r in rows]
        risky = 0
        for row, bucket in zip(rows, buckets, strict=True):
            covered = reference.is_covered_country(row.country)
            if any(rule.matches(covered_country=covered, bucket=bucket, sanctioned=False)
                   for rule in statuses.greater_risk):  # fmt: skip
                risky += 1
        figures.append(
            counts.Figure("figures.greater_risk", risky, "smelters", note="greater risk")
        )
    for metal in reference.metals.canonical:
        total = sum(1 for r in rows if r.metal == metal)
        if total:
            expression = (
                f"(figures.by_metal | selectattr('metal', 'equalto', {_q(metal)}) | first).total"
            )
            figures.append(counts.Figure(expression, total, "smelters", metal=metal))
            distinct = sum(1 for r in once if r.metal == metal)
            if distinct != total:
                expression = expression.removesuffix(".total") + ".facilities"
                figures.append(counts.Figure(expression, distinct, "smelters", metal=metal))
    if suppliers.asked is not None:
        figures.append(counts.Figure("figures.suppliers_asked", suppliers.asked, "suppliers"))
    if suppliers.answering is not None:
        figures.append(counts.Figure("figures.suppliers_answering", suppliers.answering,
                                     "suppliers", note="respon"))  # fmt: skip
        if suppliers.asked:
            rate = round(suppliers.answering / suppliers.asked * 100)
            figures.append(counts.Figure("figures.response_rate", rate, "percent"))
    return figures


# --- pages and the filed record -----------------------------------------------------------------


def filed_lines(blocks: list[tuple[int, Block]], annex: FiledAnnex | None) -> list[str]:
    """The filed record's text of some blocks: one paragraph a block (list items with a dash),
    the Annex as tab-separated rows of what each printed row shows, then its notes."""
    out: list[str] = []
    for index, block in blocks:
        if annex is not None and index in annex.blocks:
            if index == annex.first_block:
                out.extend("\t".join(r.printed) for r in annex.rows)
                out.append("")
                for note in annex.notes:
                    out.extend([note, ""])
            continue
        if block.kind == "table":
            for row in block.rows:
                for cell in row:
                    if cell.text:
                        out.extend([" ".join(cell.text.split()), ""])
        elif block.kind == "item" and (not block.marker or block.marker == "-"):
            out.extend(["- " + block.text.replace("\n", " "), ""])
        else:
            text = (block.marker + " " if block.kind == "item" else "") + block.text
            out.extend([text, ""])
    return out


@dataclass(frozen=True)
class FiledText:
    """A filed record as import and `cmrkit freeze --documents` write it: its file name in
    `data/YEAR/filed/` and its text."""

    name: str
    text: str


def filed_record(
    form_sd: Parsed | None,
    exhibit: Parsed,
    annex: FiledAnnex | None,
    pages: list[Page] | None = None,
) -> FiledText:
    """The filed record of the documents as filed: the Form SD's blocks, then the Exhibit's
    blocks page by page. One function for import and freeze, so a year written in cmrkit and a
    year imported from EDGAR keep the same yardstick."""
    if pages is None:
        pages = split_exhibit(exhibit.blocks, cover=form_sd is None)
    lines: list[str] = []
    if form_sd is not None:
        lines += filed_lines(list(enumerate(form_sd.blocks)), None)
    for page in pages:
        lines += filed_lines(page.blocks, annex)
    name = "form-sd-and-exhibit-1.01.txt" if form_sd else "exhibit-1.01.txt"
    return FiledText(name, "\n".join(lines).rstrip("\n") + "\n")


def read_filed_record(data_dir: Path, year: int, paths: list[Path]) -> tuple[FiledText, list[str]]:
    """(the filed record of the documents given, what was left aside): the documents read,
    checked for the year and their Annex recognised exactly as `cmrkit import` does; refused
    documents raise ImportRefused naming the file."""
    if not paths:
        raise ImportRefused("no file given: expected the filed Exhibit 1.01 (and its Form SD)")
    form_sd, exhibit, skipped = read_inputs(paths)
    sd_cover = read_form_sd(form_sd.blocks) if form_sd else None
    _check_year(year, sd_cover, read_exhibit(exhibit.blocks), exhibit.document.source)
    reference = load_reference(reference_folder(data_dir))
    annex = recognise_annex(exhibit.blocks, reference, exhibit.document.source)
    return filed_record(form_sd, exhibit, annex), skipped


@dataclass
class Binder:
    figures: list[counts.Figure]
    rules: PrefilingRules
    decisions: list[tuple[str, counts.Decision]] = field(default_factory=list)
    earlier: dict[tuple[str, int], counts.Figure] = field(default_factory=dict)

    def page(self, page_path: str, annex: FiledAnnex | None):  # type: ignore[no-untyped-def]
        def special(index: int, block: Block) -> str | None:
            if annex is not None and index in annex.blocks:
                if index != annex.first_block:
                    return ""
                return "\n\n".join((*ANNEX_MACROS, *ANNEX_EXTRAS))
            if heading_rank(block) is not None or block.kind == "table":
                return None
            text = markdown.lines(block.text)
            bound, decisions = counts.bind(text, self.figures, self.rules, self.earlier)
            self.decisions.extend((page_path, d) for d in decisions)
            if block.kind == "item":
                if block.marker and block.marker != "-":
                    return markdown.escape(block.marker) + " " + bound
                return "- " + bound.replace("<br>\n", "<br>\n  ")
            return bound

        return special


def _sd_markdown(form_sd: Parsed) -> str:
    page = Page("index.md", "Form SD", list(enumerate(form_sd.blocks)))
    return page_markdown(page, front_title="Form SD")


def _nav(pages: list[Page], form_sd: bool) -> str:
    lines = [
        "# This year's pages in reading order (paths relative to this folder), as imported from",
        "# the filed report by `cmrkit import`.",
    ]
    if form_sd:
        lines.append("- Form SD: index.md")
    else:  # the Exhibit's title block is the front page (the Form SD was not imported)
        lines.append(f"- {_q(pages[0].title)}: index.md")
        pages = pages[1:]
    lines.append("- Exhibit 1.01:")
    lines.extend(f"    - {_q(p.title)}: {p.path}" for p in pages)
    return "\n".join(lines) + "\n"


def _review(
    year: int, sources: list[str], values: FactValues, blanks: list[str], annex: FiledAnnex | None,
    decisions: list[tuple[str, counts.Decision]], dropped: dict[str, int], skipped: list[str],
) -> str:  # fmt: skip
    out = [
        f"# Import review: {year}",
        "",
        "What `cmrkit import` read, decided and left to a person. Confirm each point, then delete",
        "this file or keep it with the year's data (it is not part of the site).",
        "",
        "## Documents",
        "",
        *(f"- {s}" for s in sources),
        *(f"- {s}" for s in skipped),
        "",
        "## Facts",
        "",
        f"- Registrant: {values.name}",
    ]
    if blanks:
        named = ", ".join(f"`{b}`" for b in blanks)
        out.append(
            f"- Not stated in the documents, FILL blanks (`cmrkit check` names them): {named}"
        )
    out += ["", "## Annex", ""]
    if annex is None:
        out.append("- The report prints no smelter table: the year has no Annex rows.")
    else:
        metals: dict[str, int] = {}
        for row in annex.rows:
            metals[row.metal] = metals.get(row.metal, 0) + 1
        out.append(f"- {len(annex.rows)} rows: " + ", ".join(f"{m} {n}" for m, n in metals.items()))
        out.append("- Columns as printed: " + ", ".join(f"{h} ({c})" for c, h in annex.columns))
        shape = json.dumps(annex.shape, ensure_ascii=False) if annex.shape else "one table"
        out.append(f"- Shape: {shape}")
        if annex.summary:
            by_word: dict[str, int] = {}
            for _, word, count in annex.summary:
                by_word[word] = by_word.get(word, 0) + count
            out.append(
                f"- The rows print no status; the status summary by metal is kept as filed in "
                f"`data/{year}/{SUMMARY_FILE}` and gives the figures by status: "
                + ", ".join(f"{w} {n}" for w, n in by_word.items())
            )
        out.extend(f"- {line}" for line in annex.review)
        out.extend(f"- {line}" for line in _repeat_lines(year, annex.rows))
    out += ["", "## Numbers in the prose", "",
            "| page | typed | became | why | sentence |", "|---|---|---|---|---|"]  # fmt: skip
    for page, decision in decisions:
        became = f"`{decision.expression}`" if decision.expression else "left as typed"
        cells = (page, decision.typed, became, decision.reason, decision.sentence)
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if dropped:
        out += ["", "## Left out of the site", ""]
        out.extend(f"- {tag}: {n}" for tag, n in sorted(dropped.items()))
    return "\n".join(out) + "\n"


def _repeat_lines(year: int, rows: list[Row]) -> list[str]:
    """Each row repeating a facility, named with its annex.csv line (as `cmrkit check` names it)
    for a person to confirm the report prints it twice."""
    repeats: list[Repeat] = repeated_rows(rows)
    out = [
        f"Warning: data/{year}/annex.csv, line {r.index + 2} repeats line {r.first + 2} "
        f"({r.reason}): {rows[r.index].metal} '{rows[r.index].name}' is printed twice in the "
        "filed report, kept as filed"
        for r in repeats
    ]
    if repeats:
        out.append(
            f"{len(rows)} rows as printed, {len(rows) - len(repeats)} facilities: "
            "`figures.total` counts the rows, `figures.facilities` each facility once (by "
            "metal `.facilities`, by status `figures.facilities_by_status`) "
            f"(`annex.duplicates_as_filed: {len(repeats)}` in facts.yml)"
        )
    return out


def plan_import(
    data_dir: Path,
    docs_dir: Path,
    year: int | str,
    paths: list[Path],
    *,
    filed: dt.date | None = None,
    signed: dt.date | None = None,
    fallback_name: str | None = None,
) -> Imported:
    """Everything the import writes, computed; nothing is written here."""
    try:
        year = int(year)
    except ValueError:
        raise ImportRefused(f"'{year}' is not a reporting year") from None
    if not 2013 <= year <= 2100:
        raise ImportRefused(f"{year} is not a reporting year (Form SD reports start with 2013)")
    if not paths:
        raise ImportRefused("no file given: expected the filed Exhibit 1.01 (and its Form SD)")
    reference = load_reference(reference_folder(data_dir))
    rules = load_prefiling_rules(reference_folder(data_dir))
    form_sd, exhibit, skipped = read_inputs(paths)
    sd_cover = read_form_sd(form_sd.blocks) if form_sd else None
    ex_cover = read_exhibit(exhibit.blocks)
    _check_year(year, sd_cover, ex_cover, exhibit.document.source)
    annex = recognise_annex(exhibit.blocks, reference, exhibit.document.source)
    texts = [b.text for i, b in enumerate(exhibit.blocks)
             if b.kind in ("paragraph", "item") and not (annex and i in annex.blocks)]  # fmt: skip
    suppliers = stated_suppliers(texts, rules)
    sd = sd_cover or Cover()
    name = sd.name or ex_cover.exhibit_name or fallback_name
    if (
        sd.name
        and sd.name.isupper()
        and ex_cover.exhibit_name
        and ex_cover.exhibit_name.upper() == sd.name
    ):
        name = ex_cover.exhibit_name  # the cover prints capitals; the Exhibit the name's case
    submission_filed = next(
        (p.document.filed for p in (form_sd, exhibit) if p and p.document.filed), None
    )
    if filed is None and submission_filed:
        filed = dt.date(
            int(submission_filed[:4]), int(submission_filed[4:6]), int(submission_filed[6:])
        )
    values = FactValues(
        name=name, state=sd.state, file_number=sd.file_number, address=sd.address,
        contact_name=sd.contact_name, contact_title=sd.contact_title, phone=sd.phone,
        signer=sd.signer, signer_title=sd.signer_title, signed=signed or sd.signed,
        filed=filed,  # --filed or the submission header: a Form SD states no filing date
        exhibits_item=sd.exhibits_item, suppliers=suppliers,
    )  # fmt: skip
    labels: str | dict[str, str] = "rmap"
    if annex and annex.status_words:
        labels = _label_set(annex.status_words, reference, exhibit.document.source)
    blanks: list[str] = []
    facts = facts_yaml(year, values, annex, labels, blanks)
    figures = figures_of(
        annex.rows if annex else [], labels, reference, suppliers, annex.summary if annex else None
    )
    if annex is None:
        figures = [f for f in figures if f.kind != "smelters"]
    binder = Binder(figures, rules)
    pages = split_exhibit(exhibit.blocks, cover=form_sd is None)
    data = year_folder(data_dir, year)
    docs = year_folder(docs_dir, year)
    files: dict[Path, str] = {}
    if form_sd is not None:
        files[docs / "index.md"] = _sd_markdown(form_sd)
    for page in pages:
        front = "Conflict Minerals Report" if page.path.endswith("index.md") else None
        files[docs / page.path] = page_markdown(page, binder.page(page.path, annex), front)
    files[docs / "nav.yml"] = _nav(pages, form_sd is not None)
    files[data / "facts.yml"] = facts
    if annex is not None:
        files[data / "annex.csv"] = annex_csv(annex)
        if annex.summary:
            files[data / SUMMARY_FILE] = summary_csv(annex.summary)
    else:
        files[data / "annex.csv"] = "metal,smelter_name,country\n"
    record = filed_record(form_sd, exhibit, annex, pages)
    files[data / FILED_DIR / record.name] = record.text
    dropped: dict[str, int] = {}
    for parsed in (form_sd, exhibit):
        for tag, n in (parsed.dropped if parsed else {}).items():
            dropped[tag] = dropped.get(tag, 0) + n
    sources = [f"Exhibit 1.01: {exhibit.document.source}"]
    if form_sd:
        sources.insert(0, f"Form SD: {form_sd.document.source}")
    else:
        sources.append(
            f"No Form SD given: the Exhibit's title block is docs/{year}/index.md, and the facts "
            "only the Form SD states are blanks to fill for the record"
        )
    files[data / REVIEW_FILE] = _review(
        year, sources, values, blanks, annex, binder.decisions, dropped, skipped
    )
    result = Imported(year, files, (data, docs))
    result.annex_rows = len(annex.rows) if annex else 0
    result.bound = sum(1 for _, d in binder.decisions if d.expression)
    result.typed = sum(1 for _, d in binder.decisions if not d.expression)
    result.blanks = blanks
    result.messages = [*skipped]
    if annex is None:
        result.messages.append(
            f"{exhibit.document.source}: no smelter table found: the text is imported with no "
            "Annex rows"
        )
    if annex is not None:
        result.messages += [
            line.replace("Warning: ", "") for line in _repeat_lines(year, annex.rows)[:-1]
        ]
    if dropped:
        result.messages.append(
            "left out of the site: " + ", ".join(f"{t} ({n})" for t, n in sorted(dropped.items()))
        )
    return result


def write_import(imported: Imported, *, replace: bool = False) -> list[Path]:
    """Write the year; its folders must not exist (`replace`: they hold only the untouched
    template `cmrkit init` wrote, which the import replaces). On any failure nothing is left."""
    for folder in imported.folders:
        if folder.exists() and not replace:
            raise ImportRefused(
                f"{folder} exists: cmrkit import never overwrites a year (import into a year "
                "the repository does not have yet)"
            )
    for folder in imported.folders:
        if folder.exists():
            shutil.rmtree(folder)
    written = []
    try:
        for path, text in sorted(imported.files.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except BaseException:
        for folder in imported.folders:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return written


__all__ = ["EXHIBIT_DIR", "Imported", "plan_import", "re", "title_case", "write_import"]
