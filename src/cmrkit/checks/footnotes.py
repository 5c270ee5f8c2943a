"""A footnote marker printed on Annex rows must have its note on a page: the marker alone (a
`*` after a smelter's name) tells a reader nothing, and the words of the note are the filer's
(what the company did about a sanctioned refiner), so no page prints one by itself."""

from __future__ import annotations

from cmrkit.checks.findings import ERROR, WARNING, Finding
from cmrkit.checks.pages import CheckedPage
from cmrkit.files.yamlio import load_yaml
from cmrkit.year.report import YearReport


def footnote_notes(pages: list[CheckedPage], report: YearReport) -> list[Finding]:
    printed = {marker for page in pages for marker in page.footnote_notes}
    # A report imported as filed keeps its notes in the Annex's shape, printed under the table.
    printed |= {m for m in report.footnotes for note in report.shape.notes if _opens(note, m)}
    unused = set(report.unused_footnotes)
    missing = [m for m in report.footnotes if m not in unused and m not in printed]
    if not missing:
        return []
    doc = load_yaml(report.folder / "facts.yml")
    level = WARNING if report.is_filed else ERROR
    found = []
    for marker in missing:
        names = [row.smelter_name for row in report.annex if row.footnote == marker]
        shown = ", ".join(f"'{name}'" for name in names[:3])
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        found.append(
            Finding(
                level,
                "annex-footnote-note",
                doc.where(("annex", "footnotes", marker)),
                f"footnote '{marker}' marks {shown}{more} in the Annex, but no page prints its "
                "note: write it under the Annex table (in the page with annex_table()), "
                f"starting with {{{{ footnote_anchor('{marker}') }}}}; the list and its date "
                f"are {{{{ report.footnotes['{marker}'].list }}}} and "
                f"{{{{ report.footnotes['{marker}'].date | long_date }}}}",
            )
        )
    return found


def _opens(note: str, marker: str) -> bool:
    """Whether a note of the shape opens with `marker` ("* The ..." for '*', not "** ...")."""
    text = note.lstrip()
    return text.startswith(marker) and not text[len(marker) :].startswith(marker[-1])
