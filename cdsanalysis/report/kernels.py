"""Kernels for the batch: started by us (never by papermill), in the run's folder, owned by one worker.

Starting the kernel ourselves, with its working directory set, means papermill never
changes the process's working directory (its ``cwd=`` is process-wide, which races when a
Dask worker runs several districts in threads), and lets a worker start the kernel of its
next district while the current one runs (`SpareKernels`). Each kernel's connection file
lives in the run's folder, so a killed render leaves none in the user's Jupyter runtime
folder; ipykernel's parent poller ends a kernel whose worker died (``JPY_PARENT_PID``).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from pathlib import Path
from typing import Any

KERNEL = "python3"
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
"""Batch kernels keep no input history: parallel kernels would otherwise share one SQLite file."""
RUNTIME_FOLDER = ".runtime"
"""Sub-folder of the run's folder holding the kernels' connection files (removed before the swap)."""


def _kernel_class() -> type:
    from jupyter_client.manager import AsyncKernelManager

    class Kernel(AsyncKernelManager):
        """A kernel that closes the clients papermill made for it when stopped."""

        def client(self, **kwargs: Any):
            made = super().client(**kwargs)
            self.__dict__.setdefault("_made_clients", []).append(made)
            return made

        def stop(self) -> None:
            from jupyter_core.utils import run_sync

            for made in self.__dict__.get("_made_clients", []):
                made.stop_channels()
            try:
                run_sync(self.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - already dead (e.g. it never started)
                self.cleanup_resources()

    return Kernel


def start_kernel(folder: str | Path, log: str | Path | None = None):
    """A started kernel whose working directory is ``folder``; raises when it cannot start.

    ``log``: a file that receives the kernel's own output (else it shares this process's).
    """
    from jupyter_core.utils import run_sync

    runtime = Path(folder) / RUNTIME_FOLDER
    runtime.mkdir(exist_ok=True)
    kernel = _kernel_class()(kernel_name=KERNEL, connection_file=str(runtime / f"kernel-{uuid.uuid4()}.json"))
    with contextlib.ExitStack() as stack:  # Popen duplicates the log's descriptor; ours can close at once
        streams = {}
        if log is not None:
            handle = stack.enter_context(open(log, "ab"))
            streams = {"stdout": handle, "stderr": handle}
        try:
            run_sync(kernel.start_kernel)(cwd=str(folder), extra_arguments=KERNEL_ARGUMENTS, **streams)
        except BaseException:
            kernel.stop()
            raise
    return kernel


class SpareKernels:
    """At most one kernel per thread started ahead for the next district of the same folder."""

    def __init__(self) -> None:
        self._spare = threading.local()
        self._all: set[Any] = set()
        self._lock = threading.Lock()

    def take(self, folder: str) -> Any | None:
        """The kernel started ahead for ``folder`` by this thread, if any (others are stopped)."""
        kernel, started_for = getattr(self._spare, "kernel", None), getattr(self._spare, "folder", None)
        self._spare.kernel = self._spare.folder = None
        if kernel is not None and started_for != folder:
            self._stop(kernel)
            kernel = None
        if kernel is not None:
            with self._lock:
                self._all.discard(kernel)
        return kernel

    def start(self, folder: str) -> None:
        """Start the kernel of this thread's next district now, so its start overlaps this one."""
        try:
            kernel = start_kernel(folder)
        except Exception:  # noqa: BLE001 - the next district starts its own kernel then
            return
        with self._lock:
            self._all.add(kernel)
        self._spare.kernel, self._spare.folder = kernel, folder

    def _stop(self, kernel: Any) -> None:
        with self._lock:
            self._all.discard(kernel)
        kernel.stop()

    def stop_all(self) -> None:
        """Stop every spare kernel (a worker's exit hook)."""
        with self._lock:
            kernels, self._all = list(self._all), set()
        for kernel in kernels:
            kernel.stop()


SPARES = SpareKernels()
"""This process's spare kernels."""
