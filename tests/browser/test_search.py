"""Material's search over the Annex, for every year, as a reader uses it: every word of every row
(name, country, status, RMI smelter ID) and of the footnotes under the table finds the Annex as
a whole word, and a result opens the table at the row it names.

The words are asked of Material's own search worker (the script the site ships, with the site's
index and separator), so the check covers the tokenizer the reader's browser runs. Words from
the data are also typed into the search box and their results clicked: a name word, a country
and a smelter ID of rows at the start, middle and end, a footnote's word, and the words the
issue found missing (Agosi, Xiamen, 8853, ITALY, OFAC) in a year whose Annex has them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.browser import annex_url, material_search

ANNEX = "exhibit-1-01/annex-i/"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
ISSUE_WORDS = ("Agosi", "Xiamen", "8853", "ITALY", "OFAC")  # missing before issue 14

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


def footnote_texts(page) -> list[str]:
    return page.eval_on_selector_all(".annex-footnote", "nodes => nodes.map(n => n.textContent)")


def searchable(words: list[str], site: Path) -> list[str]:
    ignored = stop_words(site)
    return [w for w in words if len(w) > 1 and w.lower() not in ignored]


def annex_words(site: Path, page, rows: list[dict[str, str]]) -> set[str]:
    """Every searchable word a reader sees in the Annex rows and footnotes, plus smelter IDs."""
    texts = [
        r[column] for r in rows for column in ("smelter_name", "country", "status", "smelter_id")
    ] + footnote_texts(page)
    return set(searchable([word for text in texts for word in WORD.findall(text)], site))


def words_to_type(site: Path, page, rows: list[dict[str, str]]) -> list[str]:
    """A few words of the year's Annex, chosen from the data, and the issue's where present."""
    picked = []
    for row in (rows[0], rows[len(rows) // 2], rows[-1]):
        name = searchable(WORD.findall(row["smelter_name"]), site)
        picked += [max(name, key=len)] if name else []
        picked += [w for w in (row["smelter_id"], row["country"].split()[0]) if w]
    notes = searchable(WORD.findall(" ".join(footnote_texts(page))), site)
    picked += [max(notes, key=len)] if notes else []
    present = annex_words(site, page, rows)
    picked += [w for w in ISSUE_WORDS if w in present]
    return list(dict.fromkeys(picked))


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
    page, built_site: Path, site_url: str, rows: list[dict[str, str]]
) -> None:
    page.goto(annex_url(site_url))
    words = annex_words(built_site, page, rows)
    ids = {r["smelter_id"] for r in rows if r["smelter_id"]}
    assert ids <= words, "a smelter ID is not among the words searched"
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


def test_a_result_opens_the_annex_where_the_word_is(
    page, built_site: Path, site_url: str, rows: list[dict[str, str]]
) -> None:
    page.goto(annex_url(site_url))
    words = words_to_type(built_site, page, rows)
    assert len(words) >= 5
    for word in words:
        open_result(page, site_url, word, rows)


def open_result(page, site_url: str, word: str, rows: list[dict[str, str]]) -> None:
    """Search from the home page, click the result in the Annex, see the word there."""
    page.goto(site_url)
    material_search(page, word)
    # The row the result names, when it names one; else the page itself. Only results a reader
    # sees: Material folds a page's further results under "more on this page".
    row_links = page.locator(
        f".md-search-result__link[href*='{ANNEX}'][href*='#annex-row-']:visible"
    )
    link = (
        row_links.first
        if row_links.count()
        else page.locator(f".md-search-result__link[href*='{ANNEX}']:visible").first
    )
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(re.compile(re.escape(ANNEX)))
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    if "#annex-row-" in href:
        row = page.locator("#annex-i tbody tr:target")
        assert row.count() == 1, f"{word}: the result opened no row"
        # The row the data says has the word (a smelter ID is not printed in the table).
        number = int(href.rsplit("#annex-row-", 1)[1])
        assert row.get_attribute("id") == f"annex-row-{number}"
        assert word.lower() in " ".join(rows[number - 1].values()).lower(), word
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
