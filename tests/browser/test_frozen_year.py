"""A filed year is frozen: publishing it with different report text is refused, saying what
changed; a rebuild with the same text (a theme or CSS fix) is published; a correction is an
amendment recorded in the manifest's history."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from cmrkit.record.filed import filed_record_path, load_filed
from cmrkit.record.manifest import compare_filed, load_manifest, manifest_path
from cmrkit.website.snapshot import load_archive_config, take_snapshot
from tests.support.gitrepo import cmrkit, commit, git, make_repo, read_rows, versions, write_rows
from tests.support.project import DATA, FILED_YEARS, YEARS, own_copy

Y = str(FILED_YEARS[0])  # the filed year whose sentences these tests edit
FILED_ROWS = len(load_filed(filed_record_path(DATA / Y)).annex_rows)  # type: ignore[arg-type]
RCOI = "exhibit-1-01/rcoi/index.html"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def _no_site_branch(repo: Path) -> bool:
    found = subprocess.run(["git", "rev-parse", "--verify", "-q", "gh-pages"], cwd=repo)
    return found.returncode != 0


def test_the_committed_manifest_matches_the_build(filed_site: Path, filed_year: int) -> None:
    manifest = load_manifest(DATA / str(filed_year))
    assert manifest is not None, f"data/{filed_year}/filed/manifest.json is missing"
    snapshot = take_snapshot(filed_site, load_archive_config(DATA))
    differences = compare_filed(manifest, snapshot)
    assert not differences, differences.describe()
    record = load_filed(filed_record_path(DATA / str(filed_year)))  # type: ignore[arg-type]
    assert manifest.annex_rows == len(record.annex_rows)


def test_a_changed_sentence_is_refused_with_the_sentence(repo: Path, capsys) -> None:
    page = repo / "docs" / Y / "exhibit-1-01" / "rcoi.md"
    source = page.read_text(encoding="utf-8")
    assert "We do not directly purchase Conflict Minerals" in source
    page.write_text(source.replace("We do not directly purchase", "We never purchase"), "utf-8")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 2
    err = capsys.readouterr().err
    assert RCOI in err
    assert re.search(r"^- We do not directly purchase Conflict Minerals", err, re.M)
    assert re.search(r"^\+ We never purchase Conflict Minerals", err, re.M)
    assert "Nothing was published" in err
    assert _no_site_branch(repo)


def test_setting_the_year_back_to_draft_does_not_unfreeze_it(repo: Path, capsys) -> None:
    facts = repo / "data" / Y / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("status: filed", "status: draft"), encoding="utf-8")
    page = repo / "docs" / Y / "exhibit-1-01" / "rcoi.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("We do not directly purchase", "We never purchase"), "utf-8")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 2  # a draft is not published...
    assert cmrkit("publish", Y, "--draft", "--repo", str(repo)) == 2  # ...nor as a draft
    assert "We never purchase" in capsys.readouterr().err
    assert _no_site_branch(repo)


def test_a_changed_figure_is_refused_with_the_sentence_it_changes(repo: Path, capsys) -> None:
    annex = repo / "data" / Y / "annex.csv"
    header, rows = read_rows(annex)
    write_rows(annex, header, rows[1:])
    assert cmrkit("publish", Y, "--repo", str(repo)) == 2
    err = capsys.readouterr().err
    assert re.search(rf"^- .*an aggregate of {FILED_ROWS} facilities", err, re.M)
    assert re.search(rf"^\+ .*an aggregate of {FILED_ROWS - 1} facilities", err, re.M)
    assert f"Annex rows: {FILED_ROWS} recorded, {FILED_ROWS - 1} now" in err
    assert _no_site_branch(repo)


def test_an_identical_rebuild_after_a_css_fix_is_published(repo: Path) -> None:
    css = own_copy(repo, "assets/report.css")  # the repository's own style sheet replaces cmrkit's
    css.write_text(css.read_text(encoding="utf-8") + "\n.md-content { line-height: 1.7; }\n")
    commit(repo, "Theme fix")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 0
    assert [v["version"] for v in versions(repo)] == [Y]
    published = git(repo, "show", f"gh-pages:{Y}/assets/report.css")
    assert "line-height: 1.7" in published


def test_a_filed_year_without_manifest_is_refused(repo: Path, capsys) -> None:
    manifest_path(repo / "data" / Y).unlink()
    assert cmrkit("publish", Y, "--repo", str(repo)) == 2
    assert f"cmrkit freeze {Y}" in capsys.readouterr().err
    assert _no_site_branch(repo)


def test_a_hand_edited_manifest_is_refused(repo: Path, capsys) -> None:
    path = manifest_path(repo / "data" / Y)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["pages"][RCOI]["sentences"][1] += " (edited)"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 2
    assert "does not match its sha256" in capsys.readouterr().err


def test_an_amendment_is_recorded_then_published(repo: Path, capsys) -> None:
    path = manifest_path(repo / "data" / Y)
    before = json.loads(path.read_text(encoding="utf-8"))
    page = repo / "docs" / Y / "exhibit-1-01" / "rcoi.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("We do not directly purchase", "We never purchase"), "utf-8")

    assert cmrkit("freeze", Y, "--repo", str(repo)) == 2  # not without --amend
    assert cmrkit("freeze", Y, "--amend", "--repo", str(repo)) == 2  # nor without a reason
    assert "--reason" in capsys.readouterr().err
    assert json.loads(path.read_text(encoding="utf-8")) == before

    reason = "Typo corrected after review by counsel"
    assert cmrkit("freeze", Y, "--amend", "--reason", reason, "--repo", str(repo)) == 0
    after = json.loads(path.read_text(encoding="utf-8"))
    entry = after["history"][-1]
    assert after["history"][:-1] == before["history"]
    assert (entry["action"], entry["reason"]) == ("amend", reason)
    assert list(entry["pages"]) == [RCOI]
    assert entry["pages"][RCOI]["old"] == before["pages"][RCOI]["sha256"]
    assert (
        entry["pages"][RCOI]["new"] == after["pages"][RCOI]["sha256"] != entry["pages"][RCOI]["old"]
    )
    commit(repo, f"Amend {Y}")
    assert cmrkit("publish", Y, "--repo", str(repo)) == 0


def test_a_draft_year_is_not_frozen(repo: Path, capsys) -> None:
    new = str(YEARS[-1] + 1)
    assert cmrkit("new-year", new, "--data", str(repo / "data")) == 0
    assert cmrkit("freeze", new, "--repo", str(repo)) == 2
    assert "draft" in capsys.readouterr().err


def test_push_publishes_to_the_remote(repo: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(repo, "remote", "add", "origin", str(remote))
    assert cmrkit("publish", Y, "--push", "--repo", str(repo)) == 0
    pushed = json.loads(
        subprocess.run(
            ["git", "--git-dir", str(remote), "show", "gh-pages:versions.json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )  # fmt: skip
    assert pushed == versions(repo)
