"""Scratch years built by code, made in one place: a drafted year in one of the Annex shapes
of `annex_shapes`, written straight into a project's data/ and docs/ (`write_shape_year`, and the
years built on it), and a filed year imported with `cmrkit import` from a report of
`filed_reports` in an agent's style and an Annex shape (`import_filed_year`). Tests load,
render, export, check or build them like any other year."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from pathlib import Path

from cmrkit.cli import main
from tests.support import filed_reports
from tests.support.annex_shapes import (
    FACILITIES,
    NEWCOMER,
    RESPELLED,
    SCRATCH_YEAR,
    SHAPES,
    csv_text,
)

# --- a drafted year in an Annex shape, written as files ---------------------------------------

# A minimal report: facts.yml (the shape's `annex:` block appended), a Form SD page, an Annex page.
FACTS = """registrant:
  name: Shape Test Company, Inc.
  short_name: Shape Test
period:
  start: {year}-01-01
  end: {year}-12-31
filing:
  signed: {next}-05-20
  status: draft
signer:
  name: A. Signer
  title: Chief Executive Officer
rcoi:
  contract_manufacturers_asked: 3
  contract_manufacturers_answering: 3
annex:
  file: annex.csv
  status_labels: rmap
"""

NAV = """- Form SD: index.md
- Exhibit 1.01:
    - Annex I: exhibit-1-01/annex-i.md
"""
FORM_SD = "# Form SD\n\n{{ facts.registrant.name }} files this report for {{ year }}.\n"
ANNEX_PAGE = """# Annex I

{{ annex_downloads("Download Annex I (not part of the filed report)") }}

{{ annex_table() }}

{{ annex_summary("Summary (not part of the filed report)") }}

{{ annex_charts("Charts (not part of the filed report)") }}
"""


def write_shape_year(project: Path, year: int, name: str) -> Path:
    """Write `year` in shape `name` into `project` (data/ and docs/); returns its data folder."""
    shape = SHAPES[name]
    data = project / "data" / str(year)
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    facts = FACTS.format(year=year, next=year + 1) + shape.annex
    (data / "facts.yml").write_text(facts, encoding="utf-8")
    (data / "annex.csv").write_text(csv_text(shape), encoding="utf-8")
    docs = project / "docs" / str(year)
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "exhibit-1-01").mkdir(parents=True)
    (docs / "nav.yml").write_text(NAV, encoding="utf-8")
    (docs / "index.md").write_text(FORM_SD, encoding="utf-8")
    (docs / "exhibit-1-01" / "annex-i.md").write_text(ANNEX_PAGE, encoding="utf-8")
    return data


class ShapeSites:
    """Builds a copy of the project with a scratch year in a shape, once per shape: `(name)`
    gives (project, site folder of the year)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sites: dict[str, tuple[Path, Path]] = {}

    def __call__(self, name: str) -> tuple[Path, Path]:
        from tests.support.project import build, copy_project

        if name not in self.sites:
            project = copy_project(self.root / name)
            write_shape_year(project, SCRATCH_YEAR, name)
            site = project / "site"
            result = build(project, SCRATCH_YEAR, site)
            assert result.returncode == 0, result.stderr
            self.sites[name] = (project, site)
        return self.sites[name]


def write_respelled_year(project: Path, year: int, with_ids: bool) -> None:
    """A scratch year in the one-table shape whose annex.csv has a smelter_id column
    (`with_ids`), or none and the names respelled, one facility dropped and one added."""
    data = write_shape_year(project, year, "one_table")
    rows = [list(f) for f in FACILITIES]
    if with_ids:
        header = ["metal", "smelter_id", "smelter_name", "country", "status"]
        rows = [[m, f"CID{n:06d}", name, c, s] for n, (m, name, c, s) in enumerate(rows, 1)]
        facts = data / "facts.yml"
        text = facts.read_text(encoding="utf-8")
        facts.write_text(
            text.replace(
                "    - metal: Metal\n", "    - metal: Metal\n    - smelter_id: Smelter ID\n"
            )
        )
    else:
        header = ["metal", "smelter_name", "country", "status"]
        rows = [[m, RESPELLED[name], c.title(), s] for m, name, c, s in rows[1:]]
        rows.append(list(NEWCOMER))
    with open(data / "annex.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def write_status_summary(data: Path, lines: list[list[str]], header: tuple[str, ...] = ()) -> Path:
    """Write `annex-summary.csv` into a year's data folder; returns its path."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or ("metal", "status", "count"))
    writer.writerows(lines)
    path = data / "annex-summary.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# --- a filed year, imported from a report built by code ---------------------------------------


def import_filed_year(
    work: Path,
    exhibit: str,
    *,
    form_sd: bool = False,
    init: bool = True,
    options: Sequence[str] = (),
) -> Path:
    """Import `exhibit` (an Exhibit 1.01's HTML, `filed_reports.exhibit_html`), with the Form SD
    of `filed_reports` before it when `form_sd`, as year `filed_reports.YEAR` into the repository
    `work/repo`; returns that repository. The documents are written into `work` in ASCII, as
    EDGAR requires. `init`: the repository is a new filer's (`cmrkit init` for the next year),
    else bare data/ and docs/ folders; `options`: more of `cmrkit import`'s options."""
    repo = work / "repo"
    year = filed_reports.YEAR
    if init:
        company = filed_reports.COMPANY
        assert main(["init", str(repo), "--company", company, "--year", str(year + 1)]) == 0
    else:
        (repo / "data").mkdir(parents=True)
        (repo / "docs").mkdir()
    documents = []
    if form_sd:
        documents.append(work / "formsd.htm")
        documents[-1].write_text(filed_reports.form_sd_html(), encoding="ascii")
    documents.append(work / "ex101.htm")
    documents[-1].write_text(exhibit, encoding="ascii")
    folders = ["--data", str(repo / "data"), "--docs", str(repo / "docs")]
    assert main(["import", str(year), *map(str, documents), *folders, *options]) == 0
    return repo
