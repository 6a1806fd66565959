"""Reading the canonical CSV tables and writing outputs without ever leaving half a file.

Tables are read as text (codes such as "0380" must stay strings; numbers are parsed
after validation so a bad cell becomes a readable error, not a pandas exception).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError

TABLE_FILES = {"units": "units.csv", "progress": "progress.csv", "targets": "targets.csv"}


def read_text_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a UTF-8 CSV with every cell as a stripped string; the index is the file's line number."""
    path = Path(path)
    if not path.is_file():
        raise CdsAnalysisError(f"{path}: file not found")
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8-sig",
            skipinitialspace=False,
        )
    except UnicodeDecodeError as err:
        raise CdsAnalysisError(
            f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); save the file as 'CSV UTF-8'"
        ) from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as err:
        raise CdsAnalysisError(f"{path}: not a readable CSV table ({err})") from err
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fresh_folder(parent: str | os.PathLike, prefix: str) -> Path:
    """A new, uniquely named folder in ``parent`` with ordinary permissions (0755 under umask 022).

    `tempfile.mkdtemp` makes 0700, which would hide a whole report folder from a web server or a
    colleague once it is renamed into place.
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(folder, 0o777 & ~_umask())
    return folder


def _atomic_write(path: str | os.PathLike, write: Callable[[IO], None], mode: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else ""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            write(handle)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for other readers too
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write text so readers see either the old file or the whole new one."""
    return _atomic_write(path, lambda h: h.write(text), "w")


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    return _atomic_write(path, lambda h: h.write(data), "wb")


def atomic_write_csv(path: str | os.PathLike, frame: pd.DataFrame) -> Path:
    """Write a table as UTF-8 CSV with ISO dates, atomically."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return _atomic_write(path, lambda h: out.to_csv(h, index=False, lineterminator="\n"), "w")
