"""Checks on an untrusted workbook's container before any spreadsheet parser touches it.

Supplier files arrive by e-mail from anyone. A CMRT is a zip of XML parts; the parser (calamine)
trusts the sizes the zip declares and would happily inflate a zip bomb, so every part is
inflated here first, in bounded chunks, against limits kept in `layouts.yml`. Python's zipfile
stops at each part's declared size and checks its CRC, so a part that lies about its size fails
here, not later in the parser. XML parts that declare a DOCTYPE, and so any ENTITY (the "billion
laughs" and external-entity tricks), are refused: no spreadsheet program writes them. Excel does
write UTF-16 parts (customXml), so prologs are read in the encoding they announce.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.ingest.cmrt.layout import Limits

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls or an encrypted .xlsx
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_CHUNK = 1 << 20
_HEAD = 16384  # first read of an XML part: the whole prolog of anything Excel writes


# Why a refused file's revision is not known, by how far reading got (see `Refused.revision`).
NOT_OPENED = "the file was not opened (see the reason)"
NOT_A_WORKBOOK = "the file was not opened as a workbook (see the reason)"
NO_REVISION = "no 'Revision x.y' in its Declaration"


class Refused(Exception):
    """A file that cannot be read, with the reason to show the user.

    A refusal can come after the Declaration told the file's revision (a legacy template, a
    structure unlike the newest layout's, a hostile Smelter List): `revision` keeps it for the
    supplier summary, and `revision_unknown` says why it is not known when it is not, so the
    summary never leaves the column silently blank. The reader fills both as it learns more."""

    def __init__(
        self,
        reason: str,
        sheet: str | None = None,
        cell: str | None = None,
        revision: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.sheet = sheet
        self.cell = cell
        self.revision = revision
        self.revision_unknown = "" if revision else NOT_A_WORKBOOK


@dataclass(frozen=True)
class ContainerReport:
    """What the check saw, and the inflated parts the caller asked to keep."""

    members: int
    uncompressed_bytes: int
    parts: dict[str, bytes] = field(default_factory=dict)


def _classify_cfb(head: bytes) -> str:
    if any(marker in head for marker in _ENCRYPTION_MARKERS):
        return (
            "file is encrypted (password-protected workbook): ask the supplier for an "
            "unprotected copy"
        )
    return (
        "file is an OLE compound document, i.e. a legacy Excel 97-2003 .xls workbook or a "
        "password-protected one: ask the supplier for the CMRT as .xlsx"
    )


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def file_kind(mode: int) -> str:
    """What a non-regular directory entry is, in words ("a named pipe")."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; `Refused` for anything else.

    The file is opened without following a link and without blocking (a named pipe would wait
    for a writer forever), and checked on the open descriptor, so what is read is what was
    checked: no device, pipe or link is ever read, and no read goes past the size cap.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise Refused("a symbolic link: cmrkit reads only regular files") from None
        raise Refused(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"{file_kind(info.st_mode)}, not a regular file: not read")
        if info.st_size > max_bytes:
            raise Refused(f"file is {info.st_size} bytes, over the limit of {max_bytes}")
        chunks: list[bytes] = []
        total = 0
        # One read of the whole file (and one more to see its end): no copy when joined.
        while chunk := os.read(fd, max(info.st_size + 1, 1 << 16)):
            total += len(chunk)
            if total > max_bytes:  # grew while being read
                raise Refused(f"file is over the limit of {max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def check_container(
    source: Path | bytes,
    limits: Limits,
    keep: Callable[[str], bool] | None = None,
    name: str = "",
    only_kept: bool = False,
) -> ContainerReport:
    """Raise `Refused` unless `source` (a file, or its bytes named `name`) is a zip safe to hand
    to a parser.

    Every part's declared size and ratio is checked. Parts for which `keep(name)` is true are
    returned inflated, so a caller can parse them without inflating them a second time. Every
    part is inflated (bounded) and its XML prolog checked, unless `only_kept`: then only the
    kept ones are, and the caller inflates with `inflate_parts` the others it hands to a parser
    (a part no parser sees cannot harm, and inflating it costs time).
    """
    data = source if isinstance(source, bytes) else read_regular_file(source, limits.max_file_bytes)
    size = len(data)
    head = data[: 64 * 1024]
    if size == 0:
        raise Refused("file is empty")
    if size > limits.max_file_bytes:
        raise Refused(f"file is {size} bytes, over the limit of {limits.max_file_bytes}")
    if head.startswith(CFB_MAGIC):
        raise Refused(_classify_cfb(head))
    if not head.startswith(ZIP_MAGIC):
        if (name or str(source if isinstance(source, Path) else "")).lower().endswith(".xls"):
            raise Refused("file has an .xls name but is not an Excel workbook")
        raise Refused("not an Excel .xlsx workbook (no zip signature): wrong format or corrupt")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Refused(f"corrupt or truncated workbook ({exc})") from None
    except (OSError, ValueError) as exc:
        raise Refused(f"corrupt workbook ({exc})") from None
    with archive:
        return _check_members(archive, limits, keep, only_kept)


