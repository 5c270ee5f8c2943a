"""A filed year is what its readers see, follow and download: after a year is published, each
kind of change a reader would get is refused by the next `cmrkit publish`, naming it (`- old` /
`+ new` text, old and new link targets, download names), and the site branch is left as it was;
an unchanged rebuild and a theme colour change are published.

Runs for every year with a record in data/, in a private repository: the year is published
once per module, and each test starts from a copy of that repository with the version on its
site branch. What is changed is found from the year's own pages and record, never typed here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cmrkit.files.project import Project
from cmrkit.record.manifest import entry_digest, load_manifest, manifest_path
from cmrkit.record.sentences import split_sentences
from cmrkit.website import publish as publishing
from cmrkit.website.snapshot import load_archive_config
from cmrkit.year.pages import load_pages
from cmrkit.year.report import available_years, load_year
from tests.support.gitrepo import cmrkit, commit, git, make_repo, versions
from tests.support.project import DATA, build, own_copy, upgraded_engine

RECORDED = [y for y in available_years(DATA) if manifest_path(DATA / str(y)).is_file()]
MARKUP = set("*_[]<>{}|`\\#")
CLAIM = "This report is withdrawn and replaced."
CHANGED_FILE = r"^\s+~ {name}: sha256 [0-9a-f]{{64}} → [0-9a-f]{{64}}$"


@pytest.fixture(scope="module", params=RECORDED, ids=lambda y: f"record{y}")
def published(request: pytest.FixtureRequest, tmp_path_factory) -> tuple[Path, int]:
    """A repository with the year published on gh-pages, as a reader finds it."""
    repo = make_repo(tmp_path_factory.mktemp("published") / "repo")
    assert cmrkit("publish", str(request.param), "--repo", str(repo)) == 0
    return repo, request.param


@pytest.fixture
def site(published: tuple[Path, int], tmp_path: Path) -> tuple[Path, int]:
    """A copy of the published repository, free to change."""
    repo, year = published
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, symlinks=True)
    return copy, year


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "gh-pages").strip()


def refused(repo: Path, year: int, capsys, *extra: str) -> str:
    """Publish, expect a refusal with the site branch untouched; the message."""
    before = head(repo)
    capsys.readouterr()
    assert cmrkit("publish", str(year), "--repo", str(repo), *extra) == 2
    assert head(repo) == before, "the site branch moved on a refusal"
    return capsys.readouterr().err


class _Paragraphs(HTMLParser):
    """The text of each paragraph directly inside the page's article, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article: 1 + nesting
        self.current: list[str] | None = None
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
        elif self.depth:
            if tag == "p" and self.depth == 1:
                self.current = []
            if tag not in ("br", "img", "input", "hr", "wbr"):
                self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if tag == "p" and self.depth == 1 and self.current is not None:
            self.paragraphs.append(" ".join("".join(self.current).split()))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


@dataclass(frozen=True)
class Sentence:
    markdown: Path  # the page's source
    page: str  # its path in the version
    paragraph: int  # 1-based position among the article's paragraphs
    text: str


def a_sentence(repo: Path, year: int) -> Sentence:
    """A sentence of a report page that stands in its page's source as it is shown, with no
    markup around it: what the tests change, hide and rewrite."""
    config = load_archive_config(repo / "data")
    pages = load_pages(repo / "docs", year)
    for markdown in pages.files:
        page = markdown.removesuffix(".md")
        page = "index.html" if page == "index" else page.removesuffix("/index") + "/index.html"
        if not any(fnmatchcase(page, pattern) for pattern in config.report_pages):
            continue
        html = git(repo, "show", f"gh-pages:{year}/{page}")
        parser = _Paragraphs()
        parser.feed(html)
        source = (pages.folder / markdown).read_text(encoding="utf-8")
        for number, paragraph in enumerate(parser.paragraphs, start=1):
            for sentence in split_sentences(paragraph):
                if (
                    len(sentence) > 40
                    and not MARKUP & set(sentence)
                    and source.count(sentence) == 1
                ):
                    return Sentence(pages.folder / markdown, page, number, sentence)
    raise AssertionError(f"no plain sentence in the report pages of {year}")


def reworded(sentence: str) -> str:
    return sentence.rstrip(".") + ", as amended."


def add_hook(repo: Path, name: str, code: str) -> None:
    (repo / "macros" / f"{name}.py").write_text(code, encoding="utf-8")
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text
    config.write_text(text.replace("\nhooks:\n", f"\nhooks:\n  - macros/{name}.py\n"), "utf-8")


