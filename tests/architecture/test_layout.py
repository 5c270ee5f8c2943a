"""Where a repository's data and pages are is known in one place: `cmrkit.files.project`. Any
other module asks a Project (or, a pure function given a data folder, `reference_folder`), so
no path is joined to "data", "docs" or "reference" there, and no folder is searched for year
folders by their four digits (`Project.years` lists them; ARCHITECTURE.md)."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "cmrkit"
LAYOUT = PACKAGE / "files" / "project.py"
# `root / "data"`, `folder/"docs"`, `data_dir / "reference"`, `Path("data")`: the layout
# spelled out again.
NAMES = "data|docs|reference"
JOINED = re.compile(rf"""/\s*["']({NAMES})["']|Path\(\s*["']({NAMES})["']\s*\)""")
# `data.glob("[0-9][0-9][0-9][0-9]")`: the years found again by their folder names (a Project's
# `years` lists them).
YEARS = re.compile(r"""glob\(\s*["']\[0-9\]""")


def layout_spelled_out(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), start=1)
        if JOINED.search(line) or YEARS.search(line)
    ]


def test_only_the_project_knows_where_data_and_docs_are() -> None:
    found = [
        f"{path.parent.relative_to(PACKAGE)}/{hit}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != LAYOUT
        for hit in layout_spelled_out(path)
    ]
    assert found == []


def test_the_walk_catches_a_layout_spelled_out(tmp_path: Path) -> None:
    """The check itself can fail: a module joining "data" to a root finds itself named."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        'DATA = root / "data"\nDOCS = Path("docs")\nOK = "data"\nREF = data_dir/"reference"\n'
        'YEARS = data.glob("[0-9][0-9][0-9][0-9]")\nCSV = folder.glob("*.csv")\n',
        "utf-8",
    )
    assert [hit.split(":")[1] for hit in layout_spelled_out(planted)] == ["1", "2", "4", "5"]
