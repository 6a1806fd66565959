"""Batch rendering of the per-district reports: fit once, execute the template per district in parallel.

`render` fits the model once and saves the forecast next to the reports; each district's
template runs under papermill in a process pool and loads that file (so a kernel does
little more than start, load arrays and draw one chart). Each finished notebook becomes an
offline HTML page (inputs hidden, chart as an embedded PNG, no script or stylesheet from
the network) and its chart a PNG for Word reports. The run writes ``summary.csv``,
``summary.xlsx``, ``index.html`` and ``run.json`` beside them (`cdsanalysis.report.outputs`).

Everything is written into a staging folder that replaces ``<out>/<as_of>/`` only at the end,
so a re-run never leaves stale files mixed in and a reader never sees half a run. One
failing district does not stop the others: its executed notebook is kept and the summary,
the index and `RenderResult.failed` name it. A kernel that fails to start (parallel kernels
sometimes collide on ports) is retried.
"""

from __future__ import annotations

import functools
import os
import random
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd

from cdsanalysis.data.io import fresh_folder
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.outcomes import DistrictOutcome, RenderResult
from cdsanalysis.report.html import html_page
from cdsanalysis.report.index import INDEX_TEXT
from cdsanalysis.report.outputs import summary_table, write_run_record, write_summaries
from cdsanalysis.report.template import template_path

REPORTS = Path("reports")
"""Default output root, relative to the working directory (``make report`` runs in the repository,
whose git ignores it)."""

FORECAST_FILE = "forecast.npz"
KERNEL_LOG = "kernels.log"
KERNEL = "python3"
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
"""Batch kernels keep no input history: parallel kernels would otherwise share one SQLite file."""
CHART_TAG = "trajectory-chart"
HIDDEN_TAGS = {"remove-cell", "parameters", "injected-parameters"}


def stem_for(code: str, short_name: str) -> str:
    """File name stem of a district's outputs: code and accent-free short name, e.g. ``399-hoang-hoa``."""
    from cdsanalysis.data.names import name_key

    slug = re.sub(r"[^a-z0-9]+", "-", name_key(short_name)).strip("-")
    return f"{code}-{slug}" if slug else code


# --------------------------------------------------------------------------------------------
# One district, in a worker process
# --------------------------------------------------------------------------------------------

def _is_kernel_start_failure(err: BaseException) -> bool:
    """Errors of starting or reaching a kernel (port clash, slow start), worth a retry."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(err, PapermillExecutionError):
        return False
    names = {cls.__name__ for cls in type(err).__mro__}
    return bool(names & {"RuntimeError", "TimeoutError", "ZMQError", "DeadKernelError", "OSError",
                         "CellTimeoutError"}) or "kernel" in str(err).lower()


def _execution_error_text(err: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(err, PapermillExecutionError):
        return f"{err.ename}: {err.evalue} (cell {err.exec_count})"
    return f"{type(err).__name__}: {err}"


_spare: dict[str, Any] = {}
"""This worker's next kernel, already starting: {"folder": str, "kernel": _Kernel}."""


def _kernel_class():
    from jupyter_client.manager import AsyncKernelManager

    class _Kernel(AsyncKernelManager):
        """A kernel started before its notebook; closes the clients papermill made for it."""

        def client(self, **kwargs):
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

    return _Kernel


def _start_spare_kernel(folder: str) -> None:
    """Start the kernel for this worker's next district now, so its ~0.5 s start overlaps this one."""
    from jupyter_core.utils import run_sync

    kernel = _kernel_class()(kernel_name=KERNEL)
    try:
        run_sync(kernel.start_kernel)(cwd=folder, extra_arguments=KERNEL_ARGUMENTS)
    except Exception:  # noqa: BLE001 - papermill starts one itself then
        return
    _spare.update(folder=folder, kernel=kernel)
    if "finalizer" not in _spare:  # the last spare of a worker is stopped when the worker exits
        from multiprocessing.util import Finalize

        _spare["finalizer"] = Finalize(None, _stop_spare_kernel, exitpriority=10)


