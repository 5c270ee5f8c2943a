"""The combined print page: pages found by following "next", content kept, links rebased."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrkit.website.pdf import SiteError, book_of, pages_in_order, print_html


def page(title: str, next_href: str | None, body: str = "") -> str:
    link = f'<link rel="next" href="{next_href}">' if next_href else ""
    return (
        f'<html><head><link rel="stylesheet" href="assets/x.css">{link}<script>s()</script></head>'
        f'<body data-md-color-scheme="default"><nav>menu</nav>'
        f'<article class="md-content__inner"><h1>{title}</h1>{body}<script>t()</script>'
        "</article></body></html>"
    )


def make_site(root: Path) -> Path:
    (root / "a" / "b").mkdir(parents=True)
    (root / "index.html").write_text(page("Home", "a/"), encoding="utf-8")
    (root / "a" / "index.html").write_text(
        page("A", "b/", '<img src="../pic.png"><a href="#x">x</a>'), encoding="utf-8"
    )
    (root / "a" / "b" / "index.html").write_text(page("B", None), encoding="utf-8")
    return root


def test_pages_follow_next_links(tmp_path: Path) -> None:
    pages = pages_in_order(make_site(tmp_path))
    assert [p.url for p in pages] == ["", "a/", "a/b/"]


def test_combined_page_keeps_articles_drops_scripts_and_navigation(tmp_path: Path) -> None:
    html = print_html(pages_in_order(make_site(tmp_path)))
    assert html.index("<h1>Home</h1>") < html.index("<h1>A</h1>") < html.index("<h1>B</h1>")
    assert "<script" not in html and "menu" not in html
    assert 'src="pic.png"' in html and 'href="#x"' in html
    assert 'href="assets/x.css"' in html


def test_a_folder_without_a_site_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"no index\.html"):
        pages_in_order(tmp_path)


def test_a_missing_next_page_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "a" / "b" / "index.html").unlink()
    with pytest.raises(SiteError, match="missing"):
        pages_in_order(site)


def linked_site(root: Path, canonical: str | None) -> Path:
    """Two pages linking each other, a heading, and a file of the site that is no page."""
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    home = page(
        "Home",
        "a/",
        '<p id="intro"><a href="a/">A</a> <a href="a/#part">part</a> '
        '<a href="files/data.csv">data</a> <a href="https://example.org/x">out</a></p>',
    ).replace("<head>", f'<head><meta name="author" content="Example &amp; Co">{head}')
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text(home, encoding="utf-8")
    (root / "a" / "index.html").write_text(
        page("A", None, '<h2 id="intro">Intro</h2><h2 id="part">Part</h2><a href="#intro">i</a>'),
        encoding="utf-8",
    )
    return root


def test_links_between_pages_stay_inside_the_document(tmp_path: Path) -> None:
    html = print_html(pages_in_order(linked_site(tmp_path, None)))
    assert '<article id="page-home"' in html and '<article id="page-a"' in html
    assert '<a href="#page-a">A</a>' in html
    assert '<a href="#part">part</a>' in html
    # The second page's "intro" would clash with the first's: renamed, and its link follows.
    assert 'id="page-a-intro"' in html and '<a href="#page-a-intro">i</a>' in html
    assert '<a href="https://example.org/x">out</a>' in html


def test_a_site_file_links_to_the_public_site_or_to_nothing(tmp_path: Path) -> None:
    offline = print_html(pages_in_order(linked_site(tmp_path / "offline", None)))
    assert "<a>data</a>" in offline and "data.csv" not in offline
    public = print_html(
        pages_in_order(linked_site(tmp_path / "public", "https://example.com/cmr/2023/"))
    )
    assert '<a href="https://example.com/cmr/2023/files/data.csv">data</a>' in public
    assert "file:" not in public


def test_the_book_names_its_author_from_the_site(tmp_path: Path) -> None:
    book = book_of(pages_in_order(linked_site(tmp_path, "https://example.com/cmr/2023/")))
    assert book.company == "Example & Co"
    assert book.public_base == "https://example.com/cmr/2023/"
    assert book.lang == "en"
