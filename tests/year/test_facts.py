"""facts.yml: each missing or mistyped fact is named with the line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cmrkit.errors import DataError
from cmrkit.files.yamlio import load_yaml
from cmrkit.reference.load import load_reference
from cmrkit.year.facts import OPTIONAL, REQUIRED, Facts, validate_facts
from tests.support.project import DATA

REFERENCE = load_reference(DATA / "reference")
FACTS = (DATA / "2023" / "facts.yml").read_text(encoding="utf-8")


def check(text: str, tmp_path: Path) -> Facts:
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    return validate_facts(load_yaml(path), REFERENCE)


def error(text: str, tmp_path: Path) -> str:
    with pytest.raises(DataError) as caught:
        check(text, tmp_path)
    return str(caught.value)


# Optional facts the 2023 seed does not give (the filing's EDGAR address, the site's address,
# the RCOI and the Annex from an ingest run).
NOT_IN_THE_SEED = {
    "registrant.cik",
    "filing.accession_number",
    "urls.site",
    "rcoi.source",
    "annex.source",
    "annex.duplicates_as_filed",  # only a filed report printing a facility twice has it
}


def fact(facts: Facts, dotted: str) -> object:
    section, name = dotted.split(".")
    return getattr(getattr(facts, section), name)


def test_the_2023_facts_are_complete(tmp_path: Path) -> None:
    facts = check(FACTS, tmp_path)
    for dotted in {**REQUIRED, **OPTIONAL}.keys() - NOT_IN_THE_SEED:
        assert fact(facts, dotted) not in (None, "", {}), dotted


@pytest.mark.parametrize("dotted", sorted(REQUIRED))
def test_each_required_fact_is_required(dotted: str, tmp_path: Path) -> None:
    data = yaml.safe_load(FACTS)
    *parents, last = dotted.split(".")
    holder = data
    for part in parents:
        holder = holder[part]
    del holder[last]
    message = error(yaml.safe_dump(data, sort_keys=False), tmp_path)
    assert f"missing fact '{dotted}'" in message
    assert ", line " in message


def test_a_mistyped_fact_names_its_own_line(tmp_path: Path) -> None:
    text = FACTS.replace("contract_manufacturers_asked: 7", "contract_manufacturers_asked: many")
    line = text.split("\n").index("  contract_manufacturers_asked: many") + 1
    message = error(text, tmp_path)
    assert message.startswith(f"{tmp_path / 'facts.yml'}, line {line}: ")
    assert "must be a whole number" in message


def test_more_answers_than_questions_is_refused(tmp_path: Path) -> None:
    text = FACTS.replace(
        "contract_manufacturers_answering: 7", "contract_manufacturers_answering: 9"
    )
    assert "more contract manufacturers answering than asked" in error(text, tmp_path)


def test_unknown_label_set_and_footnote_target(tmp_path: Path) -> None:
    assert "unknown label set 'old'" in error(
        FACTS.replace("status_labels: cfsp", "status_labels: old"), tmp_path
    )
    assert "not in sanctions.yml" in error(
        FACTS.replace('"*": ofac-sdn-agr', '"*": nowhere'), tmp_path
    )


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    message = error("registrant:\n  name: [unclosed\n", tmp_path)
    assert "invalid YAML" in message and ", line " in message


def test_a_filed_year_needs_its_filing_date(tmp_path: Path) -> None:
    text = FACTS.replace("  filed: 2024-05-30\n", "")
    assert "missing fact 'filing.filed' for a filed year" in error(text, tmp_path)
    draft = text.replace("status: filed", "status: draft")
    assert check(draft, tmp_path).filing.status == "draft"


URL_KEYS = [k for k in yaml.safe_load(FACTS).get("urls", {})]


@pytest.mark.parametrize("key", URL_KEYS)
@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/filings",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "https://example.com/a path",
        'https://example.com/"onmouseover="alert(1)',
        "https://example.com/<b>",
        "https:///no-host",
        "//example.com/filings",
    ],
)
def test_a_url_fact_must_be_https_and_plain(key: str, url: str, tmp_path: Path) -> None:
    data = yaml.safe_load(FACTS)
    data["urls"][key] = url
    text = yaml.safe_dump(data, sort_keys=False)
    message = error(text, tmp_path)
    line = next(n for n, t in enumerate(text.split("\n"), 1) if t.startswith(f"  {key}:"))
    assert message.startswith(f"{tmp_path / 'facts.yml'}, line {line}: fact 'urls.{key}' ")
    assert "https: URL" in message


def test_a_plain_https_url_with_a_query_is_accepted(tmp_path: Path) -> None:
    data = yaml.safe_load(FACTS)
    key = URL_KEYS[0]
    data["urls"][key] = "https://example.com/filings?year=2023&form=SD#top"
    assert check(yaml.safe_dump(data, sort_keys=False), tmp_path).tree["urls"][key].endswith("#top")


def with_optional(**values: str) -> str:
    """The 2023 facts with optional facts planted (dotted name -> value)."""
    data = yaml.safe_load(FACTS)
    for dotted, value in values.items():
        *parents, last = dotted.split(".")
        holder = data
        for part in parents:
            holder = holder.setdefault(part, {})
        holder[last] = value
    return yaml.safe_dump(data, sort_keys=False)


def test_optional_filing_address_and_site_facts_are_read(tmp_path: Path) -> None:
    planted = {
        "registrant.cik": "1107843",
        "filing.accession_number": "0001107843-24-000042",
        "urls.site": "https://reports.example.com/cmr/",
    }
    facts = check(with_optional(**planted), tmp_path)
    assert facts.registrant.cik == "1107843"
    assert facts.filing.accession_number == "0001107843-24-000042"
    assert facts.urls.site == "https://reports.example.com/cmr/"
    number = check(with_optional(**{"registrant.cik": 1107843}), tmp_path)  # a number is fine
    assert number.registrant.cik == "1107843"


@pytest.mark.parametrize(
    ("dotted", "value", "problem"),
    [
        ("registrant.cik", "CIK1107843", "the CIK"),
        ("filing.accession_number", "0001107843-24-42", "accession number"),
        ("urls.site", "reports.example.com/cmr/", "http(s) address"),
    ],
)
def test_a_mistyped_optional_fact_is_refused(
    dotted: str, value: str, problem: str, tmp_path: Path
) -> None:
    message = error(with_optional(**{dotted: value}), tmp_path)
    assert f"fact '{dotted}'" in message and problem in message


def _without(dotted: str) -> str:
    data = yaml.safe_load(FACTS)
    *parents, last = dotted.split(".")
    holder = data
    for part in parents:
        holder = holder.get(part) or {}
    holder.pop(last, None)  # an optional fact the year does not give is absent already
    return yaml.safe_dump(data, sort_keys=False)


# A filed year needs its filing date; the Annex needs a file or a source (tested below).
@pytest.mark.parametrize("dotted", sorted(set(OPTIONAL) - {"filing.filed", "annex.file"}))
def test_an_optional_fact_may_be_absent(dotted: str, tmp_path: Path) -> None:
    """Only the core is required: another filer need not type Qualys's cover-page fields."""
    facts = check(_without(dotted), tmp_path)
    assert facts.registrant.name
    if dotted != "annex.footnotes":
        assert fact(facts, dotted) is None


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("rule: 13p-1", "rule: 13x-9", "fact 'form.rule' must be one of"),
        ("cmrt_level: company", "cmrt_level: 7", "fact 'rcoi.cmrt_level' must be one of"),
        (
            "  sec_filings: https://",
            "  sec_filings: 3\n  other: https://",
            "fact 'urls.sec_filings' must be an https: URL",
        ),
    ],
)
def test_an_optional_fact_is_checked_when_present(
    old: str, new: str, problem: str, tmp_path: Path
) -> None:
    text = FACTS.replace(old, new.replace("\\n", "\n"), 1)
    assert text != FACTS
    message = error(text, tmp_path)
    assert problem in message and ", line " in message


