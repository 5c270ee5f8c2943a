"""`cmrkit diff BASE HEAD`: what a pull request changes in the data and in the words the public
reads, for the lawyers who approve it.

Each revision is exported from git into a scratch folder and built with this environment's MkDocs
(and that revision's own engine, when it has one), so the comparison is between two real sites.
Text is compared sentence by sentence; the Annex is compared as data, facility by facility."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cmrkit.errors import CmrkitError
from cmrkit.files.project import DATA, DOCS, Project
from cmrkit.record.sentences import diff_lines, page_lines
from cmrkit.render.matching import matching_sentence
from cmrkit.website.runner import ToolError, build_site, git, require_work_tree
from cmrkit.website.snapshot import MAIN_CONTENT, ArchiveConfig, load_archive_config, report_pages
from cmrkit.year.compare import Comparison, compare_years
from cmrkit.year.report import YearReport, load_year

# The paths whose change can change the built site; with none changed, nothing is built.
SITE_INPUTS = ("mkdocs.yml", DOCS, "overrides", "macros", DATA, "src")
NO_TEXT_CHANGE = "No change in the rendered report."
NOT_A_PAGE = ("404.html",)


@contextmanager
def exported(root: Path, ref: str) -> Iterator[Project]:
    """The repository as it is at `ref`, in a scratch folder (git archive: no checkout, no
    shared index)."""
    result = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=root, capture_output=True, timeout=300
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"cannot read revision '{ref}': {message}")
    with tempfile.TemporaryDirectory(prefix="cmrkit-diff-") as scratch:
        tree = Path(scratch) / "tree"
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(tree, filter="data")
        yield Project.at(tree)


def _load(tree: Project, year: int) -> YearReport | str:
    try:
        return load_year(tree.data_dir, year)
    except CmrkitError as exc:
        return str(exc).replace(f"{tree.root}/", "")


@dataclass(frozen=True)
class YearData:
    year: int
    base: YearReport | str | None  # str: the data error that stopped loading it
    head: YearReport | str | None
    comparison: Comparison | None
    # A year new in HEAD is compared with the latest earlier year at BASE.
    against: YearReport | None = None


@dataclass(frozen=True)
class PageDiff:
    year: int
    page: str
    in_report: bool
    lines: tuple[str, ...]
    against: int | None = None  # for a new year: the earlier year (at BASE) it is compared with


@dataclass
class Review:
    base: str
    head: str
    years: list[YearData] = field(default_factory=list)
    pages: list[PageDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    built: bool = False


def compare_data(base_tree: Project, head_tree: Project) -> list[YearData]:
    base_years, head_years = base_tree.years, head_tree.years
    out = []
    for year in sorted(set(base_years) | set(head_years)):
        base = _load(base_tree, year) if year in base_years else None
        head = _load(head_tree, year) if year in head_years else None
        comparison = None
        against = None
        if isinstance(base, YearReport) and isinstance(head, YearReport):
            comparison = compare_years(base, head)
        elif base is None and isinstance(head, YearReport):
            earlier = [y for y in base_years if y < year]
            loaded = _load(base_tree, earlier[-1]) if earlier else None
            if isinstance(loaded, YearReport):
                against = loaded
                comparison = compare_years(loaded, head)
        out.append(YearData(year, base, head, comparison, against))
    return out


def _config(tree: Project, fallback: Project) -> ArchiveConfig | None:
    for data in (tree.data_dir, fallback.data_dir):
        try:
            return load_archive_config(data)
        except CmrkitError:
            continue
    return None


def site_lines(site: Path) -> dict[str, list[str]]:
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.is_file() and p.name not in NOT_A_PAGE and MAIN_CONTENT in p.read_text("utf-8")
    )
    return {
        page: page_lines((site / page).read_text(encoding="utf-8"), MAIN_CONTENT) for page in pages
    }


def _build(tree: Project, year: int, dest: Path) -> dict[str, list[str]] | str:
    """The revision's site for `year`, built with the revision's own engine when it has one
    (cmrkit's repository: `src/cmrkit`)."""
    engine = tree.root / "src" if (tree.root / "src" / "cmrkit").is_dir() else None
    try:
        return site_lines(build_site(tree.root, year, dest, pythonpath=engine))
    except ToolError as exc:
        return str(exc)


def review(project: Project, base: str, head: str) -> Review:
    result = Review(base, head)
    root = project.root
    changed = subprocess.run(
        ["git", "diff", "--quiet", base, head, "--", *SITE_INPUTS], cwd=root, timeout=120
    ).returncode
    with exported(root, base) as base_tree, exported(root, head) as head_tree:
        result.years = compare_data(base_tree, head_tree)
        if changed == 0:
            return result
        config = _config(head_tree, project)
        pairs = [  # (year at BASE, year at HEAD)
            (old_year, item.year)
            for item in result.years
            if item.head is not None and (old_year := _base_year(item)) is not None
        ]
        built: dict[int, dict[str, list[str]] | str] = {}  # BASE years, each built once
        with tempfile.TemporaryDirectory(prefix="cmrkit-sites-") as scratch:
            for old_year, year in pairs:
                if old_year not in built:
                    built[old_year] = _build(
                        base_tree, old_year, Path(scratch) / f"base-{old_year}"
                    )
                old = built[old_year]
                new = _build(head_tree, year, Path(scratch) / f"head-{year}")
                result.built = True
                if isinstance(old, str) or isinstance(new, str):
                    for side, when, outcome in ((base, old_year, old), (head, year, new)):
                        if isinstance(outcome, str):
                            result.notes.append(f"{when} at {side}: the build failed: {outcome}")
                    continue
                report = (
                    set(report_pages(Path(scratch) / f"head-{year}", config)) if config else set()
                )
                against = old_year if old_year != year else None
                for page in sorted(set(old) | set(new), key=lambda p: (p not in report, p)):
                    lines = diff_lines(old.get(page, []), new.get(page, []))
                    if lines:
                        result.pages.append(
                            PageDiff(year, page, page in report, tuple(lines), against)
                        )
    return result


def resolve(project: Project, ref: str) -> str:
    """The short commit of `ref`, so the output says which revisions were compared."""
    require_work_tree(project.root)
    return git(project.root, "rev-parse", "--short", f"{ref}^{{commit}}").strip()


def _cell(text: object) -> str:
    """Table-cell text that cannot break the Markdown table or inject HTML into a PR comment."""
    value = " ".join(str(text).split())
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        value = value.replace(char, entity)
    return value


def _changed(value: object) -> str:
    """One side of a field's change: an empty one reads "(none)" ("footnote: (none) → *"), not
    a gap a reviewer may take for a missing word."""
    return _cell(value) or "(none)"


def _base_year(item: YearData) -> int | None:
    """The year at BASE a year at HEAD is compared with: itself, or for a new year the latest
    earlier one (None: nothing to compare with)."""
    if item.base is not None:
        return item.year
    return item.against.year if item.against is not None else None


def _flatten(data: object, prefix: str = "") -> dict[str, str]:
    """Facts by dotted name (an item of a list by its index: `annex.columns.1.country`)."""
    if isinstance(data, Mapping | tuple | list):
        items = data.items() if isinstance(data, Mapping) else enumerate(data)
        out: dict[str, str] = {}
        for key, value in items:
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: str(data)}


