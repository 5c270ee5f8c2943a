"""The whole built report as one printable HTML page: every page's content, in reading order.

A PDF of the report must be one document in the order the site presents it. Reading order comes
from the built site itself (each page's `<link rel="next">`), so the print follows the navigation
without reading mkdocs.yml; the content is each page's `<article>`, with the site's stylesheets
and its print rules (no navigation, the Annex header repeated on every sheet).

A PDF is handed out: its links must work wherever it is read. A link to another page of the
report becomes a link inside the document (to that page, or to the heading it named); a link to
another file of the site (the Annex downloads, the EDGAR documents) becomes its address on the
public site, read from the pages' canonical links (facts `urls.site`), or plain text when the
site has no public address. Nothing points at the folder the PDF was printed from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from urllib.parse import unquote, urljoin

from cmrkit.errors import CmrkitError

_NEXT = re.compile(r'<link rel="next" href="([^"]+)"')
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_BODY = re.compile(r"<body\b[^>]*>")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_URL_ATTR = re.compile(r'\b(href|src)="([^"#][^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')
_ID_REFS = re.compile(r'\b(aria-labelledby|aria-describedby|for|headers)="([^"]*)"')
_LINK = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_META = re.compile(r'<meta name="([^"]+)" content="([^"]*)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PRINT_NAME = "print-report.html"
# Chromium names each bookmark after its heading's text as laid out, and drops the space where a
# heading wraps ("...by thisReport"); spaces kept at line ends (pre-wrap) keep the words apart.
PRINT_STYLE = "<style>.print-page :is(h1, h2, h3, h4, h5, h6) { white-space: pre-wrap; }</style>"
MAX_PAGES = 500  # a loop of next-links would otherwise never end


class SiteError(CmrkitError):
    """The folder is not a built site this command can read."""


@dataclass(frozen=True)
class SitePage:
    url: str  # relative to the site root, e.g. "exhibit-1-01/annex-i/"
    html: str


@dataclass(frozen=True)
class Book:
    """What the PDF says about itself: its title, author and language, and what its running
    header names (company, report, year), read from the home page's head."""

    title: str
    company: str
    report: str
    year: str
    lang: str
    public_base: str | None  # the year's public address, e.g. https://example.com/cmr/2023/


def book_of(pages: list[SitePage]) -> Book:
    if not pages:
        raise SiteError("the site has no pages")
    head = _HEAD.search(pages[0].html)
    text = head.group(1) if head else ""
    meta = {name: unescape(value) for name, value in _META.findall(text)}
    title = _TITLE.search(text)
    lang = re.search(r'<html\b[^>]*\blang="([^"]+)"', pages[0].html)
    canonical = _CANONICAL.search(text)
    # The home page's canonical address is the year's public address.
    base = unescape(canonical.group(1)) if canonical else None
    return Book(
        title=meta.get("cmrkit:title") or (unescape(title.group(1)).strip() if title else ""),
        company=meta.get("author", ""),
        report=meta.get("cmrkit:report", ""),
        year=meta.get("cmrkit:year", ""),
        lang=lang.group(1) if lang else "en",
        public_base=base,
    )


def _page_anchor(url: str) -> str:
    return "page-" + (url.strip("/").replace("/", "-") or "home")


def _own_ids(pages: list[SitePage], contents: list[str]) -> list[dict[str, str]]:
    """For each page, its ids as they will be in the one document: the same, unless an earlier
    page has it already (then prefixed with the page's anchor)."""
    used = {_page_anchor(page.url) for page in pages}
    maps = []
    for page, content in zip(pages, contents, strict=True):
        mapping = {}
        for ident in _ID.findall(content):
            if ident in mapping:
                continue
            new = ident if ident not in used else f"{_page_anchor(page.url)}-{ident}"
            mapping[ident] = new
            used.add(new)
        maps.append(mapping)
    return maps


