"""Facility names and countries as the Year over year comparison folds them where rows carry no
smelter ID: spellings of one facility compare equal, other facilities do not, and the variants
are data a repository may replace."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.errors import DataError
from cmrkit.reference.names import FILE, load_name_rules

RULES = load_name_rules()

SAME_NAME = [
    ("Aida Chemical Industries Co., Ltd.", "AIDA CHEMICAL INDUSTRIES COMPANY LIMITED"),
    ("Aida Chemical Industries Co. Ltd", "Aida Chemical Industries Co.,Ltd."),
    ("Industrias Peñoles S.A.B. de C.V.", "INDUSTRIAS PENOLES SAB DE CV"),
    ("AngloGold Ashanti Córrego do Sítio Mineração",
     "AngloGold Ashanti Corrego do Sitio Mineracao"),
    ("Ögussa Österreichische Gold- und Silber-Scheideanstalt GmbH",
     "OGUSSA OSTERREICHISCHE GOLD UND SILBER SCHEIDEANSTALT "
     "GESELLSCHAFT MIT BESCHRÄNKTER HAFTUNG"),
    ("L’Orfebre S.A.", "L'Orfebre, Sociedad Anónima"),
    ("OOO “Technolom” 2", 'OOO "Technolom" 2'),
    ("Daye Non-Ferrous Metals Mining Ltd.", "Daye Nonferrous Metals Mining Limited"),
    ("C. Hafner GmbH + Co. KG", "C. Hafner GmbH & Co. KG"),
    ("Thaisarco Public Company Limited", "THAISARCO PCL"),
    ("Heraeus Precious Metals", "  heraeus   precious metals "),
]  # fmt: skip

OTHER_NAME = [
    ("Yunnan Tin Company Limited", "Yunnan Chengfeng Non-ferrous Metals Co., Ltd."),
    ("Asahi Refining USA Inc.", "Asahi Refining Canada Ltd."),
    ("OOO “Technolom” 1", "OOO “Technolom” 2"),
    ("Metalor Technologies (Suzhou) Ltd.", "Metalor Technologies S.A."),
]


@pytest.mark.parametrize(("printed", "respelled"), SAME_NAME)
def test_spellings_of_one_name_compare_equal(printed: str, respelled: str) -> None:
    assert RULES.name_key(printed) == RULES.name_key(respelled)


@pytest.mark.parametrize(("one", "other"), OTHER_NAME)
def test_other_facilities_do_not(one: str, other: str) -> None:
    assert RULES.name_key(one) != RULES.name_key(other)


@pytest.mark.parametrize(
    ("printed", "respelled"),
    [
        ("UNITED STATES OF AMERICA", "United States"),
        ("USA", "united states of america"),
        ("Korea, Republic of", "SOUTH KOREA"),
        ("CÔTE D’IVOIRE", "Cote d'Ivoire"),
        ("Türkiye", "TURKEY"),
        ("Viet Nam", "VIETNAM"),
    ],
)
def test_spellings_of_one_country_compare_equal(printed: str, respelled: str) -> None:
    assert RULES.country_key(printed) == RULES.country_key(respelled)


def test_other_countries_do_not() -> None:
    assert RULES.country_key("CHINA") != RULES.country_key("TAIWAN")
    assert RULES.country_key("Korea, Republic of") != RULES.country_key("NORTH KOREA")


def test_a_repositorys_own_file_replaces_the_variants(tmp_path: Path) -> None:
    """A filer whose suppliers write "Kabushiki Gaisha" for K.K. says so in data/reference/."""
    (tmp_path / FILE).write_text(
        "characters: {}\nwords:\n  Kabushiki Gaisha: KK\ncountries:\n  Nippon: Japan\n",
        encoding="utf-8",
    )
    own = load_name_rules(tmp_path)
    assert own.name_key("Asaka Riken Kabushiki Gaisha") == own.name_key("ASAKA RIKEN K.K.")
    assert RULES.name_key("Asaka Riken Kabushiki Gaisha") != RULES.name_key("ASAKA RIKEN K.K.")
    assert own.country_key("NIPPON") == own.country_key("Japan")
    # The whole file is replaced: cmrkit's variants no longer apply.
    assert own.name_key("X Company Limited") != own.name_key("X Co., Ltd.")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("characters: {}\nwords: [a, b]\ncountries: {}\n", 2, "'words' must map text to text"),
        ("characters: {}\nwords:\n  '--': x\ncountries: {}\n", 3, "'--' has no letter or digit"),
        ("characters:\n  ab: c\nwords: {}\ncountries: {}\n", 1, "maps one character each"),
        ("characters: {}\nwords: {}\n", 1, "'countries' must map text to text"),
    ],
)
def test_a_bad_file_is_named_with_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_name_rules(tmp_path)
    assert f"{tmp_path / FILE}, line {line}: " in str(caught.value)
    assert message in str(caught.value)
