"""The Annex shapes real filers print (facts.yml `annex.shape`), as data and yardsticks.

Each shape is a facts.yml `annex:` block and an annex.csv; `tests.support.scratch_years` writes
them into a scratch year (`write_shape_year`), so a test loads, renders, exports or builds the
year like any other. The expected rows are read back from the CSV made here with the csv module
(the tests' own yardstick), never from the engine. Names carry accents and typographic quotes,
as real filers print them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

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


def printed_names(shape: Shape) -> list[str]:
    """The names as the report prints them, in printed order: grouped in the shape's order or
    as written, each with the mark of its status."""
    rows = expected_rows(shape)
    if shape.grouped:
        rows = [r for metal in shape.grouped for r in rows if r["metal"] == metal]
    marks = dict(shape.marks)
    return [r["smelter_name"] + marks.get(r.get("status", ""), "") for r in rows]


# Years printing no smelter ID, their names and countries spelled otherwise than in FACILITIES
# (capitals, accents dropped, straight quotes, company forms written out), and a facility added:
# `scratch_years.write_respelled_year` writes them.
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
