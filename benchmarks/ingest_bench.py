"""Benchmark `cmrkit ingest` against openpyxl on the same real-template CMRTs.

    .venv/bin/python benchmarks/ingest_bench.py             # 200 files (make bench)
    .venv/bin/python benchmarks/ingest_bench.py --files 1000 --jobs 2

The corpus is built from RMI's real blank templates (../shared/cmrt-templates or
$CMRKIT_TEMPLATES, never copied into the repository): one filled supplier file per 6.x revision,
each with 150 smelter rows, then copied round-robin to N files, each made unique by a zip
comment so that the content-keyed cache cannot reuse one file's result for another.

`--style real` (default) fills the templates at the XML level, keeping every part Excel wrote
(1.4-1.6 MB files, like real supplier files): IDs typed in column A, and the values Excel caches
in the formula columns B, C, E, F written into those cells. `--style openpyxl` fills them with
the test fixture builder instead (files re-saved by openpyxl: smaller, no cached values).

It measures, in the same run:
  * baseline: openpyxl.load_workbook(read_only=True) per file, on a sample of the corpus
    (it takes over a second per file, so a sample keeps the run short; --baseline-files);
  * engine single-process: cmrkit's read of the same sample, one process, no cache;
  * engine first run: `cmrkit ingest` over the whole corpus as a user runs it (its own process,
    startup included), process pool, empty cache;
  * engine re-run: the same again, every file a cache hit.
and prints seconds, files/s, peak RSS (largest process), CPU time and the ratios against the
targets: at least 10x openpyxl read-only reading the same sheets, and an unchanged re-run at
most a quarter of the first run.
Timings are not asserted anywhere; tests never depend on them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.cmrt.builder import (  # noqa: E402
    LANGUAGES,
    REVISIONS,
    TemplateBuilder,
    by_id,
    declaration,
    pick,
    template_path,
    unlisted,
)
from tests.support.cmrt.xmledit import sheet_part  # noqa: E402
from tests.support.ingest_args import output_args  # noqa: E402

ROWS_PER_FILE = 150


def build_bases(folder: Path) -> list[Path]:
    """One filled file per revision: IDs, picked names and a few unlisted facilities."""
    bases = []
    for index, revision in enumerate(REVISIONS):
        builder = TemplateBuilder(revision)
        ids = sorted(builder.lookup["by_id"])
        names = sorted(k for k in builder.lookup["by_name"] if "not" not in k[1].casefold())
        rows = []
        for n in range(ROWS_PER_FILE):
            if n % 3 == 0:
                rows.append(pick(*names[(n * 7 + index) % len(names)]))
            elif n % 50 == 49:
                rows.append(unlisted("Gold", f"Unlisted Refinery {n}", "GERMANY"))
            else:
                rows.append(by_id(ids[(n * 5 + index * 11) % len(ids)]))
        path = folder / f"base-{revision}.xlsx"
        builder.build(
            path,
            declaration(f"Base supplier {revision}"),
            rows,
            language=LANGUAGES[index % len(LANGUAGES)],
        )
        bases.append(path)
    return bases


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _set_input(xml: str, cell: str, value: str) -> str:
    """Type a string into an empty input cell (`<c r="A5" s="147"/>`)."""
    pattern = re.compile(rf'<c r="{cell}"( s="\d+")?/>')
    replacement = rf'<c r="{cell}"\1 t="inlineStr"><is><t>{_xml(value)}</t></is></c>'
    new, count = pattern.subn(lambda m: replacement.replace("\\1", m.group(1) or ""), xml, 1)
    assert count == 1, cell
    return new


def _set_cached(xml: str, cell: str, value: str) -> str:
    """Put the value Excel would cache into a formula cell's `<v>`."""
    pattern = re.compile(rf'(<c r="{cell}"[^>]*><f[^>]*>[^<]*</f>)(?:<v>[^<]*</v>|<v/>)')
    new, count = pattern.subn(lambda m: f"{m.group(1)}<v>{_xml(value)}</v>", xml, 1)
    assert count == 1, cell
    return new


