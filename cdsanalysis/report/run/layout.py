"""Every path a render writes, in one place, and none outside its folder.

District codes and names come from data e-mailed by district offices, so they are hostile
until proven otherwise: a code such as ``../../x`` or ``/etc/x`` must never become part of a
path. `safe_stem` keeps only ``[a-z0-9-]`` (plus a digest when the code itself had to change,
so two codes never share a stem), and `RunLayout` refuses any file name that is not a plain
name inside its folder.

The output root (``--out``) holds one folder per as-of date. A render writes into a hidden
folder of its own inside it (``.rendering-*``, mode 0700) and swaps it into place at the end (`OutputRoot.swap`); an
exclusive lock on the ``<out>`` folder itself (``flock``, released by the kernel when the
process dies, so never stale) keeps a second render out of it, and the
next render removes what a killed one left behind (`OutputRoot.clean_stale`).

A render replaces or removes only folders it can prove it made: every run folder gets a marker
(``.cdsanalysis-run``, written last, listing every entry the render wrote), and a dated folder
without it, or holding anything the marker does not list, is refused (`OutputRoot.check_replaceable`).
A render also takes a shared lock on every folder above its ``--out`` and refuses an ``--out``
inside a run folder, so nested output roots (``--out N`` and ``--out N/2024-06-30``) exclude each other.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cdsanalysis.data.io import atomic_write_text, read_bounded
from cdsanalysis.data.names import name_key
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording import DEFAULT_LANG, messages, words

# ---- every file name a render writes ---------------------------------------------------------------
FORECAST_FILE = "forecast.npz"
"""The saved forecast every district's notebook loads."""
SUMMARY_CSV = "summary.csv"
SUMMARY_XLSX = "summary.xlsx"
INDEX_PAGE = "index.html"
RUN_RECORD = "run.json"
"""The run's parameters, timings and outcomes."""
SNAPSHOT_FILE = "snapshot.json"
"""What the next render compares with (`cdsanalysis.report.run.changes`)."""
KERNEL_LOG = "kernels.log"
PROVINCE_STEM = "province"
"""The province report's files: ``province.html``, ``.png``, ``.docx``."""
PROVINCE_PAGE = f"{PROVINCE_STEM}.html"
PROVINCE_PNG = f"{PROVINCE_STEM}.png"
PROVINCE_DOCX = f"{PROVINCE_STEM}.docx"
RUNTIME_FOLDER = ".runtime"
"""Kernels' connection files, inside the run folder (removed at the end of a render)."""
PREPARED_FOLDER = "prepared"
"""Reports prepared for the kernels, beside the forecast file (removed at the end of a render)."""
INTERMEDIATE_FOLDERS = (PREPARED_FOLDER, RUNTIME_FOLDER)
"""Folders a render needs only while it runs."""
RUN_MARKER = ".cdsanalysis-run"
"""Written last into every run folder: proof that a render made it, and the list of what it wrote."""
MARKER_MAX_BYTES = 16 * 1024 * 1024
MARKER_MAGIC = "cdsanalysis render"

WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                              *(f"LPT{i}" for i in range(10))})
"""Names Windows refuses for a file whatever its extension."""
STEM_LENGTH = 80
"""Longest stem: with ``.ipynb`` and a staging prefix, far below every filesystem's 255 bytes."""
_CODE_OK = re.compile(r"[A-Za-z0-9_-]{1,32}")
WORK_PREFIX = ".rendering-"
OLD_MARK = ".old-"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")


