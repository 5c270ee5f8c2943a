"""`cmrkit figures` for a year whose Annex has no status: totals and metals, and no figure by
status (not zeros)."""

from __future__ import annotations

import json
from pathlib import Path

from cmrkit.cli import main
from tests.support.annex_shapes import SCRATCH_YEAR, SHAPES, expected_rows, status_summary_lines
from tests.support.scratch_years import write_shape_year, write_status_summary


def test_no_status_prints_no_figure_by_status(tmp_path: Path, capsys) -> None:
    write_shape_year(tmp_path, SCRATCH_YEAR, "no_status")
    data = str(tmp_path / "data")
    assert main(["figures", str(SCRATCH_YEAR), "--data", data, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["has_status"] is False
    assert out["annex_rows"] == len(expected_rows(SHAPES["no_status"]))
    assert out["by_status"] == {} and out["by_bucket"] == {} and out["counts"] == {}
    assert main(["figures", str(SCRATCH_YEAR), "--data", data]) == 0
    text = capsys.readouterr().out
    assert "no figure by status" in text and "()" not in text


def test_no_status_with_a_filed_summary_prints_its_figures(tmp_path: Path, capsys) -> None:
    data = write_shape_year(tmp_path, SCRATCH_YEAR, "no_status")
    lines = status_summary_lines()
    write_status_summary(data, lines)
    folder = str(tmp_path / "data")
    assert main(["figures", str(SCRATCH_YEAR), "--data", folder, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["has_status"] is True
    for word in {status for _, status, _ in lines}:
        assert out["by_status"][word] == sum(int(n) for _, s, n in lines if s == word)
    gold = {s: int(n) for m, s, n in lines if m == "Gold"}
    assert {k: v for k, v in out["by_metal"]["Gold"].items() if v} == {
        **gold,
        "total": 3,
        "facilities": 3,
    }
    assert main(["figures", str(SCRATCH_YEAR), "--data", folder]) == 0
    assert "annex-summary.csv" in capsys.readouterr().out
