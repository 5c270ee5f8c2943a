"""Change the data, and the prose changes with it: no figure is typed into the pages."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import build, copy_project
from .pages import annex_rows, site_text


def _edit_annex(project: Path, keep: Callable[[dict[str, str]], bool]) -> list[dict[str, str]]:
    path = project / "data" / "2023" / "annex.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    kept = [row for row in rows if keep(row)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")  # type: ignore[arg-type]
        writer.writeheader()
        writer.writerows(kept)
    return kept


def _built_text(project: Path) -> str:
    result = build(project)
    assert result.returncode == 0, result.stderr
    return site_text(project / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_dropping_an_active_row_moves_every_count(project: Path, built_site: Path) -> None:
    before = site_text(built_site)
    dropped: list[dict[str, str]] = []

    def keep(row: dict[str, str]) -> bool:
        if row["status"] == "Active" and not dropped:
            dropped.append(row)
            return False
        return True

    rows = _edit_annex(project, keep)
    total = len(rows)
    active = sum(row["status"] == "Active" for row in rows)
    text = _built_text(project)
    assert f"an aggregate of {total + 1} facilities" in before
    assert f"an aggregate of {total} facilities" in text
    assert f"Of these {total} facilities" in text
    assert f"There are {active + 1} other" not in text
    assert "There are three other smelters or refiners that are deemed" in text
    assert "There are four other" in before
    assert len(annex_rows(project / "site")) == total
    assert dropped[0]["smelter_name"] not in {row[1] for row in annex_rows(project / "site")}


def test_no_row_in_a_covered_country_changes_the_risk_sentence(project: Path) -> None:
    # The footnote belongs to the dropped row, so it must go from the facts too.
    facts = project / "data" / "2023" / "facts.yml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace('    "*": ofac-sdn-agr', "    {}"),
        encoding="utf-8",
    )
    annex_md = project / "docs" / "exhibit-1-01" / "annex-i.md"
    lines = annex_md.read_text(encoding="utf-8").split("\n")
    annex_md.write_text(
        "\n".join(line for line in lines if "footnote" not in line), encoding="utf-8"
    )
    _edit_annex(project, lambda row: row["country"] != "UGANDA")
    text = _built_text(project)
    assert (
        "There are no smelters or refiners that may be considered at greater risk because "
        "they are geographically located in a Covered Country." in text
    )


def test_contract_manufacturer_counts_come_from_facts(project: Path) -> None:
    facts = project / "data" / "2023" / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("contract_manufacturers_asked: 7", "contract_manufacturers_asked: 8")
    facts.write_text(text, encoding="utf-8")
    rendered = _built_text(project)
    assert "We requested from our eight contract manufacturers" in rendered
    assert "we received a 88% response rate" in rendered
    assert "we identified eight first tier contract manufacturers" in rendered


def test_dates_come_from_facts(project: Path) -> None:
    facts = project / "data" / "2023" / "facts.yml"
    text = facts.read_text(encoding="utf-8").replace("signed: 2024-05-30", "signed: 2024-05-29")
    facts.write_text(text, encoding="utf-8")
    assert "Date: May 29, 2024" in _built_text(project)
