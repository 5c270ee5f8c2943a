"""Which of RMI's templates a workbook is: CMRT, or an EMRT, CRT or AMRT sent next to it.

RMI's templates share their sheet names and their "Revision x.y" cell, so neither decides
alone. The evidence, weighed in `identify` and described as data in `layouts.yml` (`templates`):
sheets only one template has, the title in Declaration D2 (its abbreviation in parentheses in
every language), and the metals its Smelter Look-up names. A workbook that is another template
is not refused: it is named for what it is, and left out of the conflict minerals roll-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cmrkit.ingest.cmrt.layout import TemplateKind, Templates
from cmrkit.ingest.cmrt.workbook import fold_sheet_name


@dataclass(frozen=True)
class Identified:
    kind: str  # an abbreviation of `templates.kinds`, or "" when nothing says
    evidence: str  # what decided, for the message


class OtherTemplate(Exception):
    """A workbook that is one of RMI's other templates: listed, not read, not refused."""

    def __init__(self, kind: TemplateKind, revision: str | None, evidence: str) -> None:
        self.kind = kind
        self.revision = revision or ""
        self.evidence = evidence
        super().__init__(self.message)

    @property
    def message(self) -> str:
        revision = f" revision {self.revision}" if self.revision else ""
        covers = f": {self.kind.covers}" if self.kind.covers else ""
        article = "an" if self.kind.abbreviation[:1] in "AEFHILMNORSX" else "a"
        return (
            f"{article} {self.kind.abbreviation} ({self.kind.name}){revision}{covers}, not part "
            f"of the conflict minerals roll-up ({self.evidence}); not counted as a CMRT asked or "
            "answering"
        )


def title_kind(title: str, templates: Templates) -> str:
    """The template a Declaration title names: its abbreviation, else its English name."""
    for match in re.finditer(templates.abbreviation, title):
        abbreviation = match.group(1).upper()
        if abbreviation in templates.kinds:
            return abbreviation
    folded = " ".join(title.split()).casefold()
    for kind in templates.kinds.values():
        if any(name.casefold() in folded for name in kind.titles):
            return kind.abbreviation
    return ""


def metals_kind(metals: Iterable[str], templates: Templates) -> str:
    """The template whose metals cover those of a Smelter Look-up best ("" when none does).

    The most metals in common wins; between equals, the template with the fewest metals (a
    look-up of cobalt alone is a CRT's, not an EMRT's)."""
    named = {" ".join(m.split()).casefold() for m in metals if m.strip()}
    best: tuple[int, int, str] | None = None
    for kind in templates.kinds.values():
        own = {m.casefold() for m in kind.metals}
        common = len(named & own)
        if common and (best is None or (common, -len(own)) > (best[0], best[1])):
            best = (common, -len(own), kind.abbreviation)
    return best[2] if best else ""


def identify(
    sheet_names: Sequence[str],
    title: str,
    lookup_metals: Iterable[str] | None,
    templates: Templates,
    look_alike: Mapping[str, str],
) -> Identified:
    """Decide the template from its sheets, its Declaration title and its look-up's metals.

    `lookup_metals` is None when the workbook has no Smelter Look-up to ask.
    """
    folded = {fold_sheet_name(name, look_alike) for name in sheet_names}
    for kind in templates.kinds.values():
        if kind.sheets and all(fold_sheet_name(s, look_alike) in folded for s in kind.sheets):
            listed = ", ".join(f"'{s}'" for s in kind.sheets)
            return Identified(kind.abbreviation, f"it has the sheet {listed}")
    by_title = title_kind(title, templates)
    if by_title and by_title != templates.read:
        return Identified(by_title, f"Declaration title {title.strip()!r}")
    metals = sorted(set(lookup_metals or ()))
    by_metals = metals_kind(metals, templates)
    read = templates.kinds[templates.read]
    reads_own_metals = {m.casefold() for m in read.metals} & {m.casefold() for m in metals}
    if by_metals and by_metals != templates.read and not reads_own_metals:
        shown = ", ".join(metals[:6]) + (", ..." if len(metals) > 6 else "")
        return Identified(by_metals, f"its Smelter Look-up lists {shown}")
    if by_title:
        return Identified(by_title, f"Declaration title {title.strip()!r}")
    return Identified("", "")
