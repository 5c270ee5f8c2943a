"""cmrkit: the engine behind Conflict Minerals Report sites, and a library for analysts.

It reads supplier CMRTs and a year's data, computes every figure the report prints, and exports.
It knows nothing about MkDocs below `cmrkit.website`, so the site generator can be replaced
without touching the engine. For notebooks: `cmrkit.load_year(2023, data_dir="data")` and
`cmrkit.ingest_folder("cmrts/")` (see `cmrkit.api`).
"""

from cmrkit.version import __version__

__all__ = ["__version__", "ingest_folder", "load_year"]


def __getattr__(name: str) -> object:
    # The analyst API imports pandas; loaded on first use so `cmrkit --help` stays quick.
    if name in ("load_year", "ingest_folder"):
        from cmrkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'cmrkit' has no attribute {name!r}")
