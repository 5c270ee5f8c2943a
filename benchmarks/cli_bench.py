"""Benchmark the start of the `cmrkit` command against a bare interpreter.

    .venv/bin/python benchmarks/cli_bench.py               # make bench-cli
    .venv/bin/python benchmarks/cli_bench.py --runs 40

Issue 22 asks that `cmrkit --help` start within 0.35 s of a bare interpreter: a compliance
analyst runs the command dozens of times an afternoon, and help that loads every command's
engine (pandas, openpyxl, the site's modules) makes each look slow. The figure that matters is
the difference to the interpreter measured in the same run on the same machine, because a loaded
machine slows both alike.

Measured, alternating so that a burst of load hits each side equally, each --runs times in its
own process, as a user runs them:

  * baseline: the interpreter doing nothing (`python -c pass`);
  * `cmrkit --help`, and `cmrkit figures --help` (one command imported, its options parsed);

and printed: median and fastest wall seconds, CPU seconds (user + system of the child), and the
difference and ratio to the baseline. The target is printed next to the figure, never asserted:
timings depend on the machine (`make test` has `tests/architecture/test_loaded_modules.py`,
which asserts what `--help` loads, the cause of its time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TARGET = 0.35  # seconds over a bare interpreter (issue 22)


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float


def measure(command: list[str]) -> Sample:
    """One run of `command`: wall seconds and the child's CPU seconds; a failure stops here."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Sample(wall, cpu)


def cmrkit_command() -> list[str]:
    """The installed console command beside this interpreter (as `make` installs it)."""
    script = Path(sys.executable).with_name("cmrkit")
    if not script.exists():
        raise SystemExit(f"{script}: not installed; run `make install` first")
    return [str(script)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="runs of each command (default 25)")
    args = parser.parse_args(argv)

    cases = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "cmrkit --help": [*cmrkit_command(), "--help"],
        "cmrkit figures --help": [*cmrkit_command(), "figures", "--help"],
    }
    for command in cases.values():  # warm the file cache and bytecode once, unmeasured
        measure(command)
    samples: dict[str, list[Sample]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, command in cases.items():
            samples[name].append(measure(command))

    load = os.getloadavg()[0]
    print(f"{args.runs} runs each, {os.cpu_count()} cores, load average {load:.2f}")
    base = samples["python -c pass (baseline)"]
    base_wall = statistics.median(s.wall for s in base)
    base_cpu = statistics.median(s.cpu for s in base)
    header = f"{'':28} {'median s':>9} {'fastest s':>9} {'CPU s':>7} {'+wall s':>8} {'ratio':>6}"
    print(header)
    for name, runs in samples.items():
        wall = statistics.median(s.wall for s in runs)
        cpu = statistics.median(s.cpu for s in runs)
        fastest = min(s.wall for s in runs)
        print(
            f"{name:28} {wall:9.3f} {fastest:9.3f} {cpu:7.3f} {wall - base_wall:+8.3f} "
            f"{wall / base_wall:6.1f}"
        )
    over = statistics.median(s.wall for s in samples["cmrkit --help"]) - base_wall
    over_cpu = statistics.median(s.cpu for s in samples["cmrkit --help"]) - base_cpu
    verdict = "within" if over <= TARGET else "OVER"
    print(
        f"cmrkit --help: {over:+.3f} s wall, {over_cpu:+.3f} s CPU over the interpreter; "
        f"target {TARGET} s: {verdict}"
    )


if __name__ == "__main__":
    main()
