"""Facts are data, never markup: markup planted in every text fact of `facts.yml` is shown as
text on every page (the header and title, where the registrant's name is the site's name, the
navigation and tables of contents), in the search index, in the EDGAR documents and in the PDF,
and never becomes an element. Runs for every year, from a private copy of the project whose
facts carry the markup; which facts are text is found by trying, not listed here."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.errors import CmrkitError
from cmrkit.record.filed import normalize
from cmrkit.year.pages import load_pages
from cmrkit.year.report import load_year
from tests.support.browser import page_urls
from tests.support.localserver import serve
from tests.support.printed_pdf import print_site
from tests.support.project import YEARS, build, copy_project


def planted(key: str) -> str:
    """Markup a page could take for real, naming the fact it sits in. (Text that reads as a
    Markdown link, code span, attribute list or template expression is refused by the EDGAR
    export as Markdown left in the text, so it never reaches a filing.)"""
    return f'<b class="planted">{key}</b> *em* _em_ <img src=x onerror=alert(1)> &amp; | !!! # x'


def _leaves(data: object, key: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _leaves(value, (*key, str(name)))
    elif isinstance(data, str):
        yield key


def _set(data: dict, key: tuple[str, ...], value: str) -> None:
    for part in key[:-1]:
        data = data[part]
    data[key[-1]] = value


@dataclass(frozen=True)
class Planted:
    year: int
    project: Path
    site: Path
    facts: dict[str, str]  # dotted fact -> the markup it holds
    shown: list[str]  # the planted facts the year's pages print


@pytest.fixture(scope="module", params=YEARS, ids=lambda y: f"year{y}")
def planted_site(request: pytest.FixtureRequest, tmp_path_factory) -> Planted:
    year = request.param
    project = copy_project(tmp_path_factory.mktemp("planted"))
    path = project / "data" / str(year) / "facts.yml"
    original = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts: dict[str, str] = {}
    data = copy.deepcopy(original)
    for key in _leaves(original):
        if key[0] in ("urls", "annex"):  # URLs are refused with markup; annex names a file
            continue
        trial = copy.deepcopy(original)
        dotted = ".".join(key)
        _set(trial, key, planted(dotted))
        path.write_text(yaml.safe_dump(trial, sort_keys=False), encoding="utf-8")
        try:
            load_year(project / "data", year)
        except CmrkitError:
            continue  # not free text (a choice of words): cannot hold markup
        facts[dotted] = planted(dotted)
        _set(data, key, planted(dotted))
    assert "registrant.name" in facts
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build(project, year)
    assert result.returncode == 0, result.stderr
    sources = " ".join(
        (load_pages(project / "docs", year).folder / md).read_text(encoding="utf-8")
        for md in load_pages(project / "docs", year).files
    )
    shown = [key for key in facts if re.search(rf"\bfacts\.{re.escape(key)}\b", sources)]
    assert shown, "the pages print no text fact"
    return Planted(year, project, project / "site", facts, shown)


def test_markup_in_facts_is_shown_as_text_on_every_page(page, planted_site: Planted) -> None:
    with serve(planted_site.site) as base:
        seen = ""
        for url in page_urls(planted_site.site, base, planted_site.year):
            page.goto(url, wait_until="load")
            assert page.locator(".planted").count() == 0, f"{url}: a fact became an element"
            assert page.locator("img[src=x]").count() == 0, f"{url}: a fact became an image"
            body = normalize(page.inner_text("body"))
            seen += " " + body
            name = planted_site.facts["registrant.name"]
            assert name in page.title(), f"{url}: the title is not the registrant's name as text"
            header = normalize(page.inner_text(".md-header__topic"))
            assert name in header, f"{url}: the header is not the registrant's name as text"
        assert page.dialogs == []
    for key in planted_site.shown:
        shown = normalize(planted_site.facts[key])
        assert shown in seen or shown.upper() in seen, f"facts.{key} is not shown as text"


def test_markup_in_facts_stays_text_in_the_search_index(planted_site: Planted) -> None:
    index = json.loads((planted_site.site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert '<b class="planted"' not in doc.get(field, ""), doc["location"]
            assert "<img src=x" not in doc.get(field, ""), doc["location"]
    escaped = planted_site.facts["registrant.name"].replace("<", "&lt;").replace(">", "&gt;")
    assert any(escaped.split(" *")[0] in doc["text"] for doc in index["docs"])


def test_markup_in_facts_stays_text_in_the_edgar_documents(planted_site: Planted) -> None:
    documents = sorted((planted_site.site / "edgar").glob("*.htm"))
    assert documents
    assert main(["edgar", "--check", *map(str, documents)]) == 0
    name = planted_site.facts["registrant.name"]
    for document in documents:
        html = document.read_text(encoding="ascii")
        assert "<b " not in html and "<img" not in html
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and name.replace("<", "&lt;").replace(">", "&gt;").split(" *")[0] in title[1]


def test_markup_in_facts_is_printed_as_text_in_the_pdf(planted_site: Planted, tmp_path) -> None:
    text = normalize(print_site(planted_site.site, tmp_path / "report.pdf").text())
    name = normalize(planted_site.facts["registrant.name"])
    assert name in text or name.upper() in text
