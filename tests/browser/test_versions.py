"""Two filed years published side by side with `cmrkit publish`, as GitHub Pages would serve
them: aliases are redirect pages (no symbolic link on the site branch), each year has a sitemap
listing every page and canonical links to itself, a 404 page at the root offers the newest
report, the version selector keeps the reader on the same page, every earlier year says so, and
the Form SD page links the filing on SEC EDGAR when the facts give its address.

The site's address, the CIK and the accession number are planted in a private copy of the
project (the seed gives none of them); the new year is a copy of the latest, filed and
frozen."""

from __future__ import annotations

import io
import re
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmrkit.edgar.address import filing_index_url
from cmrkit.render.words import long_date
from cmrkit.year.report import load_year
from tests.support.annex_rows import fill_if_empty, read_annex_rows, write_annex_rows
from tests.support.browser import axe_violations, choose_version, page_only_in
from tests.support.filing_dates import day_to_sign, give_filing_dates
from tests.support.gitrepo import cmrkit, commit, git, make_repo
from tests.support.localserver import serve
from tests.support.pages import html_path, nav_markdown
from tests.support.project import FILED_YEARS, YEARS

Y = FILED_YEARS[0]  # a filed year, published first
NEW = YEARS[-1] + 1  # a new year after the latest one, filed and published as the newest
SITE = "https://reports.example.com/cmr/"
CIK = "1107843"
ACCESSION = "0001107843-24-000042"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Published:
    repo: Path
    root: Path  # the site branch's files, as GitHub Pages serves them
    url: str  # where they are served here
    years: tuple[int, int]


