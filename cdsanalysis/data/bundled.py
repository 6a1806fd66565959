"""Where the bundled data live: inside the installed package, or the repository's `data/`.

The repository's top-level ``data/`` is the only source. A wheel carries the same files as
``cdsanalysis/data/bundled/`` (the build configuration copies them; see pyproject.toml), found here
with `importlib.resources`, so a normal install, a Dask worker on another node or a conda package
finds them. A source checkout (editable install) has no such folder and uses ``data/`` itself.
`CDSANALYSIS_DATA` overrides both, and so does an explicit path given to `load_dataset`.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

ENVIRONMENT_VARIABLE = "CDSANALYSIS_DATA"
PACKAGED_FOLDER = "bundled"
"""Name of the data folder inside ``cdsanalysis/data/`` in a wheel."""
REPOSITORY_DATA = Path(__file__).resolve().parents[2] / "data"
"""The repository's ``data/`` (used when the package runs from a source checkout)."""


def packaged_data_dir() -> Path | None:
    """The data folder shipped inside the installed package, if this install has one."""
    folder = files("cdsanalysis.data") / PACKAGED_FOLDER
    return Path(str(folder)) if folder.is_dir() else None


def bundled_data_dir() -> Path:
    """Where the bundled data live; `CDSANALYSIS_DATA` overrides it."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        return Path(override)
    return packaged_data_dir() or REPOSITORY_DATA