def safe_stem(code: str, short_name: str) -> str:
    """File name stem of a district's outputs: code and accent-free short name, e.g. ``399-hoang-hoa``.

    A code that is not a plain ``[A-Za-z0-9_-]`` word (at most 32 characters) is replaced by
    its slug and a digest, so the stem stays a plain, unique file name whatever the data say; a code
    with capitals is lower-cased with a digest (``ABC`` and ``abc`` never share a file on a case-blind
    disk), and a stem Windows reserves (``CON``, ``NUL``, ``COM1``…) gets a digest too.
    """
    code = str(code)
    digest = hashlib.sha256(code.encode()).hexdigest()[:8]
    if _CODE_OK.fullmatch(code) and code == code.lower():
        head = code
    elif _CODE_OK.fullmatch(code):  # ABC and abc would share a file on Windows' and macOS' case-blind disks
        head = f"{code.lower()}-{digest}"
    else:
        head = "-".join(filter(None, [_slug(code)[:24], digest]))
    slug = _slug(short_name)
    stem = (f"{head}-{slug}" if slug else head)[:STEM_LENGTH].rstrip("-")
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:  # CON.html cannot be created on Windows
        stem = f"{stem}-{digest}"
    return stem


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that is not a plain file name inside ``folder``."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name or name != name.strip():
        raise CdsAnalysisError(f"refusing to write {name!r}: not a plain file name inside {folder}")
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise CdsAnalysisError(f"refusing to write {name!r}: it would land outside {folder}")
    return path


class NotARunFolder(CdsAnalysisError):
    """A folder a render was about to replace, or write into, that it cannot prove it made (exit 2)."""


def mark_run_folder(folder: Path) -> None:
    """Write the marker: the last file of a run folder, listing every entry beside it."""
    entries = sorted(name for name in os.listdir(folder) if name != RUN_MARKER)
    atomic_write_text(folder / RUN_MARKER, json.dumps({"made_by": MARKER_MAGIC, "entries": entries}, indent=1) + "\n")


