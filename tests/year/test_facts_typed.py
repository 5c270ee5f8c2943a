"""The facts of a year as one typed, immutable object (`cmrkit.year.facts.Facts`), from facts
files written here by code: each wrong or missing fact is one error naming the file and the
line; an optional fact the file does not give is None; nothing can be changed afterwards."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from cmrkit.errors import DataError
from cmrkit.files.yamlio import load_yaml
from cmrkit.reference.load import load_reference
from cmrkit.year.facts import (
    DATE_NOT_GIVEN,
    OPTIONAL,
    REQUIRED,
    SECTIONS,
    Facts,
    validate_facts,
)
from tests.support.project import DATA

REFERENCE = load_reference(DATA / "reference")
LABEL_SET = sorted(REFERENCE.statuses.label_sets)[0]


def minimal() -> dict[str, Any]:
    """The required facts only, of no real company."""
    return {
        "registrant": {"name": "Example Devices Ltd."},
        "period": {"start": dt.date(2030, 1, 1), "end": dt.date(2030, 12, 31)},
        "filing": {"signed": dt.date(2031, 5, 30), "status": "draft"},
        "signer": {"name": "Alex Example", "title": "Secretary"},
        "rcoi": {"contract_manufacturers_asked": 5, "contract_manufacturers_answering": 4},
        "annex": {"file": "annex.csv", "status_labels": LABEL_SET},
    }


def write(data: dict[str, Any], tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "facts.yml"
    text = yaml.safe_dump(data, sort_keys=False, default_flow_style=False)
    path.write_text(text, encoding="utf-8")
    return path, text.split("\n")


def load(data: dict[str, Any], tmp_path: Path) -> Facts:
    path, _ = write(data, tmp_path)
    return validate_facts(load_yaml(path), REFERENCE)


def refused(data: dict[str, Any], tmp_path: Path) -> tuple[str, Path, list[str]]:
    path, lines = write(data, tmp_path)
    with pytest.raises(DataError) as caught:
        validate_facts(load_yaml(path), REFERENCE)
    return str(caught.value), path, lines


def line_of(lines: list[str], section: str, name: str | None = None) -> int:
    """The 1-based line of `section:` or of `name:` inside it, found in the text."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{section}:"))
    if name is None:
        return start + 1
    return next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {name}:")) + 1


def get(facts: Facts, dotted: str) -> object:
    section, name = dotted.split(".")
    return getattr(getattr(facts, section), name)


def test_the_required_facts_make_a_typed_object(tmp_path: Path) -> None:
    facts = load(minimal(), tmp_path)
    assert facts.registrant.name == "Example Devices Ltd."
    assert facts.period.end == dt.date(2030, 12, 31)
    assert facts.filing.status == "draft" and not facts.filing.is_filed
    assert facts.rcoi.contract_manufacturers_answering == 4
    assert facts.annex.status_labels == LABEL_SET and facts.annex.file == "annex.csv"
    # No `annex.columns`: the reference's default columns, with their headers.
    assert [c.name for c in facts.annex.columns] == list(REFERENCE.annex.columns)


# (The Annex comes from a file or from the ingest run: `minimal` gives the file; it gives the
# suppliers asked too, which `test_suppliers_asked_not_given_is_none` leaves out.)
@pytest.mark.parametrize(
    "dotted", sorted(set(OPTIONAL) - {"annex.file", "rcoi.contract_manufacturers_asked"})
)
def test_an_optional_fact_not_given_is_none(dotted: str, tmp_path: Path) -> None:
    value = get(load(minimal(), tmp_path), dotted)
    assert value == {} if dotted == "annex.footnotes" else value is None


@pytest.mark.parametrize("given", ["absent", None, "[[FILL: how many suppliers were asked]]"])
def test_suppliers_asked_not_given_is_none(given: object, tmp_path: Path) -> None:
    """Only a person knows how many suppliers were asked: absent, null or a blank, it is None
    (the pages print a blank), and answering may then be any count."""
    data = minimal()
    del data["rcoi"]["contract_manufacturers_asked"]
    if given != "absent":
        data["rcoi"]["contract_manufacturers_asked"] = given
    data["rcoi"]["contract_manufacturers_answering"] = 9
    facts = load(data, tmp_path)
    assert facts.rcoi.contract_manufacturers_asked is None
    assert facts.rcoi.contract_manufacturers_answering == 9


@pytest.mark.parametrize("status", ["draft", "filed"])
def test_a_date_not_given_is_a_blank_read_as_none(status: str, tmp_path: Path) -> None:
    """A date no document states (an Exhibit imported without its Form SD) is a FILL blank:
    None, never a date standing in for it; a filed year still needs the fact, blank or date."""
    data = minimal()
    data["filing"] = {
        "signed": "[[FILL: the date the Form SD was signed]]",
        "filed": "[[FILL: the date the report was filed]]",
        "status": status,
    }
    facts = load(data, tmp_path)
    assert (facts.filing.signed, facts.filing.filed, facts.filing.status) == (None, None, status)
    # The pages see each as a date not given (printed as the date blank), false in an `if`.
    filing = facts.tree["filing"]
    assert filing["signed"] is filing["filed"] is DATE_NOT_GIVEN and not DATE_NOT_GIVEN
    del data["filing"]["filed"]
    if status == "filed":
        message, path, lines = refused(data, tmp_path)
        assert message == (
            f"{path}, line {line_of(lines, 'filing')}: missing fact 'filing.filed' for a filed year"
        )
    for wrong in (None, "not a date", "[[FILL]] 2031-05-30"):
        data["filing"]["signed"] = wrong
        message, path, lines = refused(data, tmp_path)
        assert message.startswith(f"{path}, line {line_of(lines, 'filing', 'signed')}: ")
        assert "or a [[FILL: ...]] blank" in message


