"""The wheel of the running cmrkit, written into a filer's repository (`vendor/`) by `cmrkit init`.

Until cmrkit is published on a package index, a new repository cannot install it from there, so
`make site`, `make test` and the CI workflow would fail on a fresh machine. The repository
therefore carries the very cmrkit that wrote it, as a wheel pinned by its sha256 in
`requirements.lock` (one line, `./vendor/cmrkit-VERSION-py3-none-any.whl --hash=sha256:...`),
which pip installs like any other pinned file. Once cmrkit is on the index, that line becomes
`cmrkit==VERSION --hash=...` and the folder goes.

The wheel is rebuilt from the installed package (its files and its metadata), whether it was
installed from a wheel or from a checkout in editable mode: the same files in the same order with
a fixed date, so the same cmrkit always gives the same bytes and the same hash."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import zipfile
from pathlib import Path

import cmrkit
from cmrkit.errors import CmrkitError
from cmrkit.version import __version__

FOLDER = "vendor"
NAME = "cmrkit"
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip file stores: no build time in the bytes
WHEEL = "Wheel-Version: 1.0\nGenerator: cmrkit init\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
SKIPPED_PARTS = {"__pycache__"}
SKIPPED_SUFFIXES = (".pyc", ".pyo")


def wheel_name(version: str = __version__) -> str:
    return f"{NAME}-{version}-py3-none-any.whl"


def lock_line(relative: str, digest: str) -> str:
    """The requirements.lock line that pins the vendored wheel by its hash."""
    return f"./{relative} --hash=sha256:{digest}"


def _package_files() -> list[tuple[str, bytes]]:
    """(path in the wheel, bytes) of every file of the installed package, sorted."""
    root = Path(cmrkit.__file__).resolve().parent
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or SKIPPED_PARTS & set(relative.parts):
            continue
        if path.suffix in SKIPPED_SUFFIXES:
            continue
        files.append((f"{NAME}/{relative.as_posix()}", path.read_bytes()))
    return files


def _metadata_files() -> list[tuple[str, bytes]]:
    """METADATA and entry points of the installed distribution, and a WHEEL file."""
    try:
        distribution = importlib.metadata.distribution(NAME)
    except importlib.metadata.PackageNotFoundError:
        raise CmrkitError(
            "cmrkit runs without its package metadata (not installed with pip): cannot write "
            "its wheel into the new repository; install cmrkit with pip and run init again"
        ) from None
    info = f"{NAME}-{__version__}.dist-info"
    out = [(f"{info}/WHEEL", WHEEL.encode())]
    for name in ("METADATA", "entry_points.txt"):
        text = distribution.read_text(name)
        if text is None:
            raise CmrkitError(f"cmrkit's installed metadata has no {name}: reinstall cmrkit")
        out.append((f"{info}/{name}", text.encode("utf-8")))
    return out


def _record(files: list[tuple[str, bytes]], record: str) -> bytes:
    lines = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    lines.append(f"{record},,")
    return ("\n".join(lines) + "\n").encode()


def write_own_wheel(folder: Path) -> tuple[Path, str]:
    """Write the running cmrkit's wheel into `folder`; its path and sha256 (hex)."""
    files = _package_files() + _metadata_files()
    record = f"{NAME}-{__version__}.dist-info/RECORD"
    files.append((record, _record(files, record)))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / wheel_name()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=EPOCH)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()
