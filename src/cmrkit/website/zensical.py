"""A year built with Zensical, Material for MkDocs's successor, from the same pages and data, and
how much of the filed text that build carries: a measured path off Material (guides/maintaining.md,
"A path off Material: Zensical"). MkDocs 1.6.1 with Material 9.8.1 stays the production build
(`make site`).

Zensical reads `mkdocs.yml`, but runs no MkDocs hook, and its emulation of mkdocs-macros calls
`define_env` with an object that lacks what ours uses and never calls `on_post_build`. The site
needs both: the hook builds year Y from `docs/<Y>/` with that year's nav, the macros fill every
page from data. So the year is first staged as a plain project that Zensical builds as it is:

- `build/zensical/<Y>/docs/`: every file the production build of Y serves, where the hook puts
  it (`cmrkit.year.pages.site_path`); each page rendered from data by the site's own macros
  (`cmrkit.website.macros.site_macros`) through the template renderer every renderer of the pages
  uses (`cmrkit.render.page_renderer.render_template`), and written as plain Markdown, front
  matter kept;
- `build/zensical/<Y>/mkdocs.yml`: `mkdocs.yml` with what the hook and the macros set at build
  time (the year's nav, site name, URL, the theme's extras), without the hook and the macros
  plugin, and in Zensical's `classic` theme variant (Material's HTML and look);
- `zensical build --strict` into `build/zensical/<Y>/site`, then the files the production build
  writes after its pages (EDGAR documents, Annex downloads: `write_site_files`).

Then the built year is read as the fidelity tests read the production site: its text against the
filed record (every paragraph in order, every Annex row) and its sentences against the frozen text
of the year's manifest, when the year has them."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import unescape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from mkdocs.utils import yaml_load

from cmrkit.errors import CmrkitError, DataError, Location
from cmrkit.files.project import Project
from cmrkit.record.fidelity import Mismatch, compare_annex, compare_paragraphs
from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.record.manifest import load_manifest, manifest_path
from cmrkit.record.sentences import LineTally, diff_lines, tally_lines
from cmrkit.render.htmltext import page_text, table_body_rows
from cmrkit.render.page_renderer import render_template, split_front_matter
from cmrkit.website.macros import (
    PagePlace,
    SiteFiles,
    SiteSettings,
    site_macros,
    site_project,
    site_settings,
    write_site_files,
)
from cmrkit.website.runner import tool_env
from cmrkit.website.served import OVERRIDES, shared_pages, theme_assets, theme_templates
from cmrkit.website.snapshot import load_archive_config, take_snapshot
from cmrkit.year.pages import load_pages, site_path
from cmrkit.year.report import YearReport, load_year

STAGING = Path("build") / "zensical"  # inside the project: Zensical keeps docs and site there
CONFIG_FILE = "mkdocs.yml"
# The element of a page that holds its own content. Zensical's `classic` variant keeps
# Material's (templates/base.html of zensical 0.0.73: `<div class="md-content">`).
MAIN_CONTENT = "md-content"
VARIANT = "classic"
# What the staging replaces: the hook (the year's pages and nav) and the macros plugin (pages
# rendered from data before Zensical sees them).
REPLACED_PLUGINS = ("macros",)


class ZensicalError(CmrkitError):
    """Zensical is missing, or its build of the staged year failed."""


# --- staging: the year as a plain project ------------------------------------------------------


def read_config(project: Path) -> dict[str, Any]:
    """The project's `mkdocs.yml` as MkDocs reads it (`!ENV` resolved: CMRKIT_YEAR chooses the
    year as it does for `make site`)."""
    path = project / CONFIG_FILE
    if not path.is_file():
        raise DataError(Location(path), "no mkdocs.yml: not a site project")
    try:
        with open(path, encoding="utf-8") as handle:
            config = yaml_load(handle)
    except yaml.YAMLError as exc:
        raise DataError(Location(path), f"not readable YAML: {exc}") from None
    if not isinstance(config, dict):
        raise DataError(Location(path), "mkdocs.yml is not a mapping of settings")
    return config


def config_year(config: Mapping[str, Any], project: Path) -> int:
    try:
        return int((config.get("extra") or {})["report_year"])
    except (KeyError, TypeError, ValueError):
        raise DataError(
            Location(project / CONFIG_FILE), "extra.report_year must be a year (or set YEAR)"
        ) from None


def page_place(path: str) -> PagePlace:
    """Where a page of the site's docs (`exhibit-1-01/rcoi.md`) lands with directory URLs."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return PagePlace("", "index.html")
    if stem.endswith("/index"):
        return PagePlace(stem.removesuffix("index"), f"{stem}.html")
    return PagePlace(f"{stem}/", f"{stem}/index.html")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def site_sources(docs_dir: Path, year: int, overrides: Path | None = None) -> dict[str, Path]:
    """Every file of `year`'s site by its path in the site's docs folder: the shared files and
    the year's own (`site_path`), in path order, then what the hooks serve from cmrkit where the
    repository has no copy of its own (shared pages; the theme's scripts and styles, a copy in
    `overrides` winning, as MkDocs serves theme files). Two files landing on one path, or two
    pages on one address, are refused as the production build's hook refuses them."""
    found: dict[str, Path] = {}
    places: dict[str, str] = {}
    for source in sorted(docs_dir.rglob("*")):
        relative = source.relative_to(docs_dir)
        if not source.is_file() or _hidden(relative):
            continue
        path = site_path(relative.as_posix(), year)
        if path is None:
            continue
        where = page_place(path).dest_path if path.endswith(".md") else path
        if path in found or where in places:
            other = found.get(path) or found[places[where]]
            raise DataError(
                Location(source),
                f"docs/{relative.as_posix()} and docs/{other.relative_to(docs_dir).as_posix()} "
                f"would both be {where}: rename one of them",
            )
        found[path] = source
        places[where] = path
    for path, source in [*shared_pages(found).items(), *theme_assets(docs_dir, overrides).items()]:
        found.setdefault(path, source)
    return found


