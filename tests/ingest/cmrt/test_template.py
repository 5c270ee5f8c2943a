"""RMI's other templates are named for what they are, and never counted as CMRT suppliers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cmrkit.cli import main
from cmrkit.ingest.cmrt.layout import load_layouts
from cmrkit.ingest.cmrt.read import read_supplier_file
from cmrkit.ingest.cmrt.template import OtherTemplate, identify
from tests.support.cmrt.builder import REVISIONS, TemplateBuilder, by_id, declaration, template_path
from tests.support.cmrt.others import OTHERS, build_other
from tests.support.ingest_args import output_args

TEMPLATES = load_layouts().templates
LOOK_ALIKE = load_layouts().look_alike
NAMES = {
    "EMRT": "an EMRT (Extended Minerals Reporting Template)",
    "CRT": "a CRT (Cobalt Reporting Template)",
    "AMRT": "an AMRT (Additional Minerals Reporting Template)",
}


@pytest.mark.parametrize("key", sorted(OTHERS))
def test_each_other_template_is_named_for_what_it_is(tmp_path: Path, key: str) -> None:
    other = OTHERS[key]
    with pytest.raises(OtherTemplate) as info:
        read_supplier_file(build_other(other, tmp_path / f"{key}.xlsx"))
    assert info.value.kind.abbreviation == other.kind
    message = info.value.message
    assert message.startswith(NAMES[other.kind])
    assert "not part of the conflict minerals roll-up" in message
    assert "legacy" not in message  # "CMRT revision 2.0 is a legacy template" no more
    revision = other.revision.split()[1]
    assert f"revision {revision}" in message


@pytest.mark.parametrize("revision", REVISIONS)
def test_real_cmrts_are_cmrts(templates: Path, revision: str) -> None:
    assert read_supplier_file(template_path(revision)).revision == revision


@pytest.mark.parametrize(
    ("sheets", "title", "metals", "kind"),
    [
        (["Declaration"], "Conflict Minerals Reporting Template (CMRT)", ["Gold", "Tin"], "CMRT"),
        (["Declaration"], "Conflict Minerals Reporting Template", None, "CMRT"),  # 2.03a
        (["Declaration"], "Conflict Minerals Reporting Template (CMRT)", ["Cobalt"], "CRT"),
        (["Declaration"], "扩展矿物报告模版 (EMRT)", ["Gold"], "EMRT"),  # the title says
        (["Declaration"], "", ["Cobalt", "Mica"], "EMRT"),
        (["Declaration", "Minerals Scope"], "(CMRT)", None, "AMRT"),  # a sheet only AMRT has
        (["Declaration"], "", None, ""),  # nothing says: revision detection decides
        (["Declaration"], "", ["Gold", "Cobalt"], ""),  # 3TG in the look-up: not another one
    ],
)
def test_the_evidence_and_its_order(
    sheets: list[str], title: str, metals: list[str] | None, kind: str
) -> None:
    assert identify(sheets, title, metals, TEMPLATES, LOOK_ALIKE).kind == kind


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_other_templates_are_listed_not_counted(
    builder: Callable[[str], TemplateBuilder],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "in"
    builder("6.5").build(folder / "alpha.xlsx", declaration("Alpha"), [by_id("CID002763")])
    builder("6.4").build(folder / "beta.xlsx", declaration("Beta"), [by_id("CID003185")])
    for key in ("emrt-2.0", "crt-2.21-fr", "amrt-1.2"):
        build_other(OTHERS[key], folder / f"{key}.xlsx")
    out = tmp_path / "out"
    status = main(
        [
            "ingest",
            str(folder),
            *output_args(out),
            "--no-cache",
            "--quiet",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0  # nothing was refused
    assert "2 files read, 0 refused, 3 other RMI template(s); 2 smelter rows" in captured.out
    assert "not a CMRT: crt-2.21-fr.xlsx: a CRT (Cobalt Reporting Template)" in captured.err
    rcoi = yaml.safe_load((out / "rcoi.yml").read_text(encoding="utf-8"))
    assert rcoi["rcoi"]["contract_manufacturers_asked"] is None  # asked: only from the user
    assert rcoi["rcoi"]["contract_manufacturers_answering"] == 2
    assert rcoi["other_templates"] == {"AMRT": 1, "CRT": 1, "EMRT": 1}
    assert rcoi["files_received"] == 5
    suppliers = {r["file"]: r["status"] for r in _csv(out / "suppliers.csv")}
    assert suppliers == {
        "alpha.xlsx": "read",
        "beta.xlsx": "read",
        "amrt-1.2.xlsx": "other template (AMRT)",
        "crt-2.21-fr.xlsx": "other template (CRT)",
        "emrt-2.0.xlsx": "other template (EMRT)",
    }
    problems = [(p["file"], p["severity"], p["code"]) for p in _csv(out / "problems.csv")]
    for key in ("emrt-2.0", "crt-2.21-fr", "amrt-1.2"):
        assert (f"{key}.xlsx", "info", "other_template") in problems
