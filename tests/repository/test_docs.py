"""The repository's documentation as a reader finds it: a README that is a landing page, short
enough to read, pointing at task guides in `guides/`, and no link in them that leads nowhere (a
guide renamed or a heading reworded would otherwise leave readers at a dead end)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.project import REPO

README = REPO / "README.md"
GUIDES = REPO / "guides"
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def _documents() -> list[Path]:
    return [README, *sorted(GUIDES.glob("*.md"))]


def _outside_code(text: str) -> str:
    """The text without fenced code blocks, whose brackets and hashes are not Markdown."""
    kept, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return "\n".join(kept)


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped,
    each space a hyphen (so "RMI's lists: `--status`" is `rmis-lists---status`)."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _outside_code(path.read_text(encoding="utf-8"))
    return {anchor(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.M)}


def test_anchor_follows_github() -> None:
    assert anchor("RMI's lists: `--status` and `--as-of`") == "rmis-lists---status-and---as-of"
    assert anchor("A path off Material: Zensical") == "a-path-off-material-zensical"


def test_readme_is_a_landing_page_linking_the_guides() -> None:
    size = len(README.read_bytes())
    assert size <= 16 * 1024, f"README.md is {size} bytes, more than 16 KB: move text to a guide"
    text = README.read_text(encoding="utf-8")
    for command in ("make site", "make test"):
        assert command in text, f"README.md no longer gives `{command}`"
    linked = {m.group(1).split("#")[0] for m in LINK.finditer(_outside_code(text))}
    guides = {f"guides/{path.name}" for path in GUIDES.glob("*.md")}
    assert len(guides & linked) >= 4, sorted(linked)
    assert guides <= linked, f"guides the README does not link: {sorted(guides - linked)}"


def test_every_relative_link_of_the_docs_leads_somewhere() -> None:
    broken = []
    for document in _documents():
        for match in LINK.finditer(_outside_code(document.read_text("utf-8"))):
            target = match.group(1)
            if re.match(r"^[a-z]+:", target):
                continue  # another site: not this repository's to keep
            name, _, fragment = target.partition("#")
            path = (document.parent / name).resolve() if name else document
            if not path.exists():
                broken.append(f"{document.relative_to(REPO)}: {target}: no such file")
            elif fragment and path.suffix == ".md" and fragment not in _anchors(path):
                broken.append(f"{document.relative_to(REPO)}: {target}: no such heading")
    assert not broken, "\n".join(broken)