def _counts(report: YearReport) -> dict[str, int]:
    figures = report.figures
    counts = {"Annex rows": figures.total}
    counts.update(figures.by_status)
    counts.update({m.metal: m.total for m in figures.by_metal})
    return counts


def _data_section(item: YearData, base: str, head: str) -> list[str]:
    year = item.year
    if isinstance(item.head, str) or isinstance(item.base, str):
        out = [f"#### {year}"]
        for side, value in ((base, item.base), (head, item.head)):
            if isinstance(value, str):
                out.append(f"- data error at `{side}`: {_cell(value)}")
        return out
    if item.base is None and item.head is not None:
        out = [f"#### {year}", "", f"New year: {item.head.figures.total} Annex rows."]
        if item.against is not None and item.comparison is not None:
            out[-1] += f" Compared with {item.against.year} at `{base}`:"
            out += _facility_tables(item.comparison)
            out += _matching(item.comparison)
            out += _count_table(_counts(item.against), _counts(item.head))
        return out
    if item.head is None and item.base is not None:
        return [f"#### {year}", "- this year's data is removed"]
    assert isinstance(item.base, YearReport) and isinstance(item.head, YearReport)
    old_facts, new_facts = _flatten(item.base.facts.tree), _flatten(item.head.facts.tree)
    facts = [
        (key, old_facts.get(key, "(none)"), new_facts.get(key, "(none)"))
        for key in sorted(set(old_facts) | set(new_facts))
        if old_facts.get(key) != new_facts.get(key)
    ]
    comparison = item.comparison
    old_counts, new_counts = _counts(item.base), _counts(item.head)
    if not facts and not comparison and old_counts == new_counts:
        return []
    out = [f"#### {year}"]
    if facts:
        out += ["", "Facts changed:", ""]
        out += [f"- `{key}`: {_cell(old)} → {_cell(new)}" for key, old, new in facts]
    if comparison:
        out += _facility_tables(comparison)
    if comparison is not None:
        out += _matching(comparison)
    out += _count_table(old_counts, new_counts)
    return out


