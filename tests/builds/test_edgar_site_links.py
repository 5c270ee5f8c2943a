"""The built site carries the year's EDGAR documents and links them from the Form SD page."""

from __future__ import annotations

import re
from pathlib import Path

from cmrkit.cli import main
from cmrkit.edgar.check import check_document
from cmrkit.edgar.rules import load_rules
from tests.support.pages import html_path, report_files
from tests.support.project import DATA, REPO


def _links_page(site: Path, year: int) -> Path:
    """The built page of the year whose source calls `edgar_documents()`."""
    folder = site.parent / "docs" / str(year)
    for markdown in report_files(site.parent, year):
        if "edgar_documents(" in (folder / markdown).read_text(encoding="utf-8"):
            return html_path(site, markdown)
    raise AssertionError(f"no page of {year} links the EDGAR documents")


def test_form_sd_page_links_every_edgar_document(
    built_site: Path, year: int, tmp_path: Path
) -> None:
    page = _links_page(built_site, year)
    found = re.findall(r'<a href="([^"]+\.htm)"', page.read_text(encoding="utf-8"))
    hrefs = [h for h in found if "://" not in h]  # the site's copies, not EDGAR's filing
    names = [doc.file for doc in load_rules().documents]
    assert sorted(Path(h).name for h in hrefs) == sorted(names)
    assert main(
        ["edgar", str(year), "--out", str(tmp_path), "--data", str(DATA),
         "--docs", str(REPO / "docs")]
    ) == 0  # fmt: skip
    for href in hrefs:
        target = (page.parent / href).resolve()
        assert target.is_file(), f"{href} does not resolve to a file in the site"
        assert check_document(target) == []
        # The site publishes the very documents the command writes.
        assert target.read_bytes() == (tmp_path / target.name).read_bytes()


def test_links_are_marked_as_not_part_of_the_filing(built_site: Path, year: int) -> None:
    html = _links_page(built_site, year).read_text(encoding="utf-8")
    note = html[html.index("not part of the filed report") :]
    assert note.index('.htm"') < 2000  # the links sit in the marked note
