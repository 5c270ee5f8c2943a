"""The facts a filed report states about itself, read from its words: the Form SD's cover
(registrant, state, Commission File Number, address, contact), its signature (signer, title,
date), the period, and the Exhibit's own naming of the registrant. A fact neither document states
is None here; the facts writer leaves it a blank to fill."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cmrkit.importing.blocks import Block

MONTHS = {
    m: n
    for n, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\+\d[\d\s().-]{7,}\d")

CAPTIONS = {
    "name": r"\(?\s*Exact name of (?:the )?registrant as specified in its charter\s*\)?",
    "state": r"\(?\s*State or other jurisdiction\b[^)]*\)?",
    "file_number": r"\(?\s*Commission\s+File\s+(?:Number|No\.?)\s*\)?",
    "address": r"\(?\s*Address of principal executive offices?\b[^)]*\)?(?:\s*\(Zip Code\))?",
    "contact": r"\(?\s*Name and telephone number\b[^)]*\)?",
    "irs": r"\(?\s*I\.?R\.?S\.? Employer\b[^)]*\)?",
}


@dataclass
class Cover:
    name: str | None = None
    state: str | None = None
    file_number: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_title: str | None = None
    phone: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    signed: dt.date | None = None
    exhibits_item: str | None = None
    period_years: tuple[int, ...] = ()  # every year a period phrase names
    exhibit_name: str | None = None  # the registrant as the Exhibit names it


def parse_date(text: str) -> dt.date | None:
    match = DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        return None


def _column_units(blocks: list[Block]) -> list[str]:
    """Each paragraph's lines, and each table's cells column by column (a cover table prints
    a value above its caption)."""
    units: list[str] = []
    for block in blocks:
        if block.kind == "table":
            width = max(len(r) for r in block.rows)
            for column in range(width):
                for row in block.rows:
                    if column < len(row) and row[column].text:
                        units.extend(row[column].text.split("\n"))
        elif block.text:
            units.extend(block.text.split("\n"))
    return [u.strip() for u in units if u.strip()]


def _row_units(blocks: list[Block]) -> list[str]:
    units: list[str] = []
    for block in blocks:
        if block.kind == "table":
            for row in block.rows:
                units.append(" ".join(c.text.replace("\n", " ") for c in row if c.text))
        elif block.text:
            units.extend(block.text.split("\n"))
    return [u.strip() for u in units if u.strip()]


def _before_caption(units: list[str], caption: str) -> list[str] | None:
    """The unit(s) right before a caption (or the text ahead of it in the same unit)."""
    pattern = re.compile(caption, re.IGNORECASE)
    for index, unit in enumerate(units):
        match = pattern.search(unit)
        if not match:
            continue
        ahead = unit[: match.start()].strip()
        if ahead:
            return [ahead]
        out: list[str] = []
        for back in range(index - 1, max(index - 4, -1), -1):
            previous = units[back]
            if any(re.search(c, previous, re.IGNORECASE) for c in CAPTIONS.values()):
                break
            out.insert(0, previous)
        return out or None
    return None


def read_form_sd(blocks: list[Block]) -> Cover:
    cover = Cover()
    units = _column_units(blocks)
    found = _before_caption(units, CAPTIONS["name"])
    if found:
        cover.name = found[-1]
    for key in ("state", "file_number"):
        found = _before_caption(units, CAPTIONS[key])
        if found:
            setattr(cover, key, found[-1])
    found = _before_caption(units, CAPTIONS["address"])
    if found:
        lines = [u for u in found if not re.search(r"\d{3}-\d{4}", u) or len(found) == 1]
        cover.address = (
            ", ".join(lines[-2:]) if len(lines) > 1 and len(lines[-1]) < 30 else lines[-1]
        )
    found = _before_caption(units, CAPTIONS["contact"])
    if found:
        _contact(cover, found)
    _signature(cover, _row_units(blocks))
    text = " ".join(units)
    item = re.search(r"Item\s+(\d\.\d\d)\s*\.?\s*Exhibits\b", text, re.IGNORECASE)
    if item:
        cover.exhibits_item = item.group(1)
    cover.period_years = period_years(text)
    return cover


def _contact(cover: Cover, lines: list[str]) -> None:
    joined = " ".join(lines)
    phone = PHONE.search(joined)
    if phone:
        cover.phone = phone.group(0).strip()
        joined = (joined[: phone.start()] + joined[phone.end() :]).strip(" ,;")
    if joined:
        name, _, title = joined.partition(",")
        cover.contact_name = name.strip() or None
        cover.contact_title = title.strip(" ,") or None


_BY = re.compile(r"^By:?\s*(?:/s/)?\s*(.*)$", re.IGNORECASE)
_NAME = re.compile(r"^Name:\s*(.+)$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:Title|Its):\s*(.+)$", re.IGNORECASE)
_DATED = re.compile(r"^Dated?:?\s*(.+)$", re.IGNORECASE)


def _signature(cover: Cover, units: list[str]) -> None:
    start = next(
        (i for i, u in enumerate(units) if re.match(r"^SIGNATURES?\b", u, re.IGNORECASE)), 0
    )
    for unit in units[start:]:
        if (m := _BY.match(unit)) and not cover.signer:
            name = m.group(1).replace("/s/", "").strip()
            if name and not _NAME.match(name):
                cover.signer = name
        elif m := _NAME.match(unit):
            cover.signer = m.group(1).strip()
        elif (m := _TITLE.match(unit)) and not cover.signer_title:
            cover.signer_title = m.group(1).strip()
        elif (m := _DATED.match(unit)) and cover.signed is None:
            cover.signed = parse_date(m.group(1))
    if cover.signed is None:
        for unit in units[start:]:
            if DATE.fullmatch(unit.strip()):
                cover.signed = parse_date(unit)


_PERIOD = re.compile(
    r"(?:reporting period|calendar year|year ended|period from)[^.;]{0,80}?\b((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def period_years(text: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(m.group(1)) for m in _PERIOD.finditer(text)))


_COMPANY = (
    r"[A-Z][\w&.,'’\- ]{1,80}?(?:,? Inc\.|,? Incorporated|,? Corporation|,? Corp\.|,? Company|"
    r",? Co\.|,? Ltd\.|,? Limited|,? plc|,? PLC|,? N\.V\.|,? S\.A\.|,? LLC|,? L\.P\.|,? AG|,? SE"
    r"|,? Holdings|,? Group)"
)


def read_exhibit(blocks: list[Block]) -> Cover:
    """What the Exhibit says of its registrant and period."""
    cover = Cover()
    units = _row_units(blocks[:40])
    text = " ".join(units)
    for unit in units[:6]:
        if re.fullmatch(_COMPANY, unit.strip()):
            cover.exhibit_name = unit.strip()
            break
    if cover.exhibit_name is None:
        match = re.search(rf"(?:Report|report)\s+(?:\(.*?\)\s+)?of\s+({_COMPANY})", text)
        if match:
            cover.exhibit_name = match.group(1).strip()
    cover.period_years = period_years(" ".join(_row_units(blocks)))
    return cover
