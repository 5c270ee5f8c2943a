"""axe-core (WCAG 2.1 AA and best practices) finds nothing on any page, in both colour schemes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import axe_violations, page_urls


def summary(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(
    chromium, built_site: Path, year: int, site_url: str, scheme: str
) -> None:
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        problems = {}
        for url in page_urls(built_site, site_url, year):
            page.goto(url)
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            violations = axe_violations(page)
            if violations:
                problems[url] = summary(violations)
        assert not problems, "\n".join(f"{url}:\n{text}" for url, text in problems.items())
    finally:
        context.close()


@pytest.mark.usefixtures("rows")  # filters need rows to filter
def test_axe_is_clean_with_filters_in_use(page, site_url: str) -> None:
    page.goto(site_url + "exhibit-1-01/annex-i/")
    page.get_by_label("Status", exact=True).select_option(index=1)
    page.locator("#annex-i thead th button").first.click()
    assert not axe_violations(page), "violations after filtering and sorting"


def test_axe_is_clean_on_a_phone(chromium, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + "exhibit-1-01/annex-i/")
        violations = axe_violations(page)
        assert not violations, summary(violations)
    finally:
        context.close()