def recorded_download(repo: Path, year: int, pattern: str) -> str:
    manifest = load_manifest(repo / "data" / str(year))
    assert manifest is not None and manifest.reader is not None
    names = [name for name in manifest.reader.downloads if re.search(pattern, name)]
    assert names, f"no recorded download matches {pattern}"
    return names[0]


def tamper_file_hook(relative: str) -> str:
    """A hook that changes one built file after everything else has written it."""
    return (
        "from pathlib import Path\n"
        "from mkdocs.plugins import event_priority\n\n\n"
        "@event_priority(-100)\n"
        "def on_post_build(config):\n"
        f"    path = Path(config.site_dir) / {relative!r}\n"
        "    path.write_bytes(path.read_bytes().replace(b'</body>', b'</body> ') + b'\\n')\n"
    )


def _lines(err: str, sign: str) -> list[str]:
    return [line.strip()[2:] for line in err.splitlines() if line.strip().startswith(sign + " ")]


def test_a_style_hiding_a_paragraph_is_refused(site, capsys) -> None:
    repo, year = site
    sentence = a_sentence(repo, year)
    css = own_copy(repo, "assets/report.css")
    rule = (
        f"\narticle.md-content__inner > p:nth-of-type({sentence.paragraph}) {{ display: none }}\n"
    )
    css.write_text(css.read_text(encoding="utf-8") + rule, encoding="utf-8")
    err = refused(repo, year, capsys)
    assert f"page {sentence.page}:" in err
    assert sentence.text in _lines(err, "-")
    assert f"[hidden] {sentence.text}" in _lines(err, "+")
    assert "The filed text:" not in err  # the page sources say the same: only readers see it


def test_a_script_rewriting_an_annex_row_is_refused(site, capsys) -> None:
    repo, year = site
    report = load_year(repo / "data", year)
    row = next((r for r in report.annex if r.footnote), report.annex[0])
    table = load_archive_config(repo / "data").annex_table
    script = repo / "docs" / "assets" / "tamper.js"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(
        f"document.querySelectorAll('#{table} tbody tr').forEach((tr) => {{\n"
        f"  if (tr.cells[1].textContent.startsWith({json.dumps(row.smelter_name)}) &&\n"
        f"      tr.cells[2].textContent === {json.dumps(row.country)}) {{\n"
        "    tr.cells[2].textContent = 'NOWHERE';\n  }\n});\n",
        encoding="utf-8",
    )
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("extra_javascript:\n", "extra_javascript:\n  - assets/tamper.js\n")
    )
    err = refused(repo, year, capsys)
    old = [line for line in _lines(err, "-") if row.smelter_name in line]
    new = [line for line in _lines(err, "+") if row.smelter_name in line]
    assert old and f"| {row.country} |" in old[0]
    assert new and "| NOWHERE |" in new[0]


def test_a_note_box_is_refused(site, capsys) -> None:
    repo, year = site
    sentence = a_sentence(repo, year)
    source = sentence.markdown.read_text(encoding="utf-8")
    sentence.markdown.write_text(source + f'\n!!! warning "Notice"\n    {CLAIM}\n', "utf-8")
    err = refused(repo, year, capsys)
    assert f"page {sentence.page}:" in err
    assert CLAIM in _lines(err, "+") and "Notice" in _lines(err, "+")


def test_an_svg_with_a_claim_is_refused(site, capsys) -> None:
    repo, year = site
    sentence = a_sentence(repo, year)
    svg = (
        '\n<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40">'
        f'<text x="0" y="30" font-size="20">{CLAIM}</text></svg>\n'
    )
    source = sentence.markdown.read_text(encoding="utf-8")
    sentence.markdown.write_text(source + svg, encoding="utf-8")
    err = refused(repo, year, capsys)
    assert f"page {sentence.page}:" in err
    assert CLAIM in _lines(err, "+")


def test_a_theme_banner_is_refused_on_every_page(site, capsys) -> None:
    repo, year = site
    template = own_copy(repo, "main.html")  # the repository's own replaces cmrkit's
    text = template.read_text(encoding="utf-8")
    assert "{% block announce %}" in text
    template.write_text(
        text.replace("{% block announce %}", f"{{% block announce %}}<p>{CLAIM}</p>"), "utf-8"
    )
    err = refused(repo, year, capsys)
    manifest = load_manifest(repo / "data" / str(year))
    assert manifest is not None and manifest.reader is not None
    for page in manifest.reader.pages:
        assert f"page {page}:" in err
    assert CLAIM in _lines(err, "+")


