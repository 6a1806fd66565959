"""Reading the canonical CSV tables and writing outputs without ever leaving half a file.

Tables are read as text (codes such as "0380" must stay strings; numbers are parsed
after validation so a bad cell becomes a readable error, not a pandas exception).
"""

from __future__ import annotations

import csv
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import said

TABLE_FILES = {"units": "units.csv", "progress": "progress.csv", "targets": "targets.csv"}


def describe_path(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file ("is a folder", "is a FIFO"...), or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return said("file_not_found")
    except PermissionError:
        return said("unreachable")
    except OSError as err:
        return said("cannot_read", why=err.strerror or str(err))
    if stat.S_ISDIR(mode):
        return said("is_folder")
    if not stat.S_ISREG(mode):
        return said("not_regular", kind=said("fifo" if stat.S_ISFIFO(mode) else "device"))
    if not os.access(path, os.R_OK):
        return said("read_denied")
    return None


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them, else `OSError`/`ValueError`.

    For files a render reads back from a folder anyone may have edited (run.json, snapshot.json): a
    FIFO or a link to ``/dev/zero`` in their place must be an error, never a hang or a memory blow-up.
    Opened without blocking and checked with ``fstat`` on the open file, so nothing is swapped in between.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(f"{path}: not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path}: larger than {limit:,} bytes")
    return data


def read_text_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a UTF-8 CSV with every cell as a stripped string; the index is the file's line number.

    A header naming a column twice, or a row with fewer cells than the header (a file cut
    short while copying), is refused: pandas would silently rename or pad them.
    """
    path = Path(path)
    problem = describe_path(path)
    if problem:
        raise CdsAnalysisError(said("path_problem", path=path, problem=problem))
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig",
                            skipinitialspace=False)
    except UnicodeDecodeError as err:
        raise CdsAnalysisError(said("not_utf8", path=path, reason=err.reason, start=err.start)) from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as err:
        raise CdsAnalysisError(said("not_csv", path=path, why=str(err))) from err
    except OSError as err:
        raise CdsAnalysisError(said("path_problem", path=path, problem=said("cannot_read",
                                                                            why=err.strerror or str(err)))) from err
    _check_header(path)
    _check_last_row(path, len(frame.columns), len(frame) + 1)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def _check_header(path: Path) -> None:
    """Refuse a header that names a column twice (pandas would read the second as 'name.1')."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    names = [name.strip() for name in header]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise CdsAnalysisError(said("repeated_column", path=path, columns=", ".join(map(repr, repeated))))


def _check_last_row(path: Path, columns: int, line: int) -> None:
    """Refuse a last row with fewer cells than the header: the file was cut off while copying.

    pandas pads such a row with empty cells; only the last row is checked, so a 200 MB table
    is not read twice.
    """
    with open(path, "rb") as handle:
        handle.seek(max(0, handle.seek(0, os.SEEK_END) - 65536))
        tail = handle.read().decode("utf-8", errors="replace").rstrip("\r\n")
    last = tail.rsplit("\n", 1)[-1]
    cells = next(csv.reader([last]), [])
    if last.strip() and line > 1 and len(cells) < columns:
        raise CdsAnalysisError(said("cut_short", path=path, row=line, n=len(cells), columns=columns))


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


def replaceable_target(path: str | os.PathLike) -> tuple[Path, int | None]:
    """The file an atomic write replaces, and the permissions to keep; a clear error when it must not.

    A symlink stays a symlink: the file it points to is replaced. A read-only file is refused
    (``os.replace`` would silently swap it, since only the folder's permissions count), and so
    is anything that is not a regular file.
    """
    path = Path(path)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise CdsAnalysisError(said("dangling_link", path=path, target=target))
        path = target
    try:
        info = path.stat()
    except FileNotFoundError:
        return path, None
    if stat.S_ISDIR(info.st_mode):
        raise CdsAnalysisError(said("write_folder", path=path))
    if not stat.S_ISREG(info.st_mode):
        raise CdsAnalysisError(said("write_irregular", path=path))
    if not info.st_mode & 0o222:
        raise CdsAnalysisError(said("write_read_only", path=path))
    return path, stat.S_IMODE(info.st_mode)


def _atomic_write(path: str | os.PathLike, write: Callable[[IO], None], mode: str) -> Path:
    given = Path(path)
    path, keep_mode = replaceable_target(given)
    path.parent.mkdir(parents=True, exist_ok=True)
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else ""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            write(handle)
        # mkstemp makes 0600; a new output is for other readers too, a replaced file keeps its mode.
        os.chmod(tmp, keep_mode if keep_mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return given


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
