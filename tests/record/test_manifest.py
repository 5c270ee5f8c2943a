"""A record that cannot vouch for itself: every committed record loads only with its history
intact (each entry carrying the sha256 of the one before, the last one the record's state), and
any edit that is not a new, chained entry is refused on loading. Runs for every year with a
record in data/ (no build, no browser)."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.record.manifest import (
    FORMAT,
    canonical,
    entry_digest,
    filed_states,
    load_manifest,
    manifest_path,
    parse_manifest,
)
from cmrkit.record.public_text import digest
from cmrkit.record.reader_view import (
    HIDDEN,
    ReaderPage,
    ReaderRecord,
    Run,
    block_lines,
    compare_reader,
    page_digest,
    reader_from_json,
)
from cmrkit.year.report import available_years
from tests.support.project import DATA

RECORDED = [y for y in available_years(DATA) if manifest_path(DATA / str(y)).is_file()]


@pytest.fixture(params=RECORDED, ids=lambda y: f"record{y}")
def document(request: pytest.FixtureRequest) -> dict:
    return json.loads(manifest_path(DATA / str(request.param)).read_text(encoding="utf-8"))


def _load(document: dict) -> object:
    return parse_manifest(Path("manifest.json"), json.dumps(document))


def test_every_record_is_format_2_with_an_unbroken_history() -> None:
    assert RECORDED, "no year in data/ has a record"
    for year in RECORDED:
        manifest = load_manifest(DATA / str(year))
        assert manifest is not None and manifest.format == FORMAT and manifest.reader
        history = manifest.history
        assert history[0]["action"] == "freeze" and history[0].get("previous") is None
        assert history[-1]["state"] == manifest.state()
        for before, entry in itertools.pairwise(history):
            if "previous" in entry:
                assert entry["previous"] == entry_digest(before)
        assert manifest.reader.downloads, "no download recorded"
        assert all(manifest.reader.pages[p].text for p in manifest.reader.pages)


def test_a_migrated_record_certifies_the_same_filed_text(document: dict) -> None:
    """The format 2 migration keeps the filed text: the first freeze's hashes are the record's
    (through any amendment), and the migration entry holds the sha256 of the history before."""
    manifest = _load(document)
    history = document["history"]
    for index, entry in enumerate(history):
        if entry["action"] == "migrate":
            assert (
                entry["format_1_history"] == hashlib.sha256(canonical(history[:index])).hexdigest()
            )
            assert filed_states(tuple(history))[index] == filed_states(tuple(history))[index - 1]
    pages = {p: e["sha256"] for p, e in document["pages"].items()}
    assert pages == manifest.page_digests()  # type: ignore[attr-defined]


def test_a_rehashed_page_without_a_history_entry_is_refused(document: dict) -> None:
    page = next(iter(document["pages"]))
    document["pages"][page]["sentences"][0] += " (edited)"
    document["pages"][page]["sha256"] = digest(tuple(document["pages"][page]["sentences"]))
    with pytest.raises(DataError, match="not the one its history leads to"):
        _load(document)


def _rehash(reader: dict) -> None:
    """Recompute every hash of a reader view, as someone re-hashing an edited record would."""
    pages = {
        path: ReaderPage({v: tuple(t) for v, t in e["text"].items()}, tuple(e["links"]))
        for path, e in reader["pages"].items()
    }
    for path, page in pages.items():
        reader["pages"][path]["sha256"] = page_digest(page)
    reader["sha256"] = ReaderRecord(tuple(reader["views"]), pages, reader["downloads"]).digest()


def test_a_rehashed_reader_view_without_a_history_entry_is_refused(document: dict) -> None:
    reader = document["reader"]
    page = next(iter(reader["pages"]))
    view = next(iter(reader["pages"][page]["text"]))
    reader["pages"][page]["text"][view].append("This report is withdrawn.")
    _rehash(reader)
    reader_from_json(reader)  # the re-hashed view is consistent in itself...
    with pytest.raises(DataError, match="reader view is not the one its history leads to"):
        _load(document)  # ...but not with the history


def test_an_edited_history_entry_is_refused(document: dict) -> None:
    """Any entry but the last is vouched for by the one after it; the last one by the site
    branch, whose version carries its sha256 (tests/browser/test_what_readers_get.py)."""
    history = document["history"]
    if len(history) < 2:
        pytest.skip("a single entry is vouched for by the site branch only")
    history[-2]["reason"] += " (reworded)"
    with pytest.raises(DataError, match="does not carry the sha256"):
        _load(document)


def test_an_erased_history_is_refused(document: dict) -> None:
    document["history"] = []
    with pytest.raises(DataError, match="no history"):
        _load(document)


def test_a_removed_entry_is_refused(document: dict) -> None:
    history = document["history"]
    if len(history) < 2:
        pytest.skip("a single entry cannot be removed without erasing the history")
    del history[-2]
    with pytest.raises(DataError, match="history"):
        _load(document)


def test_a_forged_amendment_out_of_chain_is_refused(document: dict) -> None:
    last = document["history"][-1]
    document["history"].append(
        {"date": "2099-01-01", "action": "amend", "reason": "forged", "pages": {},
         "state": last["state"], "previous": "f" * 64}
    )  # fmt: skip
    with pytest.raises(DataError, match="does not carry the sha256"):
        _load(document)


def test_a_hidden_word_is_marked_in_its_sentence() -> None:
    runs = [Run("We do ", False), Run("not", True), Run(" purchase.", False)]
    assert block_lines(runs, row=False) == ["We do [hidden: not] purchase."]
    assert block_lines([Run("Gone. Also gone.", True)], row=False) == [
        f"{HIDDEN} Gone.",
        f"{HIDDEN} Also gone.",
    ]
    assert block_lines([Run("Gold | A. B. Co. | UGANDA", False)], row=True) == [
        "Gold | A. B. Co. | UGANDA"
    ]


def test_reader_differences_name_text_links_and_files(document: dict) -> None:
    old = reader_from_json(document["reader"])
    page, recorded = next(iter(old.pages.items()))
    view = next(iter(recorded.text))
    changed = type(recorded)(
        {**recorded.text, view: (*recorded.text[view], "A new claim.")},
        tuple(line.replace("→", "→ https://example.invalid/ was") for line in recorded.links[:1])
        + recorded.links[1:],
    )
    name = next(iter(old.downloads))
    new = type(old)(old.views, {**old.pages, page: changed}, {**old.downloads, name: "0" * 64})
    told = compare_reader(old, new).describe()
    assert f"page {page}:" in told and "+ A new claim." in told
    assert "- " + recorded.links[0] in told and "https://example.invalid/" in told
    assert f"~ {name}: sha256 {old.downloads[name]} → {'0' * 64}" in told


def test_manifest_records_the_filed_sentences(filed_year: int) -> None:
    manifest = load_manifest(DATA / str(filed_year))
    assert manifest is not None
    text = " ".join(" ".join(lines) for lines in manifest.pages.values())
    record = load_filed(filed_record_path(DATA / str(filed_year)))  # type: ignore[arg-type]
    for paragraph in record.paragraphs[:40]:
        assert paragraph.split(". ")[0] in text
    assert "year-over-year/index.html" not in manifest.pages  # not part of the filed report