def _take_spare_kernel(folder: str):
    """The kernel started for ``folder`` by the previous district, if any."""
    if _spare.get("folder") != folder:
        _stop_spare_kernel()
        return None
    _spare.pop("folder")
    return _spare.pop("kernel", None)


def _stop_spare_kernel() -> None:
    kernel = _spare.pop("kernel", None)
    _spare.pop("folder", None)
    if kernel is not None:
        kernel.stop()


def _render_one(task: dict[str, Any]) -> DistrictOutcome:
    """Execute the template for one district, then export HTML and PNG. Never raises."""
    start = time.perf_counter()
    phases: dict[str, float] = {}
    folder = Path(task["folder"])
    stem = task["stem"]
    notebook = folder / f"{stem}.ipynb"

    def outcome(ok: bool, error: str = "") -> DistrictOutcome:
        return DistrictOutcome(task["code"], task["name"], stem, ok=ok, error=error, attempts=attempts,
                               seconds=time.perf_counter() - start, phases=phases)

    attempts, error = 0, ""
    # Build the report and draw the chart in this warm process, for the kernel to pick up. With
    # a kernel started ahead (prestart) it is ready at once, so prepare first: a kernel that
    # reached its first code cell before the report was ready would build it all again itself.
    # Without one, prepare while the kernel starts (about 0.5 s in which this process would only
    # wait). The kernel gets the same numbers and bytes either way.
    preparing = threading.Thread(target=_prepare, args=(task,), daemon=True)
    preparing.start()
    if task.get("prestart"):
        preparing.join()
    kernel = _take_spare_kernel(str(folder)) if task.get("prestart") else None
    if task.get("prestart"):
        _start_spare_kernel(str(folder))
    while True:
        attempts += 1
        try:
            import papermill

            executed = papermill.execute_notebook(
                str(task["template"]), str(notebook), parameters=task["parameters"], kernel_name=KERNEL,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False, cwd=str(folder),
                start_timeout=task.get("start_timeout", 60), extra_arguments=KERNEL_ARGUMENTS, km=kernel)
            break
        except Exception as err:  # noqa: BLE001 - every failure is reported, none stops the batch
            error = _execution_error_text(err)
            retry = attempts <= task["retries"] and _is_kernel_start_failure(err)
            if retry:
                time.sleep(0.2 + random.random() * 0.5)  # let a colliding kernel take its ports
                continue
            preparing.join()
            phases["execute"] = round(time.perf_counter() - start, 3)
            return outcome(False, error)
        finally:
            if kernel is not None:
                kernel.stop()
                kernel = None  # a retry starts a fresh kernel through papermill
    preparing.join()
    phases["execute"] = round(time.perf_counter() - start, 3)
    try:
        page = notebook_html(executed, title=task["title"], lang=task["lang"])
        _write_text(folder / f"{stem}.html", page)
        png = chart_png(executed)
        if png is None:
            raise CdsAnalysisError(f"the notebook shows no chart (no PNG output in a cell tagged {CHART_TAG!r})")
        _write_bytes(folder / f"{stem}.png", png)
    except Exception as err:  # noqa: BLE001
        return outcome(False, f"export failed: {type(err).__name__}: {err}")
    phases["export"] = round(time.perf_counter() - start - phases["execute"], 3)
    return outcome(True)


def _prepare(task: dict[str, Any]) -> None:
    """Build the district's report and chart in this warm worker, where the template will find them."""
    from cdsanalysis.report.district import prepare_report

    try:
        prepare_report(Path(task["folder"]) / task["parameters"]["forecast_file"], task["code"], task["lang"])
    except Exception:  # noqa: BLE001 - the kernel then builds the report itself and shows any error
        pass


def _write_text(path: Path, text: str) -> None:
    from cdsanalysis.data.io import atomic_write_text

    atomic_write_text(path, text)


