"""Done when: `cmrkit init`, run by cmrkit installed from its wheel, writes a repository in which
`make site` and `make test` pass from the repository alone (no CMRKIT_SOURCE, no checkout of
cmrkit: the wheel init wrote into vendor/, pinned by hash in requirements.lock), and the built
site names the new filer and never Qualys."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from cmrkit.cli import main
from tests.support.project import REPO

from .conftest import clean_env, run

COMPANY = "Acme Sensors, Inc."


def make(target: str, repo: Path, *args: str):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("CMRKIT_YEAR", None)
    env.pop("CMRKIT_SOURCE", None)
    env["PYTHON"] = str(Path(getattr(sys, "_base_executable", sys.executable)))
    return run("make", target, *args, cwd=repo, env=env, timeout=1500)


def test_a_new_filer_builds_and_tests_itself(installed: Path, tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    repo = tmp_path / "acme"
    created = run(
        installed / "bin" / "cmrkit", "init", repo, "--company", COMPANY, "--year", "2025",
        cwd=tmp_path, env=clean_env(installed),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    wheel = next((repo / "vendor").glob("cmrkit-*-py3-none-any.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert (
        f"./vendor/{wheel.name} --hash=sha256:{digest}"
        in (repo / "requirements.lock").read_text(encoding="utf-8").splitlines()
    )
    site = make("site", repo)
    assert site.returncode == 0, site.stdout[-2000:] + site.stderr[-3000:]
    html = [p.read_text(encoding="utf-8") for p in (repo / "site").rglob("*.html")]
    assert any(COMPANY in page for page in html)
    edgar = (repo / "site" / "edgar" / "formsd.htm").read_text(encoding="ascii")
    assert COMPANY.upper() in edgar
    for path in (repo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".htm", ".csv", ".js", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search("qualys", text, re.IGNORECASE), path
    tests = make("test", repo)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert re.search(r"\d+ passed", tests.stdout)
    installed_from = run(repo / ".venv" / "bin" / "pip", "show", "-f", "cmrkit", cwd=repo)
    assert str(REPO) not in installed_from.stdout  # nothing of a checkout


def test_a_missing_vendored_wheel_is_one_clear_line(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    repo = tmp_path / "acme"
    assert main(["init", str(repo), "--company", COMPANY, "--year", "2025"]) == 0
    wheel = next((repo / "vendor").glob("cmrkit-*.whl"))
    wheel.unlink()
    result = make("install", repo)
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if line.startswith("make: ./vendor/")]
    assert ours == [
        f"make: ./vendor/{wheel.name} is missing: requirements.lock installs cmrkit from it "
        "(restore it from git, or pin cmrkit==VERSION from PyPI)"
    ], result.stderr[-2000:]
