"""The supplier contacts a CMRT gives, and finding them again in any text."""

from __future__ import annotations

from cmrkit.ingest.cmrt.read import SupplierFile
from cmrkit.ingest.contacts import Contact, contacts_in_text, supplier_contacts


def supplier(declaration: dict[str, str], rows: list[dict[str, str]] | None = None) -> SupplierFile:
    return SupplierFile(
        file="s.xlsx",
        sha256="0" * 64,
        revision="6.5",
        layout="6.x",
        declaration=declaration,
        metal_answers={},
        company_answers={},
        smelter_rows=rows or [],
        products=[],
        lookup=[],
        lookup_digest="",
    )


def test_contacts_come_from_the_declaration_and_the_smelter_list() -> None:
    files = [
        supplier(
            {
                "contact_email": "Pat.Doe@Supplier.example; ops@supplier.example",
                "contact_phone": "+1 (555) 010-0199",
                "authorizer_email": "pat.doe@supplier.example",  # the same, once
                "authorizer_phone": "n/a",
                "company_name": "Supplier Inc",
            },
            [{"row": 7, "contact_email": "refinery@smelter.example", "contact_name": "Lee"}],
        )
    ]
    found = {(c.kind, c.key) for c in supplier_contacts(files)}
    assert found == {
        ("e-mail", "pat.doe@supplier.example"),
        ("e-mail", "ops@supplier.example"),
        ("phone", "15550100199"),
        ("e-mail", "refinery@smelter.example"),
    }
    sources = {c.source for c in supplier_contacts(files)}
    assert "s.xlsx, Smelter List row 7 contact_email" in sources
    assert not any("@" in source for source in sources)  # where, never the value


def test_found_in_text_whatever_the_spelling() -> None:
    contacts = [
        Contact("e-mail", "pat.doe@supplier.example", "a"),
        Contact("phone", "15550100199", "b"),
    ]
    text = (
        "intro\nwrite to PAT.DOE@supplier.example\ncall 555.010.0199 or 2026\nnothing: 2025-12-31"
    )
    assert [(line, c.source) for line, c in contacts_in_text(text, contacts)] == [
        (2, "a"),
        (3, "b"),
    ]
    assert contacts_in_text("pat.doe@supplier.examples.org ext. 0199, 2026-01-01", contacts) == []
