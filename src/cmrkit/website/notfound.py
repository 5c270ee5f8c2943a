"""The page GitHub Pages shows for any address the site does not have: `404.html` at the root of
the site branch, above every year's folder. mike writes none there (each year's own 404 page
only serves addresses inside that year), so publishing writes it, offering the newest report
and every year published.

The page is one self-contained file (its style inline, no script, nothing loaded): it is served
at whatever address was asked for, so it cannot rely on relative links; its links are absolute
from the site's address (facts `urls.site`), or from the server's root without it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from cmrkit.website.runner import git, run

NAME = "404.html"

STYLE = """
:root { color-scheme: light dark; --fg: #1f1f1f; --bg: #fff; --link: #0b57d0; }
@media (prefers-color-scheme: dark) { :root { --fg: #e3e3e3; --bg: #1e2129; --link: #a8c7fa; } }
body { margin: 0; font: 1.0625rem/1.6 system-ui, sans-serif; color: var(--fg);
  background: var(--bg); }
main { max-width: 40rem; margin: 0 auto; padding: 3rem 1.25rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
li { margin: 0.5rem 0; }
ul a { display: inline-block; min-height: 24px; padding: 0.125rem 0; }
"""


@dataclass(frozen=True)
class Version:
    name: str  # the folder on the site branch, e.g. "2024"
    title: str


def published_versions(versions: list[dict]) -> list[Version]:
    """mike's versions.json entries that readers see, newest first."""
    shown = [
        Version(str(v["version"]), str(v.get("title") or v["version"]))
        for v in versions
        if not (v.get("properties") or {}).get("hidden")
    ]
    return sorted(shown, key=lambda v: (0, -int(v.name)) if v.name.isdigit() else (1, v.name))


def newest(versions: list[dict], alias: str) -> Version | None:
    """The version the alias (latest) names, which is the site's newest report."""
    for v in versions:
        if alias in (v.get("aliases") or []):
            return Version(str(v["version"]), str(v.get("title") or v["version"]))
    return None


def not_found_html(versions: list[dict], alias: str, site: str | None, company: str) -> str:
    base = (site.rstrip("/") + "/") if site else "/"
    top = newest(versions, alias)
    years = published_versions(versions)
    title = f"Page not found – {company} Conflict Minerals Reports"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>This page is not here</h1>",
        f"<p>There is no page at this address on the {escape(company)} Conflict Minerals "
        "Report site. It may have moved when a new report was published.</p>",
    ]
    if top:
        lines.append(
            f'<p>The newest report is the <a href="{escape(base + top.name)}/">'
            f"{escape(top.title)} report</a>.</p>"
        )
    if years:
        lines.append("<h2>Every report on this site</h2>")
        lines.append("<ul>")
        lines += [
            f'<li><a href="{escape(base + v.name)}/">{escape(v.title)} report</a></li>'
            for v in years
        ]
        lines.append("</ul>")
    lines += ["</main>", "</body>", "</html>", ""]
    return "\n".join(lines)


def commit_root_file(repo: Path, branch: str, name: str, content: str, message: str) -> bool:
    """Put `name` with `content` at the root of `branch` in a new commit, without a checkout
    (as mike commits); returns False when the branch already holds exactly that."""
    blob = run(["git", "hash-object", "-w", "--stdin"], cwd=repo, stdin=content).stdout.strip()
    head = git(repo, "rev-parse", f"refs/heads/{branch}").strip()
    listing = git(repo, "ls-tree", head).splitlines()  # "<mode> <type> <id>\t<name>"
    if f"100644 blob {blob}\t{name}" in listing:
        return False
    entries = [line for line in listing if line.split("\t", 1)[1] != name]
    entries.append(f"100644 blob {blob}\t{name}")
    tree = run(["git", "mktree"], cwd=repo, stdin="\n".join(entries) + "\n").stdout.strip()
    commit = git(repo, "commit-tree", tree, "-p", head, "-m", message).strip()
    git(repo, "update-ref", f"refs/heads/{branch}", commit, head)
    return True
