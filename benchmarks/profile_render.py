"""Where the time of `cdsanalysis render` goes, step by step, measured in one run.

Each step is timed on its own (median of ``--repeats``; CPU seconds of this process and its
children beside the wall time, since on a shared 2-core machine the CPU is what a parallel
render pays):

- fixed costs, once a run: the CLI's imports, loading and validating the data, fitting the
  model (and the steady sensitivity), saving the forecast, the summaries (CSV, Excel, index);
- per kernel: the imports of a kernel and of the template's first cell (fresh Python);
- per district: a papermill execution of the template in a fresh kernel (what the loop pays), the
  HTML/PNG export, a whole district as a render's worker runs it (`run_job`: report prepared and
  drawn here, Word document, the template in this worker's reused kernel, export), and, in this
  warm process, the parts of that work (building the report, the two chart specs, the two PNGs,
  the report parts as HTML) and the Word document.

    .venv/bin/python benchmarks/profile_render.py                 # bundled data, 5 repeats
    .venv/bin/python benchmarks/profile_render.py --data DIR      # e.g. a `cdsanalysis synthetic` folder
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent


def _cpu() -> float:
    """CPU seconds of this process, its finished children and its live ones (a reused kernel)."""
    import psutil

    times = os.times()
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            live += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    return times.user + times.system + times.children_user + times.children_system + live


def measure(step: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``repeats`` calls."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), _cpu()
        step()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _subprocess(code: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-c", code], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data directory (default: the bundled data)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    import nbformat
    import papermill

    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.model.projection import forecast
    from cdsanalysis.model.store import save_forecast
    from cdsanalysis.report.run.kernels import KERNEL_ARGUMENTS, start_kernel
    from cdsanalysis.report.run.outcomes import DistrictOutcome
    from cdsanalysis.report.run.outputs import summary_table, write_summaries
    from cdsanalysis.report.run.template import template_path
    from cdsanalysis.report.writers.export import chart_png, notebook_html

    rows: list[tuple[str, str, float, float]] = []

    def step(kind: str, name: str, call: Callable[[], object], repeats: int = args.repeats) -> None:
        wall, cpu = measure(call, repeats)
        rows.append((kind, name, wall, cpu))
        print(f"{kind:<9} {name:<58} {wall:6.3f} s  cpu {cpu:6.3f} s", flush=True)

    dataset = load_dataset(args.data)
    codes = list(dataset.districts()["district_code"])
    step("run", "CLI process: `cdsanalysis --help`", lambda: subprocess.run(
        [str(BIN / "cdsanalysis"), "--help"], check=True, stdout=subprocess.DEVNULL))
    step("run", "load and validate the data", lambda: load_dataset(args.data))
    result = forecast(dataset, draws=4000, seed=0)
    step("run", "fit + 4,000 paths (hazard)", lambda: forecast(dataset, draws=4000, seed=0))
    steady = forecast(dataset, until=result.dates[-1], model="steady", draws=4000, seed=0)
    step("run", "steady sensitivity, 4,000 paths", lambda: forecast(
        dataset, until=result.dates[-1], model="steady", draws=4000, seed=0))

    with tempfile.TemporaryDirectory(prefix="profile-render-") as tmp:
        folder = Path(tmp)
        step("run", "save forecast.npz", lambda: save_forecast(result, folder / "forecast.npz", steady=steady))
        outcomes = [DistrictOutcome(code, code, code, True) for code in codes]
        table = summary_table(result, codes, {o.district_code: o for o in outcomes})
        step("run", "summaries: summary.csv/.xlsx, province page, index.html",
             lambda: write_summaries(folder, table, outcomes, dataset, result.as_of, "vi",
                                     forecast_file=folder / "forecast.npz"), 3)

        step("kernel", "imports of the template's first cell (fresh Python)", _subprocess(
            "import IPython.display, cdsanalysis.report.district, cdsanalysis.report.content.charts, altair, "
            "vl_convert"), 3)
        step("kernel", "import of ipykernel (fresh Python)", _subprocess("import ipykernel.kernelapp"), 3)

        template = str(template_path())
        out = folder / "district.ipynb"
        districts = iter(codes * (args.repeats + 2))

        def execute() -> object:
            kernel = start_kernel(folder)
            try:
                return papermill.execute_notebook(
                    template, str(out), parameters={"district": next(districts), "forecast_file": "forecast.npz"},
                    km=kernel, kernel_name="python3", progress_bar=False, extra_arguments=KERNEL_ARGUMENTS)
            finally:
                kernel.stop()

        execute()  # warm the file cache
        step("district", "papermill: one district in a fresh kernel (start, imports, cells)", execute, 3)
        executed = nbformat.read(out, as_version=4)
        step("district", "export: HTML page and chart PNG", lambda: (notebook_html(executed, title="t"),
                                                                      chart_png(executed)))

        from cdsanalysis.report.run.job import DistrictJob, run_job
        from cdsanalysis.report.run.kernels import KERNELS

        def job(first: bool = False) -> None:
            code = next(districts)
            outcome = run_job(DistrictJob(code=code, name=code, stem=code, title=code, lang="vi", folder=str(folder),
                                          template=template, parameters={"district": code,
                                                                         "forecast_file": "forecast.npz"}))
            assert outcome.ok and (first or outcome.kernel_use > 1), outcome

        try:
            job(first=True)  # the worker's kernel started, the forecast read
            step("district", "render worker: a whole district in its reused kernel (run_job)", job)
        finally:
            KERNELS.stop_all()

    # The template's cells in this warm process, for the split inside the kernel.
    from dataclasses import replace

    from cdsanalysis.report.content.charts import to_png, trajectory_specs
    from cdsanalysis.report.content.sections import PARTS
    from cdsanalysis.report.run.notebook import build_district_report

    with tempfile.TemporaryDirectory(prefix="profile-render-") as tmp:
        path = save_forecast(result, Path(tmp) / "forecast.npz", steady=steady)
        build_district_report(codes[0], forecast_file=path)
        cycle = iter(codes * (3 * args.repeats + 3))
        reports = {}

        def build() -> None:
            code = next(cycle)
            reports["last"] = build_district_report(code, forecast_file=path)

        step("district", "cells: build the report (forecast file cached)", build)
        step("district", "cells: chart specs, wide and compact (altair builds the wide one)", lambda: trajectory_specs(
            reports["last"].history, reports["last"].band, reports["last"].targets, **reports["last"]._chart_options()))
        specs = trajectory_specs(reports["last"].history, reports["last"].band, reports["last"].targets,
                                 **reports["last"]._chart_options())
        step("district", "cells: chart PNGs, wide and compact (vl-convert)", lambda: [to_png(s) for s in specs])
        drawn = replace(reports["last"], prepared_png=to_png(specs[0]), prepared_compact_png=to_png(specs[1]))
        step("district", "cells: the eight report parts as HTML (charts drawn)", lambda: [
            drawn.part(name)._repr_html_() for name in PARTS])
        from cdsanalysis.report.writers.word import write_report_docx

        step("district", "worker: the Word document (python-docx)", lambda: write_report_docx(
            drawn, Path(tmp) / "district.docx", chart_png=drawn.prepared_png))
    print(f"\n{len(codes)} districts; cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
