"""Material's search index of the site, against a baseline revision built in the same run.

Run with `make bench-search` (or `.venv/bin/python benchmarks/search_bench.py --base main`).
Both sides are built here, each with its own engine (git archive of the base revision; the
working tree for this one), for the same year:

* bytes of `search/search_index.json` (raw and gzip -9: what a reader's browser fetches on the
  first search) and its number of entries, and the Annex page's own bytes;
* how many of the Annex's words (every smelter name word, country, status, RMI smelter ID and
  footnote word, as in tests/browser/test_search.py) reach the index as whole words, split the
  way the index's own separator splits them (Material's tokenizer splits with that regex).

Figures are printed with the ratio this / base, never asserted."""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import tempfile
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from cmrkit.website.diff import exported  # noqa: E402
from cmrkit.website.runner import build_site  # noqa: E402

ANNEX = "exhibit-1-01/annex-i/"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
FOOTNOTE = re.compile(r'<p\b[^>]*class="annex-footnote"[^>]*>(.*?)</p>', re.S)


def annex_words(data: Path, year: int, annex_html: str) -> set[str]:
    with open(data / str(year) / "annex.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [
        row.get(column, "")
        for row in rows
        for column in ("smelter_name", "country", "status", "smelter_id")
    ]
    texts += [unescape(re.sub(r"<[^>]+>", " ", note)) for note in FOOTNOTE.findall(annex_html)]
    return {w.lower() for text in texts for w in WORD.findall(text) if len(w) > 1}


def measure(site: Path, data: Path, year: int) -> dict[str, float]:
    raw = (site / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    separator = re.compile(index["config"]["separator"])
    tokens = {
        token.lower()
        for doc in index["docs"]
        for field in ("title", "text")
        for token in separator.split(re.sub(r"<[^>]+>", " ", doc.get(field, "")))
        if token
    }
    page = (site / ANNEX / "index.html").read_bytes()
    words = annex_words(data, year, page.decode("utf-8"))
    return {
        "index bytes (raw)": len(raw),
        "index bytes (gzip -9)": len(gzip.compress(raw, 9)),
        "index entries": len(index["docs"]),
        "Annex page bytes (raw)": len(page),
        "Annex page bytes (gzip -9)": len(gzip.compress(page, 9)),
        "Annex words": len(words),
        "Annex words indexed whole": len(words & tokens),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="baseline git revision (main)")
    parser.add_argument("--year", type=int, default=2023, help="year to build (2023)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        with exported(REPO, args.base) as tree:
            engine = tree.root / "src"
            base_site = build_site(tree.root, args.year, Path(scratch) / "base", pythonpath=engine)
            base = measure(base_site, tree.data_dir, args.year)
        this_site = build_site(REPO, args.year, Path(scratch) / "this")
        this = measure(this_site, REPO / "data", args.year)
    print(f"Search index of {args.year}: this working tree against {args.base}, built in this run")
    print(f"{'':<28}{'this':>12}{args.base:>12}{'ratio':>8}")
    for name in this:
        ratio = this[name] / base[name] if base[name] else float("nan")
        print(f"{name:<28}{this[name]:>12,.0f}{base[name]:>12,.0f}{ratio:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
