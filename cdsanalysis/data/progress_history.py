"""The safety net around ``progress.csv``: one writer at a time, every previous version kept, undo.

``progress.csv`` is the one table the package writes into a user's data folder, month after
month. Two imports started together must not lose one (each reads, merges and replaces the
file), so the read-merge-replace runs under an exclusive lock on the folder (``flock`` on the
folder itself: no lock file is left behind, and the kernel releases the lock when the process
dies). Every replacement first keeps the file it replaces, byte for byte, as
``history/progress-<UTC timestamp>.csv`` beside it, and `undo` puts the latest kept version back
(the version it replaces is kept too, under ``history/undone/``, so an undo can be undone by hand).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cdsanalysis.data.io import atomic_write_bytes, atomic_write_csv, replaceable_target
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording import words
from cdsanalysis.wording.messages import said

HISTORY = "history"
"""The folder, beside progress.csv, that keeps every version an import or an undo replaced."""
UNDONE = "undone"
_VERSION = re.compile(r"^progress-(\d{8}T\d{6}\d{6}Z)\.csv$")
_STAMPED = r"^{stem}-(\d{{8}}T\d{{6}}\d{{6}}Z)\.csv$"


def _version_pattern(stem: str) -> re.Pattern[str]:
    """Kept versions of ``<stem>.csv`` (progress, recognitions): ``history/<stem>-<UTC stamp>.csv``."""
    return _VERSION if stem == "progress" else re.compile(_STAMPED.format(stem=re.escape(stem)))
LOCK_WAIT_SECONDS = 120.0
"""How long a second import waits for the first to finish before it refuses."""

def _sentences(lang: str) -> dict[str, str]:
    """This module's sentences in ``lang`` (the wording catalogue checks the language)."""
    return words(lang)["import_history"]


@contextlib.contextmanager
def progress_lock(folder: Path, wait: float = LOCK_WAIT_SECONDS, lang: str = "vi",
                  report=None) -> Iterator[None]:
    """Hold the folder's exclusive lock for a read-merge-replace of its progress.csv.

    A second writer waits up to ``wait`` seconds (saying so once through ``report``), then
    refuses with a clear message; nothing is written in either case until the lock is held.
    """
    import fcntl

    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline, said = time.monotonic() + wait, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CdsAnalysisError(_sentences(lang)["busy"].format(folder=folder, seconds=wait)) from None
                if not said and report is not None:
                    report(_sentences(lang)["waiting"].format(folder=folder))
                    said = True
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)  # releases the lock


def history_folder(out_dir: Path) -> Path:
    return Path(out_dir) / HISTORY


def keep_version(out_dir: Path, current: Path, stem: str = "progress", absent_too: bool = False) -> Path | None:
    """Copy ``current`` (``<stem>.csv`` as it is now) into the history folder; its path, or None if absent.

    With ``absent_too`` (not for progress.csv), a missing file is kept as an empty version, so that
    undoing the write that created the file removes it again.

    Written atomically: a full disk leaves no half copy, and raises before progress.csv is touched.
    """
    if not current.exists() and (stem == "progress" or not absent_too):
        return None
    folder = history_folder(out_dir)
    folder.mkdir(exist_ok=True)
    version = folder / f"{stem}-{_stamp()}.csv"
    while version.exists():  # two writes within a microsecond: never overwrite a kept version
        time.sleep(0.001)
        version = folder / f"{stem}-{_stamp()}.csv"
    atomic_write_bytes(version, current.read_bytes() if current.exists() else b"")
    return version


def _stamp() -> str:
    """Now, in UTC, to the microsecond: names that sort in time order."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def versions(out_dir: Path, stem: str = "progress") -> list[Path]:
    """The kept versions of ``<stem>.csv``, oldest first (their names sort by time)."""
    folder = history_folder(out_dir)
    if not folder.is_dir():
        return []
    pattern = _version_pattern(stem)
    return sorted(p for p in folder.iterdir() if pattern.match(p.name) and p.is_file() and not p.is_symlink())


@dataclass(frozen=True)
class Undo:
    """What an undo did: the file restored, the version it came from, where the replaced file went."""

    target: Path
    version: Path
    kept: Path | None
    lang: str = "vi"

    def describe(self) -> str:
        stamp = re.search(r"-(\d{8}T\d{6}\d{6}Z)\.csv$", self.version.name).group(1)
        when = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").strftime("%d/%m/%Y %H:%M:%S UTC")
        return _sentences(self.lang)["undone"].format(target=self.target, version=self.version, when=when,
                                                 kept=self.kept or "—")


def undo(out_dir: str | os.PathLike, lang: str = "vi", wait: float = LOCK_WAIT_SECONDS,
         stem: str = "progress") -> Undo:
    """Put back the latest kept version of ``out_dir/<stem>.csv``, byte for byte, under the lock.

    The version restored leaves the history (so a second undo goes one step further back); the
    file it replaces is kept under ``history/undone/``.
    """
    out_dir = Path(out_dir)
    target = out_dir / f"{stem}.csv"
    real_target, _ = replaceable_target(target)
    with progress_lock(real_target.parent, wait=wait, lang=lang):
        kept = versions(out_dir, stem)
        if not kept:
            message = _sentences(lang)["nothing_to_undo"].format(folder=out_dir, history=history_folder(out_dir))
            raise CdsAnalysisError(message.replace("progress.csv", target.name))
        latest = kept[-1]
        data = latest.read_bytes()
        aside = None
        if real_target.exists():
            undone = history_folder(out_dir) / UNDONE
            undone.mkdir(exist_ok=True)
            aside = atomic_write_bytes(undone / f"{stem}-{_stamp()}.csv", real_target.read_bytes())
        if not data and stem != "progress":  # an empty kept version: the file did not exist before
            real_target.unlink(missing_ok=True)
        else:
            atomic_write_bytes(target, data)
        latest.unlink()
    return Undo(target=target, version=latest, kept=aside, lang=lang)


def write_problem(err: OSError, where: Path) -> CdsAnalysisError:
    """A full disk, a read-only folder or a denied write as one sentence (no traceback), data intact."""
    known = {errno.ENOSPC: "disk_full", errno.EROFS: "folder_read_only", errno.EACCES: "permission_denied",
             errno.EPERM: "permission_denied", errno.EDQUOT: "quota_used"}.get(err.errno)
    reason = said(known) if known else err.strerror or str(err)
    return CdsAnalysisError(said("cannot_write", path=err.filename or where, reason=reason, where=where))


def replace_keeping_history(out_dir: Path, real_target: Path, target: Path, table: pd.DataFrame, *,
                            stem: str = "progress", absent_too: bool = False) -> Path | None:
    """Keep the current ``<stem>.csv`` in history/, then replace it atomically; undo both on failure.

    Returns the kept version. On a full disk or a read-only folder the file is as it was and no stray
    history entry (or history folder made by this call) is left; the error says nothing changed.
    ``absent_too``: a missing file is kept as an empty version (undoing its creation removes it).
    """
    folder = history_folder(out_dir)
    existed = folder.exists()
    kept = None
    try:
        kept = keep_version(out_dir, real_target, stem=stem, absent_too=absent_too)
        atomic_write_csv(target, table)
        return kept
    except OSError as err:
        with contextlib.suppress(OSError):
            if kept is not None:
                kept.unlink()
            if not existed:
                folder.rmdir()
        raise write_problem(err, target) from None
