"""A filed year whose figures by status come only from the status summary its report printed
(`annex-summary.csv` beside rows without status, as `cmrkit import` keeps it): axe-core finds
nothing on any of its pages (the Annex, the summary, the charts drawn by status from the
summary), in both colour schemes, and the charts' text alternatives name the summary's status
words. One import and one build for the file; the other shapes' pages are tested by
`test_annex_shapes.py`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import filed_reports as fr
from tests.support.browser import axe_violations, page_urls
from tests.support.localserver import serve
from tests.support.pages import html_path, nav_markdown
from tests.support.project import build
from tests.support.scratch_years import import_filed_year

# The filed shape printing a table per metal without status, and a summary by metal and status.
SHAPE = "per_metal_summary"


def _summary(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
    )


@pytest.fixture(scope="module")
def summary_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    """A new filer's repository with the report imported and its year built; returns the
    repository and the lines of the `annex-summary.csv` the import kept."""
    root = import_filed_year(
        tmp_path_factory.mktemp("summary"), fr.exhibit_html("div_span", SHAPE), form_sd=True
    )
    data = root / "data" / str(fr.YEAR)
    header = next(csv.reader(io.StringIO((data / "annex.csv").read_text(encoding="utf-8"))))
    assert "status" not in header  # the rows carry no status: the summary is the only source
    summary = (data / "annex-summary.csv").read_text(encoding="utf-8")
    lines = list(csv.reader(io.StringIO(summary)))
    assert lines[0] == ["metal", "status", "count"] and len(lines) > 1
    result = build(root, fr.YEAR)
    assert result.returncode == 0, result.stderr[-3000:]
    return root, lines[1:]


@pytest.fixture(scope="module")
def summary_url(summary_year: tuple[Path, list[list[str]]]) -> Iterator[str]:
    root, _ = summary_year
    with serve(root / "site") as url:
        yield url


def _annex_url(root: Path, base: str) -> str:
    """The address of the page printing the Annex (an imported page is named by its heading),
    found by the macro its Markdown calls."""
    docs = root / "docs" / str(fr.YEAR)
    for markdown in nav_markdown(root, fr.YEAR):
        source = docs / markdown.removeprefix(f"{fr.YEAR}/")
        if source.is_file() and "annex_charts(" in source.read_text(encoding="utf-8"):
            site = root / "site"
            return base + html_path(site, markdown).relative_to(site).as_posix().removesuffix(
                "index.html"
            )
    raise AssertionError(f"no page of {docs} prints the Annex's charts")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_summary_year_s_pages(
    chromium, summary_year: tuple[Path, list[list[str]]], summary_url: str, scheme: str
) -> None:
    root, _ = summary_year
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        urls = page_urls(root / "site", summary_url, fr.YEAR)
        assert _annex_url(root, summary_url) in urls
        problems = {}
        for url in urls:
            page.goto(url)
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            violations = axe_violations(page)
            if violations:
                problems[url] = _summary(violations)
        assert not problems, "\n".join(f"{url}:\n{text}" for url, text in problems.items())
    finally:
        context.close()


def test_the_charts_text_alternatives_name_the_summary_s_statuses(
    chromium, summary_year: tuple[Path, list[list[str]]], summary_url: str
) -> None:
    """The chart by metal draws a series per status word of the summary: what a screen reader
    is given for it (its `aria-describedby` text, and its data table's headers) names each word
    and each metal's counts as the summary prints them."""
    root, lines = summary_year
    words = list(dict.fromkeys(status for _, status, _ in lines))
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(_annex_url(root, summary_url))
        described = page.evaluate(
            """() => [...document.querySelectorAll('svg[role="img"]')].map(svg => ({
                name: svg.getAttribute('aria-labelledby').split(' ')
                    .map(id => document.getElementById(id).textContent).join(' '),
                description: svg.getAttribute('aria-describedby').split(' ')
                    .map(id => document.getElementById(id).textContent).join(' '),
            }))"""
        )
        by_status = [d for d in described if "by metal and status" in d["name"]]
        assert by_status, [d["name"] for d in described]
        for chart in by_status:
            for metal in dict.fromkeys(m for m, _, _ in lines):
                counts = {s: int(n) for m, s, n in lines if m == metal}
                split = ", ".join(f"{counts.get(w, 0)} {w}" for w in words)
                total = sum(counts.values())
                noun = "facility" if total == 1 else "facilities"
                assert f"{metal}: {total} {noun} ({split})" in (chart["description"]), chart[
                    "description"
                ]
        headers = page.eval_on_selector_all(
            "figure.chart-figure table.chart-data thead th", "ths => ths.map(t => t.textContent)"
        )
        assert all(word in headers for word in words), headers
    finally:
        context.close()
