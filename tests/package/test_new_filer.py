"""Done when: a new filer follows its own README. `cmrkit init`, run by cmrkit installed from its
wheel, writes a repository in which every command of the README's shell blocks runs, in order,
from the repository alone (no CMRKIT_SOURCE, no checkout of cmrkit: the wheel init wrote into
vendor/, pinned by hash in requirements.lock): `make site` and `make test` pass at once; supplier
CMRTs built from RMI's real templates and RMI's lists end in an Annex built from the run with
RMI's statuses; with no number of suppliers asked the report shows a blank and `cmrkit check`
names it, with `--asked 7` it says seven and the true rate; and no tracked file and no built page
carries a supplier contact's e-mail address or phone number."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.render.words import NOT_GIVEN, long_date, number_words, percent
from cmrkit.year.report import load_year
from tests.support.cmrt.builder import DECLARATION_CELLS, TemplateBuilder, by_id, declaration
from tests.support.pages import annex_rows, site_text
from tests.support.project import REPO
from tests.support.rmi_fixtures import (
    ACTIVE_HEADERS,
    CONFORMANT_HEADERS,
    active_row,
    conformant_row,
    write_list,
)

from .conftest import clean_env, run

COMPANY = "Northwind Devices, Inc."
YEAR = dt.date.today().year - 1  # the report being prepared
AS_OF = dt.date.today().isoformat()  # the day RMI's lists are downloaded
ASKED = 7  # as the README's ingest command gives it
# RMI's lists: smelter ID -> (metal, name, country)
CONFORMANT = {
    "CID002763": ("Gold", "8853 S.p.A.", "ITALY"),
    "CID000966": ("Tungsten", "Kennametal Fallon", "UNITED STATES OF AMERICA"),
}
ACTIVE = {"CID000292": ("Tin", "Alpha Assembly Solutions Inc", "UNITED STATES OF AMERICA")}
# Five suppliers answering (of the seven asked), at every declaration scope, each with its own
# contacts: (file, company, scope, smelter IDs)
SUPPLIERS = (
    ("alpha.xlsx", "Alpha Components", "A. Company", ("CID002763", "CID000292")),
    ("beta.xlsx", "Beta Boards", "B. Product (or List of Products)", ("CID001076", "CID002763")),
    ("gamma.xlsx", "Gamma Cables", "B. Product (or List of Products)", ("CID000966",)),
    ("delta.xlsx", "Delta Displays", "C. User defined [Specify in 'Description of scope']", ()),
    ("epsilon.xlsx", "Epsilon Enclosures", "", ("CID000292",)),
)
SCOPES = (
    "one company-level CMRT, two product-level CMRTs, one user-defined CMRT and one CMRT that "
    "stated no scope"
)


def contacts(index: int) -> dict[str, str]:
    return {
        "contact_email": f"buyer{index}@supplier{index}.example",
        "contact_phone": f"+1 415 555 01{index:02d}",
        "authorizer_email": f"chief{index}@supplier{index}.example",
        "authorizer_phone": f"+44 20 7946 08{index:02d}",
    }


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    for name in ("CMRKIT_YEAR", "CMRKIT_SOURCE"):
        out.pop(name, None)
    out["PYTHON"] = str(Path(getattr(sys, "_base_executable", sys.executable)))
    return out


def shell(command: str, repo: Path) -> subprocess.CompletedProcess[str]:
    return run("bash", "-c", command, cwd=repo, env=env(), timeout=1500)


def readme_commands(readme: Path) -> list[str]:
    """Every line of the README's `sh` blocks, in order."""
    blocks = re.findall(r"(?ms)^ *```sh\n(.*?)^ *```", readme.read_text(encoding="utf-8"))
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def supplier_cmrts(builder: Callable[[str], TemplateBuilder], folder: Path) -> None:
    for index, (name, company, scope, ids) in enumerate(SUPPLIERS, start=1):
        cells = declaration(company, scope=scope)
        cells.update({DECLARATION_CELLS[key]: value for key, value in contacts(index).items()})
        builder("6.5").build(
            folder / name,
            cells,
            [by_id(smelter_id) for smelter_id in ids],
        )


def rmi_lists(repo: Path) -> None:
    write_list(
        repo / "rmi-conformant.xlsx",
        CONFORMANT_HEADERS,
        [conformant_row(m, sid, n, c) for sid, (m, n, c) in CONFORMANT.items()],
        sheet="Conformant",
    )
    write_list(
        repo / "rmi-active.xlsx",
        ACTIVE_HEADERS,
        [active_row(m, sid, n, c) for sid, (m, n, c) in ACTIVE.items()],
        sheet="Active",
    )


def assert_no_contact(paths: list[Path]) -> None:
    needles = [value for i in range(1, len(SUPPLIERS) + 1) for value in contacts(i).values()]
    needles += [needle.split(" ", 1)[1] for needle in needles if needle.startswith("+")]
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = [needle for needle in needles if needle in text]
        assert not found, f"{path}: {found}"


def rcoi_sentence(repo: Path) -> str:
    text = site_text(repo / "site", YEAR)
    start = text.index("We asked ")
    return text[start : text.index("Annex I.", start)]


