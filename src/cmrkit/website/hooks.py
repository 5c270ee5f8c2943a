"""MkDocs hooks: build one reporting year from its own pages (`docs/<year>/`).

MkDocs has one docs folder; here every year keeps its pages in `docs/<year>/` with its own
`nav.yml`. For the year being built, its pages are served as if its folder were the docs root
(`docs/2023/exhibit-1-01/rcoi.md` becomes `exhibit-1-01/rcoi/`), other years' folders are left
out, and its navigation comes first, followed by `mkdocs.yml`'s own nav of shared, site-level
pages. So nothing in `docs/2024/` can change a 2023 build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from cmrkit.errors import CmrkitError
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
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _year_pages(config)
    year = str(pages.year)
    kept: list[File] = []
    for file in files:
        path = site_path(file.src_uri, pages.year)
        if path == file.src_uri:
            kept.append(file)  # shared: assets, site-level pages
        elif path is not None:
            kept.append(
                File(
                    path,
                    src_dir=str(pages.folder),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
    seen: dict[str, str] = {}
    for file in kept:
        if file.dest_uri in seen:
            raise PluginError(
                f"cmrkit: docs/{year}/{file.src_uri} and docs/{seen[file.dest_uri]} would both "
                f"be {file.dest_uri}: rename one of them"
            )
        seen[file.dest_uri] = file.src_uri
    return Files(kept)
