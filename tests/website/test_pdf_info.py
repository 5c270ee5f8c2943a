"""A PDF's document information set by an incremental update: the old bytes kept, poppler reads
the new author and title, the writer's own entries kept. The PDF is built here by hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cmrkit.website.pdf_info import PdfInfoError, dictionary_entries, pdf_string, with_info


def minimal_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Title (Old \\(draft\\)) /Producer (Hand) /CreationDate (D:20240530120000Z) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


def pdfinfo(path: Path) -> dict[str, str]:
    if not shutil.which("pdfinfo"):
        pytest.fail("pdfinfo is missing: run `make browser` (installs poppler-utils)")
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip()
        for k, _, v in (line.partition(":") for line in text.stdout.splitlines())
    }


def test_author_and_title_are_read_back_and_the_rest_kept(tmp_path: Path) -> None:
    original = minimal_pdf()
    path = tmp_path / "out.pdf"
    path.write_bytes(with_info(original, {"Author": "Métaux & Co (SA)", "Title": "Report"}))
    assert path.read_bytes().startswith(original), "the writer's bytes must stay as they were"
    info = pdfinfo(path)
    assert info["Author"] == "Métaux & Co (SA)"
    assert info["Title"] == "Report"
    assert info["Producer"] == "Hand"
    assert info["Pages"] == "1"


def test_strings_are_escaped_or_utf16() -> None:
    assert pdf_string("a (b) \\c") == b"(a \\(b\\) \\\\c)"
    assert pdf_string("é") == b"<FEFF00E9>"
    entries = dictionary_entries(b" /Title (x \\) y) /N 3 /R 4 0 R /A [1 2] /H <00>")
    assert entries == {
        b"Title": b"(x \\) y)",
        b"N": b"3",
        b"R": b"4 0 R",
        b"A": b"[1 2]",
        b"H": b"<00>",
    }


def test_a_pdf_without_a_classic_trailer_is_refused() -> None:
    with pytest.raises(PdfInfoError):
        with_info(b"%PDF-1.5\n1 0 obj << /Type /XRef >> endobj\nstartxref\n9\n%%EOF\n", {})
