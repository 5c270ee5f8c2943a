"""Reading the built site in Chromium: page addresses in navigation order, the requests a page
makes, axe-core's findings and Material's search box (fixtures in tests/browser/conftest.py)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.pages import html_path, nav_markdown
from tests.support.project import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def page_urls(site: Path, base: str, year: int) -> list[str]:
    """The URL of every page of the year's site in navigation order."""
    urls = []
    for markdown in nav_markdown(site.parent, year):
        relative = html_path(site, markdown).relative_to(site).as_posix()
        urls.append(base + relative.removesuffix("index.html"))
    return urls


# The Annex's reset button: "in filed order" for a filed year, "in Annex order" for a draft.
RESET_BUTTON = re.compile(r"^Show all in (filed|Annex) order$")


def reset_label(filed: bool) -> str:
    return "Show all in filed order" if filed else "Show all in Annex order"


def annex_url(base: str) -> str:
    return base + "exhibit-1-01/annex-i/"


@dataclass
class RequestLog:
    urls: list[str] = field(default_factory=list)

    def third_party(self) -> list[str]:
        return [
            u
            for u in self.urls
            if not u.startswith(("data:", "blob:", "about:"))
            and urlsplit(u).hostname not in LOCAL_HOSTS
        ]


# WCAG 2.2 level A and AA, as axe-core tags them (target size is wcag22aa), and axe's best
# practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_violations(page, exclude_rules: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core (injected from node_modules, never served by the site) on the page, with
    every rule of the WCAG 2.2 A/AA tags and of its best practices."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make browser` (npm ci installs axe-core)")
    page.add_script_tag(path=str(AXE))
    rules = {rule: {"enabled": False} for rule in exclude_rules}
    options = {"rules": rules, "runOnly": {"type": "tag", "values": list(AXE_TAGS)}}
    return page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", options
    )


def material_search(page, query: str, attempts: int = 3) -> None:
    """Type into Material's search box until its result list shows (its worker may still be
    indexing the site when the first keys arrive, and then drops that query)."""
    box = page.locator("input.md-search__input")
    for _ in range(attempts):
        box.click()
        box.press("Control+A")
        box.press("Backspace")
        page.keyboard.type(query, delay=20)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            return
        except Exception:  # playwright's TimeoutError: try again once the index is ready
            page.wait_for_load_state("networkidle")
    raise AssertionError(f"Material's search showed no result for {query!r}")


def choose_version(page, title: str) -> None:
    """Open Material's version selector (it opens on hover) and choose the version `title`."""
    page.wait_for_selector(".md-version__current")
    page.hover(".md-version")
    page.locator(".md-version__link", has_text=title).click()


def page_only_in(root: Path, version: str, like: str) -> str:
    """A page that one version of a served site has and no other: a copy of its page at `like`
    (an address below the version, such as `exhibit-1-01/rcoi/`) beside it, at the same depth so
    that its relative links hold. Returns the new page's address below the version."""
    address = like.rstrip("/").rsplit("/", 1)[0] + "/only-in-this-year/"
    target = root / version / address / "index.html"
    target.parent.mkdir(parents=True)
    shutil.copy2(root / version / like / "index.html", target)
    return address
