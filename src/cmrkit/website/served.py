"""The site's glue served from the package: the theme overrides, scripts and styles
(`website/theme/`) and the shared pages (`website/shared_pages/`) every filer's site uses.

They live here once, not copied into each repository, so a fix to the Annex script reaches every
filer by upgrading cmrkit. The build gets them from the MkDocs hooks every repository loads
(cmrkit.website.hooks): the theme folder goes into the theme's search path right after the
repository's own `overrides/` (so a template or asset placed there wins), and each shared page is
added to the build's files unless the docs folder has its own. A filed year stays guarded all the
same: `cmrkit publish` compares what mike committed with the frozen record, whatever changed it,
an edited page or an upgraded cmrkit."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

THEME = Path(__file__).with_name("theme")
SHARED_PAGES = Path(__file__).with_name("shared_pages")
OVERRIDES = "overrides"  # a repository's own theme overrides, beside mkdocs.yml
REDIRECT_TEMPLATE = "mike-redirect.html"  # the page mike writes for an alias (latest, the root)
_TEMPLATE_SUFFIXES = (".html",)  # theme files rendered by the theme, never copied to the site


def files(folder: Path) -> list[str]:
    """A packaged folder's files by their path in it."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


def theme_dirs(project_dir: Path, dirs: list[str], custom_dir: str | None) -> list[str]:
    """The theme's search path with the package's theme folder in it: the repository's own
    overrides first (mkdocs.yml's `custom_dir`, else `overrides/` when present), then cmrkit's,
    then the theme's own folders (`dirs` as MkDocs built them, custom_dir first if set)."""
    own = list(dirs[:1]) if custom_dir else []
    rest = dirs[1:] if custom_dir else list(dirs)
    folder = project_dir / OVERRIDES
    if not custom_dir and folder.is_dir():
        own.append(str(folder))
    return [*own, str(THEME), *(d for d in rest if d != str(THEME))]


def theme_file(name: str, dirs: list[str]) -> Path:
    """The file `name` as the theme finds it: the first of `dirs` that has it."""
    for folder in dirs:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    return THEME / name


def shared_pages(present: Collection[str]) -> dict[str, Path]:
    """The package's shared pages the site does not have already (`present`: the site's files
    by their path in the docs folder; a repository's own copy wins)."""
    return {name: SHARED_PAGES / name for name in files(SHARED_PAGES) if name not in present}


def walk_key(path: str) -> tuple[tuple[int, str, str], ...]:
    """The place of `path` (in a docs folder) in the order MkDocs lists the folder's files: a
    folder's files before its subfolders, `index` and `README` first, then by name."""
    *folders, name = path.split("/")
    stem = name.rsplit(".", 1)[0]
    last = (0, "" if stem in ("index", "README") else "~", name)
    return (*((1, "", folder) for folder in folders), last)


def theme_assets(docs_dir: Path, overrides: Path | None = None) -> dict[str, Path]:
    """The package theme's static files (scripts, styles) by their path in the site, as MkDocs
    serves theme files: a file of the same path in the docs folder or the repository's own
    overrides wins. For a build that runs no hook (Zensical's staging)."""
    found: dict[str, Path] = {}
    for name in files(THEME):
        if name.endswith(_TEMPLATE_SUFFIXES) or (docs_dir / name).exists():
            continue
        own = overrides / name if overrides is not None else None
        found[name] = own if own is not None and own.is_file() else THEME / name
    return found


def theme_templates(overrides: Path | None = None) -> dict[str, Path]:
    """The package theme's templates (`main.html`, mike's redirect page), each replaced by the
    repository's own in `overrides` when it has one, plus its other templates."""
    found = {name: THEME / name for name in files(THEME) if name.endswith(_TEMPLATE_SUFFIXES)}
    if overrides is not None and overrides.is_dir():
        found.update({name: overrides / name for name in files(overrides)})
    return found


def served_file(name: str) -> Path:
    """cmrkit's copy of a served file (`main.html`, `assets/annex.js`, `year-over-year.md`)."""
    for folder in (THEME, SHARED_PAGES):
        if (folder / name).is_file():
            return folder / name
    raise KeyError(f"cmrkit serves no file '{name}'")


def own_copy_path(name: str) -> str:
    """Where a repository puts its own copy of the served file `name` so that it replaces
    cmrkit's: a theme template in `overrides/`, a script, style or page in `docs/`."""
    if served_file(name).parent == THEME and name.endswith(_TEMPLATE_SUFFIXES):
        return f"{OVERRIDES}/{name}"
    return f"docs/{name}"
