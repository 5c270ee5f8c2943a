"""Material's search over the Annex, as a reader uses it: every word of every row (name, country,
status, RMI smelter ID) and of the footnotes under the table finds the Annex as a whole word, and
a result opens the table at the row it names.

The words are asked of Material's own search worker (the script the site ships, with the site's
index and separator), so the check covers the tokenizer the reader's browser runs; the five
words of the issue are also typed into the search box and their results clicked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .annex_data import csv_rows
from .conftest import annex_url, material_search

pytestmark = pytest.mark.browser

ANNEX = "exhibit-1-01/annex-i/"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
ISSUE_WORDS = ("Agosi", "Xiamen", "8853", "ITALY", "OFAC")

# Material's search worker, driven as Material drives it: SETUP (0) with the index, QUERY (2)
# with the text typed; RESULT (3) holds groups of items, each a page or one of its sections.
ASK_WORKER = """async ([words, docs]) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL('search/search_index.json', base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const ask = (message) => new Promise(resolve => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: docs || index.docs,
                             options: {suggest: false}}});
  const found = {};
  for (const word of words) {
    const result = await ask({type: 2, data: word});
    found[word] = result.data.items.flat().map(item => [item.location, item.title, item.text]);
  }
  worker.terminate();
  return found;
}"""


def stop_words(site: Path) -> set[str]:
    """The words Material's search drops (lunr's English stop words, from the shipped worker)."""
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    found = re.search(r"generateStopWordFilter\(\[([^\]]*)\]", worker.read_text("utf-8"))
    assert found, f"{worker}: no stop word list (a new Material version?)"
    return set(re.findall(r'"([^"]+)"', found.group(1)))


def annex_words(site: Path, page) -> set[str]:
    """Every searchable word a reader sees in the Annex rows and footnotes, plus smelter IDs."""
    footnotes = page.eval_on_selector_all(
        ".annex-footnote", "nodes => nodes.map(n => n.textContent)"
    )
    assert footnotes, "no footnote under the Annex: the footnote words would go untested"
    texts = [
        r[column]
        for r in csv_rows()
        for column in ("smelter_name", "country", "status", "smelter_id")
    ] + footnotes
    ignored = stop_words(site)
    return {
        word
        for text in texts
        for word in WORD.findall(text)
        if len(word) > 1 and word.lower() not in ignored
    }


def exact_mark(word: str, html: str) -> bool:
    """Material marks the whole indexed word a query matched: equal to the word, not longer."""
    return any(m.lower() == word.lower() for m in re.findall(r"<mark>(.*?)</mark>", html))


def not_found(results: dict[str, list[list[str]]]) -> list[str]:
    return sorted(
        word
        for word, items in results.items()
        if not any(
            location.startswith(ANNEX) and exact_mark(word, title + text)
            for location, title, text in items
        )
    )


def test_every_annex_word_finds_the_annex_as_a_whole_word(
    page, built_site: Path, site_url: str
) -> None:
    page.goto(annex_url(site_url))
    words = annex_words(built_site, page)
    assert {"Agosi", "Xiamen", "8853", "ITALY", "OFAC"} <= words
    assert any(w.startswith("CID") for w in words), "no smelter ID among the words"
    results = page.evaluate(ASK_WORKER, [sorted(words), None])
    missing = not_found(results)
    assert not missing, f"{len(missing)} of {len(words)} words not found whole: {missing[:40]}"


def test_the_check_catches_cells_glued_together(page, site_url: str) -> None:
    """The same check on an index where a row's cells reach search without spaces between them
    (as they did): the words inside the glued token are not found."""
    page.goto(annex_url(site_url))
    glued = [{"location": ANNEX, "title": "Annex", "text": "Gold8853 S.p.A.ITALYIndeterminable"}]
    results = page.evaluate(ASK_WORKER, [["8853", "ITALY", "Gold"], glued])
    assert not_found(results) == ["8853", "Gold", "ITALY"]


@pytest.mark.parametrize("word", ISSUE_WORDS)
def test_a_result_opens_the_annex_where_the_word_is(page, site_url: str, word: str) -> None:
    page.goto(site_url)
    material_search(page, word)
    # The row the result names, when it names one; else the page itself.
    rows = page.locator(f".md-search-result__link[href*='{ANNEX}'][href*='#annex-row-']")
    link = (
        rows.first
        if rows.count()
        else page.locator(f".md-search-result__link[href*='{ANNEX}']").first
    )
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(re.compile(re.escape(ANNEX)))
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    if "#annex-row-" in href:
        row = page.locator("#annex-i tbody tr:target")
        assert row.count() == 1, f"{word}: the result opened no row"
        assert word.lower() in row.inner_text().lower() or word.startswith("CID")
        head = page.evaluate(
            "document.querySelector('#annex-i thead').getBoundingClientRect().bottom"
        )
        box = row.bounding_box()
        assert box and box["y"] >= max(header, head) - 1, f"{word}: the row is under a header"
        assert box["y"] + box["height"] <= page.viewport_size["height"]
    else:
        page.wait_for_function(
            "() => { const m = document.querySelector('article mark[data-md-highlight]');"
            " if (!m) return false; const r = m.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight; }"
        )
        mark = page.locator("article mark[data-md-highlight]").first
        assert mark.inner_text().lower() == word.lower()
        assert (mark.bounding_box() or {"y": 0})["y"] >= header