def _relink(
    content: str,
    page: SitePage,
    ids: list[dict[str, str]],
    order: dict[str, int],
    public_base: str | None,
) -> str:
    """The page's `<a href>`s as they must be in the PDF (see the module's docstring)."""
    mine = ids[order[page.url]]

    def target(href: str) -> str | None:
        if href.startswith("#"):
            return "#" + mine.get(href[1:], href[1:])
        if _SCHEME.match(href):
            return href
        joined = urljoin("/" + page.url, href)
        path, _, fragment = joined.lstrip("/").partition("#")
        if path in order or (path + "/") in order:
            index = order[path if path in order else path + "/"]
            if fragment:
                return "#" + ids[index].get(fragment, fragment)
            return "#" + _page_anchor(list(order)[index])
        if public_base:
            return urljoin(public_base, path) + (f"#{fragment}" if fragment else "")
        return None  # a file of the site with no public address: the text stays, unlinked

    def fix(match: re.Match[str]) -> str:
        attributes, href = match.groups()
        new = target(unescape(href))
        return f"<a{attributes}" + (f' href="{escape(new)}"' if new is not None else "")

    content = _ID.sub(lambda m: f'id="{mine.get(m.group(1), m.group(1))}"', content)
    content = _ID_REFS.sub(
        lambda m: f'{m.group(1)}="{" ".join(mine.get(x, x) for x in m.group(2).split())}"',
        content,
    )
    return _LINK.sub(fix, content)


def _file_for(site: Path, url: str) -> Path:
    path = unquote(url.split("#", 1)[0])
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def pages_in_order(site: Path) -> list[SitePage]:
    """Every page reachable from the home page by following "next", in that order."""
    if not (site / "index.html").is_file():
        raise SiteError(f"{site}: no index.html (build the site first: make site)")
    pages: list[SitePage] = []
    url = ""
    seen: set[str] = set()
    while url not in seen and len(pages) < MAX_PAGES:
        seen.add(url)
        file = _file_for(site, url)
        if not file.is_file():
            raise SiteError(f"{file}: a page links to it as next, but it is missing")
        html = file.read_text(encoding="utf-8")
        pages.append(SitePage(url, html))
        found = _NEXT.search(html)
        if not found:
            break
        url = urljoin("/" + url, found.group(1)).lstrip("/")
    return pages


def _rebase(fragment: str, page_url: str) -> str:
    """Rewrite the page's relative links so they still point to the same files from the root."""

    def fix(match: re.Match[str]) -> str:
        attribute, value = match.groups()
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", value, re.I):
            return match.group(0)
        joined = urljoin("/" + page_url, value).lstrip("/")
        return f'{attribute}="{joined or "./"}"'

    return _URL_ATTR.sub(fix, fragment)


def print_html(pages: list[SitePage]) -> str:
    """One HTML document: the home page's head without scripts, then each page's article."""
    if not pages:
        raise SiteError("the site has no pages")
    first = pages[0].html
    head = _HEAD.search(first)
    body = _BODY.search(first)
    if not head or not body:
        raise SiteError("the home page has no <head> or <body>: not a built MkDocs site")
    book = book_of(pages)
    contents = []
    for page in pages:
        found = _ARTICLE.search(page.html)
        if not found:
            raise SiteError(f"{page.url or 'index.html'}: no <article> with the page's content")
        contents.append(_SCRIPT.sub("", found.group(1)))
    ids = _own_ids(pages, contents)
    order = {page.url: index for index, page in enumerate(pages)}
    articles = [
        f'<article id="{_page_anchor(page.url)}" class="md-content__inner md-typeset print-page">'
        f"{_rebase(_relink(content, page, ids, order, book.public_base), page.url)}</article>"
        for page, content in zip(pages, contents, strict=True)
    ]
    head_html = _TITLE.sub(f"<title>{escape(book.title)}</title>", _SCRIPT.sub("", head.group(1)))
    head_html += PRINT_STYLE
    return (
        f'<!doctype html><html lang="{escape(book.lang)}"><head>{head_html}</head>'
        f'{body.group(0)}<div class="md-container"><main class="md-main">'
        f'<div class="md-main__inner"><div class="md-content">{"".join(articles)}</div></div>'
        "</main></div></body></html>"
    )


def write_print_page(site: Path) -> Path:
    """Write the combined page into the site's root (where its stylesheet links resolve)."""
    target = site / PRINT_NAME
    target.write_text(print_html(pages_in_order(site)), encoding="utf-8")
    return target
