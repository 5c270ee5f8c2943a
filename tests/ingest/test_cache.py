"""The content-keyed cache: hits by content, not by name; a damaged entry is only a miss."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cmrkit.ingest.cache import Cache, reader_version
from cmrkit.ingest.run import progress_bar


def test_round_trip_and_damaged_entries(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    assert cache.root.name == reader_version()
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, {"supplier": {"file": "x.xlsx"}})
    assert cache.get("ab" * 32) == {"supplier": {"file": "x.xlsx"}}
    path = next((cache.root / "files").rglob("*.json"))
    path.write_text("{not json", encoding="utf-8")
    assert cache.get("ab" * 32) is None
    cache.put_lookup("d1", [["Gold", "X", "X", "ITALY", "CID000001"]])
    assert cache.get_lookup("d1") == [["Gold", "X", "X", "ITALY", "CID000001"]]
    assert cache.get_lookup("missing") is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert progress_bar(io.StringIO())(10) is None
    terminal = _Terminal()
    update = progress_bar(terminal)(10)
    assert update is not None
    update(10)
    assert "10/10 files" in terminal.getvalue()
    monkeypatch.setenv("CI", "true")
    assert progress_bar(_Terminal())(10) is None
