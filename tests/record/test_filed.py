"""The filed record of every filed year is a whole filing: the yardstick of the fidelity tests
(tests/builds/test_fidelity.py) would make them vacuous if it were empty or truncated."""

from __future__ import annotations

import pytest

from cmrkit.record.filed import FiledRecord, filed_record_path, load_filed
from tests.support.project import DATA


@pytest.fixture(scope="session")
def record(filed_year: int) -> FiledRecord:
    path = filed_record_path(DATA / str(filed_year))
    assert path is not None
    return load_filed(path)


def test_the_record_is_a_whole_filing(record: FiledRecord) -> None:
    # Guards the comparison itself: an empty or truncated record would make the tests vacuous.
    assert record.paragraphs[0].startswith("UNITED STATES SECURITIES AND EXCHANGE COMMISSION")
    assert len(record.paragraphs) > 20
    assert record.annex_rows