def test_an_upgraded_cmrkit_changing_what_readers_see_is_refused(
    site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The site's styles come from cmrkit, not from the repository: an upgrade of cmrkit whose
    style sheet adds words to every heading changes what readers of the filed year get, so
    publishing with it is refused like a change of the repository's own files."""
    repo, year = site
    engine = upgraded_engine(tmp_path / "upgraded")
    css = engine / "website" / "theme" / "assets" / "report.css"
    rule = f'\n.md-typeset h1::after {{ content: " {CLAIM}"; }}\n'
    css.write_text(css.read_text(encoding="utf-8") + rule, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(engine.parent))  # mike and MkDocs import the upgrade
    err = refused(repo, year, capsys)
    assert any(CLAIM in line for line in _lines(err, "+")), err


def test_a_link_whose_text_stays_while_its_target_changes_is_refused(site, capsys) -> None:
    repo, year = site
    pages = load_pages(repo / "docs", year)
    link = re.compile(r"\]\(([^)\s]+\.md(?:#[^)\s]*)?)\)")
    for markdown in pages.files:
        path = pages.folder / markdown
        source = path.read_text(encoding="utf-8")
        found = link.search(source)
        if found:
            break
    else:
        raise AssertionError(f"no Markdown link between the pages of {year}")
    target = "https://example.invalid/elsewhere/"
    path.write_text(source.replace(found.group(0), f"]({target})", 1), encoding="utf-8")
    err = refused(repo, year, capsys)
    new = [line for line in _lines(err, "+") if line.endswith(f"→ {target}")]
    assert new, err
    text = new[0].removesuffix(f"→ {target}")
    old = [line for line in _lines(err, "-") if line.startswith(text + "→ ")]
    assert old and not old[0].endswith(target)
    assert "The filed text:" not in err  # the words are the same; only where they lead is not


def test_a_changed_download_is_refused_by_name(site, capsys) -> None:
    repo, year = site
    name = recorded_download(repo, year, r"\.csv$")
    add_hook(repo, "tamper", tamper_file_hook(name))
    err = refused(repo, year, capsys)
    assert re.search(
        rf"^\s+~ {re.escape(name)}: sha256 [0-9a-f]{{64}} → [0-9a-f]{{64}}$", err, re.M
    )


def test_a_changed_edgar_document_is_refused_by_name(site, capsys) -> None:
    repo, year = site
    name = recorded_download(repo, year, r"^edgar/.*\.htm$")
    add_hook(repo, "tamper", tamper_file_hook(name))
    err = refused(repo, year, capsys)
    assert re.search(
        rf"^\s+~ {re.escape(name)}: sha256 [0-9a-f]{{64}} → [0-9a-f]{{64}}$", err, re.M
    )


def test_a_change_made_only_under_mike_is_refused(site, capsys, tmp_path: Path) -> None:
    """A hook that rewrites a sentence only when mike builds: a separate `mkdocs build` (what
    publish used to check) says what the record says; the files mike commits do not."""
    repo, year = site
    sentence = a_sentence(repo, year)
    add_hook(
        repo,
        "under_mike",
        "import os\nfrom pathlib import Path\nfrom mkdocs.plugins import event_priority\n\n\n"
        "@event_priority(-100)\ndef on_post_build(config):\n"
        "    if 'MIKE_DOCS_VERSION' not in os.environ:  # set by mike for its build\n"
        "        return\n"
        f"    page = Path(config.site_dir) / {sentence.page!r}\n"
        f"    page.write_text(page.read_text().replace({sentence.text!r}, "
        f"{reworded(sentence.text)!r}))\n",
    )
    result = build(repo, year, tmp_path / "plain")
    assert result.returncode == 0, result.stderr
    assert sentence.text in (tmp_path / "plain" / sentence.page).read_text(encoding="utf-8")
    err = refused(repo, year, capsys)
    assert sentence.text in _lines(err, "-")
    assert reworded(sentence.text) in _lines(err, "+")


def test_a_record_made_anew_after_a_change_is_refused(site, capsys) -> None:
    """Change a sentence, delete the record and freeze again: a record consistent in itself,
    whose history the published version does not belong to."""
    repo, year = site
    sentence = a_sentence(repo, year)
    source = sentence.markdown.read_text(encoding="utf-8")
    sentence.markdown.write_text(source.replace(sentence.text, reworded(sentence.text)), "utf-8")
    manifest_path(repo / "data" / str(year)).unlink()
    assert cmrkit("freeze", str(year), "--repo", str(repo)) == 0
    commit(repo, "re-made record")
    err = refused(repo, year, capsys)
    assert "is not a state of the history" in err
    assert reworded(sentence.text) in _lines(err, "-")  # the record (-)
    assert sentence.text in _lines(err, "+")  # what the site holds (+)


def test_a_reworded_last_history_entry_is_refused(site, capsys) -> None:
    """The last entry has no entry after it to vouch for it: the published version does."""
    repo, year = site
    path = manifest_path(repo / "data" / str(year))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["history"][-1]["reason"] = "text as filed (and nothing else)"
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_manifest(repo / "data" / str(year)) is not None  # consistent in itself
    err = refused(repo, year, capsys)
    assert "is not a state of the history" in err


def test_a_deleted_record_with_draft_status_is_refused(site, capsys) -> None:
    repo, year = site
    sentence = a_sentence(repo, year)
    source = sentence.markdown.read_text(encoding="utf-8")
    sentence.markdown.write_text(source.replace(sentence.text, reworded(sentence.text)), "utf-8")
    manifest_path(repo / "data" / str(year)).unlink()
    facts = repo / "data" / str(year) / "facts.yml"
    facts.write_text(
        re.sub(r"status: filed\b", "status: draft", facts.read_text(encoding="utf-8")), "utf-8"
    )
    assert not load_year(repo / "data", year).is_filed
    for extra in ((), ("--draft",)):
        err = refused(repo, year, capsys, *extra)
        assert "is published on gh-pages as a filed year" in err
        assert sentence.text in _lines(err, "-")
        assert reworded(sentence.text) in _lines(err, "+")
    assert [v.get("title") for v in versions(repo) if v["version"] == str(year)] == [str(year)]


def test_an_unchanged_rebuild_is_published(site) -> None:
    repo, year = site
    before = git(repo, "rev-parse", f"gh-pages:{year}").strip()
    assert cmrkit("publish", str(year), "--repo", str(repo)) == 0
    assert git(repo, "rev-parse", f"gh-pages:{year}").strip() == before


def test_a_theme_colour_change_is_published(site) -> None:
    repo, year = site
    css = own_copy(repo, "assets/report.css")
    colours = ":root { --md-primary-fg-color: #6a1b9a; --md-accent-fg-color: #ad1457; }"
    css.write_text(css.read_text(encoding="utf-8") + f"\n{colours}\n", encoding="utf-8")
    commit(repo, "Theme colour")
    assert cmrkit("publish", str(year), "--repo", str(repo)) == 0
    assert colours in git(repo, "show", f"gh-pages:{year}/assets/report.css")


def test_an_amended_banner_is_published_with_its_history(site) -> None:
    """A deliberate change readers will see is an amendment: recorded with its reason, chained
    to the entry before, then published; the version carries the new last entry's sha256."""
    repo, year = site
    template = own_copy(repo, "main.html")  # the repository's own replaces cmrkit's
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{% block announce %}", "{% block announce %}<p>Corrected June 2.</p>"),
        "utf-8",
    )
    reason = "Notice of the corrected Form SD/A on every page"
    assert cmrkit("freeze", str(year), "--amend", "--reason", reason, "--repo", str(repo)) == 0
    manifest = load_manifest(repo / "data" / str(year))
    assert manifest is not None
    last = manifest.history[-1]
    assert (last["action"], last["reason"]) == ("amend", reason)
    assert last["previous"] == entry_digest(manifest.history[-2])
    assert last["reader"]["pages"] and not last["pages"]  # readers' pages; not the filed text
    commit(repo, "Amend: notice")
    assert cmrkit("publish", str(year), "--repo", str(repo)) == 0
    (version,) = [v for v in versions(repo) if v["version"] == str(year)]
    assert version["properties"]["cmrkit-record"] == entry_digest(last)


def test_the_site_branch_is_put_back_whatever_stops_a_publish(site, monkeypatch) -> None:
    """Whatever stops a publish after mike's commit (here: the check itself failing), the
    branch goes back where it was."""
    repo, year = site

    def broken(*args: object, **kwargs: object) -> None:
        raise subprocess.SubprocessError("the check could not run")

    monkeypatch.setattr(publishing, "check_reading", broken)
    before = head(repo)
    with pytest.raises(subprocess.SubprocessError):
        publishing.publish(Project.at(repo), year)
    assert head(repo) == before