def _write_bytes(path: Path, data: bytes) -> None:
    from cdsanalysis.data.io import atomic_write_bytes

    atomic_write_bytes(path, data)


# --------------------------------------------------------------------------------------------
# HTML and PNG from an executed notebook
# --------------------------------------------------------------------------------------------

@functools.cache
def _exporter():
    """One HTML exporter per process: building one compiles its templates (~50 ms)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True), enabled=True)
    return exporter


def notebook_html(notebook, title: str, lang: str = "vi") -> str:
    """A self-contained page of an executed notebook: outputs only, no external script or stylesheet."""
    body, _ = _exporter().from_notebook_node(notebook)
    return html_page(title, body, lang)


def chart_png(notebook) -> bytes | None:
    """The PNG shown in the cell tagged ``trajectory-chart`` (None when there is none)."""
    import base64

    for cell in notebook.cells:
        if CHART_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
    return None


# --------------------------------------------------------------------------------------------
# The batch
# --------------------------------------------------------------------------------------------

PRELOAD = ["pandas", "cdsanalysis.report.batch", "cdsanalysis.report.district", "cdsanalysis.report.charts",
           "cdsanalysis.model.assessment", "cdsanalysis.model.projection", "cdsanalysis.data.dataset", "papermill", "nbconvert", "altair"]
"""Imported once by the fork server, so workers start with them loaded (pure Python, no threads)."""


def _warm_worker(log: str | None = None) -> None:
    """Pool initializer: send kernels' chatter to ``log``; load vl-convert's engine and the exporter."""
    if log is not None:  # kernels inherit this process's stdout and stderr
        handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.dup2(handle, 1)
        os.dup2(handle, 2)
        os.close(handle)
    try:
        import vl_convert

        vl_convert.vegalite_to_png({"mark": "point", "data": {"values": [{}]}})
        _exporter()
    except Exception:  # noqa: BLE001 - warming is an optimisation; the real work reports errors
        pass


def _pool(jobs: int, log: str | None = None):
    """Worker processes started by a fork server (no threads inherited from this process)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
    else:  # pragma: no cover - Windows
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_worker, initargs=(log,))


def _swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames, so no old file survives among new ones."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
        old.rmdir()
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def render(
    data_dir: str | os.PathLike | None = None,
    as_of: object = None,
    districts: list[object] | None = None,
    jobs: int | None = None,
    out: str | os.PathLike | None = None,
    lang: str = "vi",
    draws: int = 4000,
    seed: int = 0,
    *,
    template: str | os.PathLike | None = None,
    retries: int = 2,
    progress: bool = True,
    compare: str | os.PathLike | None = None,
) -> RenderResult:
    """Render every district's report (or ``districts``: codes or names) into ``<out>/<as_of>/``.

    Fits the hazard model once (``draws`` paths, ``seed``), saves it as ``forecast.npz`` in
    the output folder, and runs the template once per district in ``jobs`` processes
    (default: the number of cores). Returns a `RenderResult`; districts that failed are in
    ``.failed`` (the run itself raises only when nothing could start: bad data, unknown
    district, bad arguments). The index compares the run with ``compare`` (a folder of an
    earlier render), else with the run it replaces or the latest earlier one in ``out``.
    """
    if compare is not None:
        from cdsanalysis.report.changes import check_compare

        check_compare(compare)
    if lang not in INDEX_TEXT:
        raise CdsAnalysisError(f"lang must be 'vi' or 'en'; got {lang!r}")
    jobs = max(1, int(jobs or os.cpu_count() or 1))
    template = Path(template).resolve() if template is not None else template_path()
    if not template.is_file():
        raise CdsAnalysisError(f"{template}: template notebook not found")
    clock = time.perf_counter()
    pool, log = None, None
    workers = jobs if not districts else min(jobs, len(districts))
    if workers > 1:
        handle, log = tempfile.mkstemp(prefix="cdsanalysis-kernels-", suffix=".log")
        os.close(handle)
        pool = _pool(workers, log)
        for _ in range(workers):  # start and warm the workers while the model is fitted here
            pool.submit(int)
    try:
        return _render(pool, log, data_dir, as_of, districts, jobs, out, lang, draws, seed, template, retries,
                       progress, clock, compare=compare)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if log is not None:
            Path(log).unlink(missing_ok=True)


