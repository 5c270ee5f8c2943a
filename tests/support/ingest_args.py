"""The output options of `cmrkit ingest`, written once for the tests and the benchmark that run
the command over a folder and then read what it wrote."""

from __future__ import annotations

from pathlib import Path

OUTPUT_FILES = {
    "--out": "smelters.csv",
    "--problems": "problems.csv",
    "--suppliers": "suppliers.csv",
    "--rcoi": "rcoi.yml",
}


def output_args(out: Path, *, rcoi: bool = True) -> list[str]:
    """`--out`, `--problems`, `--suppliers` (and `--rcoi`) into the folder `out`."""
    args: list[str] = []
    for option, name in OUTPUT_FILES.items():
        if option != "--rcoi" or rcoi:
            args += [option, str(out / name)]
    return args
