"""How light and how fast the Annex page is, against Material's default search on the same page.

Run with `make bench-annex` (builds the site first). Both sides are measured in the same run, in
the same headless Chromium, on the same built page served from localhost:

* bytes: HTML + JavaScript + CSS the page loads (uncompressed), with the site's scripts (annex.js,
  site.js) and the Annex stylesheet, and without them (the baseline);
* latency: median time to apply a text filter over the Annex table with annex.js (input event
  to rows shown or hidden, layout included), and the baseline, Material's default search, from
  the query to its result list updated (layout included), over the same queries.

Figures are printed, never asserted: timings depend on the machine."""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cmrkit.website import chromium  # noqa: E402
from tests.support.localserver import serve  # noqa: E402

QUERIES = ("refinery", "gold", "metal", "japan", "co", "tin", "smelting", "ltd")
ANNEX = "exhibit-1-01/annex-i/"
OURS = ("annex.js", "annex.css", "site.js")

FILTER_JS = """async ([queries, runs]) => {
  const input = document.getElementById('annex-search');
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    input.value = queries[i % queries.length];
    input.dispatchEvent(new Event('input', {bubbles: true}));
    document.body.getBoundingClientRect();
    times.push(performance.now() - start);
    input.value = '';
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return times;
}"""

MATERIAL_JS = """async ([queries, runs]) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const ask = (q) => new Promise(resolve => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.md-search-result__item') && q) return;
      observer.disconnect();
      document.body.getBoundingClientRect();
      resolve(performance.now() - start);
    });
    observer.observe(meta.parentNode, {childList: true, subtree: true, characterData: true});
    input.value = q;
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));
  });
  input.focus();
  await ask(queries[0]);  // warm up: the worker loads and indexes the site
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(await ask(queries[(i + 1) % queries.length]));
  }
  return times;
}"""


def page_bytes(site: Path, include_ours: bool) -> dict[str, tuple[int, int]]:
    """(raw, gzip) bytes of the page's HTML and of the scripts and stylesheets it links."""
    page = site / ANNEX / "index.html"
    html = page.read_text(encoding="utf-8")
    links = {
        "script": re.findall(r'<script src="([^"]+)"', html),
        "stylesheet": re.findall(r'<link rel="stylesheet" href="([^"]+)"', html),
    }
    files = {"document": [page]}
    for kind, hrefs in links.items():
        files[kind] = [
            (page.parent / href.split("?")[0]).resolve()
            for href in hrefs
            if include_ours or not href.endswith(OURS)
        ]
    return {
        kind: (
            sum(len(p.read_bytes()) for p in paths),
            sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths),
        )
        for kind, paths in files.items()
    }


def latency(browser, url: str, script: str, runs: int, block_ours: bool) -> list[float]:
    context = browser.new_context()
    if block_ours:
        context.route(
            "**/*",
            lambda route: route.abort() if route.request.url.endswith(OURS) else route.continue_(),
        )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    times = page.evaluate(script, [list(QUERIES), runs])
    context.close()
    return times


def measure(base: str, runs: int) -> tuple[str, int, list[float], list[float]]:
    """Row count and filter latencies of the Annex page served at `base`, both sides."""
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=chromium.EXECUTABLE, args=list(chromium.LAUNCH_FLAGS)
    )
    try:
        url = base + ANNEX
        rows = browser.new_page()
        rows.goto(url)
        count = rows.locator("#annex-i tbody tr").count()
        rows.close()
        filter_ms = latency(browser, url, FILTER_JS, runs, block_ours=False)
        material_ms = latency(browser, url, MATERIAL_JS, runs, block_ours=True)
    finally:
        browser.close()
        playwright.stop()
    return url, count, filter_ms, material_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (./site)")
    parser.add_argument("--runs", type=int, default=40, help="filter runs per side (40)")
    args = parser.parse_args()
    if not (args.site / ANNEX / "index.html").is_file():
        parser.error(f"{args.site}: no built Annex page (run make site)")
    with serve(args.site) as base:
        url, count, filter_ms, material_ms = measure(base, args.runs)

    ours = page_bytes(args.site, include_ours=True)
    baseline = page_bytes(args.site, include_ours=False)
    index = args.site / "search" / "search_index.json"
    print(f"Annex page: {url} ({count} rows), {args.runs} runs per side")
    for column, label in ((0, "bytes (raw)"), (1, "bytes (gzip -9)")):
        print(f"{label:<24}{'with annex.js':>16}{'baseline':>12}{'ratio':>8}")
        for kind in ("document", "script", "stylesheet"):
            mine, base = ours[kind][column], baseline[kind][column]
            print(f"{kind:<24}{mine:>16,}{base:>12,}{mine / base:>8.3f}")
        mine = sum(v[column] for v in ours.values())
        base = sum(v[column] for v in baseline.values())
        print(f"{'total':<24}{mine:>16,}{base:>12,}{mine / base:>8.3f}")
    raw = index.read_bytes()
    print(
        f"Material search also fetches search_index.json on first use: {len(raw):,} bytes raw, "
        f"{len(gzip.compress(raw, 9)):,} gzip"
    )
    ours_med, base_med = statistics.median(filter_ms), statistics.median(material_ms)
    print()
    print(f"{'latency (ms)':<24}{'median':>10}{'p90':>10}{'max':>10}")
    for name, times in (("annex.js text filter", filter_ms), ("Material search", material_ms)):
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:<24}{statistics.median(times):>10.2f}{p90:>10.2f}{max(times):>10.2f}")
    print(f"ratio annex.js / Material search (median): {ours_med / base_med:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