def _render(pool, log, data_dir, as_of, districts, jobs, out, lang, draws, seed, template, retries, progress,
            clock, *, compare=None) -> RenderResult:
    from tqdm import tqdm

    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.model.store import save_forecast
    from cdsanalysis.model.projection import forecast

    dataset = load_dataset(data_dir)
    listing = dataset.districts()
    codes = list(listing["district_code"]) if not districts else list(dict.fromkeys(
        dataset.district_code(d) for d in districts))
    names = dict(zip(listing["district_code"], listing["district_name"]))
    shorts = dict(zip(listing["district_code"], listing["short_name"]))
    result = forecast(dataset, as_of=as_of, draws=draws, seed=seed)
    steady = forecast(dataset, as_of=as_of, until=result.dates[-1], model="steady", draws=draws, seed=seed)
    fitted = time.perf_counter()

    root = Path(out if out is not None else REPORTS).resolve()  # absolute: papermill changes directory
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"{result.as_of:%Y-%m-%d}"
    staging = fresh_folder(root, prefix=f".{final.name}.rendering-")
    try:
        save_forecast(result, staging / FORECAST_FILE, data_dir=data_dir or dataset.source, steady=steady)
        tasks = [{
            "code": code, "name": names[code], "stem": stem_for(code, shorts[code]), "folder": str(staging),
            "template": str(template), "retries": retries, "lang": lang, "prestart": pool is not None,
            "title": f"{names[code]} — {result.as_of:%Y-%m-%d}",
            "parameters": {"district": code, "as_of": f"{result.as_of:%Y-%m-%d}", "data_dir": None,
                           "forecast_file": FORECAST_FILE, "draws": int(draws), "seed": int(seed), "lang": lang},
        } for code in codes]
        outcomes: dict[str, DistrictOutcome] = {}
        bar = tqdm(total=len(tasks), desc="districts", unit="district", disable=not progress)
        if pool is None:
            for task in tasks:
                outcome = _render_one(task)
                outcomes[outcome.district_code] = outcome
                bar.update(1)
        else:
            from concurrent.futures import as_completed

            futures = [pool.submit(_render_one, task) for task in tasks]
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.district_code] = outcome
                bar.update(1)
                if not outcome.ok and progress:
                    bar.write(f"failed: {outcome.district_name} ({outcome.district_code}): {outcome.error}")
        bar.close()
        rendered = time.perf_counter()

        ordered = tuple(outcomes[code] for code in codes)
        table = summary_table(result, codes, outcomes)
        changes = write_summaries(staging, table, ordered, dataset, result.as_of, lang,
                                  forecast_file=staging / FORECAST_FILE, compare=compare, root=root)
        timings = {"fit_seconds": round(fitted - clock, 3), "render_seconds": round(rendered - fitted, 3),
                   "total_seconds": round(time.perf_counter() - clock, 3)}
        parameters = {"data_dir": str(Path(data_dir).resolve()) if data_dir else None,
                      "as_of": f"{result.as_of:%Y-%m-%d}", "districts": codes, "jobs": jobs, "lang": lang,
                      "draws": int(draws), "seed": int(seed), "model": result.model, "template": str(template)}
        write_run_record(staging, parameters, dataset, timings, ordered)
        shutil.rmtree(staging / "prepared", ignore_errors=True)  # intermediate, for the kernels only
        if log is not None and any(not o.ok for o in ordered):
            shutil.copyfile(log, staging / KERNEL_LOG)  # the kernels' own messages, to see why
        _swap_into_place(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return RenderResult(out_dir=final, as_of=result.as_of, outcomes=ordered, table=table, timings=timings,
                        changes=changes)
