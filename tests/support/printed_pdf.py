"""A built site printed with `cmrkit pdf` as a user runs it, and the PDF read back with
poppler's tools (poppler-utils, installed by `make browser`): the one way the browser tests
print a report and read what it says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmrkit.website.pdf import PRINT_NAME


def poppler(*args: str) -> str:
    """What one of poppler's programs prints; a missing program fails the test saying how to
    install it, rather than skipping what the PDF was to show."""
    if not shutil.which(args[0]):
        pytest.fail(f"{args[0]} is missing: run `make browser` (installs poppler-utils)")
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Printed:
    path: Path
    sheets: list[str]  # each page's text, as pdftotext lays it out (-layout)
    info: dict[str, str]  # pdfinfo's fields

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    def text(self) -> str:
        """The whole text in reading order (pdftotext without -layout): a table cell that
        wraps over lines stays together, where the laid-out sheets put the next cells between."""
        return poppler("pdftotext", str(self.path), "-")


def print_site(site: Path, out: Path) -> Printed:
    """`cmrkit pdf` of `site` into `out`, in its own process (one Playwright per process), as a
    user runs it: it succeeds, writes a PDF and leaves no combined page behind in the site."""
    result = subprocess.run(
        [sys.executable, "-m", "cmrkit", "pdf", "--site", str(site), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert not (site / PRINT_NAME).exists(), "the combined page was left in the site"
    text = poppler("pdftotext", "-layout", str(out), "-")
    lines = poppler("pdfinfo", str(out)).splitlines()
    info = {key.strip(): value.strip() for key, _, value in (s.partition(":") for s in lines)}
    return Printed(out, [sheet for sheet in text.split("\f") if sheet.strip()], info)
