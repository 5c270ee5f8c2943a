"""EDGAR's HTML rules, read from `rules.yml` (package data): what the writer produces and the
checker enforces come from one list, so the two cannot disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).with_name("rules.yml")


@dataclass(frozen=True)
class DocumentSpec:
    file: str
    title: str
    pages: tuple[str, ...]  # Markdown files named one by one
    pages_under: str | None  # or every nav page under this folder, in nav order

    def select(self, nav_pages: list[str]) -> list[str]:
        if self.pages_under is not None:
            return [page for page in nav_pages if page.startswith(self.pages_under)]
        return [page for page in self.pages if page in nav_pages]


@dataclass(frozen=True)
class EdgarRules:
    tags: frozenset[str]
    forbidden_tags: dict[str, str]
    global_attributes: frozenset[str]
    attributes: dict[str, frozenset[str]]
    link_prefixes: tuple[str, ...]
    style_forbidden: tuple[str, ...]
    image_extensions: frozenset[str]
    max_file_name: int
    file_pattern: re.Pattern[str]
    file_extensions: frozenset[str]
    documents: tuple[DocumentSpec, ...]
    body_style: str
    class_styles: dict[str, str]
    drop_classes: frozenset[str]
    drop_tags: frozenset[str]
    annex: dict[str, Any]
    markdown_leftovers: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def allowed_attribute(self, tag: str, name: str) -> bool:
        return name in self.global_attributes or name in self.attributes.get(tag, frozenset())

    def allowed_link(self, href: str) -> bool:
        return href.startswith("#") or href.startswith(self.link_prefixes)


def parse_rules(raw: dict[str, Any]) -> EdgarRules:
    file = raw["file"]
    return EdgarRules(
        tags=frozenset(raw["tags"]),
        forbidden_tags=dict(raw["forbidden_tags"]),
        global_attributes=frozenset(raw["global_attributes"]),
        attributes={tag: frozenset(names) for tag, names in raw["attributes"].items()},
        link_prefixes=tuple(raw["link_prefixes"]),
        style_forbidden=tuple(raw["style_forbidden"]),
        image_extensions=frozenset(raw["image_extensions"]),
        max_file_name=int(file["max_length"]),
        file_pattern=re.compile(file["pattern"]),
        file_extensions=frozenset(file["extensions"]),
        documents=tuple(
            DocumentSpec(d["file"], d["title"], tuple(d.get("pages") or ()), d.get("pages_under"))
            for d in raw["documents"]
        ),
        body_style=raw["body_style"],
        class_styles=dict(raw["class_styles"]),
        drop_classes=frozenset(raw["drop_classes"]),
        drop_tags=frozenset(raw["drop_tags"]),
        annex=dict(raw["annex"]),
        markdown_leftovers=tuple(
            (item["name"], re.compile(item["pattern"]))
            for item in raw.get("markdown_leftovers") or ()
        ),
    )


@cache
def load_rules() -> EdgarRules:
    with open(RULES_FILE, encoding="utf-8") as handle:
        return parse_rules(yaml.safe_load(handle))
