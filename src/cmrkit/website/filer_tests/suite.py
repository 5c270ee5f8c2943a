"""The tests every filer's repository runs (and cmrkit's own): `from ... suite import *`.

`filer_year` is every reporting year with data and pages, `filer_filed_year` every filed year
with a filed record (see the plugin's `pytest_generate_tests`); `filer_project` and
`filer_sites` are its fixtures."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils import yaml_load

from cmrkit.checks.findings import ERROR
from cmrkit.checks.run import run_checks
from cmrkit.edgar.check import check_document
from cmrkit.edgar.leftovers import find_leftovers
from cmrkit.edgar.render import write_filing
from cmrkit.edgar.rules import load_rules
from cmrkit.edgar.text import annex_rows as edgar_annex_rows
from cmrkit.edgar.text import documents_text
from cmrkit.files.project import FACTS_FILE, Project
from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import FiledRecord, filed_record_path, load_filed
from cmrkit.render.htmltext import page_text, table_body_rows
from cmrkit.render.page_renderer import MARKDOWN_EXTENSIONS
from cmrkit.website.filer_tests.project import build, copy_project
from cmrkit.website.snapshot import MAIN_CONTENT, load_archive_config
from cmrkit.year.annex import AnnexRow
from cmrkit.year.annex_summary import FILE as SUMMARY_FILE
from cmrkit.year.pages import load_pages
from cmrkit.year.report import YearReport, load_year

# The `filer_sites` fixture: a year's site, built once per session.
SiteOf = Callable[[int], Path]

__all__ = [
    "test_bad_data_fails_the_build_with_file_and_line",
    "test_edgar_documents_keep_to_edgars_rules",
    "test_every_page_of_the_site_is_rendered_markdown",
    "test_figures_follow_the_data",
    "test_filed_year_edgar_documents_say_what_was_filed",
    "test_filed_year_site_says_what_was_filed",
    "test_markdown_extensions_are_those_the_edgar_export_renders",
    "test_no_request_leaves_for_a_third_party",
    "test_prefiling_checks_pass",
    "test_the_site_names_the_registrant",
    "test_undefined_variable_fails_with_page_and_line",
]


# --- helpers ------------------------------------------------------------------------------------


def _filed_record(project: Project, year: int) -> FiledRecord:
    path = filed_record_path(project.year_data(year))
    assert path is not None, f"{year} is filed but data/{year}/filed/ holds no record"
    return load_filed(path)


def _report(project: Project, year: int) -> YearReport:
    return load_year(project.data_dir, year)


def html_path(site: Path, markdown: str) -> Path:
    """Where MkDocs (with directory URLs) writes the page of a Markdown file."""
    stem = markdown.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def site_pages(project: Project, year: int, site: Path) -> list[tuple[str, str]]:
    """(Markdown file, built HTML) of the year's own pages, in the year's reading order."""
    pages = load_pages(project.docs_dir, year)
    return [(md, html_path(site, md).read_text(encoding="utf-8")) for md in pages.files]


def site_text(project: Project, year: int, site: Path) -> str:
    return " ".join(
        page_text(html, MAIN_CONTENT).text for _, html in site_pages(project, year, site)
    )


def site_annex_rows(project: Project, year: int, site: Path) -> list[tuple[str, ...]]:
    """The Annex's rows in printed order: its table, or its tables one per metal (`annex-i`,
    `annex-i-2`, ...), header rows left out; none for a report that prints no smelter list."""
    table = load_archive_config(project.data_dir).annex_table
    for _, html in site_pages(project, year, site):
        # The header rows are not facilities; a table per metal continues the first.
        rows = table_body_rows(page_text(html, MAIN_CONTENT).tables, table)
        if rows is not None:
            return rows
    return []  # no Annex table: the filed record's rows say whether one was filed


def _edit_line(path: Path, predicate: Callable[[str], bool], edit: Callable[[str], str]) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if predicate(line))
    lines[number - 1] = edit(lines[number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


# --- the site -----------------------------------------------------------------------------------


def test_markdown_extensions_are_those_the_edgar_export_renders(filer_project: Project) -> None:
    """A construct the site renders must reach EDGAR rendered too: the same extensions."""
    with open(filer_project.root / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    names = {
        next(iter(entry)) if isinstance(entry, dict) else entry
        for entry in config.get("markdown_extensions") or []
    }
    assert names == set(MARKDOWN_EXTENSIONS), (
        f"mkdocs.yml enables {sorted(names)}; the EDGAR export renders "
        f"{sorted(MARKDOWN_EXTENSIONS)}"
    )


def test_the_site_names_the_registrant(
    filer_project: Project, filer_sites: SiteOf, filer_year: int
) -> None:
    site = filer_sites(filer_year)
    name = _report(filer_project, filer_year).facts.registrant.name
    text = site_text(filer_project, filer_year, site)
    assert name in text
    assert name in (site / "index.html").read_text(encoding="utf-8")


def test_every_page_of_the_site_is_rendered_markdown(
    filer_project: Project, filer_sites: SiteOf, filer_year: int
) -> None:
    """No `[^1]`, `**`, `{: .class }` or `{{ ... }}` left as text on any page of the filer_year."""
    rules = load_rules()
    found = []
    for markdown, html in site_pages(filer_project, filer_year, filer_sites(filer_year)):
        text = "\n".join(page_text(html, MAIN_CONTENT).blocks)
        for leftover in find_leftovers(f"<p>{text}</p>", rules):
            found.append(f"docs/{filer_year}/{markdown}: {leftover}")
    assert not found, "\n".join(found)


def test_no_request_leaves_for_a_third_party(filer_sites: SiteOf, filer_year: int) -> None:
    for page in filer_sites(filer_year).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not loads, f"{page} loads from another host"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_filed_year_site_says_what_was_filed(
    filer_project: Project, filer_sites: SiteOf, filer_filed_year: int
) -> None:
    """Every filed paragraph, in order and word for word, and every Annex row as filed."""
    record = _filed_record(filer_project, filer_filed_year)
    assert record.paragraphs, f"the filed record of {filer_filed_year} has no text"
    site = filer_sites(filer_filed_year)
    problems = compare_paragraphs(record, site_text(filer_project, filer_filed_year, site))
    assert not problems, "\n".join(map(str, problems[:20]))
    rows = site_annex_rows(filer_project, filer_filed_year, site)
    problems = compare_annex(record, rows)
    assert not problems, "\n".join(map(str, problems[:20]))
    assert len(rows) == len(record.annex_rows)


# --- EDGAR --------------------------------------------------------------------------------------


def _edgar(project: Project, year: int, out: Path) -> tuple[YearReport, list[Path]]:
    report = _report(project, year)
    return report, write_filing(report, load_pages(project.docs_dir, year), out)


def test_edgar_documents_keep_to_edgars_rules(
    filer_project: Project, filer_year: int, tmp_path: Path
) -> None:
    _, files = _edgar(filer_project, filer_year, tmp_path)
    assert files
    violations = [str(v) for path in files for v in check_document(path)]
    assert not violations, "\n".join(violations)


def test_filed_year_edgar_documents_say_what_was_filed(
    filer_project: Project, filer_filed_year: int, tmp_path: Path
) -> None:
    record = _filed_record(filer_project, filer_filed_year)
    report, files = _edgar(filer_project, filer_filed_year, tmp_path)
    htmls = [path.read_text(encoding="ascii") for path in files]
    problems = compare_paragraphs(record, documents_text(htmls))
    assert not problems, "\n".join(map(str, problems[:20]))
    rows = edgar_annex_rows(htmls, [c.header for c in report.columns])
    assert not compare_annex(record, rows)
    assert len(rows) == len(record.annex_rows) == len(report.annex)


# --- data and checks ----------------------------------------------------------------------------


# What a draft still being prepared lacks (blanks, no Annex yet, a declared footnote with no row
# yet or with no note written yet, a run not redone since new CMRTs or lists): `cmrkit check`
# reports them as errors, but they are the normal state of a draft, so they do not fail the
# draft's tests.
UNFINISHED_CHECKS = (
    "blank", "unfinished", "annex-empty", "annex-footnote", "annex-unclassified", "ingest-stale",
)  # fmt: skip
# Unfinished in a draft, and in a filed year only a finding for the record (its marker and its
# note are as filed), never a failure.
DRAFT_UNFINISHED = ("annex-footnote-note",)


def test_prefiling_checks_pass(filer_project: Project, filer_year: int) -> None:
    """No stated count disagrees with the data, in any filer_year. A draft may still have blanks and
    no Annex: they are reported (as warnings here, as errors by `cmrkit check`) until filled;
    a filed filer_year may have neither."""
    report = _report(filer_project, filer_year)
    findings = run_checks(report, load_pages(filer_project.docs_dir, filer_year))
    unfinished = [f for f in findings if f.check in (*UNFINISHED_CHECKS, *DRAFT_UNFINISHED)]
    if report.is_filed:
        # A filed year's wrong figures, and inputs of its run changed since (supplier files, RMI's
        # lists, the look-up kept with it), fail its tests: the record rests on them.
        failing = [
            f for f in findings if f.check in ("figures", "lookup-changed", *UNFINISHED_CHECKS)
        ]
    else:
        failing = [f for f in findings if f.level == ERROR and f not in unfinished]
        if unfinished:
            warnings.warn(
                f"{filer_year} is a draft with {len(unfinished)} blanks or gaps still to fill "
                f"(`cmrkit check {filer_year}` lists them)",
                stacklevel=1,
            )
    assert not failing, "\n".join(map(str, failing))


def _drop_first_annex_row(project: Project, report: YearReport) -> bool:
    """Drop a hand-kept Annex's first row (an Annex from the ingest run is left as it is)."""
    if report.facts.annex.file is None:
        return False
    path = project.year_data(report.year) / report.facts.annex.file
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if len(rows) < 2:
        return False
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *rows[2:]])
    path.write_text(out.getvalue(), encoding="utf-8")
    if report.filed_summary is not None:
        first = min(report.annex, key=lambda row: row.line)
        _drop_from_summary(project.year_data(report.year) / SUMMARY_FILE, first)
    return True