def render_page(
    text: str, report: YearReport, macros: Mapping[str, Callable[..., Any]], where: Path
) -> str:
    """A page as plain Markdown: its template filled from data, its front matter as it was. An
    error names the page's file and line, counted with its front matter."""
    front, body = split_front_matter(text)
    skipped = front.count("\n")
    rendered = render_template("\n" * skipped + body, report, dict(macros), where)
    lead = "\n" * skipped
    return front + (rendered[skipped:] if rendered.startswith(lead) else rendered.lstrip("\n"))


def stage_docs(
    docs_dir: Path, report: YearReport, dest: Path, overrides: Path | None = None
) -> tuple[SiteFiles, list[str]]:
    """Writes the year's site docs into `dest`: pages rendered, other files copied. Returns what
    the pages asked to be written beside them, and the pages written."""
    files = SiteFiles(report)
    current = [PagePlace("", "")]
    macros = site_macros(report, lambda: current[0], files)
    pages = []
    for path, source in site_sources(docs_dir, report.year, overrides).items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith(".md"):
            current[0] = page_place(path)
            text = source.read_text(encoding="utf-8")
            target.write_text(render_page(text, report, macros, source), encoding="utf-8")
            pages.append(path)
        else:
            shutil.copy2(source, target)
    return files, pages


