"""From supplier CMRTs to the report's RCOI sentence, with no number typed in between."""

from __future__ import annotations

from pathlib import Path

from cmrkit.cli import main
from cmrkit.render.words import number_words, percent
from tests.support.cmrt.corpus import EXPECTED
from tests.support.pages import site_text
from tests.support.project import HAND_KEPT_YEARS, YEARS, build, copy_project

ASKED = 9  # suppliers asked, given to the run (`--asked`): more than the files received


def test_the_rcoi_section_reads_the_ingest_run(supplier_folder: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    year_number = HAND_KEPT_YEARS[-1] if HAND_KEPT_YEARS else YEARS[-1]
    year = project / "data" / str(year_number)
    status = main(
        [
            "ingest",
            str(supplier_folder),
            "--out",
            str(tmp_path / "smelters.csv"),
            "--rcoi",
            str(year / "ingest" / "rcoi.yml"),
            "--quiet",
            "--no-cache",
            "--asked",
            str(ASKED),
        ]
    )
    assert status == 1  # the corpus holds a refused legacy file; outputs are written anyway
    facts = year / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("rcoi:\n")
    end = text.index("\n\n", start)
    facts.write_text(text[:start] + "rcoi:\n  source: ingest/rcoi.yml" + text[end:])

    received = [f for f in supplier_folder.iterdir() if not f.name.startswith(("~$", "."))]
    assert len(received) != ASKED  # the count given, never the files received
    answering = set().union(*EXPECTED.values())
    result = build(project, year_number)
    assert result.returncode == 0, result.stderr
    rendered = site_text(project / "site", year_number)
    assert (
        f"We requested from our {number_words(ASKED)} contract manufacturers that they "
        f"complete the CMRT, and we received a {percent(len(answering) / ASKED)} "
        "response rate." in rendered
    )
    assert f"we identified {number_words(ASKED)} first tier" in rendered
