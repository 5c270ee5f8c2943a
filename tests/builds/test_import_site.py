"""A report imported with `cmrkit import`, in each Annex shape and without its Form SD, built
with MkDocs in a new `cmrkit init` repository, reads as filed: every filed paragraph in order
and word for word on the built site, every Annex row as printed, status marks where filed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmrkit.checks.deadline import filing_deadline
from cmrkit.checks.rules import load_prefiling_rules
from cmrkit.cli import main
from cmrkit.files.project import Project
from cmrkit.record.fidelity import compare_annex, compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.render.words import long_date
from cmrkit.website.filer_tests.suite import site_annex_rows, site_text
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr
from tests.support.project import DATA, FILED_YEARS, REPO, build

# Each shape once, the agents' styles taken in turn; the last without its Form SD; then two
# reports printing one facility twice (fr.DUPLICATE), kept as filed.
DUPLICATED = (*fr.ROWS, fr.DUPLICATE)
CASES = [
    ("one_table", "div_span", True, fr.ROWS),
    ("per_metal", "p_font", True, fr.ROWS),
    ("marks", "h_tags", True, fr.ROWS),
    ("no_status", "div_span", True, fr.ROWS),
    ("own_words", "p_font", True, fr.ROWS),
    ("none", "h_tags", True, fr.ROWS),
    ("marks", "workiva", False, fr.ROWS),
    ("per_metal", "workiva", True, fr.ROWS),
    ("per_metal_summary", "h_tags", True, fr.ROWS),
    ("one_table", "p_font", True, DUPLICATED),
    ("per_metal", "div_span", True, DUPLICATED),
]


@pytest.mark.parametrize(("shape", "style", "with_sd", "listed"), CASES)
def test_an_imported_report_reads_as_filed_on_the_built_site(
    tmp_path: Path, shape: str, style: str, with_sd: bool, listed: fr.Listed
) -> None:
    root = tmp_path / "repo"
    assert main(["init", str(root), "--company", fr.COMPANY, "--year", str(fr.YEAR + 1)]) == 0
    files = []
    if with_sd:
        files.append(tmp_path / "formsd.htm")
        files[-1].write_text(fr.form_sd_html(), encoding="ascii")
    files.append(tmp_path / "ex101.htm")
    files[-1].write_text(fr.exhibit_html(style, shape, listed), encoding="ascii")
    args = ["--data", str(root / "data"), "--docs", str(root / "docs")]
    assert main(["import", str(fr.YEAR), *map(str, files), *args]) == 0
    result = build(root, fr.YEAR)
    assert result.returncode == 0, result.stderr[-3000:]
    project = Project.at(root)
    record = load_filed(filed_record_path(root / "data" / str(fr.YEAR)))  # type: ignore[arg-type]
    text = site_text(project, fr.YEAR, root / "site")
    assert compare_paragraphs(record, text) == []
    rows = site_annex_rows(project, fr.YEAR, root / "site")
    assert compare_annex(record, rows) == []
    assert len(rows) == (0 if shape == "none" else len(listed))  # every row as printed
    names = " ".join(cell for row in rows for cell in row)
    if shape == "marks":
        assert "Córrego Refinaria Ltda.*" in names and "L’Orfebre S.A.**" in names
    for _, name, _, _ in fr.ROWS if shape != "none" else ():
        assert name in names
    if not with_sd:  # no document states the dates: the site prints none in their place
        pages = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html")]
        built = "\n".join(pages)
        rules = load_prefiling_rules()
        assert long_date(filing_deadline(fr.YEAR, rules.deadline, rules.holidays)) not in built
        assert f"the {fr.YEAR} report, its filing date not given." in built
        assert not re.search(r"filed (January|February|March|April|May|June|July|August|"
                             r"September|October|November|December) \d", built)  # fmt: skip


@pytest.mark.parametrize("year", FILED_YEARS)
def test_a_filed_year_exported_and_imported_reads_as_filed_on_the_site(
    tmp_path: Path, year: int
) -> None:
    """This repository's filed year, through `cmrkit edgar` and `cmrkit import` into a new
    repository, built: the site says what this repository's filed record says."""
    out = tmp_path / "edgar"
    assert main(["edgar", str(year), "--out", str(out), "--data", str(DATA),
                 "--docs", str(REPO / "docs")]) == 0  # fmt: skip
    root = tmp_path / "repo"
    name = load_year(DATA, year).facts.registrant.name
    assert main(["init", str(root), "--company", name, "--year", str(year + 2)]) == 0
    args = ["--data", str(root / "data"), "--docs", str(root / "docs")]
    assert main(["import", str(year), str(out / "formsd.htm"), str(out / "ex101.htm"), *args]) == 0
    result = build(root, year)
    assert result.returncode == 0, result.stderr[-3000:]
    record = load_filed(filed_record_path(DATA / str(year)))  # type: ignore[arg-type]
    project = Project.at(root)
    assert compare_paragraphs(record, site_text(project, year, root / "site")) == []
    assert compare_annex(record, site_annex_rows(project, year, root / "site")) == []
