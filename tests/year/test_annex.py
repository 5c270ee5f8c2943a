"""Each defect of an Annex CSV is named with its line; a clean file converts row for row."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataProblems
from cmrkit.reference.load import load_reference
from cmrkit.year.annex import parse_annex
from tests.support.project import DATA

REFERENCE = load_reference(DATA / "reference")
PATH = Path("data/2099/annex.csv")
HEADER = "metal,smelter_id,smelter_name,country,status,footnote"
FOOTNOTES = {"*": "ofac-sdn-agr"}


def parse(*lines: str, label_set: str = "cfsp"):
    return parse_annex(PATH, "\n".join(lines) + "\n", REFERENCE, label_set, FOOTNOTES)


def problems(*lines: str) -> list[str]:
    with pytest.raises(DataProblems) as caught:
        parse(*lines)
    return [str(p) for p in caught.value.problems]


def test_rows_keep_filed_words_and_get_buckets() -> None:
    rows = parse(
        HEADER,
        "Gold,CID003185,African Gold Refinery,UGANDA,Indeterminable,*",
        "tin,,Some Tin Smelter,BOLIVIA,Full Compliant,",
        "Tungsten,,Some Tungsten Smelter,CHINA,Active,",
    )
    assert [(r.line, r.metal, r.bucket) for r in rows] == [
        (2, "Gold", "indeterminable"),
        (3, "Tin", "conformant"),
        (4, "Tungsten", "active"),
    ]
    assert rows[0].display_name == "African Gold Refinery*"


def test_the_label_set_decides_which_words_are_allowed() -> None:
    rows = parse(HEADER, "Gold,,A,ITALY,Conformant,", label_set="rmap")
    assert rows[0].bucket == "conformant"
    assert problems(HEADER, "Gold,,A,ITALY,Conformant,") == [
        f"{PATH}, line 2: status 'Conformant' is not in label set 'cfsp' "
        "(allowed: 'Full Compliant', 'Active', 'Indeterminable')"
    ]


def test_unknown_metal() -> None:
    assert problems(HEADER, "Silver,,A,ITALY,Active,") == [
        f"{PATH}, line 2: unknown metal 'Silver' (known: Gold, Tantalum, Tin, Tungsten)"
    ]


def test_missing_and_unknown_columns_are_named() -> None:
    found = problems("metal,smelter_name,nation,status,footnote", "Gold,A,ITALY,Active,")
    assert f"{PATH}, line 1: missing column 'country'" in found
    assert any("unknown column 'nation'" in p for p in found)


def test_duplicates_by_name_and_by_id() -> None:
    found = problems(
        HEADER,
        "Gold,CID000001,A Refinery,ITALY,Active,",
        "Gold,,a  refinery,italy,Active,",
        "Gold,CID000001,Another Name,ITALY,Active,",
        "Tin,CID000001,A Refinery,ITALY,Active,",
    )
    assert found == [
        f"{PATH}, line 3: duplicate row: same facility as line 2",
        f"{PATH}, line 4: duplicate row: same facility as line 2",
    ]


def test_every_problem_of_the_file_is_reported_at_once() -> None:
    found = problems(
        HEADER,
        "Gold,,,ITALY,Active,",
        "Gold,XYZ,B,ITALY,Active,",
        "Gold,,C,ITALY,Active,#",
        "Gold,,D,ITALY",
        ",,,,,",
    )
    assert found == [
        f"{PATH}, line 2: blank smelter_name",
        f"{PATH}, line 3: smelter_id 'XYZ' is not an RMI ID (CID and six digits)",
        f"{PATH}, line 4: footnote marker '#' is not in facts.yml annex.footnotes",
        f"{PATH}, line 5: 4 fields where the header has 6",
        f"{PATH}, line 6: blank row (delete it)",
    ]


def test_line_numbers_count_quoted_newlines() -> None:
    found = problems(HEADER, 'Gold,,"Two\nLines",ITALY,Active,', "Gold,,B,ITALY,Wrong,")
    assert found[0].startswith(f"{PATH}, line 4: status 'Wrong'")


def test_an_empty_annex_parses_empty() -> None:
    # A new filer's draft starts with no rows; `load_year` refuses that for a filed year and
    # `cmrkit check` lists it as an error for a draft.
    assert parse(HEADER) == []
