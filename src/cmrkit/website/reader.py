"""A year's version of the site as a reader gets it: every page rendered by Chromium (after
styles and scripts), read for its visible text and its links, and every file a reader can
download, hashed.

The version folder is served alone on localhost under its own name (`/2023/`), as mike lays it
out, so links resolve as on the site; requests to any other host are refused, and the version
selector (filled from the site root's `versions.json`, which changes with every new year) stays
empty, so the reading depends on the version's files only. Each page is read in every view of
`archive.yml` (a desktop and a phone, light and dark): a style that hides text on
one screen only is still seen."""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeGuard
from urllib.parse import unquote, urlsplit

from cmrkit.errors import CmrkitError, DataError
from cmrkit.files.project import reference_folder
from cmrkit.files.yamlio import load_yaml
from cmrkit.record.reader_view import MISSING, ReaderPage, ReaderRecord, Run, link_line, page_text
from cmrkit.reference.files import reference_file
from cmrkit.website import chromium
from cmrkit.website.snapshot import ARCHIVE_CONFIG

PAGE_TIMEOUT_MS = 60_000
# Material's search index is loaded by a worker after the page, and the search box's hidden
# status line ("Initializing search" / "Type to start searching") depends on when it is ready:
# it is not fetched, so every reading of a page is the same. The index itself is a download,
# recorded by sha256 like any other (archive.yml).
NOT_FETCHED = ("/search/search_index.json",)
MAX_HEIGHT = 60_000  # px: taller pages are read in this much (no page here comes close)


Scheme = Literal["light", "dark"]


def _pixels(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 200 <= value <= 4000


def _scheme(value: object) -> TypeGuard[Scheme]:
    return value in ("light", "dark")


class ReaderError(CmrkitError):
    """Chromium could not read a page of the version."""


@dataclass(frozen=True)
class View:
    name: str
    width: int
    height: int
    color_scheme: Scheme

    @property
    def label(self) -> str:
        """How the record names the view: its size and scheme are part of what was checked."""
        return f"{self.name} {self.width}x{self.height} {self.color_scheme}"


@dataclass(frozen=True)
class ReaderConfig:
    views: tuple[View, ...]
    downloads: tuple[str, ...]  # glob patterns of files a reader can download


def load_reader_config(data_dir: Path) -> ReaderConfig:
    """The views and download patterns of `archive.yml` (packaged, or the repository's own)."""
    doc = load_yaml(reference_file(ARCHIVE_CONFIG, reference_folder(data_dir)))
    data = doc.data if isinstance(doc.data, dict) else {}
    raw_views = data.get("reader_views")
    if not isinstance(raw_views, list) or not raw_views:
        raise DataError(doc.where(("reader_views",)), "reader_views must be a list of views")
    views = []
    for index, item in enumerate(raw_views):
        where = doc.where(("reader_views", index))
        if not isinstance(item, dict):
            raise DataError(where, "a view needs name, width, height and color_scheme")
        name, width, height = item.get("name"), item.get("width"), item.get("height")
        scheme = item.get("color_scheme")
        if not isinstance(name, str) or not name.strip() or " " in name:
            raise DataError(where, "a view needs a one-word name")
        if not (_pixels(width) and _pixels(height)):
            raise DataError(where, "width and height must be whole pixels from 200 to 4000")
        if not _scheme(scheme):
            raise DataError(where, "color_scheme must be light or dark")
        views.append(View(name, width, height, scheme))
    if len({v.name for v in views}) != len(views):
        raise DataError(doc.where(("reader_views",)), "two views have the same name")
    patterns = data.get("downloads") or []
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise DataError(doc.where(("downloads",)), "downloads must be a list of file patterns")
    return ReaderConfig(tuple(views), tuple(patterns))


def walker_source() -> str:
    return resources.files("cmrkit.website").joinpath("reader.js").read_text(encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _served(folder: Path, name: str) -> Iterator[str]:
    """Serve `folder` as `/name/` on a free localhost port; yields the version's base URL."""
    with tempfile.TemporaryDirectory(prefix="cmrkit-serve-") as scratch:
        (Path(scratch) / name).symlink_to(folder.resolve(), target_is_directory=True)
        handler = functools.partial(_QuietHandler, directory=scratch)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{name}/"
        finally:
            server.shutdown()
            server.server_close()


def html_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file())


def _page_url(base: str, page: str) -> str:
    return base + (page[: -len("index.html")] if page.endswith("index.html") else page)


def _settle(page: Any) -> None:
    """Wait until the page's scripts are done changing it (no change for 150 ms, at most 5 s)."""
    page.evaluate(
        """() => new Promise((done) => {
             let timer = setTimeout(finish, 150);
             const stop = setTimeout(finish, 5000);
             const watch = new MutationObserver(() => {
               clearTimeout(timer); timer = setTimeout(finish, 150);
             });
             watch.observe(document, {subtree: true, childList: true, characterData: true,
                                      attributes: true});
             function finish() { watch.disconnect(); clearTimeout(stop); done(); }
           })"""
    )


def _read_page(page: Any, url: str, view: View, walker: str, root: str) -> dict[str, Any]:
    page.set_viewport_size({"width": view.width, "height": view.height})
    page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    page.evaluate("document.fonts.ready.then(() => true)")
    _settle(page)
    # As tall as the page, so every line is on screen: nothing is judged by scrolling.
    for _ in range(3):
        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": view.width, "height": height})
        _settle(page)
    return page.evaluate(walker, root)


def _route(host: str, route: Any) -> None:
    """Only this server, and not the search index: nothing else is asked for."""
    url = urlsplit(route.request.url)
    if url.netloc != host or url.path.endswith(NOT_FETCHED):
        route.abort()
    else:
        route.continue_()


def _read_all(base: str, pages: list[str], views: tuple[View, ...]) -> dict[str, dict]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    walker = walker_source()
    root = urlsplit(base).path
    host = urlsplit(base).netloc
    results: dict[str, dict] = {page: {} for page in pages}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium.EXECUTABLE, args=list(chromium.LAUNCH_FLAGS)
            )
            try:
                for view in views:
                    context = browser.new_context(
                        viewport={"width": view.width, "height": view.height},
                        color_scheme=view.color_scheme,
                        service_workers="block",
                    )
                    context.route("**/*", functools.partial(_route, host))
                    page = context.new_page()
                    for name in pages:
                        results[name][view.name] = _read_page(
                            page, _page_url(base, name), view, walker, root
                        )
                    context.close()
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ReaderError(f"Chromium could not read the site: {exc}") from None
    return results


