"""The Annex's reset button says whose order the rows return to: "filed order" only for a filed
year; a draft has no filed order yet ("Annex order"). The table says which (`data-order`), the
site's script words the button from it (the browser test: tests/browser/test_annex_page.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cmrkit.website import tables
from cmrkit.year.report import load_year
from tests.support.browser import reset_label
from tests.support.project import DATA, YEARS

THEME = Path(tables.__file__).with_name("theme")


def order_of(html: str) -> str:
    match = re.search(r'<div class="annex-wrap" data-order="(\w+)">', html)
    assert match, html[:300]
    return match.group(1)


@pytest.mark.parametrize("year", YEARS)
def test_the_table_says_filed_or_draft(year: int, tmp_path: Path) -> None:
    report = load_year(DATA, year)
    assert order_of(tables.annex_table(report)) == ("filed" if report.is_filed else "draft")
    if report.is_filed:  # the same year as a draft
        data = Path(shutil.copytree(DATA, tmp_path / "data"))
        facts = data / str(year) / "facts.yml"
        text = re.sub(r"(?m)^(\s+status:\s*)filed\b", r"\1draft", facts.read_text("utf-8"))
        facts.write_text(text, encoding="utf-8")
        assert order_of(tables.annex_table(load_year(data, year))) == "draft"


def test_the_script_words_the_button_from_it() -> None:
    script = (THEME / "assets" / "annex.js").read_text(encoding="utf-8")
    assert 'wrap.getAttribute("data-order") === "draft"' in script
    assert f'"{reset_label(False)}"' in script and f'"{reset_label(True)}"' in script
