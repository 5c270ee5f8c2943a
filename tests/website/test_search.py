"""One search entry per Annex row: its anchor, its words escaped as Material indexes text, and
the built index extended only when it is Material's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmrkit.errors import CmrkitError
from cmrkit.website.search import INDEX, add_documents, annex_documents
from cmrkit.year.annex import AnnexRow


def row(name: str, footnote: str = "") -> AnnexRow:
    return AnnexRow(1, "Gold", "CID000001", name, "ITALY", "Active", "active", footnote)


def test_each_row_gets_an_entry_at_its_anchor_with_its_words_escaped() -> None:
    docs = annex_documents([row("A & <B>"), row("C", "*")], "x/annex/", lambda n: f"r{n}")
    assert [d["location"] for d in docs] == ["x/annex/#r1", "x/annex/#r2"]
    assert docs[0]["title"] == "A &amp; &lt;B&gt;"
    assert docs[0]["text"] == "Gold, ITALY, Active, CID000001"
    assert docs[1]["text"].endswith("footnote *")


def test_entries_are_added_once_to_materials_index(tmp_path: Path) -> None:
    assert add_documents(tmp_path, [{"location": "a", "title": "t", "text": ""}]) == 0
    index = tmp_path / INDEX
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "p/"}]}), encoding="utf-8")
    docs = annex_documents([row("A")], "p/", lambda n: f"r{n}")
    add_documents(tmp_path, docs)
    add_documents(tmp_path, docs)
    assert [d["location"] for d in json.loads(index.read_text())["docs"]] == ["p/", "p/#r1"]


def test_another_file_in_its_place_is_refused(tmp_path: Path) -> None:
    index = tmp_path / INDEX
    index.parent.mkdir()
    index.write_text("[]", encoding="utf-8")
    with pytest.raises(CmrkitError, match="not Material's search index"):
        add_documents(tmp_path, [])
