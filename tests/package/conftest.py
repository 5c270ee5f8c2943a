"""The wheel, built once per session (dist/ from `make dist`, or built here), and a fresh virtual
environment with it installed the way a user installs it: no site generator, pins from
requirements.lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cmrkit.version import __version__
from tests.support.project import REPO


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900):
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = REPO / "dist" / f"cmrkit-{__version__}-py3-none-any.whl"
    if built.is_file() and built.stat().st_mtime >= newest_source_time():
        return built
    out = tmp_path_factory.mktemp("dist")
    result = run(
        sys.executable,
        "-c",
        f"from setuptools import build_meta as b; b.build_wheel({str(out)!r})",
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return next(out.glob("cmrkit-*.whl"))


def newest_source_time() -> float:
    sources = [p for p in (REPO / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in [*sources, REPO / "pyproject.toml"])


def clean_env(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("CMRKIT_YEAR", None)
    return env


def pins_only(folder: Path) -> Path:
    """requirements.lock's pins without their hashes: as constraints (the user's way of
    installing the wheel alone), hashes would put pip in hash-checking mode for the wheel too."""
    lines = []
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("--hash="):
            continue
        lines.append(line.rstrip(" \\"))
    path = folder / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel (and its dependencies) installed."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    base = Path(getattr(sys, "_base_executable", sys.executable))
    result = run(base, "-m", "venv", venv, cwd=venv.parent)
    assert result.returncode == 0, result.stderr
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    result = run(*pip, "-c", pins_only(venv.parent), wheel, cwd=venv.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return venv