def _drop_from_summary(path: Path, dropped: AnnexRow) -> None:
    """The filed status summary follows a dropped row (its totals by metal are the rows'): one
    fewer in the dropped row's metal, from its first status counted there."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    for row in rows[1:]:
        if row[0] == dropped.metal and int(row[2]) > 0:
            row[2] = str(int(row[2]) - 1)
            break
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_figures_follow_the_data(filer_project: Project, filer_year: int, tmp_path: Path) -> None:
    """Change the data and every count the pages state follows: one Annex row fewer (when there
    is one), one more supplier asked (when typed), and the checks still find every count right."""
    copy = copy_project(filer_project, tmp_path / "project")
    before = _report(copy, filer_year)
    dropped = _drop_first_annex_row(copy, before)
    facts = copy.year_data(filer_year) / FACTS_FILE
    rcoi = before.facts.rcoi
    if rcoi.source is None and rcoi.contract_manufacturers_asked is not None:
        asked = rcoi.contract_manufacturers_asked
        _edit_line(
            facts,
            lambda line: line.strip().startswith("contract_manufacturers_asked:"),
            lambda line: re.sub(r"\d+", str(asked + 1), line),
        )
    after = _report(copy, filer_year)
    assert after.figures.total == before.figures.total - int(dropped)
    findings = run_checks(after, load_pages(copy.docs_dir, filer_year))
    wrong = [f for f in findings if f.check == "figures"]
    assert not wrong, "\n".join(map(str, wrong))
    result = build(copy.root, filer_year)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(site_annex_rows(copy, filer_year, copy.root / "site")) == after.figures.total


def test_bad_data_fails_the_build_with_file_and_line(
    filer_project: Project, filer_year: int, tmp_path: Path
) -> None:
    """A missing fact and an unknown metal each stop the build with one message naming the
    file, the line and the problem, and no traceback."""
    report = _report(filer_project, filer_year)
    annex_name = report.facts.annex.file  # None: the Annex comes from the ingest run
    word = report.status_words[0]

    def missing_fact(copy: Project) -> tuple[str, int, str]:
        path = copy.year_data(filer_year) / FACTS_FILE
        _edit_line(path, lambda line: line.startswith("  name:"), lambda line: "  other: x")
        number = next(
            i
            for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
            if line.startswith("registrant:")
        )
        return f"data/{filer_year}/facts.yml", number, "missing fact 'registrant.name'"

    def unknown_metal(copy: Project) -> tuple[str, int, str]:
        assert annex_name is not None  # a case only for a hand-kept Annex
        path = copy.year_data(filer_year) / annex_name
        text = path.read_text(encoding="utf-8-sig")
        header = next(csv.reader(io.StringIO(text)))
        values = {"metal": "Silver", "smelter_name": "Planted Refinery", "country": "CHINA"}
        values["status"] = word
        row = io.StringIO()
        csv.writer(row, lineterminator="\n").writerow([values.get(h, "") for h in header])
        body = text if text.endswith("\n") else text + "\n"
        path.write_text(body + row.getvalue(), encoding="utf-8")
        return f"data/{filer_year}/{annex_name}", body.count("\n") + 1, "unknown metal 'Silver'"

    cases = (missing_fact, unknown_metal) if annex_name else (missing_fact,)
    for index, corrupt in enumerate(cases):
        copy = copy_project(filer_project, tmp_path / f"project{index}")
        relative, line, problem = corrupt(copy)
        result = build(copy.root, filer_year)
        assert result.returncode != 0, f"{corrupt.__name__}: the build passed"
        assert "Traceback" not in result.stderr
        messages = [m for m in result.stderr.splitlines() if m.startswith(relative)]
        assert len(messages) == 1, result.stderr[-3000:]
        assert messages[0].startswith(f"{relative}, line {line}: "), messages[0]
        assert problem in messages[0]


def test_undefined_variable_fails_with_page_and_line(
    filer_project: Project, filer_year: int, tmp_path: Path
) -> None:
    copy = copy_project(filer_project, tmp_path / "project")
    page = load_pages(copy.docs_dir, filer_year).files[-1]
    path = copy.year_docs(filer_year) / page
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n{{ figures.no_such_figure }}\n"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("{{ figures.no_such_figure }}") + 1
    result = build(copy.root, filer_year)
    assert result.returncode != 0
    assert f"docs/{filer_year}/{page}, line {line}: " in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