@pytest.mark.parametrize("dotted", sorted(REQUIRED))
def test_a_missing_required_fact_is_one_error_at_its_section(dotted: str, tmp_path: Path) -> None:
    data = minimal()
    section, name = dotted.split(".")
    del data[section][name]
    message, path, lines = refused(data, tmp_path)
    assert message == f"{path}, line {line_of(lines, section)}: missing fact '{dotted}'"


@pytest.mark.parametrize("dotted", sorted(REQUIRED))
def test_a_required_fact_of_the_wrong_type_is_one_error_at_its_line(
    dotted: str, tmp_path: Path
) -> None:
    data = minimal()
    section, name = dotted.split(".")
    data[section][name] = [1, 2]  # a list is no fact's type
    message, path, lines = refused(data, tmp_path)
    assert message.startswith(f"{path}, line {line_of(lines, section, name)}: fact '{dotted}' ")
    assert "must be" in message and "(found [1, 2])" in message and "\n" not in message


@pytest.mark.parametrize(
    ("dotted", "wrong"),
    [
        ("period.end", "2030-12-31"),  # quoted: text, not a date
        ("filing.signed", dt.datetime(2031, 5, 30, 9, 0)),  # a time is not a date
        ("rcoi.contract_manufacturers_asked", True),
        ("rcoi.contract_manufacturers_asked", -1),
        ("filing.status", "submitted"),
        ("registrant.name", "   "),
    ],
)
def test_a_near_miss_is_refused_at_its_line(dotted: str, wrong: object, tmp_path: Path) -> None:
    data = minimal()
    section, name = dotted.split(".")
    data[section][name] = wrong
    message, path, lines = refused(data, tmp_path)
    assert message.startswith(f"{path}, line {line_of(lines, section, name)}: fact '{dotted}' ")


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_a_section_that_is_not_a_mapping_is_refused_at_its_line(
    section: str, tmp_path: Path
) -> None:
    data = minimal()
    data[section] = "see the cover page"
    message, path, lines = refused(data, tmp_path)
    assert message == (
        f"{path}, line {line_of(lines, section)}: "
        f"fact '{section}' must be a mapping of names to values"
    )


def test_optional_facts_given_are_typed(tmp_path: Path) -> None:
    data = minimal()
    data["registrant"]["cik"] = 1107843  # a number in YAML; the fact is its digits
    data["filing"].update(status="filed", filed=dt.date(2031, 5, 31))
    data["contact"] = {"phone": "+1 555 0100"}
    data["urls"] = {"site": "https://reports.example.com/cmr/", "policy": "https://example.com/p"}
    facts = load(data, tmp_path)
    assert facts.registrant.cik == "1107843"
    assert facts.filing.is_filed and facts.filing.filed == dt.date(2031, 5, 31)
    assert facts.contact.phone == "+1 555 0100" and facts.contact.name is None
    assert facts.urls.site == "https://reports.example.com/cmr/" and facts.urls.sec_filings is None
    # A link of the filer's own is for the pages: in the tree, as the file gives it.
    assert facts.tree["urls"]["policy"] == "https://example.com/p"


def test_the_facts_cannot_be_changed(tmp_path: Path) -> None:
    data = minimal()
    sanctioned = REFERENCE.sanctions[0].id if REFERENCE.sanctions else None
    if sanctioned:
        data["annex"]["footnotes"] = {"*": sanctioned}
    data["products"] = {"lines": ["sensors"]}
    facts = load(data, tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.registrant = facts.registrant
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.filing.status = "filed"
    with pytest.raises(TypeError):
        facts.tree["registrant"]["name"] = "Someone Else"
    with pytest.raises(TypeError):
        facts.tree["registrant"] = {}
    with pytest.raises(AttributeError):
        facts.tree["products"]["lines"].append("more")  # a list is kept as a tuple
    if sanctioned:
        assert facts.annex.footnotes == {"*": sanctioned}
        with pytest.raises(TypeError):
            facts.annex.footnotes["+"] = sanctioned


def test_a_page_naming_a_fact_not_given_fails(tmp_path: Path) -> None:
    """Pages read the tree: an optional fact the file does not give is undefined there (the
    build fails with the page and line), never printed as "None"."""
    facts = load(minimal(), tmp_path)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    page = "{{ facts.registrant.name }} {{ facts.period.end }}"
    assert env.from_string(page).render(facts=facts.tree) == "Example Devices Ltd. 2030-12-31"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ facts.registrant.address }}").render(facts=facts.tree)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ facts.contact.name }}").render(facts=facts.tree)
