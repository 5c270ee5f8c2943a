"""Scratch years in each Annex shape real filers print (facts.yml `annex.shape`), built by code.

Each shape is a facts.yml `annex:` block and an annex.csv; `write_shape_year` writes them with
a minimal report (a Form SD page and an Annex page) into a project folder, so a test loads,
renders, exports or builds the year like any other. The expected rows are read back from the
CSV written here with the csv module (the tests' own yardstick), never from the engine.
Names carry accents and typographic quotes, as real filers print them."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

# The same facilities in every shape: (metal, name, country, status). Accents and typographic
# quotes on purpose; rows deliberately not grouped by metal, so grouping is visible.
FACILITIES = (
    ("Gold", "Metalúrgica Córrego Fundo", "BRAZIL", "Conformant"),
    ("Tin", "OOO \u201cTechnolom\u201d", "RUSSIAN FEDERATION", "Not Enrolled"),
    ("Gold", "Met-Mex Peñoles S.A. de C.V.", "MEXICO", "Conformant"),
    ("Tantalum", "Ögussa Österreichische Gold- und Silber-Scheideanstalt", "AUSTRIA", "Active"),
    ("Tungsten", "L\u2019Orfebre S.A.", "ANDORRA", "Conformant"),
    ("Tin", "Thaisarco", "THAILAND", "Conformant"),
    ("Gold", "African Gold Refinery", "UGANDA", "Not Enrolled"),
    ("Tantalum", "Taki Chemical Co., Ltd.", "JAPAN", "Conformant"),
)
ACCENTED = ("Córrego", "Peñoles", "Ögussa", "L\u2019Orfebre", "OOO \u201cTechnolom\u201d")
GROUPED_ORDER = ("Tantalum", "Tin", "Gold", "Tungsten")
SCRATCH_YEAR = 2031  # a year no repository has: the scratch years' folder


@dataclass(frozen=True)
class Shape:
    annex: str  # the facts.yml `annex:` block's lines under `annex:`
    with_status: bool = True  # whether annex.csv has a status column
    capitals: bool = True  # countries as printed: capitals, or title case
    # What the test expects, written apart from the YAML above: the metals' order when rows
    # are grouped (None: as filed), and the mark each status word puts on a name.
    grouped: tuple[str, ...] | None = None
    marks: tuple[tuple[str, str], ...] = ()


SHAPES: dict[str, Shape] = {
    # Today's default: one table, metal and status columns, rows as filed.
    "one_table": Shape(
        """  columns:
    - metal: Metal
    - smelter_name: Smelter or refiner
    - country: Country
    - status: Status
"""
    ),
    # One table per metal under the metal's heading, no metal or status column, grouped in the
    # filer's order, a status summary by metal computed from the rows.
    "per_metal": Shape(
        """  columns:
    - smelter_name: Smelter Name
    - country: Country
  shape:
    tables: per_metal
    metal_headings: {Tantalum: "Tantalum (Ta)", Tin: "Tin (Sn)", Gold: "Gold (Au)",
                     Tungsten: "Tungsten (W)"}
    metal_order: [Tantalum, Tin, Gold, Tungsten]
    summary: true
    notes:
      - "Source: the Responsible Minerals Initiative\u2019s facility lists."
""",
        capitals=False,
        grouped=GROUPED_ORDER,
    ),
    # Status as marks on the name, the legend and a dagger note under the table.
    "marks": Shape(
        """  columns:
    - metal: Metal
    - smelter_name: Smelter or Refiner Name
    - country: "Country\u2020"
  shape:
    status: marks
    marks: {"*": Conformant, "**": Active}
    notes:
      - "* Conformant with the RMAP or a cross-recognized standard."
      - "** Active in the RMAP."
      - "\u2020 Country as reported by the RMI."
""",
        marks=(("Conformant", "*"), ("Active", "**")),
    ),
    # No status printed at all and none in annex.csv; rows grouped by metal in the filer's order.
    "no_status": Shape(
        """  columns:
    - metal: Metal
    - smelter_name: Smelter or Refiner
    - country: Country
  shape:
    rows: by_metal
    metal_order: [Tantalum, Tin, Gold, Tungsten]
""",
        with_status=False,
        grouped=GROUPED_ORDER,
    ),
    # A table per metal with status marks and no summary.
    "per_metal_marks": Shape(
        """  columns:
    - smelter_name: Facility
    - country: Location
  shape:
    tables: per_metal
    status: marks
    marks: {"*": Conformant}
    notes:
      - "* Conformant facility."
""",
        capitals=False,
        grouped=("Gold", "Tantalum", "Tin", "Tungsten"),  # metals.yml's order
        marks=(("Conformant", "*"),),
    ),
}

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


def country(name: str, shape: Shape) -> str:
    return name if shape.capitals else name.title()


def csv_text(shape: Shape) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["metal", "smelter_name", "country"] + (["status"] if shape.with_status else [])
    writer.writerow(header)
    for metal, name, where, status in FACILITIES:
        writer.writerow(
            [metal, name, country(where, shape)] + ([status] if shape.with_status else [])
        )
    return out.getvalue()


def expected_rows(shape: Shape) -> list[dict[str, str]]:
    """The annex.csv rows as written, read back with the csv module."""
    return list(csv.DictReader(io.StringIO(csv_text(shape))))


def status_summary_lines() -> list[list[str]]:
    """`annex-summary.csv` lines (metal, status, count) counted here from FACILITIES: the status
    summary a filer prints beside rows without status (the `no_status` shape)."""
    counted: dict[tuple[str, str], int] = {}
    for metal, _, _, status in FACILITIES:
        counted[(metal, status)] = counted.get((metal, status), 0) + 1
    return [[metal, status, str(n)] for (metal, status), n in counted.items()]


def write_status_summary(data: Path, lines: list[list[str]], header: tuple[str, ...] = ()) -> Path:
    """Write `annex-summary.csv` into a year's data folder; returns its path."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or ("metal", "status", "count"))
    writer.writerows(lines)
    path = data / "annex-summary.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def printed_names(shape: Shape) -> list[str]:
    """The names as the report prints them, in printed order: grouped in the shape's order or
    as written, each with the mark of its status."""
    rows = expected_rows(shape)
    if shape.grouped:
        rows = [r for metal in shape.grouped for r in rows if r["metal"] == metal]
    marks = dict(shape.marks)
    return [r["smelter_name"] + marks.get(r.get("status", ""), "") for r in rows]


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


# Years built by code: one printing RMI's smelter IDs, the next none, its names and countries
# spelled otherwise (capitals, accents dropped, straight quotes, company forms written out).
RESPELLED = {
    "Metalúrgica Córrego Fundo": "METALURGICA CORREGO FUNDO",
    "OOO \u201cTechnolom\u201d": 'OOO "Technolom"',
    "Met-Mex Peñoles S.A. de C.V.": "Met Mex Penoles SA de CV",
    "Ögussa Österreichische Gold- und Silber-Scheideanstalt": (
        "Ogussa Osterreichische Gold und Silber Scheideanstalt"
    ),
    "L\u2019Orfebre S.A.": "L'Orfebre, Sociedad Anónima",
    "Thaisarco": "THAISARCO",
    "African Gold Refinery": "African Gold Refinery",
    "Taki Chemical Co., Ltd.": "Taki Chemical Company Limited",
}
NEWCOMER = ("Tin", "Example Tin Smelter", "Malaysia", "Active")


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
