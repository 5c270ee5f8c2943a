"""The engine's layers, read from its imports: a layer never imports one above it, and only the
website layer knows the site generator, its theme, mike and Chromium (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "cmrkit"
# Low to high; the same list is drawn in ARCHITECTURE.md.
LAYERS = (
    "errors", "files", "reference", "ingest", "year", "render", "record", "edgar", "checks",
    "importing",
    "website", "commands", "cli",
)  # fmt: skip
TOP_LEVEL_OK = {"__init__", "__main__", "api", "version"}
SITE_TOOLS = {"mkdocs", "material", "mike", "playwright", "properdocs", "zensical"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "cmrkit" and len(parts) > 1 else None


def _imports(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        out.append((dotted, path))
    return out


def violations(modules: list[tuple[str, Path]]) -> list[str]:
    """Every import that goes up a layer, or from outside the website layer to a site tool."""
    found = []
    for dotted, path in modules:
        mine = _layer(dotted)
        if mine not in LAYERS:
            continue
        for target in _imports(path):
            theirs = _layer(target)
            if theirs in LAYERS and LAYERS.index(theirs) > LAYERS.index(mine):
                found.append(f"{dotted} ({mine}) imports {target} ({theirs})")
            if target.split(".")[0] in SITE_TOOLS and mine != "website":
                found.append(f"{dotted} imports the site tool {target}")
    return found


def test_no_layer_imports_one_above_it() -> None:
    assert violations(_modules()) == []


def test_every_module_belongs_to_a_layer() -> None:
    strays = [
        dotted
        for dotted, _ in _modules()
        if _layer(dotted) not in LAYERS and dotted.split(".")[-1] not in TOP_LEVEL_OK
    ]
    assert strays == []


def test_at_most_ten_modules_at_the_top() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from cmrkit.website.runner import build_site\n", "imports cmrkit.website.runner"),
        ("import mkdocs.config\n", "imports the site tool mkdocs.config"),
    ],
)
def test_the_walk_catches_an_upward_import(tmp_path: Path, source: str, expected: str) -> None:
    """The check itself can fail: a year module that imports the website layer or MkDocs."""
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    found = violations([("cmrkit.year.planted", planted)])
    assert len(found) == 1 and expected in found[0]


def _stems(package: str) -> set[str]:
    folder = PACKAGE / package
    return {p.stem for p in folder.rglob("*.py") if p.stem != "__init__"}


@pytest.mark.parametrize(
    ("one", "other"),
    [("record", "website"), ("files", "ingest"), ("render", "year"), ("render", "edgar")],
)
def test_no_module_name_means_two_jobs_in_layers_that_work_together(one: str, other: str) -> None:
    """A reader of `record/reader.py` and `website/reader.py` could not tell which is which:
    packages that work on the same things name their modules apart."""
    assert _stems(one) & _stems(other) == set()


def test_no_ingest_module_is_another_with_one_word_changed() -> None:
    """`reading` beside `read`, `output` beside `outputs`: names a word apart, for two jobs."""
    stems = _stems("ingest")
    close = sorted(
        (a, b)
        for a in stems
        for b in stems
        if a < b and (b in (a + "ing", a + "s", a + "er") or a in (b + "ing", b + "s", b + "er"))
    )
    assert close == []


def test_modules_are_where_their_names_say() -> None:
    """The page renderer serves checks, EDGAR and Zensical alike: it lives in render/; the
    website's runner of git and programs is named for that, not for a build."""
    assert (PACKAGE / "render" / "page_renderer.py").is_file()
    assert not (PACKAGE / "edgar" / "pages.py").exists()
    assert (PACKAGE / "website" / "runner.py").is_file()
    assert not (PACKAGE / "website" / "build.py").exists()
