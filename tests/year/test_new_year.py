"""`cmrkit new-year`: the next year starts from the last one, its pages and data copied, dated a
year on, as a draft; the earlier year is not touched (that it builds, and that editing the new
year never changes what the earlier year renders: tests/builds/test_new_year_builds.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.year.new_year import shift_year
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.project import YEARS, copy_project

LAST = YEARS[-1]  # the latest year present: the new year starts from it
NEW = LAST + 1


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_scaffold_moves_dates_on_and_starts_a_draft(project: Path) -> None:
    data, docs = project / "data", project / "docs"
    before = (_digest(data / str(LAST)), _digest(docs / str(LAST)))
    assert main(["new-year", str(NEW), "--data", str(data)]) == 0
    assert (_digest(data / str(LAST)), _digest(docs / str(LAST))) == before
    old = yaml.safe_load((data / str(LAST) / "facts.yml").read_text(encoding="utf-8"))
    new = yaml.safe_load((data / str(NEW) / "facts.yml").read_text(encoding="utf-8"))
    for section, key in (("period", "start"), ("period", "end")):
        assert new[section][key] == shift_year(old[section][key], 1)
    assert new["filing"]["status"] == "draft"
    assert "filed" not in new["filing"]
    assert new["registrant"] == old["registrant"]
    assert [p.name for p in (data / str(NEW) / "cmrt").iterdir()] == [".gitkeep"]
    assert not (data / str(NEW) / "filed").exists()
    # The pages are the new year's own copy, navigation included.
    assert _digest(docs / str(NEW)) == before[1]
    assert load_pages(docs, NEW).files == load_pages(docs, LAST).files
    # The Annex comes from the year's own ingest run, never retyped: no CSV copied, the label
    # set and footnotes kept; the run starts empty and the decisions file has its header only.
    old_annex = {k: v for k, v in old["annex"].items() if k != "file"}
    assert new["annex"] == {**old_annex, "source": "ingest"}
    assert not (data / str(NEW) / "annex.csv").exists()
    run_file = data / str(NEW) / "ingest" / "facilities.yml"
    run = yaml.safe_load(run_file.read_text(encoding="utf-8"))
    assert (run["facilities"], run["inputs"], run["lists"]) == ([], [], None)
    decisions = (data / str(NEW) / "annex-decisions.csv").read_text(encoding="utf-8")
    assert decisions == "metal,smelter_id,smelter_name,country,decision,value,reason\n"


def test_an_existing_year_is_never_overwritten(project: Path, capsys) -> None:
    data = project / "data"
    before = _digest(data / str(LAST))
    assert main(["new-year", str(LAST), "--data", str(data)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert _digest(data / str(LAST)) == before


def test_existing_pages_are_never_overwritten(project: Path, capsys) -> None:
    stray = project / "docs" / str(NEW)
    stray.mkdir()
    (stray / "index.md").write_text("started by hand\n", encoding="utf-8")
    assert main(["new-year", str(NEW), "--data", str(project / "data")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert not (project / "data" / str(NEW)).exists()
    assert (stray / "index.md").read_text(encoding="utf-8") == "started by hand\n"


def test_a_year_needs_an_earlier_one(project: Path, capsys) -> None:
    first = YEARS[0] - 1
    assert main(["new-year", str(first), "--data", str(project / "data")]) == 2
    assert f"no year before {first}" in capsys.readouterr().err
    assert not (project / "data" / str(first)).exists()
    assert not (project / "docs" / str(first)).exists()


def test_leap_day_moves_to_the_last_day_of_february() -> None:
    assert shift_year(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert shift_year(dt.date(2023, 5, 30), 1) == dt.date(2024, 5, 30)


def test_a_year_after_a_year_from_its_run_starts_its_own_run(project: Path) -> None:
    data = project / "data"
    assert main(["new-year", str(NEW), "--data", str(data)]) == 0
    assert main(["new-year", str(NEW + 1), "--data", str(data)]) == 0
    new = yaml.safe_load((data / str(NEW + 1) / "facts.yml").read_text(encoding="utf-8"))
    assert new["annex"]["source"] == "ingest" and "file" not in new["annex"]
    fresh = (data / str(NEW + 1) / "ingest" / "facilities.yml").read_text(encoding="utf-8")
    assert "facilities: []" in fresh and f"`cmrkit new-year {NEW + 1}`" in fresh


def test_the_new_year_states_no_count_from_the_previous_year(project: Path, capsys) -> None:
    """Last year's suppliers asked and answering are not this year's: the new year's counts come
    from its own (empty) run, the number asked stays a blank, and `cmrkit check` names it."""
    data = project / "data"
    assert main(["new-year", str(NEW), "--data", str(data)]) == 0
    facts = yaml.safe_load((data / str(NEW) / "facts.yml").read_text(encoding="utf-8"))
    assert facts["rcoi"] == {"source": "ingest/rcoi.yml"}
    new = load_year(data, NEW).facts.rcoi
    assert new.contract_manufacturers_asked is None  # a FILL blank, whatever LAST stated
    assert new.contract_manufacturers_answering == 0  # no CMRT read yet
    capsys.readouterr()
    assert main(["check", str(NEW), "--data", str(data)]) != 0
    err = capsys.readouterr()
    assert f"{NEW}/facts.yml" in err.out + err.err
    assert "the number of suppliers asked is not given" in err.out + err.err


def test_a_count_typed_beside_the_run_is_not_carried_over(project: Path) -> None:
    """A year taking its counts from its run with the number asked typed beside `source:`
    (the one count a person gives) does not hand that number to the next year either."""
    data = project / "data"
    assert main(["new-year", str(NEW), "--data", str(data)]) == 0
    facts_path = data / str(NEW) / "facts.yml"
    text = facts_path.read_text(encoding="utf-8")
    given = "  source: ingest/rcoi.yml\n  contract_manufacturers_asked: 5\n"
    facts_path.write_text(text.replace("  source: ingest/rcoi.yml\n", given, 1), encoding="utf-8")
    assert load_year(data, NEW).facts.rcoi.contract_manufacturers_asked == 5
    assert main(["new-year", str(NEW + 1), "--data", str(data)]) == 0
    later = yaml.safe_load((data / str(NEW + 1) / "facts.yml").read_text(encoding="utf-8"))
    assert later["rcoi"] == {"source": "ingest/rcoi.yml"}
    assert load_year(data, NEW + 1).facts.rcoi.contract_manufacturers_asked is None


def _only_up_to(project: Path, year: int) -> None:
    """The copy as it was when `year` was the latest: later years' data and pages removed."""
    for later in (y for y in YEARS if y > year):
        for folder in (project / "data" / str(later), project / "docs" / str(later)):
            shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("year", YEARS, ids=lambda y: f"from{y}")
