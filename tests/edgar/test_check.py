"""`cmrkit edgar --check` names each kind of violation with its line; bad documents built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.cli import main
from cmrkit.edgar.check import check_document

HEAD = "<html>\n<head>\n<title>Test</title>\n</head>\n<body>\n"
TAIL = "</body>\n</html>\n"
BAD_LINE = 6  # the first line after HEAD


def write(folder: Path, body: str, name: str = "doc.htm", raw: bytes | None = None) -> Path:
    path = folder / name
    path.write_bytes(raw if raw is not None else (HEAD + body + "\n" + TAIL).encode("ascii"))
    return path


def rules_at(path: Path) -> list[tuple[str, int]]:
    return [(v.rule, v.line) for v in check_document(path)]


CASES = {
    "tag": "<marquee>moving</marquee>",
    "attribute": '<p class="cover">text</p>',
    "script": '<p onclick="run()">click</p>',
    "external-reference": '<p><a href="https://example.com/report">report</a></p>',
    "nested-table": "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>",
    "image": '<img src="chart.png" alt="chart">',
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_violation_is_named_with_its_line(tmp_path: Path, rule: str) -> None:
    path = write(tmp_path, "<p>fine</p>\n" + CASES[rule])
    assert (rule, BAD_LINE + 1) in rules_at(path)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("<script>alert(1)</script>", "active content"),
        ("<style>p { color: red }</style>", "<style>"),
        ('<link rel="stylesheet" href="site.css">', "stylesheet"),
        ('<p style="background: url(http://example.com/x.gif)">x</p>', "url("),
        ('<img src="http://example.com/logo.gif">', "from elsewhere"),
        ('<p><a href="javascript:go()">go</a></p>', "script URL"),
    ],
)
def test_active_content_and_outside_resources(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    messages = [v.message for v in check_document(path) if v.line == BAD_LINE]
    assert any(needle in m for m in messages), messages


def test_non_ascii_byte_is_named_with_line(tmp_path: Path) -> None:
    raw = (HEAD + "<p>plain</p>\n<p>“quoted”</p>\n" + TAIL).encode("utf-8")
    path = write(tmp_path, "", raw=raw)
    assert rules_at(path) == [("ascii", BAD_LINE + 1)]


@pytest.mark.parametrize("name", ["a" * 30 + ".htm", "form sd.htm", "_formsd.htm", "formsd.docx"])
def test_bad_file_names(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "<p>x</p>", name=name)
    assert ("file-name", 1) in rules_at(path)


def test_missing_document_structure(tmp_path: Path) -> None:
    path = tmp_path / "frag.htm"
    path.write_text("<p>no document around me</p>\n", encoding="ascii")
    assert {m.message for m in check_document(path)} >= {"no <html> element", "no <body> element"}


def test_allowed_document_passes(tmp_path: Path) -> None:
    body = (
        '<p style="text-align:center">A &#8220;quote&#8221;</p>\n'
        '<p><a href="https://www.sec.gov/Archives/edgar/data/1107843/x.htm">filed</a>'
        ' <a href="#top">top</a></p>\n'
        '<table border="1"><tr><th>a</th><td colspan="2">b</td></tr></table>\n'
        '<img src="logo.jpg" alt="logo">'
    )
    assert check_document(write(tmp_path, body)) == []


def test_cli_fails_and_prints_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "<p>x</p>", name="good.htm")
    bad = write(tmp_path, CASES["nested-table"], name="bad.htm")
    assert main(["edgar", "--check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}, line {BAD_LINE}: a table inside a table" in out
    assert str(good) not in out
    assert main(["edgar", "--check", str(good)]) == 0