def test_a_filers_own_facts_are_kept(tmp_path: Path) -> None:
    facts = check(FACTS + "\nproducts:\n  lines: [lidar sensors]\n", tmp_path)
    assert facts.tree["products"]["lines"] == ("lidar sensors",)


def test_the_annex_comes_from_one_place(tmp_path: Path) -> None:
    """A hand-kept CSV (`annex.file`) or the ingest run (`annex.source: ingest`), never both."""
    from_run = FACTS.replace("  file: annex.csv\n", "  source: ingest\n")
    assert check(from_run, tmp_path).annex.source == "ingest"
    both = FACTS.replace("  file: annex.csv\n", "  file: annex.csv\n  source: ingest\n")
    line = both.split("\n").index("  source: ingest") + 1
    assert error(both, tmp_path).startswith(f"{tmp_path / 'facts.yml'}, line {line}: ")
    assert "are both given: keep one" in error(both, tmp_path)
    wrong = FACTS.replace("  file: annex.csv\n", "  source: cmrts\n")
    assert "'annex.source' must be one of 'ingest' (found 'cmrts')" in error(wrong, tmp_path)
    neither = FACTS.replace("  file: annex.csv\n", "")
    assert "missing fact 'annex.file' (a hand-kept Annex CSV) or 'annex.source" in error(
        neither, tmp_path
    )
