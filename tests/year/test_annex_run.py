"""The Annex built from the ingest run: one row per facility, decisions applied, stale or bad
decisions refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import CmrkitError
from cmrkit.ingest.run_record import run_path, run_text, write_run
from cmrkit.reference.load import Reference, load_reference
from cmrkit.year.annex_run import load_run_annex
from cmrkit.year.decisions import HEADER

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
LABELS = {"conformant": "Conformant", "active": "Active", "not_enrolled": "Not Enrolled"}


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


def facility(metal: str, sid: str, name: str, country: str, bucket: str) -> dict[str, object]:
    word = {"conformant": "Conformant", "active": "Active"}.get(bucket, "")
    return {
        "metal": metal,
        "smelter_id": sid,
        "smelter_name": name,
        "country": country,
        "rmi_status": word,
        "bucket": bucket,
        "suppliers": 1,
    }


RUN = [
    facility("Gold", "CID002763", "8853 S.p.A.", "ITALY", "conformant"),
    facility("Gold", "CID003185", "African Gold Refinery", "UGANDA", "not_enrolled"),
    facility("Gold", "", "Acme Trading: GmbH, #1", "GERMANY", "not_enrolled"),
    facility("Tin", "CID000292", "Alpha Assembly Solutions Inc", "UNITED STATES", "active"),
    facility("Tungsten", "", "- Hostile = name", "CHINA", "not_enrolled"),
]


@pytest.fixture
def year_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "2024"
    write_run(run_path(folder), run_text("2024", RUN, None, []))
    return folder


def decide(folder: Path, *rows: str) -> Path:
    path = folder / "annex-decisions.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_one_row_per_facility_with_the_label_of_its_bucket(
    year_dir: Path, reference: Reference
) -> None:
    annex = load_run_annex(year_dir, reference, LABELS, {"*"})
    got = [(r.metal, r.smelter_id, r.smelter_name, r.country, r.status) for r in annex.rows]
    assert got == [
        (f["metal"], f["smelter_id"], f["smelter_name"], f["country"], LABELS[f["bucket"]])
        for f in RUN
    ]
    # Each row points at its line of the run file (header comments and keys come first).
    lines = run_path(year_dir).read_text(encoding="utf-8").split("\n")
    for row in annex.rows:
        assert row.smelter_name in lines[row.line - 1]


def test_footnote_exclusion_and_label_override(year_dir: Path, reference: Reference) -> None:
    decide(
        year_dir,
        "Gold,CID003185,African Gold Refinery,UGANDA,footnote,*,OFAC SDN: see the note",
        'Gold,,"acme  TRADING: GmbH, #1",germany,exclude,,not a smelter: a trader',
        "Tin,cid000292,,,label,Conformant,RMI audit passed after the list date (e-mail of May 2)",
    )
    annex = load_run_annex(year_dir, reference, LABELS, {"*"})
    by_name = {r.smelter_name: r for r in annex.rows}
    assert "Acme Trading: GmbH, #1" not in by_name
    assert [(f.smelter_name, d.reason) for f, d in annex.excluded] == [
        ("Acme Trading: GmbH, #1", "not a smelter: a trader")
    ]
    assert by_name["African Gold Refinery"].footnote == "*"
    assert by_name["African Gold Refinery"].display_name == "African Gold Refinery*"
    alpha = by_name["Alpha Assembly Solutions Inc"]
    assert (alpha.status, alpha.bucket) == ("Conformant", "conformant")
    assert len(annex.rows) == len(RUN) - 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Gold,CID000999,,,exclude,,gone", "line 2: Gold CID000999 matches no facility"),
        (
            "Gold,,Acme Trading,GERMANY,exclude,,gone",
            "line 2: Gold 'Acme Trading' (GERMANY) matches no",
        ),
        ("Gold,CID003185,Other Name,,footnote,*,x", "line 2: CID003185 is 'African Gold Refinery'"),
        (
            "Gold,CID003185,,,footnote,+,x",
            "line 2: footnote marker '+' is not in facts.yml annex.footnotes (declared: '*'): "
            "declare it there with the sanctions.yml entry its note explains, e.g. "
            '`footnotes: {"+"',
        ),
        ("Gold,CID003185,,,label,Compliant,x", "line 2: label 'Compliant' is not in the year's"),
        ("Gold,CID003185,,,exclude,yes,x", "line 2: an exclusion takes no value"),
        ("Gold,CID003185,,,drop,,x", "line 2: decision 'drop' is not one of"),
        ("Gold,CID003185,,,exclude,,", "line 2: blank reason"),
        ("Silver,CID003185,,,exclude,,x", "line 2: unknown metal 'Silver'"),
        ("Gold,,Acme,,exclude,,x", "line 2: name the facility"),
        ("Gold,3185,,,exclude,,x", "line 2: smelter_id '3185' is not an RMI ID"),
        ("Gold,CID003185,,,exclude,x", "line 2: 6 fields where the header has 7"),
        (",,,,,,", "line 2: blank row"),
    ],
)
def test_a_bad_or_stale_decision_names_file_and_line(
    year_dir: Path, reference: Reference, row: str, message: str
) -> None:
    path = decide(year_dir, row)
    with pytest.raises(CmrkitError) as caught:
        load_run_annex(year_dir, reference, LABELS, {"*"})
    assert f"{path}, {message}" in str(caught.value)


def test_every_bad_decision_is_reported_at_once(year_dir: Path, reference: Reference) -> None:
    decide(
        year_dir,
        "Gold,CID000999,,,exclude,,gone",
        "Gold,CID002763,,,footnote,*,x",
        "Gold,CID002763,,,footnote,*,again",
        "Gold,CID003185,,,exclude,,trader",
        "Gold,CID003185,,,label,Active,y",
    )
    with pytest.raises(CmrkitError) as caught:
        load_run_annex(year_dir, reference, LABELS, {"*"})
    lines = str(caught.value).split("\n")
    assert [line.split(": ")[0].rsplit(", ", 1)[1] for line in lines] == [
        "line 2",
        "line 4",
        "line 6",
    ]
    assert "already has a 'footnote' decision at line 3" in lines[1]
    assert "already has a 'exclude' decision at line 5" in lines[2]


def test_a_missing_or_bad_run_file_says_what_to_run(tmp_path: Path, reference: Reference) -> None:
    with pytest.raises(CmrkitError, match=r"no ingest run: run `cmrkit ingest 2024`"):
        load_run_annex(tmp_path / "2024", reference, LABELS, set())
    path = run_path(tmp_path / "2025")
    text = run_text("2025", [{**RUN[0], "metal": "Silver"}, RUN[1], RUN[1]], None, [])
    write_run(path, text)
    with pytest.raises(CmrkitError) as caught:
        load_run_annex(tmp_path / "2025", reference, LABELS, set())
    problems = str(caught.value).split("\n")
    assert problems[0].startswith(f"{path}, line 8: unknown metal 'Silver'")
    assert problems[1] == f"{path}, line 10: the same facility as line 9"


def test_an_empty_run_is_an_empty_annex(tmp_path: Path, reference: Reference) -> None:
    write_run(run_path(tmp_path / "2024"), run_text("2024", [], None, []))
    annex = load_run_annex(tmp_path / "2024", reference, LABELS, {"*"})
    assert annex.rows == [] and annex.run.lists is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: 2\nfacilities: []\n", "line 1: not an ingest run file of format 1"),
        ("[]\n", "line 1: not an ingest run file"),
        ("format: 1\nlists: null\ninputs: 5\nfacilities: []\n", "line 3: 'inputs' must be a list"),
        ("format: 1\nlists: {as_of: soon}\ninputs: []\nfacilities: []\n", "line 2: 'lists.as_of'"),
        ("format: 1\nlists: null\ninputs: []\nfacilities: {}\n", "line 4: 'facilities' must be"),
        ("format: 1\nlists: null\ninputs: []\nfacilities:\n- 7\n", "line 5: each facility is a"),
        (
            "format: 1\nlists: null\ninputs: []\nfacilities:\n"
            "- {metal: Gold, smelter_id: '', smelter_name: X, country: '', bucket: not_enrolled}\n",
            "line 5: blank country",
        ),
        (
            "format: 1\nlists: null\ninputs: []\nfacilities:\n"
            "- {metal: Gold, smelter_name: X, country: Y, bucket: best}\n",
            "line 5: bucket 'best' is not one of conformant, active, cross_recognized, "
            "not_enrolled, non_conformant, suspended, indeterminable",
        ),
        ("format: 1\nfacilities: [\n", "line 3: invalid YAML"),
    ],
)
def test_a_hand_edited_run_file_names_its_line(
    tmp_path: Path, reference: Reference, text: str, message: str
) -> None:
    path = run_path(tmp_path / "2024")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CmrkitError) as caught:
        load_run_annex(tmp_path / "2024", reference, LABELS, set())
    assert str(caught.value).startswith(f"{path}, {message}")
