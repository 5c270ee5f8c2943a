"""`cmrkit edgar YEAR --out DIR` writes documents that keep to EDGAR's rules and say what was
filed.

That every year's documents pass the checker and say what was filed is checked by the suite
cmrkit ships to every filer (cmrkit.website.filer_tests, run here by
tests/builds/test_filing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.edgar.rules import load_rules
from cmrkit.edgar.text import documents_text
from cmrkit.record.fidelity import compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import DATA, FILED_YEARS, REPO, YEARS, copy_project


def export(year: int, out: Path) -> list[Path]:
    code = main(
        [
            "edgar", str(year), "--out", str(out), "--data", str(DATA),
            "--docs", str(REPO / "docs"),
        ]
    )  # fmt: skip
    assert code == 0
    return [out / doc.file for doc in load_rules().documents]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[Path]]:
    return {year: export(year, tmp_path_factory.mktemp(f"edgar{year}")) for year in YEARS}


@pytest.mark.parametrize("year", YEARS)
def test_documents_are_ascii_with_short_names(exports: dict[int, list[Path]], year: int) -> None:
    for path in exports[year]:
        assert len(path.name) <= 32
        path.read_bytes().decode("ascii")  # raises on any byte outside ASCII
        html = path.read_text(encoding="ascii")
        assert html.startswith("<html>") and "<title>" in html and "</body>" in html


@pytest.mark.parametrize("year", FILED_YEARS)
def test_comparison_sees_a_changed_word_in_the_export(
    exports: dict[int, list[Path]], year: int
) -> None:
    # Guards the test above: the EDGAR text must really be what is compared.
    record = load_filed(filed_record_path(DATA / str(year)))  # type: ignore[arg-type]
    htmls = [path.read_text(encoding="ascii") for path in exports[year]]
    text = documents_text(htmls)
    target = max(record.paragraphs, key=len)
    word = max(target.split(), key=len)
    assert len(compare_paragraphs(record, text.replace(word, word[::-1] + "x"))) >= 1


@pytest.mark.parametrize("year", YEARS)
def test_export_has_no_site_only_content(exports: dict[int, list[Path]], year: int) -> None:
    html = "".join(path.read_text(encoding="ascii") for path in exports[year])
    for site_only in ("not part of the filed report", "Summary by metal", "class=", "<a "):
        assert site_only not in html
    # Outside links become their text: the URL stays readable, nothing links out.
    urls = load_year(DATA, year).facts.tree.get("urls") or {}
    assert urls and all(url in html for url in urls.values() if isinstance(url, str))
    assert html.count("<table") == 1  # the Annex, as a text table


def test_a_bad_page_template_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / str(YEARS[0]) / load_pages(project / "docs", YEARS[0]).files[-1]
    lines = page.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if "{{ year }}" in line)
    page.write_text(
        page.read_text(encoding="utf-8").replace("{{ year }}", "{{ facts.no_such_fact }}"),
        encoding="utf-8",
    )
    code = main(
        ["edgar", str(YEARS[0]), "--out", str(tmp_path / "out"), "--data", str(project / "data"),
         "--docs", str(project / "docs")]
    )  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert f"{page}, line {number}: page template:" in err and "no_such_fact" in err
    assert "Traceback" not in err
