"""The districts on a Dask cluster: ``render(scheduler="tcp://host:8786")`` or ``scheduler="local"``.

The client fits the forecast once and sends it, with the template, once to every worker
(``scatter(broadcast=True)``). No shared disk is assumed: each worker renders its districts
in a private temporary folder and returns each district's notebook, HTML and PNG as bytes;
the client writes them into the run's folder (through `RunLayout`, so a name can never
leave it). A task whose worker is lost is rescheduled by the Dask scheduler on another
worker, and ``retries`` more times when it raises; one Dask cancels instead (it does, under
load, to tasks of a worker the deadline dropped) is submitted again; `DaskCluster.record` says,
per district, how often its worker was lost, for ``run.json``. The workers must have cdsanalysis
installed (the same version as the client).

Start a cluster by hand with ``dask scheduler`` and, on each node, ``dask worker
tcp://SCHEDULER:8786 --nworkers N --nthreads 1``; ``"local"`` starts a `LocalCluster` with
one single-threaded worker process per core (or ``jobs``) and closes it at the end.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cdsanalysis.data.io import atomic_write_bytes
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.run.job import DistrictJob, run_job
from cdsanalysis.report.run.kernels import KERNELS
from cdsanalysis.report.run.layout import RunLayout
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.settings import DISTRICT_DEADLINE_SECONDS
from cdsanalysis.wording import DEFAULT_LANG, words
from cdsanalysis.wording.messages import said

# --------------------------------------------------------------------------------------------
# On a Dask worker: no shared disk
# --------------------------------------------------------------------------------------------

_FOLDERS: dict[str, Path] = {}
_FOLDERS_LOCK = threading.Lock()
TEMPLATE_NAME = "template.ipynb"


def _private_folder(run: str, forecast: bytes, template: bytes, base: str | None = None) -> Path:
    """This worker's folder for run ``run``, holding the forecast and the template (written once)."""
    with _FOLDERS_LOCK:
        folder = _FOLDERS.get(run)
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix=f"cdsanalysis-{run}-", dir=base))
            layout = RunLayout(folder)
            atomic_write_bytes(layout.forecast, forecast)
            atomic_write_bytes(folder / TEMPLATE_NAME, template)
            _FOLDERS[run] = folder
    return folder


def remove_private_folder(run: str) -> None:
    """Stop this worker's kernels of run ``run`` and remove its folder (called on every worker when the run
    ends; the kernels, reused from district to district, work in that folder)."""
    with _FOLDERS_LOCK:
        folder = _FOLDERS.pop(run, None)
    if folder is not None:
        KERNELS.stop_folder(folder)
        shutil.rmtree(folder, ignore_errors=True)


def run_remote_job(job: DistrictJob, run: str, forecast: bytes, template: bytes) -> DistrictOutcome:
    """Render ``job`` in this worker's private folder and return its files as bytes. Never raises."""
    try:
        from distributed import get_worker

        worker, base = get_worker().address, get_worker().local_directory  # the worker's scratch space
    except (ImportError, ValueError):
        worker, base = "", None
    try:
        folder = _private_folder(run, forecast, template, base)
    except Exception as err:  # noqa: BLE001 - e.g. the worker's disk is full
        return DistrictOutcome(job.code, job.name, job.stem, ok=False, worker=worker,
                               error=f"the worker could not set up: {type(err).__name__}: {err}")
    local = replace(job, folder=str(folder), template=str(folder / TEMPLATE_NAME),
                    kernel_log=str(folder / RunLayout.kernel_log_name))
    outcome = run_job(local)
    files = {}
    for name in outcome.files:
        path = local.layout.file(name)
        if path.is_file():
            files[name] = path.read_bytes()
            path.unlink()
    return replace(outcome, worker=worker, payload=files)


def run_token(forecast: bytes) -> str:
    """A short name for one run's private folders on the workers."""
    return hashlib.sha256(forecast).hexdigest()[:12] + f"-{random.getrandbits(32):08x}"


class _Deadline:
    """Per district, since when it runs on which worker; a district past the cluster's deadline is moved (its
    worker dropped), and after ``retries`` + 1 moves it is given up."""

    def __init__(self, cluster: DaskCluster) -> None:
        self.cluster = cluster
        self.since: dict[str, tuple[str, float]] = {}
        self.moves: dict[str, int] = {}
        self.idle_since = time.monotonic()

    def done(self, key: str) -> None:
        self.since.pop(key, None)
        self.idle_since = time.monotonic()

    def overdue(self, remaining: set) -> list:
        """The futures to give up now (and, on the way, drop the workers holding a district past the deadline)."""
        cluster, now = self.cluster, time.monotonic()
        running = cluster._processing([f.key for f in remaining])
        given_up = []
        for future in list(remaining):
            where = running.get(future.key)
            if where is None:
                self.since.pop(future.key, None)
                continue
            first = self.since.setdefault(future.key, (where, now))
            if first[0] != where:
                self.since[future.key] = (where, now)
        oldest: dict[str, str] = {}  # per worker, the district it has held longest: the one it is running
        for key, (where, since) in self.since.items():  # (a worker may hold a second one queued behind it)
            if where in running.values() and (where not in oldest or since < self.since[oldest[where]][1]):
                oldest[where] = key
        charged = set(oldest.values())
        for future in list(remaining):
            first = self.since.get(future.key)
            if first is None or future.key not in charged:
                continue
            if now - first[1] >= cluster.deadline:
                self.since.pop(future.key)
                self.moves[future.key] = self.moves.get(future.key, 0) + 1
                if self.moves[future.key] > cluster.retries:
                    given_up.append(future)
                else:
                    cluster._drop_worker(first[0])
        if not running and remaining and now - self.idle_since >= cluster.deadline * (cluster.retries + 1):
            return list(remaining)  # nothing running and nothing finished for that long: no worker left
        return given_up

    def message(self) -> str:
        return words(self.cluster.lang)["render_run"]["deadline"].format(
            seconds=self.cluster.deadline, tries=self.cluster.retries + 1)


