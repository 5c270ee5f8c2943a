"""Status words as data: label sets map any number of words to buckets, named counts and the
"greater risk" rule are in statuses.yml, and a repository's own copy overrides the packaged one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.reference.files import PACKAGED, reference_file
from cmrkit.reference.load import load_reference
from cmrkit.year.report import load_year
from tests.support.project import DATA, YEARS

PACKAGED_STATUSES = (PACKAGED / "statuses.yml").read_text(encoding="utf-8")


def _repository(tmp_path: Path, statuses: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "reference").mkdir(exist_ok=True)
    (data / "reference" / "statuses.yml").write_text(statuses, encoding="utf-8")
    return data


def test_a_label_set_maps_many_words_and_buckets() -> None:
    statuses = load_reference().statuses
    rmap = statuses.label_set("rmap")
    assert len(rmap.words) > 3  # a fourth word needs no change in any other set
    assert rmap.bucket_of("Suspended") == "suspended"
    cfsp = statuses.label_set("cfsp")
    assert cfsp.word_for("suspended") == cfsp.word_for("not_enrolled") == "Indeterminable"
    assert cfsp.bucket_of("Indeterminable") == "indeterminable"


def test_a_label_word_with_an_unknown_bucket_names_its_line(tmp_path: Path) -> None:
    text = PACKAGED_STATUSES.replace("    Suspended: suspended\n", "    Suspended: paused\n")
    (tmp_path / "statuses.yml").write_text(text, encoding="utf-8")
    line = text.split("\n").index("    Suspended: paused") + 1
    with pytest.raises(DataError, match=rf"statuses.yml, line {line}: unknown bucket 'paused'"):
        load_reference(tmp_path)


def test_the_repository_copy_overrides_the_packaged_file(tmp_path: Path) -> None:
    assert reference_file("statuses.yml", tmp_path) == PACKAGED / "statuses.yml"
    (tmp_path / "statuses.yml").write_text(PACKAGED_STATUSES, encoding="utf-8")
    assert reference_file("statuses.yml", tmp_path) == tmp_path / "statuses.yml"


@pytest.mark.parametrize("year", YEARS)
def test_greater_risk_follows_the_rule_in_data(year: int, tmp_path: Path) -> None:
    """Add a rule "on a sanctions list" and every sanctioned row counts as at greater risk too."""
    before = load_year(DATA, year)
    rules = before.reference.statuses.greater_risk
    covered_risky = {
        id(row)
        for row in before.annex
        if before.reference.is_covered_country(row.country)
        and any(row.bucket in (rule.buckets or ()) for rule in rules)
    }
    assert before.figures.greater_risk == len(covered_risky)
    text = PACKAGED_STATUSES.replace("greater_risk:\n", "greater_risk:\n  - sanctioned: true\n", 1)
    after = load_year(_repository(tmp_path, text), year)
    sanctioned = {id(row) for row, _ in before.figures.sanctioned}
    expected = {id(r) for r in before.annex if id(r) in covered_risky or id(r) in sanctioned}
    assert after.figures.greater_risk == len(expected)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("  - covered_countries: true\n", "unknown condition 'covered_countries' (known: "),
        ("  - sanctioned\n", "must be a mapping (conditions: "),
        ("  - {}\n", "gives no condition ("),
    ],
)
def test_a_greater_risk_rule_that_is_off_names_its_line(
    tmp_path: Path, rule: str, expected: str
) -> None:
    """A rule with a misspelt condition (ignored, it would leave a rule matching every row), no
    condition, or that is no mapping is refused on its line, with the conditions it may give."""
    text = PACKAGED_STATUSES.replace("greater_risk:\n", f"greater_risk:\n{rule}", 1)
    (tmp_path / "statuses.yml").write_text(text, encoding="utf-8")
    line = text.split("\n").index(rule.rstrip("\n")) + 1
    with pytest.raises(DataError, match=rf"statuses.yml, line {line}: greater_risk rule") as caught:
        load_reference(tmp_path)
    assert expected in caught.value.message
    assert "covered_country, buckets, sanctioned" in caught.value.message
