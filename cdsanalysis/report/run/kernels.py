"""Kernels for the batch: started by us (never by papermill), in the run's folder, reused by one worker.

Starting the kernel ourselves, with its working directory set, means papermill never
changes the process's working directory (its ``cwd=`` is process-wide, which races when a
Dask worker runs several districts in threads). Each kernel's connection file lives in the
run's folder, so a killed render leaves none in the user's Jupyter runtime folder;
ipykernel's parent poller ends a kernel whose worker died (``JPY_PARENT_PID``).

A kernel is reused from district to district (`ReusedKernel`, one per worker thread in
`KERNELS`). Starting one costs more than a second of CPU (Python, ipykernel, then pandas
and the package in the template's first cell) while a district's cells then take a few
tenths: started afresh for every district, the start-up was half of a render. Reuse is made
safe by a reset before every notebook but the first (`reset_code`): the user namespace is
cleared and the execution counter set back to 1 (IPython's ``reset(new_session=True)``),
the warnings registries are invalidated (a warning shows again in every notebook that
causes it) and the working directory is set back to the run's folder. What survives is what
should: imported modules, and `cdsanalysis.report.content.forecast_cache`'s copy of the forecast
file (keyed by its inode, size and time). A kernel is thrown away after a notebook that
failed (its state is unknown, it may be dead), when it does not answer the reset, and after
`MAX_USES` notebooks (bounded memory on nation-sized runs). Each kernel keeps one client
open for papermill and the resets, so the wait until a kernel answers is paid once per kernel,
not once per notebook. ``tests/test_kernels.py`` checks that a reused kernel shows byte for byte
what a fresh one shows.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import threading
import uuid
from pathlib import Path
from typing import Any

from cdsanalysis.report.run.layout import RUNTIME_FOLDER

KERNEL = "python3"
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
"""Batch kernels keep no input history: parallel kernels would otherwise share one SQLite file."""
MAX_USES = 100
"""Notebooks one kernel executes before it is replaced."""


def reset_code(folder: str | Path) -> str:
    """Run silently (no history, no counter) in a used kernel before its next notebook."""
    return (
        "get_ipython().reset(new_session=True)\n"
        "import os as _o, warnings as _w\n"
        "_f = list(_w.filters); _w.resetwarnings(); _w.filters[:] = _f\n"  # forget which warnings were shown
        f"_o.chdir({json.dumps(str(folder))})\n"
        "del _o, _w, _f\n"
    )


def _kernel_class() -> type:
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    class KeptClient(AsyncKernelClient):
        """The one client of a reused kernel, open from notebook to notebook.

        papermill asks the kernel for a client for every notebook, starts its channels and waits
        until the kernel answers (at least 0.2 s of listening for stray output each time, with
        nothing to do meanwhile). This client starts once and waits once; a kernel that died since
        is found by papermill's liveness check and by the reset before the next notebook.
        """

        _answered = False

        def start_channels(self, *args: Any, **kwargs: Any) -> None:
            if not self.channels_running:
                super().start_channels(*args, **kwargs)

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            if not self._answered:
                await super()._async_wait_for_ready(timeout=timeout)
                self._answered = True

    class Kernel(AsyncKernelManager):
        """A kernel with one client, kept open for papermill and the resets, closed when stopped."""

        def client(self, **kwargs: Any):
            kept = self.__dict__.get("_kept_client")
            if kept is None:
                self.client_factory = KeptClient
                kept = self.__dict__["_kept_client"] = super().client(**kwargs)
            return kept

        def close_clients(self) -> None:
            kept = self.__dict__.pop("_kept_client", None)
            if kept is not None:
                kept.stop_channels()

        def stop(self) -> None:
            from jupyter_core.utils import run_sync

            self.close_clients()
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


class ReusedKernel:
    """A kernel started once in ``folder`` and handed to papermill (``km=``) notebook after notebook.

    `manager` gives the kernel, clean, for the next notebook; `done` says how that notebook
    went (a failure discards the kernel); `stop` shuts it down. ``started`` counts the kernels
    started so far, ``uses`` the notebooks the current one ran.
    """

    def __init__(self, folder: str | Path, log: str | Path | None = None, max_uses: int = MAX_USES) -> None:
        self.folder = str(folder)
        self.log = log
        self.max_uses = max_uses
        self.uses = 0
        self.started = 0
        self._kernel: Any = None

    def manager(self, timeout: float = 60) -> Any:
        """The kernel for the next notebook: the used one after a reset, or a fresh one."""
        if self._kernel is not None and (self.uses >= self.max_uses or not self._reset(timeout)):
            self.stop()
        if self._kernel is None:
            self._kernel, self.uses = start_kernel(self.folder, self.log), 0
            self.started += 1
        return self._kernel

    def done(self, ok: bool) -> None:
        """After a notebook: keep the kernel (and its client) only if the notebook ran cleanly."""
        if self._kernel is None:
            return
        self.uses += 1
        if not ok:
            self.stop()

    def _reset(self, timeout: float) -> bool:
        """Clear the used kernel's namespace, counter and warnings; False when it does not answer cleanly."""
        from jupyter_core.utils import run_sync

        client = self._kernel.client()
        try:
            if not run_sync(self._kernel.is_alive)():  # died since its last notebook (its client waits no more)
                return False
            client.start_channels()
            run_sync(client.wait_for_ready)(timeout=timeout)
            reply = run_sync(client.execute_interactive)(reset_code(self.folder), silent=True, store_history=False,
                                                         timeout=timeout, output_hook=lambda message: None)
            return reply["content"]["status"] == "ok"
        except Exception:  # noqa: BLE001 - dead or stuck: the caller starts a fresh kernel
            return False

    def stop(self) -> None:
        """Shut the kernel down, if one is running."""
        kernel, self._kernel = self._kernel, None
        if kernel is not None:
            kernel.stop()


