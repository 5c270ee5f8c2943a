"""Every filed year of this repository, exported with `cmrkit edgar` and imported with
`cmrkit import` into a new `cmrkit init` repository, says what was filed (against this
repository's filed record) and binds its counts: one Annex row fewer changes the total the
prose states by one. And a report of every Annex shape, in each agent's style, imported into a
new repository loads and renders its own filed record word for word."""

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
from tests.support import filed_reports as fr
from tests.support.project import DATA, FILED_YEARS, REPO
from tests.support.scratch_years import import_filed_year


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
    assert compare_paragraphs(record, text) == []
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


@pytest.mark.parametrize("style", sorted(fr.STYLES))
@pytest.mark.parametrize("shape", sorted(fr.SHAPES))
def test_every_shape_imported_says_what_was_filed(tmp_path: Path, style: str, shape: str) -> None:
    repo = import_filed_year(tmp_path, fr.exhibit_html(style, shape), form_sd=True)
    data, docs = repo / "data", repo / "docs"
    report = load_year(data, fr.YEAR)
    record = load_filed(filed_record_path(data / str(fr.YEAR)))  # type: ignore[arg-type]
    text, _ = _edgar_text(data, docs, fr.YEAR, tmp_path / "out")
    assert compare_paragraphs(record, text) == []
    frame = report.annex_frame()
    assert len(frame) == len(record.annex_rows) == (0 if shape == "none" else len(fr.ROWS))
    names = {name for _, name, _, _ in fr.ROWS} if shape != "none" else set()
    assert set(frame["smelter_name"]) == names
