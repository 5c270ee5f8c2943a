"""Done when: `cmrkit init` writes a repository in which `make site` and `make test` pass with
cmrkit installed from the wheel (CMRKIT_SOURCE), and the built site names the new filer and
never Qualys."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from cmrkit.cli import main

from .conftest import run

COMPANY = "Acme Sensors, Inc."


def make(target: str, repo: Path, wheel: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("CMRKIT_YEAR", None)
    env["PYTHON"] = str(Path(getattr(sys, "_base_executable", sys.executable)))
    return run("make", target, f"CMRKIT_SOURCE={wheel}", cwd=repo, env=env, timeout=1500)


def test_a_new_filer_builds_and_tests_itself(wheel: Path, tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    repo = tmp_path / "acme"
    assert main(["init", str(repo), "--company", COMPANY, "--year", "2025"]) == 0
    site = make("site", repo, wheel)
    assert site.returncode == 0, site.stdout[-2000:] + site.stderr[-3000:]
    html = [p.read_text(encoding="utf-8") for p in (repo / "site").rglob("*.html")]
    assert any(COMPANY in page for page in html)
    edgar = (repo / "site" / "edgar" / "formsd.htm").read_text(encoding="ascii")
    assert COMPANY.upper() in edgar
    for path in (repo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".htm", ".csv", ".js", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search("qualys", text, re.IGNORECASE), path
    tests = make("test", repo, wheel)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert re.search(r"\d+ passed", tests.stdout)