class WorkerKernels:
    """This process's reused kernels: one per thread (a Dask worker may run districts in threads).

    Every kernel is stopped when the process exits normally (``atexit``, and multiprocessing's
    finalizers for pool and Dask worker processes, which skip ``atexit``); a worker killed
    outright takes its kernels along through their parent poller.
    """

    def __init__(self) -> None:
        self._mine = threading.local()
        self._all: set[ReusedKernel] = set()
        self._lock = threading.Lock()
        self._hooked = False

    def for_folder(self, folder: str | Path, log: str | Path | None = None) -> ReusedKernel:
        """This thread's kernel for ``folder`` (a kernel of another folder is stopped)."""
        kernel = getattr(self._mine, "kernel", None)
        if kernel is not None and (kernel.folder != str(folder) or kernel.log != log):
            self._forget(kernel)
            kernel.stop()
            kernel = None
        if kernel is None:
            kernel = self._mine.kernel = ReusedKernel(folder, log)
            with self._lock:
                self._all.add(kernel)
                self._hook()
        return kernel

    def _hook(self) -> None:
        if self._hooked:
            return
        from multiprocessing.util import Finalize

        atexit.register(self.stop_all)
        Finalize(None, self.stop_all, exitpriority=10)
        self._hooked = True

    def _forget(self, kernel: ReusedKernel) -> None:
        with self._lock:
            self._all.discard(kernel)
        self._mine.kernel = None

    def stop_folder(self, folder: str | Path) -> None:
        """Stop every kernel working in ``folder`` (before the folder is removed)."""
        with self._lock:
            kernels = [k for k in self._all if k.folder == str(folder)]
        for kernel in kernels:
            kernel.stop()

    def stop_all(self) -> None:
        """Stop every kernel of this process (a worker's exit; the end of an in-process run)."""
        with self._lock:
            kernels = list(self._all)
        for kernel in kernels:
            kernel.stop()


KERNELS = WorkerKernels()
"""This process's kernels."""
