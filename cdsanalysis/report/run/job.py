"""One district's rendering, as run by a worker: execute the template, export its HTML and PNG,
and write the report as a Word document (`cdsanalysis.report.writers.word`) while the kernel runs.

`DistrictJob` is everything a worker needs (plain, picklable data; no open files) and
replaces the old task dict. `run_job` works in the run's folder, which holds the forecast
file; it never raises: every failure becomes a `DistrictOutcome` naming it. The kernel is the
worker thread's own, reused district after district (`cdsanalysis.report.run.kernels`) and thrown
away after a notebook that failed. A kernel that fails to start (parallel kernels sometimes
collide on ports) or dies is retried with a fresh one; a cell error is not.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdsanalysis.data.io import atomic_write_bytes, atomic_write_text
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.run.kernels import KERNEL, KERNEL_ARGUMENTS, KERNELS, ReusedKernel
from cdsanalysis.report.run.layout import RunLayout
from cdsanalysis.report.run.notebook import build_district_report, prepare_report
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.report.writers.export import CHART_TAG, chart_png, notebook_html
from cdsanalysis.report.writers.word import write_report_docx


@dataclass(frozen=True)
class DistrictJob:
    """What a worker needs to render one district (replaces the old task dict)."""

    code: str
    name: str
    stem: str
    title: str
    lang: str
    folder: str
    template: str
    parameters: dict[str, Any]
    retries: int = 2
    kernel_log: str | None = None
    """A file for the kernels' own output (a Dask worker's console stays quiet); None: the worker's."""

    @property
    def layout(self) -> RunLayout:
        return RunLayout(Path(self.folder))


def _is_kernel_start_failure(err: BaseException) -> bool:
    """Errors of starting or reaching a kernel (port clash, slow start, dead kernel), worth a retry."""
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError
    from zmq import ZMQError

    if isinstance(err, (PapermillExecutionError, NoSuchKernel)):
        return False
    if isinstance(err, (ZMQError, DeadKernelError, TimeoutError)):
        return True
    return isinstance(err, RuntimeError) and "kernel" in str(err).lower()


