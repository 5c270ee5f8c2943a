"""Every filed year of this repository, exported with `cmrkit edgar` and imported with
`cmrkit import` into a new `cmrkit init` repository, says what was filed (against this
repository's filed record) and binds its counts: one Annex row fewer changes the total the
prose states by one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.edgar.render import write_filing
from cmrkit.edgar.text import annex_rows, documents_text
from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import DATA, FILED_YEARS, REPO


def _edgar_text(data: Path, docs: Path, year: int, out: Path) -> tuple[str, list[str]]:
    report = load_year(data, year)
    htmls = [
        p.read_text(encoding="ascii") for p in write_filing(report, load_pages(docs, year), out)
    ]
    return documents_text(htmls), htmls


@pytest.fixture(scope="module", params=FILED_YEARS)
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, Path]:
    year: int = request.param
    work = tmp_path_factory.mktemp(f"import{year}")
    exported = work / "edgar"
    assert main(["edgar", str(year), "--out", str(exported), "--data", str(DATA),
                 "--docs", str(REPO / "docs")]) == 0  # fmt: skip
    name = load_year(DATA, year).facts.registrant.name
    repo = work / "repo"
    assert main(["init", str(repo), "--company", name, "--year", str(year + 2)]) == 0
    code = main(["import", str(year), str(exported / "formsd.htm"), str(exported / "ex101.htm"),
                 "--data", str(repo / "data"), "--docs", str(repo / "docs")])  # fmt: skip
    assert code == 0
    return year, repo


def test_the_imported_year_says_what_was_filed(imported: tuple[int, Path], tmp_path: Path) -> None:
    year, repo = imported
    record = load_filed(filed_record_path(DATA / str(year)))  # type: ignore[arg-type]
    report = load_year(repo / "data", year)
    assert report.is_filed
    text, htmls = _edgar_text(repo / "data", repo / "docs", year, tmp_path)
    problems = compare_paragraphs(record, text)
    # The notes under the Annex are the year's `annex.shape.notes`, printed by the Annex
    # renderer; every other filed paragraph is on the imported year's pages word for word.
    notes = set((report.facts.tree["annex"].get("shape") or {}).get("notes") or ())
    assert [p.filed for p in problems if p.filed not in notes] == []
    rows = annex_rows(htmls, [c.header for c in report.columns])
    assert compare_annex(record, rows) == []
    assert len(rows) == len(record.annex_rows) == len(report.annex)
    original = load_year(DATA, year)
    for fact in ("name", "state_of_incorporation", "commission_file_number", "address"):
        assert getattr(report.facts.registrant, fact) == getattr(original.facts.registrant, fact)
    assert report.facts.signer == original.facts.signer
    assert report.facts.filing.signed == original.facts.filing.signed


def test_the_imported_year_binds_its_counts(imported: tuple[int, Path], tmp_path: Path) -> None:
    year, repo = imported
    pages = "\n".join(
        (repo / "docs" / str(year) / page).read_text(encoding="utf-8")
        for page in load_pages(repo / "docs", year).files
    )
    assert "{{ figures.total }}" in pages
    before = load_year(repo / "data", year).figures.total
    text_before, _ = _edgar_text(repo / "data", repo / "docs", year, tmp_path / "before")
    annex = repo / "data" / str(year) / "annex.csv"
    original = annex.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(original)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *rows[2:]])
    annex.write_text(out.getvalue(), encoding="utf-8")
    try:
        text_after, _ = _edgar_text(repo / "data", repo / "docs", year, tmp_path / "after")
    finally:
        annex.write_text(original, encoding="utf-8")
    stated = pages.count("{{ figures.total }}")
    assert text_before.count(f" {before} ") >= stated
    assert text_after.count(f" {before - 1} ") >= stated
    assert text_after.count(f" {before} ") == text_before.count(f" {before} ") - stated