def plant(path: Path, section: str, key: str, value: str) -> None:
    """Set `section.key` of a facts file to `value`, replacing the line that gives it or adding
    one under the section's (its other lines kept as they are): a year may already give it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{section}:")  # ValueError names a facts file without the section
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()),
        len(lines),
    )
    given = [i for i in range(start + 1, end) if lines[i].startswith(f"  {key}:")]
    if given:
        lines[given[0]] = f"  {key}: {value}"
    else:
        lines.insert(start + 1, f"  {key}: {value}")
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """Y (the first filed year) published, then NEW (after the latest year present) started
    from the latest year with its rows, filed, frozen and published as the newest."""
    repo = make_repo(tmp_path_factory.mktemp("versions") / "repo")
    if fill_if_empty(repo / "data", YEARS[-1]):
        commit(repo, "The latest year's Annex has rows")
    facts = repo / "data" / str(Y) / "facts.yml"
    plant(facts, "urls", "site", SITE)
    plant(facts, "registrant", "cik", f'"{CIK}"')
    plant(facts, "filing", "accession_number", ACCESSION)
    commit(repo, "The site's address and the filing's EDGAR address")
    # Readers of the filed year now get the EDGAR link and canonical addresses: an amendment.
    reason = "The site's address and the filing's EDGAR address"
    assert cmrkit("freeze", str(Y), "--amend", "--reason", reason, "--repo", str(repo)) == 0
    commit(repo, f"Amend {Y}'s record")
    assert cmrkit("publish", str(Y), "--repo", str(repo)) == 0
    assert cmrkit("new-year", str(NEW), "--data", str(repo / "data")) == 0
    write_annex_rows(repo / "data", NEW, *read_annex_rows(repo / "data", YEARS[-1]))
    later = repo / "data" / str(NEW) / "facts.yml"
    # The site's address, which the year NEW starts from has only when it is Y.
    plant(later, "urls", "site", SITE)
    give_filing_dates(later, day_to_sign(NEW), filed=True)  # new-year leaves them blank
    commit(repo, f"{NEW} filed")
    assert cmrkit("freeze", str(NEW), "--repo", str(repo)) == 0
    commit(repo, f"Freeze {NEW}")
    assert cmrkit("publish", str(NEW), "--repo", str(repo)) == 0
    archive = git_bytes(repo, "archive", "--format=tar", "gh-pages")
    root = tmp_path_factory.mktemp("served")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(root, filter="data")
    with serve(root) as url:
        yield Published(repo, root, url, (Y, NEW))


def git_bytes(repo: Path, *args: str) -> bytes:
    import subprocess

    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True).stdout


def nav_pages(repo: Path, year: int) -> list[str]:
    return nav_markdown(repo, year)


def page_address(markdown: str) -> str:
    """A page's address below its version's folder, as MkDocs writes it (directory URLs)."""
    path = html_path(Path("."), markdown).as_posix()
    return path.removesuffix("index.html")


def test_no_symbolic_link_on_the_site_branch(published: Published) -> None:
    modes = {
        line.split()[0] for line in git(published.repo, "ls-tree", "-r", "gh-pages").splitlines()
    }
    assert "120000" not in modes
    alias = (published.root / "latest" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in alias and f'window.location.replace("../{NEW}/"' in alias


def test_each_year_has_a_sitemap_of_every_page_and_canonical_links_to_itself(
    published: Published,
) -> None:
    for year in published.years:
        folder = published.root / str(year)
        assert load_year(published.repo / "data", year).facts.urls.site == SITE, year
        pages = [f"{SITE}{year}/{page_address(md)}" for md in nav_pages(published.repo, year)]
        tree = ET.parse(folder / "sitemap.xml")
        listed = {loc.text for loc in tree.iter(f"{SITEMAP}loc")}
        assert listed == set(pages), f"{year}: sitemap differs from the pages"
        for md, address in zip(nav_pages(published.repo, year), pages, strict=True):
            html = html_path(folder, md).read_text(encoding="utf-8")
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
            assert canonical and canonical.group(1) == address, md


def test_a_404_page_at_the_root_offers_the_newest_report(chromium, published: Published) -> None:
    page = chromium.new_page()
    try:
        page.goto(published.url + "404.html")
        newest = page.get_by_role("link", name=f"{NEW} report").first
        assert newest.get_attribute("href") == f"{SITE}{NEW}/"
        hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
        assert f"{SITE}{Y}/" in hrefs
        assert page.evaluate("document.scripts.length") == 0
        assert not axe_violations(page)
    finally:
        page.close()


def test_the_version_selector_keeps_the_reader_on_the_same_page(
    chromium, published: Published
) -> None:
    """With the site's address given, as without it (tests/browser/test_publish_years.py): the
    same page in the chosen year, or its front page when it has no such page."""
    only_new = page_only_in(published.root, str(NEW), "exhibit-1-01/rcoi/")
    page = chromium.new_page()
    try:
        for start, year, lands in (
            (f"{NEW}/exhibit-1-01/rcoi/", Y, f"{Y}/exhibit-1-01/rcoi/"),
            (f"{Y}/exhibit-1-01/findings/", NEW, f"{NEW}/exhibit-1-01/findings/"),
            (f"{NEW}/{only_new}", Y, f"{Y}/"),
        ):
            page.goto(published.url + start)
            choose_version(page, str(year))
            page.wait_for_url(published.url + lands)
            page.wait_for_selector(".md-version__current")
            assert page.inner_text(".md-version__current").strip().startswith(str(year))
    finally:
        page.close()


def test_every_earlier_year_says_which_report_it_is_and_the_newest(
    chromium, published: Published
) -> None:
    report = load_year(published.repo / "data", Y)
    filed = long_date(report.facts.filing.filed)
    page = chromium.new_page()
    try:
        for md in nav_pages(published.repo, Y):
            page.goto(published.url + f"{Y}/" + page_address(md))
            notice = page.locator(".cmrkit-notice")
            notice.locator(".cmrkit-notice__newest").wait_for()
            assert notice.inner_text().split() == (
                f"You are reading the {Y} report, filed {filed}. The newest is {NEW}.".split()
            ), md
            link = notice.get_by_role("link", name=str(NEW))
            assert link.get_attribute("href") == published.url + f"{NEW}/"
        page.goto(published.url + f"{NEW}/")
        page.wait_for_selector(".md-version__current")
        assert not page.locator(".cmrkit-notice").is_visible()
    finally:
        page.close()


def test_the_form_sd_page_links_the_filing_on_edgar(chromium, published: Published) -> None:
    page = chromium.new_page()
    try:
        page.goto(published.url + f"{Y}/")
        note = page.locator(".admonition", has_text="Filing documents")
        text = " ".join(note.inner_text().split())
        assert "generated from the same source as this site" in text
        assert "not the documents submitted to the SEC" in text
        link = note.locator("a.edgar-filing")
        assert link.get_attribute("href") == filing_index_url(CIK, ACCESSION)
        assert ACCESSION in link.inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_is_clean_on_an_earlier_year_with_its_notice(
    chromium, published: Published, scheme: str
) -> None:
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for address in (f"{Y}/", f"{Y}/exhibit-1-01/annex-i/", "latest/"):
            page.goto(published.url + address)
            page.wait_for_selector(".md-version__current")
            if address.startswith(str(Y)):
                page.locator(".cmrkit-notice__newest").wait_for()
            violations = axe_violations(page)
            assert not violations, (
                address,
                [(v["id"], v["nodes"][0]["target"]) for v in violations],
            )
    finally:
        context.close()
