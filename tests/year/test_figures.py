"""The 2023 figures, checked against the filed record's own table, not against our output."""

from __future__ import annotations

from collections import Counter

from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.year.report import load_year
from tests.support.project import DATA

REPORT = load_year(DATA, 2023)
RECORD = load_filed(filed_record_path(DATA / "2023"))  # type: ignore[arg-type]


def test_totals_equal_the_filed_table() -> None:
    filed_status = Counter(status for *_, status in RECORD.annex_rows)
    assert REPORT.figures.total == len(RECORD.annex_rows)
    assert REPORT.figures.by_status == {w: filed_status[w] for w in REPORT.status_words}
    assert sum(REPORT.figures.by_bucket.values()) == len(RECORD.annex_rows)


def test_counts_by_metal_equal_the_filed_table() -> None:
    filed = Counter((metal, status) for metal, _, _, status in RECORD.annex_rows)
    for counts in REPORT.figures.by_metal:
        for word, n in counts.by_status.items():
            assert n == filed[(counts.metal, word)]


def test_the_filed_prose_states_the_computed_figures() -> None:
    prose = " ".join(RECORD.paragraphs)
    figures = REPORT.figures
    assert f"an aggregate of {figures.total} facilities" in prose
    assert f"we have identified {figures.conformant} facilities" in prose
    assert f"The remaining {figures.other} facilities" in prose


def test_greater_risk_is_the_covered_country_row_outside_both_lists() -> None:
    covered = [r for r in REPORT.annex if REPORT.reference.is_covered_country(r.country)]
    risky = [r.smelter_name for r in covered if r.bucket not in ("conformant", "active")]
    assert risky == ["African Gold Refinery"]
    assert REPORT.figures.greater_risk == len(risky)
    assert REPORT.figures.covered_country_rows == len(covered) > len(risky)


def test_the_footnoted_row_is_the_ofac_designation() -> None:
    marked = [row for row in REPORT.annex if row.footnote]
    assert [(row.smelter_name, REPORT.footnotes[row.footnote].id) for row in marked] == [
        ("African Gold Refinery", "ofac-sdn-agr")
    ]