def test_last_years_filing_dates_are_not_carried_into_the_new_year(
    tmp_path: Path, year: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The day last year's Form SD was signed (and filed, and its accession number) is about
    last year: moved on a year it would be a date nobody gave. The new year's day signed is a
    FILL blank, read as not given, that `cmrkit check` names with its line; no filing date."""
    project = copy_project(tmp_path / "project")
    _only_up_to(project, year)
    data = project / "data"
    old = load_year(data, year).facts
    assert main(["new-year", str(year + 1), "--data", str(data)]) == 0
    path = data / str(year + 1) / "facts.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\[\[FILL: [^\]]+\]\]", raw["filing"]["signed"])
    assert "filed" not in raw["filing"] and "accession_number" not in raw["filing"]
    new = load_year(data, year + 1).facts
    assert (new.filing.signed, new.filing.filed, new.filing.status) == (None, None, "draft")
    # The period is the year's own, not a date made up: the same days a year on.
    assert new.period.end == shift_year(old.period.end, 1)
    assert new.period.start == shift_year(old.period.start, 1)
    # The company's standing facts carry over.
    assert (
        raw["registrant"]
        == yaml.safe_load((data / str(year) / "facts.yml").read_text(encoding="utf-8"))[
            "registrant"
        ]
    )
    capsys.readouterr()
    assert main(["check", str(year + 1), "--data", str(data)]) != 0
    said = "".join(capsys.readouterr())
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("signed:"))
    assert f"{year + 1}/facts.yml, line {line}: to fill: the day the Form SD is signed" in said
