"""Outputs never overwrite inputs.

A command that writes files is given their paths by a person, and a slip (`--out` naming a
supplier's workbook, `--rcoi data/2023/facts.yml`) would destroy an input without a word. So
before anything is written, every output path is compared with the run's inputs: by path, after
links are resolved, and by file identity, so a hard link or a symbolic link to an input is seen
too. A command lifts the input rules only when the user says `--force`; two outputs on one path
are refused always, since one would overwrite the other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FACTS_FILE = "facts.yml"


@dataclass(frozen=True)
class Guard:
    """What a run's outputs must not overwrite."""

    input_files: tuple[tuple[str, Path], ...] = ()  # (option, path) of each input file
    input_folders: tuple[Path, ...] = ()  # folders whose every file is an input
    data_folder: Path | None = None  # nothing under it but `allowed` folders
    allowed: tuple[Path, ...] = ()  # folders under `data_folder` that hold outputs


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _inside(path: Path, folder: Path) -> bool:
    real, root = _real(path), _real(folder)
    return real == root or root in real.parents


def clashes(outputs: Mapping[str, Path | None], guard: Guard, force: bool) -> list[str]:
    """One sentence per output that would overwrite something it must not (empty: all clear)."""
    found: list[str] = []
    given = [(option, path) for option, path in outputs.items() if path is not None]
    seen: dict[Path, str] = {}
    for option, path in given:
        real = _real(path)
        if real in seen:
            found.append(f"{option} {path} is also {seen[real]}: one would overwrite the other")
        seen.setdefault(real, option)
    if force:
        return found
    inputs = [(option, path, _identity(path)) for option, path in guard.input_files]
    for option, path in given:
        identity = _identity(path)
        for input_option, input_path, input_identity in inputs:
            same = _real(path) == _real(input_path) or (
                identity is not None and identity == input_identity
            )
            if same:
                found.append(f"{option} {path} is the input {input_option} {input_path}")
                break
        else:
            reason = _protected(path, guard)
            if reason:
                found.append(f"{option} {path} {reason}")
    return found


def _protected(path: Path, guard: Guard) -> str:
    for folder in guard.input_folders:
        if _inside(path, folder):
            return (
                f"is inside the input folder {folder}: it would overwrite a supplier's file "
                "or be read as one"
            )
    if path.name == FACTS_FILE:
        return "is a facts file"
    in_data = guard.data_folder is not None and _inside(path, guard.data_folder)
    if in_data and not any(_inside(path, folder) for folder in guard.allowed):
        return (
            f"is under the data folder {guard.data_folder}, which holds the report's data; "
            "only its YEAR/ingest/ folders hold ingest outputs"
        )
    return ""


def input_paths(values: Iterable[object]) -> list[Path]:
    """The paths among option values (a path, a text, or lists and pairs of them)."""
    out: list[Path] = []
    for value in values:
        if isinstance(value, Path):
            out.append(value)
        elif isinstance(value, str) and value:
            out.append(Path(value.split("=", 1)[-1]))
        elif isinstance(value, list | tuple):
            out.extend(input_paths(value))
    return out
