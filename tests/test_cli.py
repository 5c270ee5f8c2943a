"""The `cmrkit` command: figures of a year, and clear errors without tracebacks (run in this
process through `cli.main`, as the console script runs it; `python -m cmrkit` in its own process
once, and the installed `cmrkit` command by tests/package/)."""

from __future__ import annotations

import json
import subprocess
import sys

from cmrkit import cli
from tests.support.project import REPO


def test_figures_as_json_match_the_annex_csv(monkeypatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    assert cli.main(["figures", "2023", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    rows = (REPO / "data" / "2023" / "annex.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert figures["annex_rows"] == len(rows)
    assert sum(figures["by_status"].values()) == len(rows)


def test_an_unknown_year_is_an_error_message(monkeypatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    assert cli.main(["figures", "1999"]) == 2
    err = capsys.readouterr().err
    assert "no data folder for 1999" in err
    assert "Traceback" not in err


# Bound before any test replaces cli.build_parser.
_real_build_parser = cli.build_parser


def _parser_running(failure: BaseException):
    """A parser whose only command fails with `failure`, as a command's bug would."""
    import argparse

    real = _real_build_parser()

    def broken(_args: argparse.Namespace) -> int:
        raise failure

    real.set_defaults(func=broken)
    for action in real._subparsers._group_actions:  # type: ignore[union-attr]
        for sub in action.choices.values():
            sub.set_defaults(func=broken)
    return real


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda: _parser_running(KeyError("boom")))
    assert cli.main(["figures", "2023"]) == 3
    err = capsys.readouterr().err
    assert "internal error: KeyError: 'boom'" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_debug_shows_the_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda: _parser_running(ZeroDivisionError("x")))
    assert cli.main(["--debug", "figures", "2023"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_an_os_error_names_the_path(monkeypatch, capsys) -> None:
    from cmrkit import cli

    failure = PermissionError(13, "Permission denied", "/data/2024/facts.yml")
    monkeypatch.setattr(cli, "build_parser", lambda: _parser_running(failure))
    assert cli.main(["figures", "2023"]) == 2
    err = capsys.readouterr().err
    assert err == "cmrkit: error: /data/2024/facts.yml: Permission denied\n"


def test_python_dash_m_cmrkit_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cmrkit", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("cmrkit ")
