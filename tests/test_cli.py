"""The `cmrkit` command: figures of a year, and clear errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO


def cmrkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cmrkit.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_figures_as_json_match_the_annex_csv() -> None:
    result = cmrkit("figures", "2023", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    rows = (REPO / "data" / "2023" / "annex.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert figures["annex_rows"] == len(rows)
    assert sum(figures["by_status"].values()) == len(rows)


def test_an_unknown_year_is_an_error_message() -> None:
    result = cmrkit("figures", "1999")
    assert result.returncode == 2
    assert "no data folder for 1999" in result.stderr
    assert "Traceback" not in result.stderr