def _execution_error_text(err: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(err, PapermillExecutionError):
        return f"{err.ename}: {err.evalue} (cell {err.exec_count})"
    return f"{type(err).__name__}: {err}"


def _prepare(job: DistrictJob, ready: threading.Event, word: dict[str, str]) -> None:
    """Build the district's report and chart in this warm worker, where the template will find them
    (then set ``ready``); then write the report as a Word document (a failure goes in ``word``)."""

    report = None
    try:
        report = prepare_report(job.layout.forecast, job.code, job.lang)
    except Exception:  # noqa: BLE001 - the kernel then builds the report itself and shows any error
        pass
    finally:
        ready.set()
    try:
        if report is None:
            report = build_district_report(job.code, forecast_file=job.layout.forecast, lang=job.lang)
        write_report_docx(report, job.layout.docx(job.stem), chart_png=report.prepared_png)
    except Exception as err:  # noqa: BLE001 - reported with the district's outcome
        word["error"] = f"{type(err).__name__}: {err}"


def _execute(job: DistrictJob, kernel: ReusedKernel,
             ready: threading.Event) -> tuple[Any, int, int, BaseException | None]:
    """Run the template under papermill in this thread's kernel once the report is ``ready``, retrying
    a kernel that would not start or died; (notebook, attempts, which notebook of its kernel, error)."""
    import papermill

    attempts = use = 0
    while True:
        attempts += 1
        try:
            manager = kernel.manager()  # a fresh kernel starts while the report is being prepared
            use = kernel.uses + 1
            ready.wait()  # the kernel must find the prepared report, or it would build it all again
            executed = papermill.execute_notebook(
                job.template, str(job.layout.notebook(job.stem)), parameters=job.parameters, kernel_name=KERNEL,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                extra_arguments=KERNEL_ARGUMENTS, km=manager)
            kernel.done(ok=True)
            return executed, attempts, use, None
        except Exception as err:  # noqa: BLE001 - every failure is reported, none stops the batch
            kernel.done(ok=False)  # a retry, or the next district, gets a fresh kernel
            if attempts <= job.retries and _is_kernel_start_failure(err):
                time.sleep(0.2 + random.random() * 0.5)  # let a colliding kernel take its ports
                continue
            return None, attempts, use, err


def _scrub_paths(path: Path, executed) -> None:
    """Papermill records where it read and wrote the notebook (the template's absolute path, the vanished
    ``.rendering-*`` staging path): the rendered notebook gets e-mailed, so keep only the file names."""
    import nbformat

    try:
        notebook = executed if executed is not None else nbformat.read(str(path), as_version=4)
    except (OSError, ValueError):
        return  # no notebook written (the kernel never started): nothing to scrub
    record = notebook.get("metadata", {}).get("papermill")
    if isinstance(record, dict):
        for key in ("input_path", "output_path"):
            if record.get(key):
                record[key] = Path(str(record[key])).name
    for cell in notebook.get("cells", []):  # a failed cell's traceback names the package's and Python's folders
        for output in cell.get("outputs", []):
            if "traceback" in output:
                output["traceback"] = [scrub_machine_paths(line, path.parent) for line in output["traceback"]]
            for key in ("evalue", "text"):
                if isinstance(output.get(key), str):
                    output[key] = scrub_machine_paths(output[key], path.parent)
    atomic_write_text(path, nbformat.writes(notebook))


_SOURCE = Path(__file__).resolve().parents[3]
"""The folder that holds the package (the repository, or site-packages)."""


def scrub_machine_paths(text: str, folder: Path) -> str:
    """``text`` with this machine's folders replaced by short names (the run folder by ``.``, the package's
    source, Python's prefix, the home folder), for the files of a run that get e-mailed."""
    names = {str(Path(folder).resolve()): ".", str(Path(folder)): ".",
             str(_SOURCE): "<cdsanalysis>",
             sys.prefix: "<python>", sys.base_prefix: "<python>", str(Path.home()): "~"}
    for where, name in sorted(names.items(), key=lambda item: -len(item[0])):  # longest first
        if len(where) > 1:
            text = text.replace(where, name)
    return text


def run_job(job: DistrictJob) -> DistrictOutcome:
    """Execute the template for one district in ``job.folder``, then export HTML and PNG (the Word
    document is written meanwhile). Never raises."""
    start = time.perf_counter()
    layout = job.layout
    # Build the report and draw the chart in this warm process, for the kernel to pick up (a
    # fresh kernel starts meanwhile; a used one is reset). The same thread then writes the Word
    # document from that report while the kernel runs the notebook.
    ready, word = threading.Event(), {}
    preparing = threading.Thread(target=_prepare, args=(job, ready, word), daemon=True)
    preparing.start()
    executed, attempts, kernel_use, error = _execute(job, KERNELS.for_folder(job.folder, job.kernel_log), ready)
    preparing.join()
    _scrub_paths(layout.notebook(job.stem), executed)
    phases = {"execute": round(time.perf_counter() - start, 3)}

    def outcome(error: str = "") -> DistrictOutcome:
        return DistrictOutcome(job.code, job.name, job.stem, ok=not error, error=error, attempts=attempts,
                               seconds=time.perf_counter() - start, phases=phases, kernel_use=kernel_use)

    if error is not None:
        layout.docx(job.stem).unlink(missing_ok=True)  # no Word document for a report that failed
        return outcome(_execution_error_text(error))
    try:
        atomic_write_text(layout.html(job.stem), notebook_html(executed, title=job.title, lang=job.lang))
        png = chart_png(executed)
        if png is None:
            raise CdsAnalysisError(f"the notebook shows no chart (no PNG output in a cell tagged {CHART_TAG!r})")
        atomic_write_bytes(layout.png(job.stem), png)
        if word.get("error"):
            raise CdsAnalysisError(f"Word document not written: {word['error']}")
    except Exception as err:  # noqa: BLE001
        return outcome(f"export failed: {type(err).__name__}: {err}")
    phases["export"] = round(time.perf_counter() - start - phases["execute"], 3)
    return outcome()