def inflate_parts(data: bytes, names: Iterable[str]) -> dict[str, bytes]:
    """Parts of a workbook `check_container` has passed, inflated in bounded chunks (never past
    their declared sizes, CRC checked) with their XML prologs checked."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in names:
            try:
                info = archive.getinfo(name)
            except KeyError:
                continue
            chunks: list[bytes] = []
            _inflate_bounded(archive, info, chunks)
            out[name] = b"".join(chunks)
    return out


def _check_members(
    archive: zipfile.ZipFile,
    limits: Limits,
    keep: Callable[[str], bool] | None,
    only_kept: bool = False,
) -> ContainerReport:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise Refused(f"workbook has {len(infos)} parts, over the limit of {limits.max_members}")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Refused("zip file is not an Excel workbook (no xl/workbook.xml)")
    declared = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused(f"workbook part {info.filename} is encrypted")
        if info.file_size > limits.max_member_bytes:
            raise Refused(
                f"workbook part {info.filename} inflates to {info.file_size} bytes, over the "
                f"limit of {limits.max_member_bytes} (zip bomb?)"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio and info.file_size > _CHUNK:
            raise Refused(
                f"workbook part {info.filename} has a compression ratio of {ratio:.0f}, over the "
                f"limit of {limits.max_ratio:.0f} (zip bomb?)"
            )
        declared += info.file_size
    if declared > limits.max_total_bytes:
        raise Refused(
            f"workbook inflates to {declared} bytes, over the limit of {limits.max_total_bytes} "
            "(zip bomb?)"
        )
    total = 0
    kept: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        chunks: list[bytes] | None = [] if keep is not None and keep(info.filename) else None
        if only_kept and chunks is None:
            continue
        total += _inflate_bounded(archive, info, chunks)
        if chunks is not None:
            kept[info.filename] = b"".join(chunks)
    return ContainerReport(members=len(infos), uncompressed_bytes=total, parts=kept)


def _inflate_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, chunks: list[bytes] | None
) -> int:
    """Inflate one part in chunks (never more than its declared size); check XML prologs."""
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    count = 0
    try:
        with archive.open(info) as member:
            first = member.read(_HEAD if is_xml else _CHUNK)
            count += len(first)
            if is_xml and first:
                _check_prolog(info.filename, first)
            if chunks is not None:
                chunks.append(first)
            while chunk := member.read(_CHUNK):
                count += len(chunk)
                if chunks is not None:
                    chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        raise Refused(f"corrupt or truncated workbook part {info.filename} ({exc})") from None
    except (zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise Refused(f"corrupt or truncated workbook part {info.filename} ({exc})") from None
    return count


def _decode_head(head: bytes) -> str | None:
    """The head of an XML part as text, in the encoding its first bytes announce."""
    if head.startswith(b"\xff\xfe") or head.startswith(b"<\x00"):
        encoding = "utf-16-le"
    elif head.startswith(b"\xfe\xff") or head.startswith(b"\x00<"):
        encoding = "utf-16-be"
    elif head.startswith((b"\xef\xbb\xbf", b"<", b" ", b"\r", b"\n", b"\t")):
        encoding = "utf-8"
    else:
        return None
    return head.decode(encoding, errors="replace").lstrip("\ufeff")


def _check_prolog(name: str, head: bytes) -> None:
    """Refuse a DOCTYPE (and so any ENTITY declaration) in an XML part.

    XML allows a document type declaration only in the prolog, before the root element, so the
    prolog is walked (XML declaration, processing instructions, comments, blanks) up to the
    root element. A prolog longer than the head read here is refused too: spreadsheet programs
    write a one-line prolog.
    """
    text = _decode_head(head)
    if text is None:
        raise Refused(f"workbook part {name} is not XML (odd encoding or corrupt)")
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                break
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                break
            i = end + 3
        elif text.startswith("<!", i):
            raise Refused(
                f"workbook part {name} declares a DOCTYPE/ENTITY (XML entity expansion attack?)"
            )
        elif text.startswith("<", i):
            return  # the root element: no DOCTYPE can follow
        else:
            raise Refused(f"workbook part {name} is not XML (odd encoding or corrupt)")
    if len(head) >= _HEAD:
        raise Refused(f"workbook part {name} has an XML prolog over {_HEAD} bytes")
    raise Refused(f"workbook part {name} is truncated XML")