def _facility_tables(comparison: Comparison) -> list[str]:
    out: list[str] = []
    for title, rows in (("added", comparison.added), ("removed", comparison.removed)):
        if rows:
            out += ["", f"Facilities {title} ({len(rows)}):", ""]
            out += [
                "| Metal | Smelter or refiner | ID | Country | Status |",
                "|---|---|---|---|---|",
            ]
            out += [
                f"| {_cell(r.metal)} | {_cell(r.smelter_name)} | {_cell(r.smelter_id)} | "
                f"{_cell(r.country)} | {_cell(r.status)} |"
                for r in rows
            ]
    if comparison.changed:
        out += ["", f"Facilities changed ({len(comparison.changed)}):", ""]
        out += ["| Metal | Smelter or refiner | Change |", "|---|---|---|"]
        for change in comparison.changed:
            what = "; ".join(
                f"{name}: {_changed(getattr(change.old, name))} → "
                f"{_changed(getattr(change.new, name))}"
                for name in change.fields
            )
            out.append(f"| {_cell(change.new.metal)} | {_cell(change.new.smelter_name)} | {what} |")
    return out


def _matching(comparison: Comparison) -> list[str]:
    """How the facilities were matched (the Year over year page's sentence), and each pair
    matched by name and country, for the reviewer to confirm the two rows are one facility."""
    out = ["", matching_sentence(comparison)]
    pairs = comparison.name_matched
    if pairs:
        before, after = str(comparison.old_year), str(comparison.new_year)
        if before == after:
            before, after = "before", "after"  # two versions of one year
        out += ["", f"Matched by metal, name and country ({len(pairs)}):", ""]
        out += [f"| Metal | {before}: name, country | {after}: name, country |", "|---|---|---|"]
        out += [
            f"| {_cell(new.metal)} | {_cell(old.smelter_name)}, {_cell(old.country)} | "
            f"{_cell(new.smelter_name)}, {_cell(new.country)} |"
            for old, new in pairs
        ]
    return out


def _count_table(old_counts: dict[str, int], new_counts: dict[str, int]) -> list[str]:
    out = ["", "| Count | Before | After | Change |", "|---|---:|---:|---:|"]
    for key in dict.fromkeys([*old_counts, *new_counts]):
        before, after = old_counts.get(key, 0), new_counts.get(key, 0)
        delta = f"{after - before:+d}" if after != before else ""
        out.append(f"| {_cell(key)} | {before} | {after} | {delta} |")
    return out


def to_markdown(result: Review) -> str:
    out = [f"## Report changes: `{result.base}` → `{result.head}`", "", "### Data", ""]
    data = [line for item in result.years for line in _data_section(item, result.base, result.head)]
    out += data or ["No change in the data."]
    out += ["", "### Rendered text", ""]
    out += [f"- {_cell(note)}" for note in result.notes]
    if not result.pages:
        out.append(NO_TEXT_CHANGE)
    for page in result.pages:
        kind = "report" if page.in_report else "site page, not part of the report"
        year = (
            f"{page.year}"
            if page.against is None
            else f"{page.year} (new, compared with {page.against})"
        )
        out += ["", f"#### {year}: `{page.page}` ({kind})", "", "```diff", *page.lines, "```"]
    return "\n".join(out) + "\n"
