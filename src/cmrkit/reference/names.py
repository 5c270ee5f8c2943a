"""Facility names and countries as the Year over year comparison compares them where Annex rows
carry no smelter ID: suppliers and filers spell one facility many ways over the years (case,
accents, typographic quotes, "Co., Ltd." or "Company Limited"), and a spelling is not a new
facility. The variants are data (`facility_names.yml`, overridable in a repository's
`data/reference/`); this module only applies them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cmrkit.errors import DataError
from cmrkit.files.yamlio import YamlDoc, load_yaml
from cmrkit.reference.files import reference_file

FILE = "facility_names.yml"
# Straight and typographic quotes and apostrophes, and the marks used as such: dropped.
_QUOTES = re.compile(r"[\"'`´‘’‚‛“”„‟‹›«»′″]")
_WORD = re.compile(r"[^\W_]+")  # letters and digits; anything else ends a word


@dataclass(frozen=True)
class NameRules:
    characters: dict[str, str]  # a character -> the text it is read as
    single: dict[str, tuple[str, ...]]  # a folded word -> the words it is read as
    runs: dict[tuple[str, ...], tuple[str, ...]]  # a run of words, each read -> the words it is
    countries: dict[str, str]  # a folded country (words joined by spaces) -> the one it is read as

    @property
    def longest(self) -> int:
        return max((len(run) for run in self.runs), default=1)

    def folded_words(self, text: str) -> list[str]:
        """The words of `text` with case, accents, quotes and punctuation folded away."""
        text = "".join(self.characters.get(char, char) for char in str(text))
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(char for char in text if not unicodedata.combining(char))
        return _WORD.findall(_QUOTES.sub("", text))

    def read(self, words: list[str]) -> list[str]:
        """`words` with each word read as the file says, then each run of several words (the
        longest first, left to right): "Public Company Limited" is read "public co ltd", then
        "pcl"."""
        words = [out for word in words for out in self.single.get(word, (word,))]
        out: list[str] = []
        at = 0
        while at < len(words):
            for size in range(min(self.longest, len(words) - at), 1, -1):
                run = tuple(words[at : at + size])
                if run in self.runs:
                    out += self.runs[run]
                    at += size
                    break
            else:
                out.append(words[at])
                at += 1
        return out

    def name_key(self, name: str) -> str:
        """What two spellings of one facility's name share."""
        return "".join(self.read(self.folded_words(name)))

    def country_key(self, country: str) -> str:
        """What two spellings of one country share."""
        folded = " ".join(self.folded_words(country))
        return self.countries.get(folded, folded).replace(" ", "")


def _text_map(doc: YamlDoc, key: str) -> dict[str, str]:
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise DataError(doc.where((key,)), f"'{key}' must map text to text")
    return value


def _folded(rules: NameRules, doc: YamlDoc, key: str, text: str) -> list[str]:
    words = rules.folded_words(text)
    if not words:
        raise DataError(doc.where((key, text)), f"'{text}' has no letter or digit to compare")
    return words


def rules_from(doc: YamlDoc) -> NameRules:
    """The rules of a parsed facility_names.yml; keys and values are folded as names are, so the
    file may write them as printed ("Company Limited")."""
    characters = _text_map(doc, "characters")
    if any(len(char) != 1 for char in characters):
        raise DataError(doc.where(("characters",)), "'characters' maps one character each")
    plain = NameRules(characters, {}, {}, {})
    words = {
        tuple(_folded(plain, doc, "words", k)): tuple(plain.folded_words(v))
        for k, v in _text_map(doc, "words").items()
    }
    single = {run[0]: read for run, read in words.items() if len(run) == 1}
    by_word = NameRules(characters, single, {}, {})
    runs = {tuple(by_word.read(list(run))): read for run, read in words.items() if len(run) > 1}
    countries = {
        " ".join(_folded(plain, doc, "countries", k)): " ".join(plain.folded_words(v))
        for k, v in _text_map(doc, "countries").items()
    }
    return NameRules(characters, single, runs, countries)


@lru_cache(maxsize=8)
def load_name_rules(overrides: Path | None = None) -> NameRules:
    """facility_names.yml: the repository's `data/reference/` copy when it has one, else
    cmrkit's. Any defect is a DataError naming the file and line."""
    return rules_from(load_yaml(reference_file(FILE, overrides)))
