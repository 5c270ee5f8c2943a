"""YAML reading that remembers where each value came from, so errors can name a line; and the
one check every reader of a settings mapping makes (`known_keys`), with that line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cmrkit.errors import DataError, Location
from cmrkit.files.textfile import read_text

PathKey = tuple[str | int, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file and the 1-based line of every key or item in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, key: PathKey) -> int:
        """Line of `key`, or of its nearest present parent (a missing key has no line)."""
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)

    def where(self, key: PathKey) -> Location:
        return Location(self.path, self.line_of(key))


def _walk(node: yaml.Node, key: PathKey, lines: dict[PathKey, int]) -> None:
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            child = (*key, str(knode.value))
            lines[child] = knode.start_mark.line + 1
            _walk(vnode, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*key, index), lines)


def load_yaml(path: Path) -> YamlDoc:
    """Parse `path` safely; a syntax error becomes a DataError naming the line."""
    text = read_text(path)
    # Parsed once, with libyaml when present: an ingest run's file has a line per facility.
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(Location(path, line), f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(Location(path), f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDoc(path=path, data=data, lines=lines)


def known_keys(
    doc: YamlDoc, key: PathKey, value: object, known: Sequence[str], what: str, word: str = "key"
) -> dict[str, Any]:
    """`value`, found at `key` in `doc`, as a mapping whose keys are all `known`. A misspelt
    setting would otherwise be ignored without a word, so a value that is no mapping, or a key
    not known, is a DataError naming the line (the stray key's own) and listing the known ones;
    `what` names the mapping in the message, `word` what its keys are ("key", "condition")."""
    listed = ", ".join(known)
    if not isinstance(value, dict):
        raise DataError(doc.where(key), f"{what} must be a mapping ({word}s: {listed})")
    for name in value:
        if name not in known:
            raise DataError(
                doc.where((*key, str(name))), f"{what}: unknown {word} '{name}' (known: {listed})"
            )
    return value