def build_real_bases(folder: Path) -> list[Path]:
    """One supplier file per revision, filled at the XML level of the real template."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for index, revision in enumerate(REVISIONS):
        source = template_path(revision)
        lookup = TemplateBuilder.read_lookup(source)
        ids = sorted(lookup["by_id"])
        with zipfile.ZipFile(source) as archive:
            smelters = sheet_part(archive, "Smelter List")
            declaration_part = sheet_part(archive, "Declaration")
            sheet = archive.read(smelters).decode("utf-8")
            decl = archive.read(declaration_part).decode("utf-8")
            for n in range(ROWS_PER_FILE):
                row = 5 + n
                entry = lookup["by_id"][ids[(n * 5 + index * 11) % len(ids)]]
                if revision in ("6.31", "6.4") and row == 5:
                    continue  # these copies carry leftovers in row 5; leave the row alone
                sheet = _set_input(sheet, f"A{row}", entry["smelter_id"])
                for column, key in (
                    ("B", "metal"),
                    ("C", "standard_name"),
                    ("E", "country"),
                    ("F", "smelter_id"),
                ):
                    sheet = _set_cached(sheet, f"{column}{row}", entry[key])
            decl = _set_input(decl, "D8", f"Base supplier {revision}")
            path = folder / f"base-{revision}.xlsx"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
                for info in archive.infolist():
                    data = archive.read(info)
                    if info.filename == smelters:
                        data = sheet.encode("utf-8")
                    elif info.filename == declaration_part:
                        data = decl.encode("utf-8")
                    out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        bases.append(path)
    return bases


def build_corpus(bases: list[Path], folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"supplier-{n:05d}.xlsx"
        shutil.copyfile(bases[n % len(bases)], path)
        with zipfile.ZipFile(path, "a") as archive:
            archive.comment = f"benchmark copy {n}".encode()
        paths.append(path)
    return paths


def baseline(paths: list[Path]) -> tuple[float, float]:
    import openpyxl

    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        workbook = openpyxl.load_workbook(path, read_only=True)
        workbook.close()
    return time.perf_counter() - start, time.process_time() - cpu


def baseline_reading(paths: list[Path]) -> tuple[float, float]:
    """openpyxl read-only, also reading the four sheets cmrkit reads (apples to apples)."""
    import openpyxl

    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        workbook = openpyxl.load_workbook(path, read_only=True)
        for name in ("Declaration", "Smelter List", "Product List", "Smelter Look-up"):
            for _ in workbook[name].iter_rows(values_only=True):
                pass
        workbook.close()
    return time.perf_counter() - start, time.process_time() - cpu


def engine_single(paths: list[Path]) -> tuple[float, float]:
    from cmrkit.ingest.cmrt.read import read_supplier_file

    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        read_supplier_file(path)
    return time.perf_counter() - start, time.process_time() - cpu


def engine_run(folder: Path, jobs: int, cache: Path, out: Path) -> dict[str, object]:
    """`cmrkit ingest` as a user runs it, in its own process: the wall time includes Python's
    startup, imports and the process pool. Peak RSS and CPU time come from the kernel (wait4)
    for the command and every worker it started."""
    out.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        "-m",
        "cmrkit.cli",
        "ingest",
        str(folder),
        *output_args(out),
        "--cache-dir",
        str(cache),
        "--jobs",
        str(jobs),
        "--data",
        str(REPO / "data"),
        "--quiet",
    ]
    with (out / "stdout.txt").open("wb") as stdout, (out / "stderr.txt").open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=stdout, stderr=stderr, env={**os.environ, "CI": "1"}
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    text = (out / "stdout.txt").read_text(encoding="utf-8")
    if process.returncode not in (0, 1):
        raise SystemExit(f"cmrkit ingest failed:\n{(out / 'stderr.txt').read_text()}")
    hits = re.search(r"cache hits: (\d+)", text)
    return {
        "seconds": seconds,
        "line": text.splitlines()[0] if text else "",
        "hits": int(hits.group(1)) if hits else 0,
        "rss_kb": usage.ru_maxrss,
        "cpu": usage.ru_utime + usage.ru_stime,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200, help="corpus size (default 200)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--baseline-files", type=int, default=12, help="openpyxl sample size")
    parser.add_argument(
        "--workdir", type=Path, help="keep the corpus here and reuse it (default: a temp dir)"
    )
    parser.add_argument(
        "--style",
        choices=("real", "openpyxl"),
        default="real",
        help="how base files are filled (see above; default real)",
    )
    args = parser.parse_args()
    if not template_path("6.5").is_file():
        print(f"templates not found ({template_path('6.5').parent}); set CMRKIT_TEMPLATES")
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cmrkit-bench-"))
    try:
        t = time.perf_counter()
        existing = sorted((workdir / "corpus").glob("supplier-*.xlsx"))
        if args.workdir is not None and len(existing) == args.files:
            paths = existing  # a kept corpus of the right size (--workdir): reuse it
        else:
            if args.style == "real":
                bases = build_real_bases(workdir / "bases")
            else:
                bases = build_bases(workdir / "bases")
            paths = build_corpus(bases, workdir / "corpus", args.files)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1e6
        print(
            f"corpus ({args.style}): {len(paths)} files, {size:.2f} MB each on average, "
            f"{ROWS_PER_FILE} smelter rows each (built in {time.perf_counter() - t:.1f} s)"
        )
        sample = paths[: max(1, min(args.baseline_files, len(paths)))]
        base_s, base_cpu = baseline(sample)
        reading_s, reading_cpu = baseline_reading(sample)
        single_s, single_cpu = engine_single(sample)
        per_base = base_s / len(sample)
        per_reading = reading_s / len(sample)
        per_single = single_s / len(sample)
        print(f"openpyxl read-only load:              {per_base:.3f} s/file ({len(sample)} files)")
        print(f"openpyxl read-only load + 4 sheets:   {per_reading:.3f} s/file")
        print(
            f"cmrkit read (checks + all it needs), 1 process: {per_single:.3f} s/file: "
            f"{per_base / per_single:.1f}x load, {per_reading / per_single:.1f}x load+sheets"
        )
        cache = workdir / "cache"
        shutil.rmtree(cache, ignore_errors=True)  # the cold run starts from an empty cache
        cold = engine_run(workdir / "corpus", args.jobs, cache, workdir / "out-cold")
        warm = engine_run(workdir / "corpus", args.jobs, cache, workdir / "out-warm")
        for name, run in (("first run", cold), ("re-run", warm)):
            seconds = float(run["seconds"])  # type: ignore[arg-type]
            print(
                f"cmrkit ingest {name} ({args.jobs} jobs, startup included): {seconds:.1f} s, "
                f"{len(paths) / seconds:.1f} files/s, cache hits {run['hits']}, "
                f"peak RSS {int(run['rss_kb']) // 1024} MB (largest process), "  # type: ignore[call-overload]
                f"CPU {float(run['cpu']):.1f} s ({float(run['cpu']) / len(paths):.3f} s/file)"  # type: ignore[arg-type]
            )
        print(f"  {cold['line']}")
        cold_per_file = float(cold["seconds"]) / len(paths)  # type: ignore[arg-type]
        ratio = per_reading / cold_per_file
        print(
            f"ratio, cmrkit ingest first run ({args.jobs} jobs) vs openpyxl read-only load: "
            f"{per_base / cold_per_file:.1f}x; vs openpyxl read-only reading the same 4 sheets "
            f"(the same work): {ratio:.1f}x (target >= 10x, aim 30x): "
            f"{'met' if ratio >= 10 else 'NOT MET'} (wall time: depends on other load)"
        )
        # CPU time is what the work costs whatever else runs on the machine, and it gives the
        # engine no credit for its parallel workers: a stricter, steadier figure, printed for
        # information next to the target's wall-time ratio.
        cpu_ratio = (reading_cpu / len(sample)) / (float(cold["cpu"]) / len(paths))  # type: ignore[arg-type]
        print(
            f"ratio in CPU time, openpyxl read-only reading the same 4 sheets "
            f"({reading_cpu / len(sample):.3f} s/file) vs cmrkit ingest first run, every process "
            f"and startup included ({float(cold['cpu']) / len(paths):.3f} s/file): "  # type: ignore[arg-type]
            f"{cpu_ratio:.1f}x (for information: no credit for the pool's parallel workers); "
            f"vs openpyxl load alone: "
            f"{(base_cpu / len(sample)) / (float(cold['cpu']) / len(paths)):.1f}x; "  # type: ignore[arg-type]
            f"cmrkit read alone, 1 process: {reading_cpu / single_cpu:.1f}x"
        )
        rerun = float(warm["seconds"]) / float(cold["seconds"])  # type: ignore[arg-type]
        print(
            f"unchanged re-run / first run, startup included: {rerun:.2f} "
            f"(target <= 0.25): {'met' if rerun <= 0.25 else 'NOT MET'}"
        )
        cpu_per_file = float(cold["cpu"]) / len(paths)  # type: ignore[arg-type]
        print(
            f"projected 1,000 files cold: {cold_per_file * 1000:.0f} s as measured; "
            f"{cpu_per_file * 1000 / args.jobs:.0f} s on {args.jobs} otherwise idle cores "
            f"(CPU time / jobs); load average now {os.getloadavg()[0]:.1f}"
        )
        print(
            f"benchmark process peak RSS: "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
        )
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
