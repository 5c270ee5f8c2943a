"""Benchmark `cmrkit import` and the build of imported years, against a one-year build.

    .venv/bin/python benchmarks/import_bench.py            # make bench-import
    .venv/bin/python benchmarks/import_bench.py --years 12 --rows 350

A synthetic filed report (the invented company of the import tests, its smelter list grown to
--rows rows with unique names, written by a filing agent in nested div/span style with page
breaks, page numbers, a running header and the table split per page) is imported into new
`cmrkit init` repositories. It measures, in the same run:

  * baseline: `mkdocs build --strict` of one imported year in a repository holding only it
    (and the draft year `cmrkit init` starts), as `make site YEAR=...` runs it;
  * import: `cmrkit import YEAR ex101.htm` of that report, as a user runs it (its own process);
  * twelve years: the same report imported as --years consecutive filed years into one
    repository, then each year built the same way;

and prints seconds and each figure as a ratio to the baseline (`--repeat N`: each build N times,
the fastest kept, which evens out a busy machine). Goals: an import under 5 s, and
the build time per year flat as years are added (ratios near 1). Timings are printed, never
asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support import filed_reports as fr  # noqa: E402

FIRST_YEAR = 2014


def report_html(rows: int, year: int) -> str:
    """The invented report for `year`, its Annex grown to `rows` rows (names made unique)."""
    base = fr.ROWS
    grown = tuple(
        (metal, f"{name} {index // len(base) + 1}" if index >= len(base) else name, country, status)
        for index, (metal, name, country, status) in ((i, base[i % len(base)]) for i in range(rows))
    )
    original = fr.ROWS
    fr.ROWS = grown  # type: ignore[misc]
    try:
        html = fr.exhibit_html("div_span", "one_table")
    finally:
        fr.ROWS = original  # type: ignore[misc]
    html = html.replace(f"identified {len(original)} smelters", f"identified {rows} smelters")
    return html.replace(str(fr.YEAR), str(year))


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Seconds for one command; a failure stops the benchmark with its output."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return seconds


def cmrkit(*args: str, cwd: Path) -> float:
    return run([sys.executable, "-m", "cmrkit", *args], cwd)


def build(repo: Path, year: int) -> float:
    env = {**os.environ, "CMRKIT_YEAR": str(year), "NO_MKDOCS_2_WARNING": "1"}
    site = repo / f"site-{year}"
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], repo, env)


def new_repo(folder: Path, last_year: int) -> Path:
    folder.mkdir(exist_ok=True)
    repo = folder / "repo"
    cmrkit("init", str(repo), "--company", fr.COMPANY, "--year", str(last_year + 1), cwd=folder)
    return repo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=12, help="imported years (default 12)")
    parser.add_argument("--rows", type=int, default=350, help="Annex rows per report")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds per year, the fastest kept (a busy machine)"
    )
    args = parser.parse_args()
    years = list(range(FIRST_YEAR, FIRST_YEAR + args.years))
    with tempfile.TemporaryDirectory(prefix="cmrkit-import-bench-") as scratch:
        work = Path(scratch)
        for year in years:
            (work / f"ex101-{year}.htm").write_text(report_html(args.rows, year), encoding="ascii")
        size = (work / f"ex101-{years[-1]}.htm").stat().st_size

        one = new_repo(work / "one", years[-1])
        imported = cmrkit("import", str(years[-1]), str(work / f"ex101-{years[-1]}.htm"), cwd=one)
        baseline = min(build(one, years[-1]) for _ in range(args.repeat))

        many = new_repo(work / "many", years[-1])
        imports = [
            cmrkit("import", str(year), str(work / f"ex101-{year}.htm"), cwd=many) for year in years
        ]
        builds = {year: min(build(many, year) for _ in range(args.repeat)) for year in years}

    print(f"report: {args.rows} Annex rows, {size / 1024:.0f} KB of EDGAR HTML")
    print(f"baseline: one-year build      {baseline:6.2f} s   1.00")
    print(f"import of one report          {imported:6.2f} s   {imported / baseline:.2f}"
          f"   (goal: under 5 s)")  # fmt: skip
    print(f"imports of {len(years)} years: median {statistics.median(imports):6.2f} s   "
          f"{statistics.median(imports) / baseline:.2f}")  # fmt: skip
    print(f"build per year with {len(years)} imported years present:")
    for year, seconds in builds.items():
        print(f"  {year}                        {seconds:6.2f} s   {seconds / baseline:.2f}")
    median = statistics.median(builds.values())
    print(f"  median                      {median:6.2f} s   {median / baseline:.2f}"
          "   (goal: flat, near 1.00)")  # fmt: skip


if __name__ == "__main__":
    main()