def _in_thread(function: Any, *args: Any) -> Any:
    """Playwright's sync API refuses to run where an event loop (another Playwright) runs: a
    thread of its own keeps the engine usable from anywhere."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def _inside(folder: Path, target: str) -> str | None:
    """The file a link inside the version leads to, as a path in the version (None: a page, a
    place outside the version or another host)."""
    if target.startswith(("..", "invalid:")) or "://" in target or target.startswith("mailto:"):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path or path.endswith("/") or path.endswith(".html"):
        return None
    return path


def downloads(folder: Path, linked: set[str], patterns: tuple[str, ...]) -> dict[str, str]:
    """sha256 of every file a reader can download: every file a page links to or shows, and
    every file matching the configured patterns (the Annex files, the EDGAR documents, a PDF)."""
    names = set(linked)
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and any(fnmatchcase(name, pattern) for pattern in patterns):
            names.add(name)
    out = {}
    for name in sorted(names):
        path = folder / name
        out[name] = file_sha256(path) if path.is_file() else MISSING
    return out


def read_version(folder: Path, version: str, config: ReaderConfig) -> ReaderRecord:
    """What a reader gets from the version of the site in `folder` (served as `/version/`)."""
    pages = html_pages(folder)
    if not pages:
        raise ReaderError(f"{folder}: no HTML page to read")
    with _served(folder, version) as base:
        raw = _in_thread(_read_all, base, pages, config.views)
    record_pages: dict[str, ReaderPage] = {}
    linked: set[str] = set()
    for name in pages:
        text = {}
        links: tuple[str, ...] = ()
        for view in config.views:
            result = raw[name][view.name]
            blocks = [
                ([Run(r["text"], bool(r["hidden"])) for r in block["runs"]], bool(block["row"]))
                for block in result["blocks"]
            ]
            text[view.label] = page_text(blocks)
            found = tuple(link_line(link["text"], link["target"]) for link in result["links"])
            if not links:
                links = found
            else:  # a link another view shows alone is recorded too, named by its view
                links += tuple(f"{line} ({view.label} only)" for line in found if line not in links)
            for link in result["links"]:
                inside = _inside(folder, link["target"])
                if inside:
                    linked.add(inside)
            for image in result.get("images", []):
                inside = _inside(folder, image)
                if inside:
                    linked.add(inside)
        record_pages[name] = ReaderPage(text=text, links=links)
    return ReaderRecord(
        tuple(v.label for v in config.views),
        record_pages,
        downloads(folder, linked, config.downloads),
    )
