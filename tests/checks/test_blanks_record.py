"""In a filed year, a blank in the data that no page prints (a fact only a Form SD states, when
only the Exhibit was imported) is named as a warning for the record; one a page prints stays an
error."""

from __future__ import annotations

from pathlib import Path

from cmrkit.checks.run import run_checks
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support import filed_reports as fr
from tests.support.scratch_years import import_filed_year


def test_an_unprinted_blank_is_for_the_record_a_printed_one_an_error(tmp_path: Path) -> None:
    repo = import_filed_year(tmp_path, fr.exhibit_html("h_tags", "one_table"))
    data, docs = repo / "data", repo / "docs"

    def blanks() -> dict[str, set[str]]:
        findings = run_checks(load_year(data, fr.YEAR), load_pages(docs, fr.YEAR))
        found: dict[str, set[str]] = {}
        for f in findings:
            if f.check.startswith("blank"):
                found.setdefault(f"{f.level} {f.check}", set()).add(f.message)
        return found

    before = blanks()
    assert set(before) == {"warning blank-record"}
    assert any("Commission File Number" in m for m in before["warning blank-record"])
    page = docs / str(fr.YEAR) / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nFile No. {{ facts.registrant.commission_file_number }}\n",
        encoding="utf-8",
    )
    after = blanks()
    assert any("Commission File Number" in m for m in after["error blank"])
