"""`cmrkit import` on reports built by code in several filing agents' styles and every Annex
shape: the rows as filed, the shape, the text without page furniture, the facts, the counts
bound, and every bad input refused with one message."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from cmrkit.checks import pages as checked_pages
from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.findings import ERROR, WARNING
from cmrkit.checks.rules import load_prefiling_rules
from cmrkit.checks.run import run_checks
from cmrkit.cli import main
from cmrkit.edgar.render import documents_note
from cmrkit.importing import documents
from cmrkit.importing.documents import ImportRefused
from cmrkit.importing.run import Imported, plan_import, write_import
from cmrkit.record.filed import parse_filed
from cmrkit.render.notice import version_notice
from cmrkit.render.words import NOT_GIVEN
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr
from tests.support.scratch_years import import_filed_year

YEAR = fr.YEAR


def _project(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    return tmp_path / "data", tmp_path / "docs"


def _import(tmp_path: Path, *htmls: tuple[str, str], **options: object) -> Imported:
    data, docs = _project(tmp_path)
    paths = []
    for name, html in htmls:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return plan_import(data, docs, YEAR, paths, **options)  # type: ignore[arg-type]


def _files(imported: Imported, tmp_path: Path) -> dict[str, str]:
    return {path.relative_to(tmp_path).as_posix(): text for path, text in imported.files.items()}


def _rows(files: dict[str, str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{YEAR}/annex.csv"])))


def _facts(files: dict[str, str]) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(files[f"data/{YEAR}/facts.yml"])  # type: ignore[no-any-return]


def _pages(files: dict[str, str]) -> str:
    return "\n".join(v for k, v in files.items() if k.startswith(f"docs/{YEAR}/"))


EXPECTED_ORDER = {
    "one_table": [(m, n, c.upper()) for m, n, c, _ in fr.ROWS],
    "marks": [(m, n, c) for m, n, c, _ in fr.ROWS],
    "own_words": [(m, n, c) for m, n, c, _ in fr.ROWS],
    "per_metal": [(m, n, c) for metal in fr.METAL_ORDER for m, n, c, _ in fr.ROWS if m == metal],
    "no_status": [
        (m, n, c.upper()) for metal in fr.METAL_ORDER for m, n, c, _ in fr.ROWS if m == metal
    ],
}


@pytest.mark.parametrize("style", sorted(fr.STYLES))
@pytest.mark.parametrize("shape", sorted(EXPECTED_ORDER))
def test_every_row_as_filed_in_every_style_and_shape(
    tmp_path: Path, style: str, shape: str
) -> None:
    imported = _import(tmp_path, ("ex101.htm", fr.exhibit_html(style, shape)))
    files = _files(imported, tmp_path)
    rows = _rows(files)
    assert [(r["metal"], r["smelter_name"], r["country"]) for r in rows] == EXPECTED_ORDER[shape]
    if shape in ("one_table", "marks"):
        assert [r["status"] for r in rows] == [fr.WORDS[s] for *_, s in fr.ROWS]
    elif shape == "own_words":
        assert {r["status"] for r in rows} == {"CONFORMANT", "PARTICIPATING", "NOT PARTICIPATING"}
        assert _facts(files)["annex"]["status_labels"] == {
            "CONFORMANT": "conformant", "PARTICIPATING": "active",
            "NOT PARTICIPATING": "not_enrolled",
        }  # fmt: skip
    else:
        assert "status" not in rows[0]
    record = parse_filed(files[f"data/{YEAR}/filed/exhibit-1.01.txt"], Path("record"))
    assert len(record.annex_rows) == len(fr.ROWS)
    for paragraph in fr.prose_paragraphs(shape):
        assert paragraph in record.paragraphs, paragraph
    pages = _pages(files)
    for furniture in (fr.RUNNING, "- 2 -", "Page 2", "&#8226;", "\u2022"):
        assert furniture not in pages
    assert "{{ annex_table() }}" in pages


def test_each_shape_is_written_as_the_annex_settings(tmp_path: Path) -> None:
    shapes = {}
    for shape in ("one_table", "per_metal", "marks", "no_status"):
        folder = tmp_path / shape
        folder.mkdir()
        files = _files(_import(folder, ("ex101.htm", fr.exhibit_html("p_font", shape))), folder)
        shapes[shape] = _facts(files)["annex"]
    assert "shape" not in shapes["one_table"]
    assert [next(iter(c)) for c in shapes["one_table"]["columns"]] == [
        "metal", "smelter_name", "country", "status",
    ]  # fmt: skip
    per_metal = shapes["per_metal"]["shape"]
    assert per_metal["tables"] == "per_metal" and per_metal["rows"] == "by_metal"
    assert per_metal["metal_order"] == list(fr.METAL_ORDER)
    # The rows carry no status: the filed summary table stays on the page as filed.
    assert per_metal["status"] == "none" and "summary" not in per_metal
    assert per_metal["notes"] == ["† Country as reported by the smelter or refiner."]
    assert shapes["per_metal"]["columns"] == [
        {"smelter_name": "Smelter Name"},
        {"country": "Country†"},
    ]
    marks = shapes["marks"]["shape"]
    assert marks["status"] == "marks" and marks["marks"] == {"*": "Conformant", "**": "Active"}
    assert marks["notes"][0].startswith("* Conformant")
    assert marks["summary"] is True
    assert shapes["no_status"]["shape"] == {"status": "none"}


def test_counts_in_the_prose_become_the_data_s_figures(tmp_path: Path) -> None:
    files = _files(
        _import(tmp_path, ("ex101.htm", fr.exhibit_html("h_tags", "one_table"))), tmp_path
    )
    pages = _pages(files)
    assert (
        "We surveyed {{ figures.suppliers_asked | words }} suppliers and received responses from "
        "{{ figures.suppliers_answering | words }} suppliers. Our suppliers identified "
        "{{ figures.total }} smelters and refiners, of which {{ figures.conformant }} are "
        "Conformant with the RMAP and {{ figures.active }} are Active. The remaining "
        "{{ figures.other }} smelters and refiners are not enrolled."
    ) in pages
    assert (
        "{{ (figures.by_metal | selectattr('metal', 'equalto', \"Gold\") | first).total }} gold"
        in pages
    )
    facts = _facts(files)
    assert facts["rcoi"] == {
        "contract_manufacturers_asked": 12,
        "contract_manufacturers_answering": 10,
    }
    review = files[f"data/{YEAR}/import-review.md"]
    assert "| five | left as typed | not a count |" in review
    assert "`{{ figures.total }}`" in review


def test_without_status_figures_a_number_stays_typed(tmp_path: Path) -> None:
    # A report that prints no status but counts statuses in its prose: those counts stay typed
    # (no figure by status exists; `cmrkit check` names them).
    html = fr.exhibit_html("h_tags", "no_status").replace(fr.RCOI_NO_STATUS, fr.RCOI)
    files = _files(_import(tmp_path, ("ex101.htm", html)), tmp_path)
    pages = _pages(files)
    assert "of which 7 are Conformant" in pages and "The remaining 3 smelters" in pages
    assert "identified {{ figures.total }} smelters" in pages


def test_a_full_submission_gives_both_documents_and_the_filing_date(tmp_path: Path) -> None:
    text = fr.full_submission(fr.exhibit_html("div_span", "one_table"), fr.form_sd_html())
    imported = _import(tmp_path, ("0000000000-26-000001.txt", text))
    files = _files(imported, tmp_path)
    facts = _facts(files)
    assert facts["registrant"] == {
        "name": "Northwind Devices, Inc.",
        "state_of_incorporation": "Delaware",
        "commission_file_number": "001-99999",
        "address": "1 Harbor Way, Portland, Oregon 97201",
    }
    assert facts["contact"] == {
        "name": "Ada Park",
        "title": "General Counsel",
        "phone": "(503) 555-0100",
    }
    assert facts["signer"] == {"name": "Ada Park", "title": "General Counsel"}
    assert str(facts["filing"]["signed"]) == "2026-05-28"
    assert str(facts["filing"]["filed"]) == "2026-05-29"
    assert facts["form"]["exhibits_item"] == "3.01"
    assert imported.blanks == []
    assert any("GRAPHIC" in m and "left aside" in m for m in imported.messages)
    record = files[f"data/{YEAR}/filed/form-sd-and-exhibit-1.01.txt"]
    assert record.index("SPECIALIZED DISCLOSURE REPORT") < record.index(fr.INTRO)


def test_what_the_documents_do_not_state_is_a_blank(tmp_path: Path) -> None:
    imported = _import(tmp_path, ("ex101.htm", fr.exhibit_html("p_font", "marks")))
    facts_text = _files(imported, tmp_path)[f"data/{YEAR}/facts.yml"]
    assert 'commission_file_number: "[[FILL: Commission File Number]]"' in facts_text
    assert 'signed: "[[FILL: the date the Form SD was signed' in facts_text
    assert "signer.name" in imported.blanks and "filing.filed" in imported.blanks
    files = _files(imported, tmp_path)
    assert _facts(files)["registrant"]["name"] == fr.COMPANY
    # No Form SD: the Exhibit's title block is the year's front page, nothing printed from facts.
    assert "- Form SD: index.md" not in files[f"docs/{YEAR}/nav.yml"]
    front = files[f"docs/{YEAR}/index.md"]
    assert "CONFLICT MINERALS REPORT" in front and "{{" not in front


def test_a_report_without_a_smelter_table_imports_its_text(tmp_path: Path) -> None:
    imported = _import(tmp_path, ("ex101.htm", fr.exhibit_html("div_span", "none")))
    files = _files(imported, tmp_path)
    assert _rows(files) == []
    assert any("no smelter table" in m for m in imported.messages)
    assert "countries of origin: Brazil, China, Rwanda." in _pages(files)


HOSTILE = (
    "<html><body><p><b>Conflict Minerals Report</b></p>"
    "<script>alert('x')</script><form action='https://evil.example/'><input name='q'></form>"
    "<p>Our reasonable country of origin inquiry covered every smelter and refiner. "
    '<a href="https://evil.example/track">Read more</a><img src="https://evil.example/p.gif"></p>'
    "<iframe src='https://evil.example/'></iframe><object data='x.swf'></object></body></html>"
)


def test_scripts_forms_and_outside_references_never_reach_the_pages(tmp_path: Path) -> None:
    imported = _import(tmp_path, ("ex101.htm", HOSTILE))
    everything = "\n".join(imported.files.values())
    for carried in ("alert", "evil.example", "<script", "<form", "<input", "<iframe", "<img"):
        assert carried not in everything.split("## Left out of the site")[0], carried
    assert "Read more" in _pages(_files(imported, tmp_path))
    left_out = next(m for m in imported.messages if m.startswith("left out of the site"))
    assert "script (1)" in left_out and "form (1)" in left_out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.htm", "<html><body><p>Quarterly dividend declared.</p></body></html>",
         "not an Exhibit 1.01 or a Form SD"),
        ("empty.htm", "", "empty file"),
        ("blank.htm", "<html><body><div> </div></body></html>", "no text found"),
        ("table.htm", fr.exhibit_html("h_tags", "per_metal").replace("<h3>Tin</h3>", "<h3>X</h3>"),
         "no metal column and no metal heading"),
        ("words.htm", fr.exhibit_html("h_tags", "one_table").replace(">Active<", ">Pending X<"),
         "status 'Pending X' is no status word cmrkit knows"),
        ("year.htm", fr.exhibit_html("h_tags", "one_table").replace("2025", "2019"),
         "the report is for 2019, not 2025"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_one_message(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    with pytest.raises(ImportRefused) as refused:
        _import(tmp_path, (name, content))
    message = str(refused.value)
    assert name in message and expected in message, message
    assert "\n" not in message


def test_a_huge_or_binary_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    with pytest.raises(ImportRefused, match="larger than any Form SD"):
        _import(tmp_path, ("big.htm", "<p>" + "x" * 2000 + "</p>"))
    monkeypatch.undo()
    binary = tmp_path / "b"
    binary.mkdir()
    (binary / "logo.htm").write_bytes(b"GIF89a\x00\x00\x01")
    data, docs = _project(binary)
    with pytest.raises(ImportRefused, match="a binary file"):
        plan_import(data, docs, YEAR, [binary / "logo.htm"])


def test_an_existing_year_is_never_overwritten(tmp_path: Path) -> None:
    imported = _import(tmp_path, ("ex101.htm", fr.exhibit_html("h_tags", "one_table")))
    (tmp_path / "docs" / str(YEAR)).mkdir()
    (tmp_path / "docs" / str(YEAR) / "mine.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ImportRefused, match="never overwrites"):
        write_import(imported)
    assert (tmp_path / "docs" / str(YEAR) / "mine.md").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "data" / str(YEAR)).exists()


def test_badly_nested_html_still_gives_its_words(tmp_path: Path) -> None:
    """Agents' HTML is not always well formed: unclosed and crossed tags, comments, a doctype,
    stray end tags. The words come through; nothing is dropped silently."""
    html = (
        "<!DOCTYPE html PUBLIC '-//W3C//DTD HTML 4.01//EN'><html><!-- agent 9.1 --><body>"
        "<p><b>Conflict Minerals Report of Acme Widgets, Inc.</p></b>"
        "<div><span>Our reasonable country of origin inquiry covered every smelter and refiner"
        "</div></span></font><p>We asked <i>six suppliers</b> for a CMRT.<p>All six answered."
        "</body>"
    )
    imported = _import(tmp_path, ("ex101.htm", html))
    record = _files(imported, tmp_path)[f"data/{YEAR}/filed/exhibit-1.01.txt"]
    for words in (
        "Conflict Minerals Report of Acme Widgets, Inc.",
        "Our reasonable country of origin inquiry covered every smelter and refiner",
        "We asked six suppliers for a CMRT.",
        "All six answered.",
    ):
        assert words in record


_LONG_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)


@pytest.mark.parametrize("given", [[], ["--signed", f"{YEAR + 1}-05-20"]])
def test_dates_the_exhibit_does_not_state_stay_blanks_the_checks_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str]
) -> None:
    """An Exhibit 1.01 without its Form SD states neither the day signed nor the day filed: both
    stay FILL blanks (not the filing deadline standing in), the year loads as filed, the notice
    and the EDGAR note print no date, and `cmrkit check` names each blank on its line."""
    repo = import_filed_year(
        tmp_path, fr.exhibit_html("p_font", "marks"), init=False, options=given
    )
    data = repo / "data"
    facts_path = data / str(YEAR) / "facts.yml"
    lines = facts_path.read_text(encoding="utf-8").split("\n")
    rules = load_prefiling_rules()
    due = filing_deadline(YEAR, rules.deadline, rules.holidays)
    assert due.isoformat() not in "\n".join(lines)
    blank_lines = {
        key: number
        for number, line in enumerate(lines, start=1)
        for key in ("signed", "filed")
        if line.startswith(f"  {key}: ") and "[[FILL:" in line
    }
    report = load_year(data, YEAR)
    filing = report.facts.filing
    assert report.is_filed
    if given:
        assert filing.signed is not None and filing.signed.isoformat() == given[1]
        assert set(blank_lines) == {"filed"}
    else:
        assert filing.signed is None and set(blank_lines) == {"signed", "filed"}
    assert filing.filed is None
    notice = version_notice(report).text
    assert "not given" in notice and not _LONG_DATE.search(notice)
    assert not _LONG_DATE.search(documents_note("edgar/", report))
    capsys.readouterr()
    main(["check", str(YEAR), "--data", str(data)])
    out = capsys.readouterr()
    for number in blank_lines.values():
        assert f"facts.yml, line {number}: to fill: the date" in out.out + out.err


def _imported_saying(tmp_path: Path, rcoi: str) -> tuple[Path, Path]:
    """The one-table report with its RCOI sentence saying `rcoi` instead (it must differ),
    imported into bare folders: (data, docs)."""
    assert rcoi != fr.RCOI
    html = fr.exhibit_html("h_tags", "one_table").replace(fr.RCOI, rcoi)
    repo = import_filed_year(tmp_path, html, init=False)
    return repo / "data", repo / "docs"


def _fact_line(facts_path: Path, key: str) -> tuple[int, str]:
    """The one line of facts.yml that gives `key`: (its number, its text)."""
    lines = facts_path.read_text(encoding="utf-8").split("\n")
    ((number, line),) = [
        (n, line) for n, line in enumerate(lines, start=1) if line.strip().startswith(f"{key}:")
    ]
    return number, line


def test_suppliers_answering_the_report_does_not_state_stay_a_blank(tmp_path: Path) -> None:
    """A report that says how many suppliers were asked but not how many answered: the import
    writes a blank (never a 0 standing in), the year loads with no count and no response rate,
    and the checks name the fact on its line: a warning for the record while the filed pages do
    not print it, an error once a page prints it."""
    said = fr.RCOI.replace(" and received responses from ten suppliers", "")
    data, docs = _imported_saying(tmp_path, said)
    facts_path = data / str(YEAR) / "facts.yml"
    number, line = _fact_line(facts_path, "contract_manufacturers_answering")
    assert "[[FILL:" in line and not re.search(r":\s*0\b", line)
    report = load_year(data, YEAR)
    assert report.figures.suppliers_asked == 12
    assert report.figures.suppliers_answering is None and report.figures.response_rate is None
    findings = run_checks(report, load_pages(docs, YEAR))
    named = [f for f in findings if f.location.line == number and f.location.path == facts_path]
    assert named and all(f.level == WARNING and f.check == "blank-record" for f in named)
    # A page that prints the count: the blank is in its place, and the check makes it an error.
    page = next((docs / str(YEAR)).rglob("*.md"))
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n\nAnswered: {{ figures.suppliers_answering | words }}.\n",
        encoding="utf-8",
    )
    year_pages = load_pages(docs, YEAR)
    rendered = "\n".join(
        "\n".join(p.rendered) for p in checked_pages.load_pages(report, year_pages)
    )
    assert f"Answered: {NOT_GIVEN}." in rendered
    findings = run_checks(report, year_pages)
    errors = [f for f in findings if f.level == ERROR and f.location.line == number]
    assert errors and "suppliers that answered is not given" in errors[0].message


def test_suppliers_asked_the_report_does_not_state_is_for_the_record(tmp_path: Path) -> None:
    """A filed report that states neither how many suppliers were asked nor how many answered:
    both stay blanks, and while no page of the filed year prints them `cmrkit check` names each
    on its line as a warning for the record, never an error (the filed text has no blank); once
    a page prints the number asked, that is an error."""
    said = fr.RCOI.replace("We surveyed twelve suppliers and received responses from ten "
                           "suppliers. ", "")  # fmt: skip
    data, docs = _imported_saying(tmp_path, said)
    facts_path = data / str(YEAR) / "facts.yml"
    asked, line = _fact_line(facts_path, "contract_manufacturers_asked")
    assert "[[FILL:" in line
    report = load_year(data, YEAR)
    assert report.is_filed and report.figures.suppliers_asked is None
    findings = run_checks(report, load_pages(docs, YEAR))
    at_asked = [f for f in findings if f.location.path == facts_path and f.location.line == asked]
    assert at_asked and all(f.level == WARNING and f.check == "blank-record" for f in at_asked)
    assert not [f for f in findings if f.level == ERROR and "suppliers" in f.message]
    page = docs / str(YEAR) / "exhibit-1-01" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\nAsked: {{ figures.suppliers_asked }}.\n",
        encoding="utf-8",
    )
    findings = run_checks(report, load_pages(docs, YEAR))
    errors = [f for f in findings if f.level == ERROR and f.location.line == asked]
    assert errors and "suppliers asked is not given" in errors[0].message
    assert "index.md prints a blank" in errors[0].message
