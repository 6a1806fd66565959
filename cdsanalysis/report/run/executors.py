"""Where the districts run: a local process pool (the default) or a Dask cluster.

Both are an `Executor`: a context manager whose `run(jobs, forecast, template)` yields each
district's `DistrictOutcome` as it completes and whose `record()` says what ``run.json`` should
know, so the renderer, the progress bar and the summary do not care which ran them.

`LocalPool` starts its workers from a fork server (no threads inherited) and ties them to
the render: each worker watches its parent sentinel and kills itself when the render is
gone (even after SIGKILL), each kernel's parent poller (ipykernel) ends it within a second
of its worker, and the fork server and resource tracker exit once no worker holds their
pipes, so a killed render leaves no process behind. A worker that crashes (a library aborting the process) breaks a
``ProcessPoolExecutor`` and fails every district in flight; the pool is rebuilt, the
districts that were in flight are retried one at a time, and only the one that crashes
again alone is reported failed: a crash costs only its district.

`DaskCluster` sends the districts to a dask.distributed scheduler (``tcp://host:port``) or a
`LocalCluster` it starts (``"local"``). The forecast is fitted once on the client and sent
once to every worker; each worker renders in a private folder and returns the district's
files as bytes, which the client writes (no shared disk assumed). A task whose worker is
lost is rescheduled by Dask on another worker; `DaskCluster.lost_worker_retries` counts
them per district for ``run.json``.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from cdsanalysis.report.run.job import DistrictJob, run_job
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.report.writers.export import exporter

PRELOAD = ["pandas", "cdsanalysis.report.run.job", "cdsanalysis.report.run.notebook",
           "cdsanalysis.report.content.charts",
           "cdsanalysis.model.assessment", "cdsanalysis.model.projection", "cdsanalysis.data.dataset",
           "cdsanalysis.report.writers.word", "docx", "papermill", "nbconvert", "altair"]
"""Imported once by the fork server, so workers start with them loaded (pure Python, no threads)."""


def die_with_render() -> None:
    """End this worker as soon as the process that started it (the render) is gone, however it died.

    A fork server's workers are children of the fork server, which stays alive as long as any
    of them holds its "alive" pipe, so ``PR_SET_PDEATHSIG`` alone would never fire. The
    worker's parent sentinel is closed when the render exits, even by SIGKILL.
    """
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - not started by multiprocessing
        return

    def watch() -> None:
        parent.join()
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="die-with-render", daemon=True).start()


def _warm_worker(log: str | None = None, warm: bool = True) -> None:
    """Pool initializer: die with the render, send kernels' chatter to ``log``, load the chart engine."""
    die_with_render()  # the worker's kernel stops with it (`cdsanalysis.report.run.kernels.WorkerKernels`)
    if log is not None:  # kernels inherit this process's stdout and stderr
        handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.dup2(handle, 1)
        os.dup2(handle, 2)
        os.close(handle)
    if not warm:
        return
    try:
        import vl_convert

        vl_convert.vegalite_to_png({"mark": "point", "data": {"values": [{}]}})
        exporter()
    except Exception:  # noqa: BLE001 - warming is an optimisation; the real work reports errors
        pass


class Executor(Protocol):
    """Runs a render's districts (`LocalPool`, `cdsanalysis.report.run.cluster.DaskCluster`)."""

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, jobs: Sequence[DistrictJob], forecast: Path | None = None,
            template: Path | None = None) -> Iterator[DistrictOutcome]:
        """Each job's outcome as it completes. ``forecast`` and ``template`` are the files the jobs name:
        an executor whose workers share this disk reads them there, one without a shared disk sends them."""
        ...

    def record(self) -> dict[str, Any]:
        """What ``run.json`` says about the executor (crashes survived, workers lost, ...)."""
        ...


class LocalPool:
    """Worker processes on this machine that survive a worker crash (see the module notes)."""

    def __init__(self, workers: int, log: str | None = None, task=run_job, warm: bool = True) -> None:
        self.workers = max(1, workers)
        self.log = log
        self.warm = warm
        self.task = task
        self.crashes = 0
        self._pool = None

    def record(self) -> dict[str, Any]:
        """What run.json says about the pool: worker crashes survived."""
        return {"worker_crashes": self.crashes}

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
        else:  # pragma: no cover - Windows
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_warm_worker,
                                   initargs=(self.log, self.warm))

    def __enter__(self) -> LocalPool:
        self._pool = self._new_pool()
        # Start and warm the workers while the client fits the model, from a thread: starting the
        # first one waits for the fork server to import PRELOAD (seconds), which the fit need not.
        threading.Thread(target=self._start_workers, args=(self._pool,), name="start-workers", daemon=True).start()
        return self

    def _start_workers(self, pool) -> None:
        try:
            for _ in range(self.workers):
                pool.submit(int)
        except Exception:  # noqa: BLE001 - the pool was shut down meanwhile (an interrupted render)
            pass

    def __exit__(self, kind, *exc: object) -> None:
        self.close(interrupted=kind is not None)

    def close(self, interrupted: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if interrupted:  # do not wait for running districts: end the workers (their kernels follow)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def run(self, jobs: Sequence[DistrictJob], forecast: Path | None = None,
            template: Path | None = None) -> Iterator[DistrictOutcome]:
        """Each job's outcome as it completes; a crashed worker costs only the district that crashed it.

        The workers share this disk: they read the forecast and the template the jobs name.
        """
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        queue, suspects, running = deque(jobs), set(), {}
        while queue or running:
            isolate = any(job.stem in suspects for job in queue)
            while queue and len(running) < (1 if isolate else self.workers) and not (isolate and running):
                job = self._next(queue, suspects if isolate else set())
                running[self._pool.submit(self.task, job)] = job
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                job = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken.append(job)
                except Exception as err:  # noqa: BLE001 - e.g. an outcome that could not be sent back
                    yield DistrictOutcome(job.code, job.name, job.stem, ok=False, error=f"{type(err).__name__}: {err}")
            if broken:
                broken += list(running.values())  # a broken pool fails every district in flight
                running.clear()
                yield from self._after_crash(broken, queue, suspects)

    @staticmethod
    def _next(queue: deque, suspects: set[str]) -> DistrictJob:
        for job in queue:
            if job.stem in suspects:
                queue.remove(job)
                return job
        return queue.popleft()

    def _after_crash(self, broken: list[DistrictJob], queue: deque, suspects: set[str]) -> Iterator[DistrictOutcome]:
        self.crashes += 1
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()
        if len(broken) == 1 and (broken[0].stem in suspects or self.workers == 1):
            job = broken[0]
            suspects.discard(job.stem)
            yield DistrictOutcome(job.code, job.name, job.stem, ok=False, error=(
                "the worker process rendering this district died (a library aborted the process); "
                "the other districts were not affected"))
            return
        for job in reversed(broken):
            suspects.add(job.stem)
            queue.appendleft(job)
