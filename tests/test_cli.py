"""The `cmrkit` command: figures of a year, and clear errors without tracebacks (run in this
process through `cli.main`, as the console script runs it; `python -m cmrkit` in its own process
once, and the installed `cmrkit` command by tests/package/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cmrkit import cli
from cmrkit.commands import COMMANDS
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

    real = _real_build_parser(every=True)

    def broken(_args: argparse.Namespace) -> int:
        raise failure

    real.set_defaults(func=broken)
    for action in real._subparsers._group_actions:  # type: ignore[union-attr]
        for sub in action.choices.values():
            sub.set_defaults(func=broken)
    return real


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda *_: _parser_running(KeyError("boom")))
    assert cli.main(["figures", "2023"]) == 3
    err = capsys.readouterr().err
    assert "internal error: KeyError: 'boom'" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_debug_shows_the_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda *_: _parser_running(ZeroDivisionError("x")))
    assert cli.main(["--debug", "figures", "2023"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_an_os_error_names_the_path(monkeypatch, capsys) -> None:
    failure = PermissionError(13, "Permission denied", "/data/2024/facts.yml")
    monkeypatch.setattr(cli, "build_parser", lambda *_: _parser_running(failure))
    assert cli.main(["figures", "2023"]) == 2
    err = capsys.readouterr().err
    assert err == "cmrkit: error: /data/2024/facts.yml: Permission denied\n"


def test_python_dash_m_cmrkit_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cmrkit", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("cmrkit ")


def test_every_command_module_is_listed_and_configures_its_parser() -> None:
    """COMMANDS lists every module of cmrkit.commands (so `cmrkit --help` shows it without
    importing it), and each module gives `configure` and `run`."""
    import importlib
    import pkgutil

    from cmrkit import commands

    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    assert modules == {c.module for c in commands.COMMANDS.values()}
    for command in commands.COMMANDS.values():
        module = importlib.import_module(f"cmrkit.commands.{command.module}")
        assert callable(module.configure) and callable(module.run), command.module


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_takes_debug_after_its_name(name: str) -> None:
    parser = cli.build_parser(name)
    sub = parser._subparsers._group_actions[0].choices[name]  # type: ignore[union-attr]
    assert "--debug" in sub._option_string_actions
    assert parser.parse_args(["--debug", name, *_REQUIRED.get(name, [])]).debug is True


_REQUIRED = {  # the positional arguments and required options of each command
    "check": ["2023"], "diff": ["a", "b"], "export": ["2023"], "figures": ["2023"],
    "freeze": ["2023"], "import": ["2023", "x.htm"], "ingest": ["folder"], "new-year": ["2024"],
    "init": ["d", "--company", "A", "--year", "2025"], "publish": ["2023"],
}  # fmt: skip


def test_debug_after_the_command_shows_the_traceback(monkeypatch, capsys) -> None:
    """`cmrkit figures 2023 --debug`: the option after the command's arguments."""
    monkeypatch.setattr(cli, "build_parser", lambda *_: _parser_running(ZeroDivisionError("x")))
    assert cli.main(["figures", "2023", "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_debug_after_the_arguments_parses(name: str) -> None:
    args = cli.build_parser(name).parse_args([name, *_REQUIRED.get(name, []), "--debug"])
    assert args.debug is True and args.command == name


def test_shared_options_are_one_definition_each() -> None:
    """--data, --docs and --repo mean one thing each and read the same in every command."""
    parser = cli.build_parser(every=True)
    seen: dict[str, set[str]] = {}
    for name, sub in parser._subparsers._group_actions[0].choices.items():  # type: ignore[union-attr]
        for option in ("--data", "--docs", "--repo"):
            action = sub._option_string_actions.get(option)
            if action is not None:
                seen.setdefault(option, set()).add(action.help.split(";")[0])
                assert action.metavar == "DIR", (name, option)
    assert {option: len(helps) for option, helps in seen.items()} == {
        "--data": 1,
        "--docs": 1,
        "--repo": 1,
    }


def test_help_and_a_command_import_only_what_they_need() -> None:
    """`cmrkit --help` imports no command module and no engine; running `figures` imports its
    own module and none of the other commands'."""
    code = (
        "import sys, contextlib, io\n"
        "from cmrkit import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        cli.main(sys.argv[1:])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('cmrkit'))))\n"
    )

    def loaded(*argv: str) -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120,
            cwd=REPO,
        )  # fmt: skip
        return set(result.stdout.split())

    assert loaded("--help") == {
        "cmrkit", "cmrkit.cli", "cmrkit.commands", "cmrkit.errors", "cmrkit.version"
    }  # fmt: skip
    figures = loaded("figures", "2023")
    commands = {m for m in figures if m.startswith("cmrkit.commands.")}
    assert commands == {"cmrkit.commands.figures"}
    assert not any(m.startswith("cmrkit.website") for m in figures)
