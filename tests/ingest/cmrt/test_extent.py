"""A sheet's extent is checked before any parser allocates for it, in bounded memory.

One cell at XFD6000 in an otherwise ordinary 1.3 MB CMRT made the parser allocate a 6000 x
16384 grid (gigabytes). The files here are RMI's real 6.5 template with one far cell added; a
child process reads them under an address-space limit of 1 GiB, so an allocation past it would
kill the reader instead of passing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.ingest.cmrt.extent import check_extent, parse_address, sheet_extent
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.safety import Refused
from tests.support.cmrt.builder import by_id, declaration, template_path
from tests.support.cmrt.xmledit import append_row, edit_workbook

REPO = Path(__file__).resolve().parents[3]
FAR = '<row r="6000"><c r="XFD6000" t="inlineStr"><is><t>x</t></is></c></row>'
ONE_GIB = 1 << 30

CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.safety import Refused
out = {}
for path in sys.argv[2:]:
    try:
        read_supplier_file(Path(path))
        out[Path(path).name] = "read"
    except Refused as exc:
        out[Path(path).name] = exc.reason
out["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def far_files(templates: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """RMI's real 6.5 template with one far cell each, made once for this module's tests."""
    folder = tmp_path_factory.mktemp("far")
    source = template_path("6.5")
    return {
        # a far cell in the Declaration, which is always parsed
        "declaration": edit_workbook(
            source, folder / "far-declaration.xlsx", {"Declaration": lambda x: append_row(x, FAR)}
        ),
        # a far cell in the Smelter List on the same row as an input: never trimmed away
        "smelter": edit_workbook(
            source,
            folder / "far-smelter.xlsx",
            {
                "Smelter List": lambda x: append_row(
                    x,
                    '<row r="6000"><c r="A6000" t="inlineStr"><is><t>CID003185</t></is></c>'
                    '<c r="XFD6000" t="inlineStr"><is><t>x</t></is></c></row>',
                )
            },
        ),
        # an input on the very last row a sheet can have
        "last_row": edit_workbook(
            source,
            folder / "last-row.xlsx",
            {
                "Smelter List": lambda x: append_row(
                    x,
                    '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>CID003185</t></is>'
                    "</c></row>",
                )
            },
        ),
    }


def test_far_cells_are_refused_within_one_gib(far_files: dict[str, Path]) -> None:
    files = far_files
    ordinary = template_path("6.5")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(ONE_GIB), *map(str, files.values()), str(ordinary)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert (
        "sheet 'Declaration' is too large to read safely: its cells reach XFD6000"
        in (out["far-declaration.xlsx"])
    )
    assert "sheet 'Smelter List' is too large" in out["far-smelter.xlsx"]
    assert "XFD6000 (column 16384, over the limit of 128 columns)" in out["far-smelter.xlsx"]
    assert "row 1048576, over the limit of 20000 rows" in out["last-row.xlsx"]
    assert out[ordinary.name] == "read"  # the limits leave a real CMRT alone
    assert out["peak_rss_kb"] * 1024 < ONE_GIB


def test_a_refused_far_cell_file_does_not_stop_the_run(
    far_files: dict[str, Path], builder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in far_files.values():
        shutil.copyfile(path, folder / path.name)
    builder("6.5").build(folder / "good.xlsx", declaration("Good Co"), [by_id("CID002763")])
    status = main(
        ["ingest", str(folder), "--out", str(tmp_path / "s.csv"), "--no-cache", "--quiet"]
    )
    assert status == 1
    out = capsys.readouterr()
    assert "1 files read, 3 refused; 1 smelter rows: 1 consolidated" in out.out
    assert out.err.count("is too large to read safely") == 3


def test_the_plain_and_the_general_measure_agree() -> None:
    plain = (
        b'<worksheet><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
        b'</row><row r="3"><c r="c3"><v>1</v></c></row></sheetData></worksheet>'
    )
    general = (  # cells without addresses, placed one after the other, as a parser does
        b'<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c><x:v>1</x:v></x:c></x:row>'
        b"<x:row><x:c/><x:c/><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"
    )
    first, second = sheet_extent(plain), sheet_extent(general)
    assert (first.rows, first.columns, first.declared_rows) == (3, 3, 3)
    assert (second.rows, second.columns) == (2, 3)
    assert parse_address("$XFD$6000") == (6000, 16384)


def test_a_declared_extent_past_the_limits_is_refused() -> None:
    xml = b'<worksheet><dimension ref="A1:XFD1048576"/><sheetData></sheetData></worksheet>'
    with pytest.raises(Refused, match="declared extent reaches XFD1048576"):
        check_extent(sheet_extent(xml), load_layouts().limits, "Checker")