def test_a_new_filer_follows_its_readme(
    installed: Path, builder: Callable[[str], TemplateBuilder], tmp_path: Path
) -> None:
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.skip("make or git is not installed")
    repo = tmp_path / "northwind"
    created = run(
        installed / "bin" / "cmrkit", "init", repo, "--company", COMPANY, "--year", str(YEAR),
        cwd=tmp_path, env=clean_env(installed),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    wheel = next((repo / "vendor").glob("cmrkit-*-py3-none-any.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock = (repo / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert f"./vendor/{wheel.name} --hash=sha256:{digest}" in lock
    cmrkit = repo / ".venv" / "bin" / "cmrkit"
    ran: list[str] = []

    def before_ingest() -> None:
        """Steps 2 and 3 of the README: the CMRTs and RMI's lists; and first, a run not told
        how many suppliers were asked: a blank in the prose, an error of `cmrkit check`."""
        supplier_cmrts(builder, repo / "data" / str(YEAR) / "cmrt")
        rmi_lists(repo)
        untold = shell(f"{cmrkit} ingest {YEAR} --quiet", repo)
        assert untold.returncode == 0, untold.stderr
        assert shell("make site", repo).returncode == 0
        assert rcoi_sentence(repo).startswith(f"We asked {NOT_GIVEN} suppliers")
        check = shell(f"{cmrkit} check {YEAR}", repo)
        assert check.returncode == 1 and "suppliers asked is not given" in check.stdout

    for command in readme_commands(repo / "README.md"):
        command = command.replace("DATE", AS_OF)
        if command.startswith(".venv/bin/cmrkit ingest"):
            before_ingest()
        result = shell(command, repo)
        ran.append(command)
        output = result.stdout + result.stderr
        if command in ("make site", "make test"):
            assert result.returncode == 0, output[-4000:]
        elif command == "make check" or command.startswith(".venv/bin/cmrkit check"):
            # The blanks only the filer can write (make's own status for a failed recipe is 2).
            assert result.returncode == (2 if command == "make check" else 1), output[-4000:]
            assert "[blank]" in result.stdout and "[privacy]" not in result.stdout
            if "ingest" in " ".join(ran):
                assert "suppliers asked is not given" not in result.stdout
                for check in ("annex-empty", "annex-unclassified", "ingest-stale"):
                    assert f"[{check}]" not in result.stdout, result.stdout
        elif command.startswith((".venv/bin/cmrkit ingest", ".venv/bin/cmrkit new-year")):
            assert result.returncode == 0, output[-4000:]
        else:
            raise AssertionError(f"a README command this test does not know: {command}")
        if command == "make test":
            assert re.search(r"\d+ passed", result.stdout)
        if command.startswith(".venv/bin/cmrkit ingest"):
            listed = rf"\(each listed in \S*/data/{YEAR}/ingest/problems\.csv\)"
            assert re.search(listed, result.stdout), result.stdout
    assert [c for c in ran if c.startswith(".venv/bin/cmrkit ingest")], "the README ingests"
    assert ran.count("make site") == 2 and ran[-1].startswith(".venv/bin/cmrkit new-year")

    # The Annex is the run's facilities, with RMI's statuses.
    report = load_year(repo / "data", YEAR)
    labels = report.labels
    expected = {sid: labels["conformant"] for sid in CONFORMANT}
    expected |= {sid: labels["active"] for sid in ACTIVE}
    expected["CID001076"] = labels["not_enrolled"]
    assert {row.smelter_id: row.status for row in report.annex} == expected
    assert report.run_annex is not None
    assert len(annex_rows(repo / "site", YEAR)) == len(expected)
    # The findings say the date of RMI's lists the statuses come from (--as-of), as a date.
    as_of = long_date(dt.date.fromisoformat(AS_OF))
    assert f"its status with the RMI as of {as_of}, the date of the RMI's lists we used" in (
        site_text(repo / "site", YEAR)
    )
    # Seven asked (the README's --asked 7), five answering: the true rate, every scope worded.
    sentence = rcoi_sentence(repo)
    answering = len(SUPPLIERS)
    assert sentence.startswith(
        f"We asked {number_words(ASKED)} suppliers to complete the CMRT and received completed "
        f"CMRTs from {number_words(answering)} suppliers, a response rate of "
        f"{percent(answering / ASKED)}. Our suppliers answered with {SCOPES}."
    ), sentence
    # Nothing of a supplier contact in git or on the site.
    assert shell("git add -A", repo).returncode == 0
    tracked = [repo / name for name in shell("git ls-files", repo).stdout.split()]
    assert not [p for p in tracked if p.parent.name == "cmrt" and p.name != ".gitkeep"]
    assert_no_contact([p for p in tracked if p.suffix != ".whl"])
    assert_no_contact([p for p in (repo / "site").rglob("*") if p.is_file()])
    # The site names the new filer, never Qualys; cmrkit came from the repository's own wheel.
    html = [p.read_text(encoding="utf-8") for p in (repo / "site").rglob("*.html")]
    assert any(COMPANY in page for page in html)
    for path in (repo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".htm", ".csv", ".js", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search("qualys", text, re.IGNORECASE), path
    shown = run(repo / ".venv" / "bin" / "pip", "show", "-f", "cmrkit", cwd=repo)
    assert str(REPO) not in shown.stdout


def test_a_missing_vendored_wheel_is_one_clear_line(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    repo = tmp_path / "acme"
    assert main(["init", str(repo), "--company", COMPANY, "--year", str(YEAR)]) == 0
    wheel = next((repo / "vendor").glob("cmrkit-*.whl"))
    wheel.unlink()
    result = shell("make install", repo)
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if line.startswith("make: ./vendor/")]
    assert ours == [
        f"make: ./vendor/{wheel.name} is missing: requirements.lock installs cmrkit from it "
        "(restore it from git, or pin cmrkit==VERSION from PyPI)"
    ], result.stderr[-2000:]
