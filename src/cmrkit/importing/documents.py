"""The documents a filer hands to `cmrkit import`: EDGAR HTML files, or an EDGAR full
submission (`.txt`) wrapping several `<DOCUMENT>`s, each with its `<TYPE>` and `<TEXT>`.

Filed documents are untrusted input: a file too large to be a report is refused before it is
parsed, and every refusal names the file and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cmrkit.errors import CmrkitError

# A Form SD with its Exhibit 1.01 is tens to a few hundred kilobytes of HTML; the largest real
# reports (long smelter lists, page after page) stay well under a few megabytes.
MAX_BYTES = 16 * 1024 * 1024


class ImportRefused(CmrkitError):
    """A document `cmrkit import` cannot read, named with what was expected."""


@dataclass(frozen=True)
class Document:
    """One filed document: where it came from, its EDGAR type when the submission says it, and
    its HTML (or plain text) as filed."""

    source: str  # the file, or `file.txt <DOCUMENT> 2 (EX-1.01)`
    type: str | None  # EDGAR's <TYPE>: SD, EX-1.01, ... (None for a lone HTML file)
    text: str
    filed: str | None = None  # the submission header's FILED AS OF DATE (YYYYMMDD), if any


_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)</DOCUMENT>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"^<TYPE>[ \t]*([^\r\n<]+)", re.MULTILINE | re.IGNORECASE)
_FILENAME = re.compile(r"^<FILENAME>[ \t]*([^\r\n<]+)", re.MULTILINE | re.IGNORECASE)
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL | re.IGNORECASE)
_FILED = re.compile(r"FILED AS OF DATE:\s*(\d{8})")


def decode(raw: bytes, source: str) -> str:
    """EDGAR documents are ASCII with entities; agents' files are sometimes UTF-8 or Latin-1."""
    if b"\x00" in raw[:4096]:
        raise ImportRefused(
            f"{source}: a binary file, expected EDGAR HTML or a full submission .txt"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def split_submission(text: str, source: str) -> list[Document]:
    """The documents of an EDGAR full submission, in order; [] when the text holds none."""
    filed = _FILED.search(text[:20000])
    documents = []
    for index, match in enumerate(_DOCUMENT.finditer(text), start=1):
        body = match.group(1)
        kind = _TYPE.search(body)
        name = _FILENAME.search(body)
        content = _TEXT.search(body)
        if content is None:
            continue
        doc_type = kind.group(1).strip().upper() if kind else None
        label = name.group(1).strip() if name else f"<DOCUMENT> {index}"
        documents.append(
            Document(
                f"{source} {label} ({doc_type or 'no TYPE'})",
                doc_type,
                content.group(1),
                filed.group(1) if filed else None,
            )
        )
    return documents


def read_documents(path: Path) -> list[Document]:
    """The documents in one file: each `<DOCUMENT>` of a full submission, or the file itself."""
    source = str(path)
    if not path.is_file():
        raise ImportRefused(f"{source}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportRefused(
            f"{source}: {size // (1024 * 1024)} MB, larger than any Form SD or Exhibit 1.01 "
            f"(at most {MAX_BYTES // (1024 * 1024)} MB): expected one filed report"
        )
    if size == 0:
        raise ImportRefused(f"{source}: empty file, expected EDGAR HTML or a full submission .txt")
    text = decode(path.read_bytes(), source)
    if re.search(r"<DOCUMENT>", text[:200000], re.IGNORECASE):
        documents = split_submission(text, source)
        if not documents:
            raise ImportRefused(f"{source}: a submission with no <DOCUMENT> holding a <TEXT>")
        return documents
    return [Document(source, None, text)]