def _plain(value: Any) -> Any:
    """Settings as YAML can write them: markup-safe strings as plain ones."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _plugin_name(entry: Any) -> str:
    return str(next(iter(entry)) if isinstance(entry, Mapping) else entry)


def zensical_config(
    config: Mapping[str, Any], settings: SiteSettings, year_nav: Sequence[Any], year: int
) -> dict[str, Any]:
    """`mkdocs.yml` as the production build ends up using it for `year`, for Zensical: the
    year's nav first (what the hook does), the year's settings (what the macros do), no hook,
    no macros plugin (the pages come rendered), and the `classic` theme variant."""
    derived = {key: value for key, value in config.items() if key != "hooks"}
    derived["docs_dir"] = "docs"
    derived["site_dir"] = "site"
    derived["site_name"] = settings.site_name
    derived["site_author"] = settings.site_author
    if settings.site_url:
        derived["site_url"] = settings.site_url
    derived["nav"] = [*year_nav, *(config.get("nav") or [])]
    derived["extra"] = {**(config.get("extra") or {}), **settings.extra, "report_year": year}
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", VARIANT)
    derived["theme"] = theme
    plugins = config.get("plugins") or []
    derived["plugins"] = [p for p in plugins if _plugin_name(p) not in REPLACED_PLUGINS]
    return _plain(derived)


@dataclass(frozen=True)
class Staged:
    year: int
    root: Path  # build/zensical/<year>: the project Zensical builds
    pages: tuple[str, ...]  # the site's pages, relative to root/docs
    files: SiteFiles

    @property
    def config(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def site(self) -> Path:
        return self.root / "site"


def stage(project: Path, year: int | None = None, root: Path | None = None) -> Staged:
    """The year (by default `mkdocs.yml`'s, as for `make site`) as a plain project in `root`
    (`build/zensical/<year>` by default), emptied first."""
    config = read_config(project)
    year = year if year is not None else config_year(config, project)
    site = site_project(project, config)
    report = load_year(site.data_dir, year)
    docs_dir = site.docs_dir
    root = root if root is not None else project / STAGING / str(year)
    if root.resolve() in (project.resolve(), *project.resolve().parents):
        raise CmrkitError(f"{root}: the staging folder must be a folder of its own")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    # The theme's templates as the hook puts them first in the theme's path: the repository's
    # own overrides over cmrkit's (Zensical runs no hook).
    custom = (config.get("theme") or {}).get("custom_dir")
    own = project / str(custom or OVERRIDES)
    files, pages = stage_docs(docs_dir, report, Project.at(root).docs_dir, own)
    for name, source in theme_templates(own).items():
        (root / OVERRIDES / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, root / OVERRIDES / name)
    nav = load_pages(docs_dir, year).nav
    derived = zensical_config(config, site_settings(report), nav, year)
    derived["theme"]["custom_dir"] = OVERRIDES
    text = yaml.safe_dump(derived, sort_keys=False, allow_unicode=True, width=100)
    header = f"# Written by cmrkit.website.zensical from {CONFIG_FILE} for {year}: do not edit.\n"
    (root / CONFIG_FILE).write_text(header + text, encoding="utf-8")
    return Staged(year, root, tuple(pages), files)


# --- the build ---------------------------------------------------------------------------------


def zensical_version() -> str:
    try:
        return version("zensical")
    except PackageNotFoundError:
        raise ZensicalError("zensical is not installed (`make install` installs the pin)") from None


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def zensical_problems(output: str) -> str:
    """Zensical's report of a failed build as a reader wants it: its warnings and errors without
    colour codes, and without the Python traceback it prints after them."""
    text = _ANSI.sub("", output)
    text = text.split("Traceback (most recent call last):")[0]
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-40:])


def build(staged: Staged, docs_dir: Path) -> None:
    """`zensical build --strict` of the staged year (a warning fails it, as MkDocs's strict
    build does), then the files the pages link. A failed build is a ZensicalError with
    Zensical's warnings."""
    zensical_version()
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", CONFIG_FILE]
    result = subprocess.run(
        command,
        cwd=staged.root,
        env=tool_env(staged.year, {"NO_COLOR": "1"}),
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise ZensicalError(
            f"zensical build of {staged.year} failed (in {staged.root}):\n"
            + zensical_problems(output)
        )
    if not (staged.site / "index.html").is_file():
        raise ZensicalError(f"zensical build of {staged.year} wrote no {staged.site}/index.html")
    write_site_files(staged.files, docs_dir, staged.site)


# --- reading what it built ---------------------------------------------------------------------

_LOADING_TAG = re.compile(r"<(script|link|img|iframe|source|audio|video|embed)\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'\b(src|href|rel)\s*=\s*"([^"]*)"', re.I)
_NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "me"}
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", re.I)
_URL = re.compile(r"https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def third_party_loads(site: Path) -> list[str]:
    """Every address on another host that a built page or stylesheet makes the browser load
    (scripts, styles, fonts, images, frames), as `file: address`."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        addresses = list(_CSS_URL.findall(text))
        if path.suffix == ".html":
            for tag in _LOADING_TAG.finditer(text):
                attributes = {k.lower(): v for k, v in _ATTRIBUTE.findall(tag.group(0))}
                if set(attributes.get("rel", "").lower().split()) & _NOT_LOADED:
                    continue
                address = attributes.get("src") or attributes.get("href") or ""
                if address.startswith(("http:", "https:", "//")):
                    addresses.append(address)
        found.extend(f"{path.relative_to(site).as_posix()}: {a}" for a in addresses)
    return found


_LINK = re.compile(r'<(?:a|link|script|img|source)\b[^>]*?\b(?:href|src)="([^"]*)"', re.I)


def broken_links(site: Path) -> list[str]:
    """Every link or load of a built page to a file of the site that is not there, as
    `page: address` (other hosts, mail and in-page anchors are not files of the site)."""
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for address in dict.fromkeys(unescape(a) for a in _LINK.findall(text)):
            parts = urlparse(address)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = site if parts.path.startswith("/") else page.parent  # 404.html: from root
            target = (base / parts.path.lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                found.append(f"{page.relative_to(site).as_posix()}: {address}")
    return found


def hosts_named_in_scripts(site: Path) -> dict[str, int]:
    """The hosts of the web addresses written in the site's scripts, with how many times: not
    loads by themselves (a script may only use one when a feature is configured)."""
    counts: Counter[str] = Counter()
    for path in site.rglob("*.js"):
        counts.update(_URL.findall(path.read_text(encoding="utf-8", errors="replace")))
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class PageDiff:
    page: str
    tally: LineTally
    lines: tuple[str, ...]  # `- recorded` / `+ built` lines


@dataclass(frozen=True)
class Measurement:
    year: int
    zensical: str  # version
    seconds: float
    site: Path
    built_pages: tuple[str, ...]  # every HTML page of the built site
    report_pages: tuple[str, ...]  # the year's own pages, in nav order, as HTML paths
    record: Path | None  # the filed record, when the year has one
    paragraphs: int
    paragraph_problems: tuple[Mismatch, ...]
    annex_rows: int
    annex_problems: tuple[Mismatch, ...]
    manifest: Path | None  # the frozen text, when the year has one
    sentences: LineTally | None
    page_diffs: tuple[PageDiff, ...]
    annex_digest_equal: bool | None
    loads: tuple[str, ...]
    broken: tuple[str, ...]  # links and loads to files the site does not have
    script_hosts: dict[str, int]


def measure(project: Path, staged: Staged, seconds: float) -> Measurement:
    """The built year read as the fidelity tests read the production site."""
    layout = site_project(project, read_config(project))
    data_dir, docs_dir = layout.data_dir, layout.docs_dir
    site = staged.site
    year_pages = load_pages(docs_dir, staged.year)
    report_pages = tuple(page_place(md).dest_path for md in year_pages.files)
    texts = [page_text((site / p).read_text(encoding="utf-8"), MAIN_CONTENT) for p in report_pages]
    archive = load_archive_config(data_dir)
    table = archive.annex_table
    found = (table_body_rows(t.tables, table) for t in texts)
    rows = next((r for r in found if r is not None), [])

    year_dir = layout.year_data(staged.year)
    record_path = filed_record_path(year_dir)
    paragraphs = annex_rows = 0
    paragraph_problems: list[Mismatch] = []
    annex_problems: list[Mismatch] = []
    if record_path is not None:
        record = load_filed(record_path)
        paragraphs, annex_rows = len(record.paragraphs), len(record.annex_rows)
        paragraph_problems = compare_paragraphs(record, " ".join(t.text for t in texts))
        annex_problems = compare_annex(record, rows)

    manifest = load_manifest(year_dir)
    sentences = None
    diffs: list[PageDiff] = []
    annex_equal = None
    if manifest is not None:
        snapshot = take_snapshot(site, archive, MAIN_CONTENT)
        sentences = LineTally()
        for page in sorted(set(manifest.pages) | set(snapshot.pages)):
            old, new = manifest.pages.get(page, ()), snapshot.pages.get(page, [])
            tally = tally_lines(old, new)
            sentences += tally
            if tally.matched != len(old) or tally.added:
                diffs.append(PageDiff(page, tally, tuple(diff_lines(old, new))))
        annex_equal = manifest.annex_sha256 == snapshot.annex_digest()

    built = tuple(sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")))
    return Measurement(
        year=staged.year,
        zensical=zensical_version(),
        seconds=seconds,
        site=site,
        built_pages=built,
        report_pages=report_pages,
        record=record_path,
        paragraphs=paragraphs,
        paragraph_problems=tuple(paragraph_problems),
        annex_rows=annex_rows,
        annex_problems=tuple(annex_problems),
        manifest=manifest_path(year_dir) if manifest is not None else None,
        sentences=sentences,
        page_diffs=tuple(diffs),
        annex_digest_equal=annex_equal,
        loads=tuple(third_party_loads(site)),
        broken=tuple(broken_links(site)),
        script_hosts=hosts_named_in_scripts(site),
    )


def describe(m: Measurement, project: Path, examples: int = 3) -> str:
    """The measurement as a short report."""

    def shown(path: Path) -> str:
        return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)

    lines = [
        f"Zensical {m.zensical} ({VARIANT} variant) built {m.year} into {shown(m.site)} in "
        f"{m.seconds:.1f} s (staging included): {len(m.built_pages)} HTML pages, "
        f"{len(m.report_pages)} of them the year's report pages",
    ]
    if m.record is None:
        lines.append(f"Filed record: none for {m.year} (a draft year): nothing to compare")
    else:
        found = m.paragraphs - len(m.paragraph_problems)
        rows = m.annex_rows - sum(1 for p in m.annex_problems if p.filed)
        lines.append(
            f"Filed record ({shown(m.record)}): {found} of {m.paragraphs} paragraphs found word "
            f"for word and in order; {rows} of {m.annex_rows} Annex rows as filed"
            + (f", {len(m.annex_problems)} row differences" if m.annex_problems else "")
        )
        for problem in (m.paragraph_problems + m.annex_problems)[:examples]:
            lines.append(f"  {problem}")
    if m.sentences is None:
        lines.append(f"Frozen text: no manifest for {m.year}")
    else:
        s = m.sentences
        lines.append(
            f"Frozen text ({shown(m.manifest) if m.manifest else ''}): {s.total} sentences "
            f"recorded: {s.matched} matched, {s.changed} changed, {s.missing} missing; "
            f"{s.added} added; Annex rows "
            + ("equal to the record" if m.annex_digest_equal else "differ from the record")
        )
        for diff in m.page_diffs[:examples]:
            lines.append(f"  {diff.page}:")
            lines.extend(f"    {line}" for line in diff.lines[: 2 * examples])
    if m.loads:
        lines.append(f"Loads from other hosts: {len(m.loads)}")
        lines.extend(f"  {load}" for load in m.loads[:examples])
    else:
        lines.append("Loads from other hosts (pages, stylesheets): none")
    if m.broken:
        lines.append(f"Links to files the site does not have: {len(m.broken)}")
        lines.extend(f"  {link}" for link in m.broken[:examples])
    else:
        lines.append("Links to files the site does not have: none")
    if m.script_hosts:
        named = ", ".join(f"{host} ({count})" for host, count in m.script_hosts.items())
        lines.append(f"Hosts named in scripts (not loaded by themselves): {named}")
    return "\n".join(lines)


def build_and_measure(project: Path, year: int | None = None) -> Measurement:
    """Stage, build and read one year of the project (`make site-zensical`)."""
    started = time.perf_counter()
    staged = stage(project, year)
    build(staged, site_project(project, read_config(project)).docs_dir)
    return measure(project, staged, time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    """`make site-zensical [YEAR=...]`: exit 0 when Zensical built the year, whatever the
    comparison found (it is a measurement, reported; the production build's tests are the
    gate); 2 when the year could not be staged or built."""
    parser = argparse.ArgumentParser(
        prog="python -m cmrkit.website.zensical",
        description="Build a year with Zensical from the same pages and data, and compare it "
        "with the filed record.",
    )
    parser.add_argument("year", nargs="?", type=int, help="default: mkdocs.yml's, as make site")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the site's folder")
    args = parser.parse_args(argv)
    try:
        measurement = build_and_measure(args.project.resolve(), args.year)
    except CmrkitError as exc:
        print(f"cmrkit: error: {exc}", file=sys.stderr)
        return 2
    print(describe(measurement, args.project.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
