"""MkDocs hooks: build one reporting year from its own pages (`docs/<year>/`).

MkDocs has one docs folder; here every year keeps its pages in `docs/<year>/` with its own
`nav.yml`. For the year being built, its pages are served as if its folder were the docs root
(`docs/2023/exhibit-1-01/rcoi.md` becomes `exhibit-1-01/rcoi/`), other years' folders are left
out, and its navigation comes first, followed by `mkdocs.yml`'s own nav of shared, site-level
pages. So nothing in `docs/2024/` can change a 2023 build.

The site's glue is served from cmrkit (cmrkit.website.served): its theme folder (the template
overrides, scripts and styles) joins the theme's search path after the repository's own
`overrides/`, mike's redirect page comes from there unless mkdocs.yml names one, and the shared
pages (the year-over-year page) join the files unless the docs folder has its own."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from cmrkit.errors import CmrkitError
from cmrkit.website.served import (
    REDIRECT_TEMPLATE,
    SHARED_PAGES,
    shared_pages,
    theme_dirs,
    theme_file,
    walk_key,
)
from cmrkit.year.pages import YearPages, load_pages, site_path


def _year_pages(config: MkDocsConfig) -> YearPages:
    project_dir = Path(config.config_file_path).parent
    try:
        return load_pages(Path(config.docs_dir), int(config.extra["report_year"]))
    except (CmrkitError, ValueError) as exc:
        message = str(exc).replace(f"{project_dir}/", "")
        raise PluginError(f"cmrkit: bad pages:\n{message}") from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pages = _year_pages(config)
    config.nav = [*pages.nav, *(config.nav or [])]
    project_dir = Path(config.config_file_path).parent
    config.theme.dirs = theme_dirs(project_dir, config.theme.dirs, config.theme.custom_dir)
    # mike reads its plugin's settings after running this event (`mike deploy`, `set-default`).
    mike = config.plugins.get("mike")
    if mike is not None and not mike.config.get("redirect_template"):
        mike.config["redirect_template"] = str(theme_file(REDIRECT_TEMPLATE, config.theme.dirs))
    return config


def _page(path: str, src_dir: Path | str, config: MkDocsConfig) -> File:
    return File(
        path,
        src_dir=str(src_dir),
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


def _from_docs(file: File, docs_dir: Path) -> bool:
    return Path(file.abs_src_path or "").resolve().is_relative_to(docs_dir)


def _walk_place(kept: list[tuple[str, File]], name: str, docs_dir: Path) -> int:
    """Where `name` goes among the docs folder's files, listed in MkDocs's walk order."""
    docs = [i for i, (_, file) in enumerate(kept) if _from_docs(file, docs_dir)]
    later = [i for i in docs if walk_key(kept[i][0]) > walk_key(name)]
    return later[0] if later else (docs[-1] + 1 if docs else 0)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _year_pages(config)
    year = str(pages.year)
    kept: list[tuple[str, File]] = []  # (the file's path in the docs folder, the file served)
    for file in files:
        path = site_path(file.src_uri, pages.year)
        if path == file.src_uri:
            kept.append((file.src_uri, file))  # shared: site-level pages, theme files
        elif path is not None:
            kept.append((file.src_uri, _page(path, pages.folder, config)))
    # cmrkit's shared pages where MkDocs would have listed them from the docs folder, so the
    # pages (and the search index, a filed year's recorded download) keep their order.
    docs_dir = Path(config.docs_dir).resolve()
    for name in shared_pages({file.src_uri for _, file in kept}):
        kept.insert(_walk_place(kept, name, docs_dir), (name, _page(name, SHARED_PAGES, config)))
    seen: dict[str, str] = {}
    for _, file in kept:
        if file.dest_uri in seen:
            raise PluginError(
                f"cmrkit: docs/{year}/{file.src_uri} and docs/{seen[file.dest_uri]} would both "
                f"be {file.dest_uri}: rename one of them"
            )
        seen[file.dest_uri] = file.src_uri
    return Files([file for _, file in kept])