def run_folder_entries(folder: Path) -> list[str] | None:
    """What the marker of ``folder`` says the render wrote there, or None when ``folder`` carries no valid marker
    (a symlink, a FIFO or a huge file in its place is no marker)."""
    try:
        record = json.loads(read_bounded(folder / RUN_MARKER, MARKER_MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if (not isinstance(record, dict) or record.get("made_by") != MARKER_MAGIC
            or not isinstance(record.get("entries"), list) or not all(isinstance(e, str) for e in record["entries"])):
        return None
    return record["entries"]


def is_run_folder(path: Path) -> bool:
    """A real folder (not a symlink) that a render made and nobody has added to since."""
    if path.is_symlink() or not path.is_dir():
        return False
    entries = run_folder_entries(path)
    try:
        return entries is not None and set(os.listdir(path)) <= {*entries, RUN_MARKER}
    except OSError:
        return False


@dataclass(frozen=True)
class RunLayout:
    """The files of one run in ``folder`` (the staging folder while rendering)."""

    folder: Path

    forecast_name = FORECAST_FILE
    summary_csv_name = SUMMARY_CSV
    summary_xlsx_name = SUMMARY_XLSX
    index_name = INDEX_PAGE
    run_json_name = RUN_RECORD
    kernel_log_name = KERNEL_LOG
    runtime_name = RUNTIME_FOLDER

    def notebook(self, stem: str) -> Path:
        return inside(self.folder, f"{stem}.ipynb")

    def html(self, stem: str) -> Path:
        return inside(self.folder, f"{stem}.html")

    def png(self, stem: str) -> Path:
        return inside(self.folder, f"{stem}.png")

    def docx(self, stem: str) -> Path:
        return inside(self.folder, f"{stem}.docx")

    def file(self, name: str) -> Path:
        return inside(self.folder, name)

    @property
    def forecast(self) -> Path:
        return self.folder / self.forecast_name

    @property
    def kernel_log(self) -> Path:
        return self.folder / self.kernel_log_name

    @property
    def runtime(self) -> Path:
        """Kernels' connection files: inside the run, so a killed render leaves none elsewhere."""
        return self.folder / self.runtime_name


class OutputRoot:
    """The ``--out`` folder: one subfolder per as-of date, locked while a render writes into it."""

    def __init__(self, root: Path, lang: str = DEFAULT_LANG) -> None:
        self.root = Path(root).resolve()
        self.lang = lang
        self._lock: int | None = None
        self._shared: list[int] = []

    def __enter__(self) -> OutputRoot:
        self.lock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unlock()

    def lock(self) -> None:
        """Take the root's lock or fail with a clear message; the lock dies with this process."""
        import fcntl

        said = words(self.lang)["render_run"]
        for above in (self.root, *self.root.parents):  # before anything is made: no stray folder in a run
            if os.path.lexists(above / RUN_MARKER):
                raise NotARunFolder(said["inside_run"].format(root=self.root, run=above, parent=above.parent))
        self._lock_above(said)  # before anything is made: a render holding a folder above refuses us here
        if self.root.exists() and not self.root.is_dir():
            self.unlock()
            raise CdsAnalysisError(messages.said("out_not_folder", root=self.root))
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if not os.access(self.root, os.W_OK | os.X_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.root))
            handle = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as err:
            self.unlock()
            raise CdsAnalysisError(messages.said("out_not_writable", root=self.root, why=err.strerror)) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            self.unlock()
            raise CdsAnalysisError(messages.said("out_busy", root=self.root)) from None
        self._lock = handle

    def _lock_above(self, said) -> None:
        """A shared lock on every folder above the root: a render whose --out is one of them holds it
        exclusively, so two nested roots never write at once (whichever comes second is refused)."""
        import fcntl

        for above in self.root.parents:
            if not above.is_dir():
                continue  # made below, by this render
            try:
                handle = os.open(above, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:  # a folder we may pass through but not open: no render can lock it either
                continue
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                self.unlock()
                raise CdsAnalysisError(said["nested_busy"].format(root=self.root, other=above)) from None
            self._shared.append(handle)

    def unlock(self) -> None:
        for handle in self._shared:
            os.close(handle)
        self._shared = []
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def check_replaceable(self, final: Path) -> None:
        """Refuse, touching nothing, to replace ``final`` unless a render made it and nothing was added since."""
        if not os.path.lexists(final):
            return
        said = words(self.lang)["render_run"]
        entries = None if final.is_symlink() or not final.is_dir() else run_folder_entries(final)
        if entries is None:
            raise NotARunFolder(said["not_a_run_folder"].format(folder=final, marker=RUN_MARKER))
        foreign = sorted(set(os.listdir(final)) - {*entries, RUN_MARKER})
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" (+{len(foreign) - 5})" if len(foreign) > 5 else "")
            raise NotARunFolder(said["foreign_entries"].format(folder=final, names=shown))

    def clean_stale(self) -> list[str]:
        """Remove what a killed render left (staging folders); put back a folder hidden mid-swap."""
        done = []
        for entry in sorted(self.root.iterdir()):
            name = entry.name
            if not name.startswith(".") or entry.is_symlink() or not entry.is_dir():
                continue  # a symlink is never followed, moved or removed here: someone else planted it
            if name.startswith(WORK_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
                done.append(f"removed {name}")
            elif OLD_MARK in name and is_run_folder(entry):  # a run folder hidden mid-swap, nothing else
                final = self.root / name[1:name.index(OLD_MARK)]
                if os.path.lexists(final):
                    shutil.rmtree(entry, ignore_errors=True)
                    done.append(f"removed {name}")
                else:
                    entry.rename(final)
                    done.append(f"restored {final.name}")
        return done

    def final(self, label: str) -> Path:
        return inside(self.root, label)

    def work_folder(self) -> Path:
        """This run's private folder (0700: nothing can be planted in it), removed at the end."""
        return Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=self.root))

    def swap(self, staging: Path, final: Path) -> None:
        """Replace ``final`` by ``staging`` with two renames, so no old file survives among new ones.

        ``final`` is checked again here (under the lock): a file added to it while the render ran is not lost.
        """
        self.check_replaceable(final)
        mark_run_folder(staging)
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{final.name}{OLD_MARK}", dir=self.root))
            old.rmdir()
            final.rename(old)
        staging.rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
