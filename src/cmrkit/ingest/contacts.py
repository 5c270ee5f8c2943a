"""Supplier staff's e-mail addresses and phone numbers, as the suppliers' CMRTs give them: what
must never reach git or the report site.

A CMRT names people: the Declaration's contact and authorizer (D15 to D21: name, e-mail, phone)
and, on each Smelter List row, a smelter contact (columns K and L). Their e-mail addresses and
phone numbers are looked for in what a repository tracks and in the built site
(`cmrkit.checks.contacts`); a name alone ("Pat Lee") is too common to look for without false
alarms, and never travels without the address or number next to it in a CMRT's outputs.

Found values are compared folded: an e-mail address without case, a phone number as its digits
(at least seven, so a year or a count is never taken for one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cmrkit.ingest.cmrt.read import SupplierFile

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?\(?\d[\d ().\-/]{5,}\d")
MIN_PHONE_DIGITS = 7

# Which fields of a CMRT hold what (the names `cmrkit.ingest.cmrt` reads them under).
DECLARATION_FIELDS = {
    "contact_email": "e-mail",
    "contact_phone": "phone",
    "authorizer_email": "e-mail",
    "authorizer_phone": "phone",
}
SMELTER_FIELDS = {"contact_email": "e-mail"}


@dataclass(frozen=True)
class Contact:
    kind: str  # "e-mail" or "phone"
    key: str  # the folded address, or the number's digits
    source: str  # where a CMRT gives it: "file, Declaration contact_email" (never the value)


def email_keys(text: str) -> list[str]:
    return [match.group(0).casefold() for match in EMAIL.finditer(text)]


def phone_keys(text: str) -> list[str]:
    keys = []
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= MIN_PHONE_DIGITS:
            keys.append(digits)
    return keys


def _keys(kind: str, text: str) -> list[str]:
    return email_keys(text) if kind == "e-mail" else phone_keys(text)


def supplier_contacts(files: Iterable[SupplierFile]) -> list[Contact]:
    """Every e-mail address and phone number the files give for a person, once each."""
    found: dict[tuple[str, str], Contact] = {}
    for f in files:
        for name, kind in DECLARATION_FIELDS.items():
            for key in _keys(kind, f.declaration.get(name, "")):
                found.setdefault((kind, key), Contact(kind, key, f"{f.file}, Declaration {name}"))
        for row in f.smelter_rows:
            for name, kind in SMELTER_FIELDS.items():
                for key in _keys(kind, str(row.get(name, ""))):
                    where = f"{f.file}, Smelter List row {row.get('row', '?')} {name}"
                    found.setdefault((kind, key), Contact(kind, key, where))
    return list(found.values())


def _phone_matches(found: str, known: str) -> bool:
    """The same number, with or without its country or area code in front."""
    shorter, longer = sorted((found, known), key=len)
    return len(shorter) >= MIN_PHONE_DIGITS and longer.endswith(shorter)


def contacts_in_text(text: str, contacts: Iterable[Contact]) -> list[tuple[int, Contact]]:
    """(line, contact) for each known address or number the text carries."""
    emails = {c.key: c for c in contacts if c.kind == "e-mail"}
    phones = [c for c in contacts if c.kind == "phone"]
    hits = []
    for number, line in enumerate(text.split("\n"), start=1):
        if emails and "@" in line:
            for key in email_keys(line):
                if key in emails:
                    hits.append((number, emails[key]))
        if phones:
            for key in phone_keys(line):
                hits.extend((number, c) for c in phones if _phone_matches(key, c.key))
    return hits
