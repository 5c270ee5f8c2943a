"""A PDF's document information (title, author, subject), set after Chromium wrote the file.

Chromium takes a PDF's title from the page's <title> but writes no author or subject, whatever
the page's <meta> tags say. The information is written the way PDF provides for changing a file
without rewriting it (ISO 32000-1, 7.5.6, incremental update): a new information dictionary is
appended, with a cross-reference section and a trailer pointing back at the previous one, so
every byte Chromium wrote stays as it was. Entries of Chromium's own dictionary (its producer,
its dates) are kept unless replaced."""

from __future__ import annotations

import re

from cmrkit.errors import CmrkitError


class PdfInfoError(CmrkitError):
    """The PDF is not laid out the way this module can update (no classic trailer)."""


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)


def pdf_string(text: str) -> bytes:
    """A PDF text string: literal when ASCII, else UTF-16BE with its byte order mark, in hex."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _value_end(data: bytes, start: int) -> int:
    """Where the value that starts at `start` in a dictionary ends (strings, names, numbers,
    references, arrays; what an information dictionary holds)."""
    if data[start : start + 1] == b"(":
        depth, index = 0, start
        while index < len(data):
            char = data[index : index + 1]
            if char == b"\\":
                index += 2
                continue
            depth += {b"(": 1, b")": -1}.get(char, 0)
            index += 1
            if depth == 0:
                return index
        raise PdfInfoError("an unterminated string in the document information")
    if data[start : start + 1] == b"<":
        return data.index(b">", start) + 1
    if data[start : start + 1] == b"[":
        return data.index(b"]", start) + 1
    match = re.compile(rb"(?:\d+\s+\d+\s+R|[^\s/<>\[\]()]+|/[^\s/<>\[\]()]+)").match(data, start)
    if not match:
        raise PdfInfoError("an unreadable value in the document information")
    return match.end()


def dictionary_entries(body: bytes) -> dict[bytes, bytes]:
    """The entries of a dictionary's body (between << and >>) as raw key and value bytes."""
    entries: dict[bytes, bytes] = {}
    index = 0
    while True:
        key = re.compile(rb"\s*/([^\s/<>\[\]()]+)\s*").match(body, index)
        if not key:
            return entries
        end = _value_end(body, key.end())
        entries[key.group(1)] = body[key.end() : end]
        index = end


def with_info(pdf: bytes, info: dict[str, str]) -> bytes:
    """`pdf` with `info` (e.g. {"Author": "Qualys, Inc."}) in its document information."""
    found = _STARTXREF.search(pdf)
    trailers = list(_TRAILER.finditer(pdf))
    if not found or not trailers:
        raise PdfInfoError("no classic cross-reference table and trailer to update")
    trailer = dictionary_entries(trailers[-1].group(1))
    if b"Root" not in trailer or b"Size" not in trailer:
        raise PdfInfoError("the trailer names no /Root or /Size")
    entries: dict[bytes, bytes] = {}
    old = re.match(rb"(\d+)\s+(\d+)\s+R", trailer.get(b"Info", b""))
    if old:
        body = re.search(
            rb"(?<!\d)" + old.group(1) + rb"\s+" + old.group(2) + rb"\s+obj\s*<<(.*?)>>\s*endobj",
            pdf,
            re.S,
        )
        if body:
            entries = dictionary_entries(body.group(1))
    for key, value in info.items():
        entries[key.encode("ascii")] = pdf_string(value)
    number = int(trailer[b"Size"])
    start = len(pdf) + 1  # after the line break that separates the update
    obj = (
        f"{number} 0 obj\n<<".encode("ascii")
        + b"".join(b" /" + key + b" " + value for key, value in entries.items())
        + b" >>\nendobj\n"
    )
    xref_at = start + len(obj)
    new_trailer = [b"/Size " + str(number + 1).encode(), b"/Root " + trailer[b"Root"]]
    new_trailer.append(f"/Info {number} 0 R".encode())
    new_trailer.append(b"/Prev " + found.group(1))
    if b"ID" in trailer:
        new_trailer.append(b"/ID " + trailer[b"ID"])
    update = (
        obj
        + f"xref\n{number} 1\n{start:010d} 00000 n \n".encode("ascii")
        + b"trailer\n<< "
        + b" ".join(new_trailer)
        + f" >>\nstartxref\n{xref_at}\n%%EOF\n".encode("ascii")
    )
    return pdf + b"\n" + update
