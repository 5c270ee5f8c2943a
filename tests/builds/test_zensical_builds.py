"""The measured path off Material (`make site-zensical`, cmrkit.website.zensical): every year
built with Zensical from the same pages and data, and held to what the comparison found: every
filed sentence, paragraph and Annex row as filed, nothing loaded from another host, and exactly
one class of difference, named below, that guides/maintaining.md's "A path off Material" lists
(the staging and the config without a build: tests/website/test_zensical.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cmrkit.render.downloads import csv_name, xlsx_name
from cmrkit.website import zensical
from tests.support.project import copy_project


class ZensicalBuilds:
    """Each year built with Zensical at most once per session, in one private copy."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.done: dict[int, tuple[zensical.Staged, zensical.Measurement]] = {}

    def __call__(self, year: int) -> tuple[zensical.Staged, zensical.Measurement]:
        if year not in self.done:
            started = time.perf_counter()
            staged = zensical.stage(self.project, year)
            zensical.build(staged, self.project / "docs")
            seconds = time.perf_counter() - started
            self.done[year] = (staged, zensical.measure(self.project, staged, seconds))
        return self.done[year]


@pytest.fixture(scope="session")
def zensical_builds(tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuilds:
    return ZensicalBuilds(copy_project(tmp_path_factory.mktemp("zensical")))


def test_zensical_builds_the_filed_text(zensical_builds: ZensicalBuilds, filed_year: int) -> None:
    """Zensical's build of a filed year says what was filed: every paragraph in order, every
    Annex row, and every sentence of the frozen record, page by page."""
    staged, measured = zensical_builds(filed_year)
    assert measured.record is not None and measured.paragraphs > 20, "the comparison did not run"
    assert not measured.paragraph_problems, "\n".join(map(str, measured.paragraph_problems[:10]))
    assert measured.annex_rows and not measured.annex_problems, measured.annex_problems[:5]
    if measured.manifest is not None:  # frozen (`cmrkit freeze`): the sentences as recorded
        assert measured.sentences is not None and measured.sentences.total > 0
        assert measured.sentences.matched == measured.sentences.total, measured.page_diffs
        assert measured.sentences.added == 0, measured.page_diffs
        assert measured.annex_digest_equal
    assert set(measured.report_pages) <= set(measured.built_pages)
    assert staged.site.is_relative_to(zensical_builds.project / zensical.STAGING)


def test_zensical_build_differs_only_in_the_known_ways(
    zensical_builds: ZensicalBuilds, year: int
) -> None:
    """For every year: nothing loaded from another host, and the only links to files the site
    does not have are the Annex downloads. Those links are raw HTML written relative to the
    page's address (`exhibit-1-01/annex-i/` links `annex-i-2023.csv`, written beside the page's
    index.html), which MkDocs leaves as they are; Zensical rewrites them as relative to the
    Markdown file (`../annex-i-2023.csv`), so they miss.
    guides/maintaining.md lists what would fix it."""
    staged, measured = zensical_builds(year)
    assert not measured.loads, measured.loads
    expected = sorted(
        f"{folder.as_posix()}/index.html: ../{name}"
        for folder in staged.files.download_dirs
        for name in (csv_name(year), xlsx_name(year))
    )
    assert sorted(measured.broken) == expected
    for folder in staged.files.download_dirs:  # the files are there, where MkDocs puts them
        assert (staged.site / folder / csv_name(year)).is_file()
    assert (staged.site / "edgar").is_dir()
    description = zensical.describe(measured, zensical_builds.project)
    assert f"built {year}" in description and "Loads from other hosts" in description
