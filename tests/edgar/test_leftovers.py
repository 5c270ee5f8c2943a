"""The EDGAR export renders what the site renders, footnotes included, and refuses a page whose
Markdown would reach EDGAR as text, with page and line; `edgar --check` flags Markdown left over
in any document."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.edgar.check import check_document
from cmrkit.edgar.render import render_filing
from cmrkit.errors import DataProblems
from cmrkit.render.page_renderer import MARKDOWN_EXTENSIONS
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import YEARS, copy_project


def _last_page(project: Path, year: int) -> Path:
    pages = load_pages(project / "docs", year)
    return pages.folder / pages.files[-1]


@pytest.mark.parametrize("year", YEARS)
def test_a_footnote_is_rendered_with_working_links(year: int, tmp_path: Path) -> None:
    assert "footnotes" in MARKDOWN_EXTENSIONS
    project = copy_project(tmp_path / "project")
    page = _last_page(project, year)
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA claim.[^src]\n\n[^src]: Its source.\n", "utf-8"
    )
    report = load_year(project / "data", year)
    html = "".join(d.html for d in render_filing(report, load_pages(project / "docs", year)))
    assert "[^src]" not in html
    assert '<sup><a name="fnref:src"></a><a href="#fn:src">1</a></sup>' in html
    assert '<a name="fn:src"></a>' in html and "Its source." in html
    out = tmp_path / "ex.htm"
    out.write_text(html, encoding="ascii")
    assert not [v for v in check_document(out) if v.rule != "structure"]


@pytest.mark.parametrize("year", YEARS)
def test_markdown_edgar_cannot_render_is_refused_with_page_and_line(
    year: int, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    page = _last_page(project, year)
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nSee [the policy][policy].\n"
    page.write_text(text, encoding="utf-8")
    line = text.split("\n").index("See [the policy][policy].") + 1
    report = load_year(project / "data", year)
    with pytest.raises(DataProblems) as caught:
        render_filing(report, load_pages(project / "docs", year))
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{page}, line {line}: Markdown left in the text")


def test_edgar_check_flags_markdown_left_in_a_document(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "ex101.htm"
    doc.write_text(
        "<html><head><title>x</title></head><body>\n<p>Fine.</p>\n"
        "<p>See note [^1] and **this**.</p>\n</body></html>\n",
        encoding="ascii",
    )
    assert main(["edgar", "--check", str(doc)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all(line.startswith(f"{doc}, line 3: Markdown") for line in out)
