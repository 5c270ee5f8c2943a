"""CMRT fixtures: the real templates (skipped when absent) and session-wide builders.

Imported by conftest.py here and by tests outside this folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cmrt.builder import REVISIONS, TemplateBuilder, template_path, templates_dir

# Fixtures imported into several test modules get one instance per module; these process-wide
# caches make the slow parts (loading templates, building the corpus) happen once per session.
_BUILDERS: dict[str, TemplateBuilder] = {}
_FOLDERS: dict[str, Path] = {}


def _require_templates() -> None:
    missing = [r for r in REVISIONS if not template_path(r).is_file()]
    if missing:
        pytest.skip(
            f"real CMRT templates not found in {templates_dir()} (set CMRKIT_TEMPLATES or "
            f"provide ../shared/cmrt-templates): missing {', '.join(missing)}"
        )


@pytest.fixture(scope="session")
def templates() -> Path:
    _require_templates()
    return templates_dir()


@pytest.fixture(scope="session")
def builder(templates: Path) -> Callable[[str], TemplateBuilder]:
    """`builder("6.5")`: the session's builder for a revision (loaded on first use)."""

    def get(revision: str) -> TemplateBuilder:
        if revision not in _BUILDERS:
            _BUILDERS[revision] = TemplateBuilder(revision)
        return _BUILDERS[revision]

    return get


@pytest.fixture(scope="session")
def supplier_folder(
    builder: Callable[[str], TemplateBuilder], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Six suppliers, one per 6.x revision and each in another language, plus a legacy file.

    What they say is spelled out in `tests.cmrt.corpus.EXPECTED`.
    """
    from tests.cmrt.corpus import build_corpus

    if "corpus" not in _FOLDERS:
        _FOLDERS["corpus"] = build_corpus(builder, tmp_path_factory.mktemp("suppliers"))
    return _FOLDERS["corpus"]
