"""What each entry point loads, read in a fresh interpreter: loading a year does not load the
ingest pipeline (the CMRT reader, pandas, the spreadsheet libraries), a MkDocs build's hooks and
macros do not load publishing or Chromium, and `cmrkit --help` loads no command. Each of these
was once pulled in through one import, which made every build and command slower to start."""

from __future__ import annotations

import subprocess
import sys

from tests.support.project import DATA, YEARS

# Modules of the ingest pipeline a year's data needs to be read back: how a facility is keyed,
# and the run record (data/YEAR/ingest/facilities.yml).
YEAR_INGEST = {"cmrkit.ingest", "cmrkit.ingest.facility_keys", "cmrkit.ingest.run_record"}
HEAVY = ("pandas", "openpyxl", "python_calamine", "playwright", "mkdocs")


def loaded(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_loading_every_year_loads_no_ingest_pipeline() -> None:
    years = ", ".join(str(year) for year in YEARS)
    modules = loaded(
        "from pathlib import Path\nfrom cmrkit.year.report import load_year\n"
        f"for year in [{years}]:\n    load_year(Path({str(DATA)!r}), year)"
    )
    ingest = {m for m in modules if m.startswith("cmrkit.ingest")}
    assert ingest <= YEAR_INGEST, sorted(ingest - YEAR_INGEST)
    assert not [m for m in HEAVY if m in modules]


def test_a_sites_hooks_and_macros_load_no_publishing_or_chromium() -> None:
    modules = loaded("import cmrkit.website.hooks, cmrkit.website.macros")
    website = {m for m in modules if m.startswith("cmrkit.website.")}
    for module in ("publish", "freeze", "chromium", "reader", "pdf", "pdf_print", "diff"):
        assert f"cmrkit.website.{module}" not in website
    assert "playwright" not in modules


def test_the_command_line_loads_no_command_before_one_runs() -> None:
    modules = loaded("import cmrkit.cli\ncmrkit.cli.build_parser()")
    assert {m for m in modules if m.startswith("cmrkit")} == {
        "cmrkit", "cmrkit.cli", "cmrkit.commands", "cmrkit.errors", "cmrkit.version"
    }  # fmt: skip