class DaskCluster:
    """The districts on a dask.distributed cluster: ``address`` ``tcp://…`` or ``"local"``."""

    def __init__(self, address: str, retries: int = 2, workers: int | None = None,
                 scratch: str | None = None, deadline: float = DISTRICT_DEADLINE_SECONDS, lang: str = DEFAULT_LANG,
                 task=None) -> None:
        self.address = address
        self.deadline = float(deadline)
        """Seconds a district may run on one worker (`cdsanalysis.settings.DISTRICT_DEADLINE_SECONDS`)."""
        self.poll = min(5.0, max(0.2, self.deadline / 10))
        self.lang = lang
        self.task = task or run_remote_job
        """What runs a district on a worker (a test gives one that sleeps)."""
        self.scratch = scratch
        """The LocalCluster's scratch folder: inside the run's work folder, so a killed run leaves none."""
        self.retries = retries
        self.workers = workers
        self.client = None
        self.cluster = None
        self.lost_worker_retries: dict[str, int] = {}
        self.worker_addresses: list[str] = []

    def __enter__(self) -> DaskCluster:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:  # pragma: no cover - a dependency
            raise CdsAnalysisError(said("scheduler_needs_dask")) from err
        try:
            if self.address == "local":
                self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1,
                                            threads_per_worker=1, processes=True, dashboard_address=None,
                                            local_directory=self.scratch)
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            self.__exit__(None)
            raise CdsAnalysisError(said("no_scheduler", address=self.address, why=str(err))) from None
        if self.cluster is not None:  # every local worker up before the forecast is sent to each of them
            try:
                self.client.wait_for_workers(len(self.cluster.workers), timeout=120)
            except (OSError, TimeoutError):
                pass  # the ones up take the districts; Dask sends the forecast to the others when they need it
        self.worker_addresses = sorted(self.client.scheduler_info().get("workers", {}))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def run(self, jobs: Sequence[DistrictJob], forecast: Path | None = None,
            template: Path | None = None) -> Iterator[DistrictOutcome]:
        """Each job's outcome (files as bytes in ``payload``) as it completes.

        No shared disk is assumed: the ``forecast`` and ``template`` files are sent to the workers as bytes.
        """
        if forecast is None or template is None:
            raise ValueError("a Dask cluster needs the forecast and template files to send to its workers")
        forecast, template = Path(forecast).read_bytes(), Path(template).read_bytes()
        run = run_token(forecast)
        shared = self.client.scatter(forecast, broadcast=True)

        def submit(job: DistrictJob, key: str, again: bool = False):
            nonlocal shared
            if again and not self._held(shared):  # the forecast's holders were dropped with it: send it again
                shared = self.client.scatter(forecast, broadcast=True, timeout=self.deadline)
            return self.client.submit(self.task, job, run, shared, template, retries=self.retries, pure=False,
                                      key=key)

        jobs_by_key = {f"cdsanalysis-{run}-{i}": job for i, job in enumerate(jobs)}
        pending = [submit(job, key) for key, job in jobs_by_key.items()]
        lost: dict[str, int] = {}
        resubmitted: dict[str, int] = {}
        try:
            remaining = set(pending)
            del pending  # the set holds each future until it is yielded
            watch = _Deadline(self)
            while remaining:
                for future in self._wait(remaining):
                    remaining.discard(future)
                    job = jobs_by_key[future.key]
                    try:
                        outcome = future.result()
                    except Exception as err:  # noqa: BLE001 - e.g. KilledWorker: lost its worker too often
                        again = self._again(future, job, submit, watch, resubmitted)
                        if again is not None:  # cancelled by Dask with its worker: run it once more elsewhere
                            jobs_by_key[again.key] = job
                            lost[future.key] = lost.get(future.key, 0) + 1
                            remaining.add(again)
                            future.release()
                            continue
                        moved = future.cancelled() and watch.moves.get(future.key)  # dropped with its worker
                        outcome = DistrictOutcome(job.code, job.name, job.stem, ok=False,
                                                  error=watch.message() if moved else f"{type(err).__name__}: {err}")
                    # Read how often the task lost its worker, then forget the future: the worker drops the
                    # district's files (megabytes) now, not at the end of the run (700 districts: ~1 GB each).
                    lost.update(self._suspicious([future.key]))
                    future.release()
                    watch.done(future.key)
                    yield outcome
                for future in watch.overdue(remaining):  # past the deadline retries + 1 times: failed
                    remaining.discard(future)
                    job = jobs_by_key[future.key]
                    future.cancel()
                    yield DistrictOutcome(job.code, job.name, job.stem, ok=False, error=watch.message())
            try:  # the workers seen: those at the start and any that joined (a restarted one)
                now = self.client.scheduler_info().get("workers", {})
                self.worker_addresses = sorted(set(self.worker_addresses) | set(now))
            except Exception:  # noqa: BLE001 - the record is informative only
                pass
            self.lost_worker_retries = {}
            for key, n in lost.items():
                stem = jobs_by_key[key].stem
                self.lost_worker_retries[stem] = self.lost_worker_retries.get(stem, 0) + n
        finally:
            try:
                self.client.run(remove_private_folder, run)
            except Exception:  # noqa: BLE001 - a worker gone; its temporary folder goes with its machine
                pass

    def _again(self, future, job: DistrictJob, submit, watch: _Deadline, resubmitted: dict[str, int]):
        """A new future for a district Dask cancelled rather than rerun, or None.

        Dropping a stalled worker (the deadline) makes the scheduler reschedule its tasks; under load it
        sometimes cancels one instead ("already forgotten"), which would fail a district that did nothing
        wrong. Such a district is submitted again under a new key, at most ``retries`` times (at least
        once); the deadline's count of its moves goes with it, so a stalled district still fails after
        ``retries`` + 1 moves. A future that ended otherwise (an error, KilledWorker) is not resubmitted.
        """
        if not future.cancelled():
            return None
        done = resubmitted.get(job.stem, 0)
        if done >= max(1, self.retries) or watch.moves.get(future.key, 0) > self.retries or not self._workers():
            return None  # (with no worker left, the district fails now rather than wait for one)
        resubmitted[job.stem] = done + 1
        key = f"{future.key.split('-again')[0]}-again{done + 1}"
        try:
            again = submit(job, key, again=True)
        except Exception:  # noqa: BLE001 - the client is closing: the district fails as it would have
            return None
        if future.key in watch.moves:
            watch.moves[key] = watch.moves.pop(future.key)
        watch.done(future.key)
        return again

    def _workers(self) -> int:
        """How many workers the scheduler knows now (0 when it does not answer)."""
        try:
            return len(self.client.scheduler_info().get("workers", {}))
        except Exception:  # noqa: BLE001 - no answer
            return 0

    def _held(self, shared) -> bool:
        """Whether a worker still holds the scattered forecast (a dropped worker may have had the only copy)."""
        try:
            return shared.status == "finished" and bool(self.client.who_has([shared]).get(shared.key))
        except Exception:  # noqa: BLE001 - no answer: send it again, which costs one copy per worker
            return False

    def _wait(self, remaining: set) -> list:
        """The futures done now, waiting at most `poll` seconds for the first (so deadlines are checked)."""
        from distributed import wait

        try:
            wait(list(remaining), timeout=self.poll, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        except Exception:  # noqa: BLE001 - a cancelled future (e.g. forgotten when its worker was dropped)
            pass
        return [f for f in remaining if f.status != "pending"]

    def _processing(self, keys: list[str]) -> dict[str, str]:
        """Which of ``keys`` a worker is running now, and where."""
        def where(dask_scheduler, keys=keys):
            out = {}
            for key in keys:
                task = dask_scheduler.tasks.get(key)
                if task is not None and task.state == "processing" and task.processing_on is not None:
                    out[key] = task.processing_on.address
            return out

        try:
            return dict(self.client.run_on_scheduler(where))
        except Exception:  # noqa: BLE001 - no answer this time: the deadline is checked at the next poll
            return {}

    def _drop_worker(self, address: str) -> None:
        """Take a worker that holds a district past its deadline out of the cluster: the scheduler reruns its
        tasks elsewhere (a stopped process cannot be asked to give them back)."""
        async def drop(dask_scheduler, address=address):
            await dask_scheduler.remove_worker(address=address, stimulus_id="cdsanalysis-district-deadline")

        try:
            self.client.run_on_scheduler(drop)
        except Exception:  # noqa: BLE001 - gone already
            pass

    def record(self) -> dict[str, Any]:
        """What run.json says about the cluster: its workers and the districts whose worker was lost."""
        return {"workers": self.worker_addresses, "lost_worker_retries": dict(self.lost_worker_retries)}

    def _suspicious(self, keys: list[str]) -> dict[str, int]:
        """How many times each task's worker died under it (Dask rescheduled it each time)."""
        def count(dask_scheduler, keys=keys):
            return {k: dask_scheduler.tasks[k].suspicious for k in keys if k in dask_scheduler.tasks}

        try:
            return {k: n for k, n in self.client.run_on_scheduler(count).items() if n}
        except Exception:  # noqa: BLE001 - the scheduler refused to run our function: no record then
            return {}
