"""CMRT fixtures (a pytest plugin, loaded by tests/conftest.py): the real templates (skipped when
absent), a builder per revision, and a folder of six suppliers' CMRTs.

Each workbook is built once and kept by content (tests.support.cmrt.builder): in pytest's cache
folder (.pytest_cache, so a second run builds nothing that did not change), or, with the cache
plugin off (`-p no:cacheprovider`), in a temp folder of the session. `pytest --cache-clear`
builds every workbook again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cmrt.builder import REVISIONS, TemplateBuilder, template_path, templates_dir


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
def workbook_cache(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Where built workbooks are kept, by the content of what they were built from."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("cmrt-workbooks")
    return cache.mkdir("cmrt-workbooks")


@pytest.fixture(scope="session")
def builder(templates: Path, workbook_cache: Path) -> Callable[[str], TemplateBuilder]:
    """`builder("6.5")`: the session's builder for a revision (loaded on first use)."""
    builders: dict[str, TemplateBuilder] = {}

    def get(revision: str) -> TemplateBuilder:
        if revision not in builders:
            builders[revision] = TemplateBuilder(revision, cache=workbook_cache)
        return builders[revision]

    return get


@pytest.fixture(scope="session")
def supplier_folder(
    builder: Callable[[str], TemplateBuilder], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Six suppliers, one per 6.x revision and each in another language, plus a legacy file.

    What they say is spelled out in `tests.support.cmrt.corpus.EXPECTED`.
    """
    from tests.support.cmrt.corpus import build_corpus

    return build_corpus(builder, tmp_path_factory.mktemp("suppliers"))
