"""Where each reference file comes from: the copy shipped inside cmrkit, unless a repository
keeps its own in `data/reference/`.

The knowledge (metals, Covered Countries, RMI status words, sanctions entries, pre-filing rules)
is the same for every filer, so it ships with the package and improves with it; a filer who needs
another rule puts just that file in `data/reference/`, and that file wins, whole."""

from __future__ import annotations

from pathlib import Path

PACKAGED = Path(__file__).with_name("data")
NAMES = (
    "metals.yml",
    "covered_countries.yml",
    "statuses.yml",
    "sanctions.yml",
    "prefiling.yml",
    "archive.yml",
    "annex.yml",
    "facility_names.yml",  # how names and countries compare across years (reference.names)
    "smelter_lookup.yml",  # with the CSVs it names, relative to it (cmrkit.ingest.cmrt.shipped)
)


def reference_file(name: str, overrides: Path | None = None) -> Path:
    """The repository's `overrides/<name>` when it exists, else the packaged one."""
    if overrides is not None and (overrides / name).is_file():
        return overrides / name
    return PACKAGED / name
