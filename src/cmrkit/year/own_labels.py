"""A year's own status words (`annex.status_labels` as a mapping in facts.yml): the words a
filed report printed, each with what it means, when no label set of statuses.yml prints exactly
those words ("Participating", "CONFORMANT", ...). A filed Annex is mirrored with its own words;
the counts still add up by bucket."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cmrkit.errors import DataError
from cmrkit.files.yamlio import YamlDoc
from cmrkit.reference.load import LabelSet, Reference

# The name the year's own words go by among the label sets (never a name statuses.yml can use:
# it holds a dot).
OWN = "facts.yml"


def with_own_labels(doc: YamlDoc, reference: Reference) -> tuple[YamlDoc, Reference]:
    """The facts naming the year's own label set, and the reference holding it; unchanged when
    `annex.status_labels` names a set of statuses.yml."""
    annex = doc.data.get("annex") if isinstance(doc.data, dict) else None
    if not isinstance(annex, dict) or not isinstance(annex.get("status_labels"), dict):
        return doc, reference
    words: dict[Any, Any] = annex["status_labels"]
    key = ("annex", "status_labels")
    if not words:
        raise DataError(doc.where(key), "'annex.status_labels' names no status word")
    buckets = reference.statuses.buckets
    own: dict[str, tuple[str, ...]] = {}
    for word, meaning in words.items():
        where = doc.where((*key, str(word)))
        if not isinstance(word, str) or not word.strip():
            raise DataError(where, "a status word must be text")
        listed: list[Any] = meaning if isinstance(meaning, list) else [meaning]
        unknown = [b for b in listed if b not in buckets]
        if not listed or unknown:
            raise DataError(
                where,
                f"'{word}' must mean one of the buckets of statuses.yml ({', '.join(buckets)}), "
                f"or a list of them (found {meaning!r})",
            )
        own[word] = tuple(listed)
    statuses = replace(
        reference.statuses,
        label_sets={**reference.statuses.label_sets, OWN: LabelSet(OWN, own)},
    )
    data = {**doc.data, "annex": {**annex, "status_labels": OWN}}
    return replace(doc, data=data), replace(reference, statuses=statuses)
