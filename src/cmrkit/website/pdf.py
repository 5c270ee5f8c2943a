"""The whole built report as one printable HTML page: every page's content, in reading order.

A PDF of the report must be one document in the order the site presents it. Reading order comes
from the built site itself (each page's `<link rel="next">`), so the print follows the navigation
without reading mkdocs.yml; the content is each page's `<article>`, with the site's stylesheets
and its print rules (no navigation, the Annex header repeated on every sheet)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

from cmrkit.errors import CmrkitError

_NEXT = re.compile(r'<link rel="next" href="([^"]+)"')
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_BODY = re.compile(r"<body\b[^>]*>")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_URL_ATTR = re.compile(r'\b(href|src)="([^"#][^"]*)"')
PRINT_NAME = "print-report.html"
MAX_PAGES = 500  # a loop of next-links would otherwise never end


class SiteError(CmrkitError):
    """The folder is not a built site this command can read."""


@dataclass(frozen=True)
class SitePage:
    url: str  # relative to the site root, e.g. "exhibit-1-01/annex-i/"
    html: str


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
    articles = []
    for page in pages:
        found = _ARTICLE.search(page.html)
        if not found:
            raise SiteError(f"{page.url or 'index.html'}: no <article> with the page's content")
        content = _SCRIPT.sub("", found.group(1))
        articles.append(
            f'<article class="md-content__inner md-typeset print-page">'
            f"{_rebase(content, page.url)}</article>"
        )
    return (
        f'<!doctype html><html lang="en"><head>{_SCRIPT.sub("", head.group(1))}</head>'
        f'{body.group(0)}<div class="md-container"><main class="md-main">'
        f'<div class="md-main__inner"><div class="md-content">{"".join(articles)}</div></div>'
        "</main></div></body></html>"
    )


def write_print_page(site: Path) -> Path:
    """Write the combined page into the site's root (where its stylesheet links resolve)."""
    target = site / PRINT_NAME
    target.write_text(print_html(pages_in_order(site)), encoding="utf-8")
    return target
