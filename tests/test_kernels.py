"""A render worker's kernel is reused from notebook to notebook: it must show what a fresh one shows,
keep nothing of the notebook before, and be thrown away when a notebook fails or kills it."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import nbformat
import papermill
import psutil
import pytest

from cdsanalysis.report.run.job import DistrictJob, run_job
from cdsanalysis.report.run.kernels import KERNELS, ReusedKernel
from cdsanalysis.report.run.template import template_path
from tests.builders import small_tables, write_tables

pytestmark = pytest.mark.slow  # starts and kills Jupyter kernels and a Dask cluster

HELPER = "import warnings\n\ndef warn():\n    warnings.warn('shown in every notebook that causes it')\n"
LEAKY = [
    "import warnings_helper\nwarnings_helper.warn()",  # a warning from library code, as pandas would give
    "print('left over' if 'leftover' in globals() else 'clean')\nleftover = 1",
    "import os\nprint(os.path.basename(os.getcwd()))\nos.chdir('..')",  # a notebook that moves away
    "import os\nos.getpid()",
]


def _write(path: Path, sources: list[str], fail: bool = False) -> Path:
    (path.parent / "warnings_helper.py").write_text(HELPER, encoding="utf-8")  # the kernels' cwd
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    if fail:
        cells.append(nbformat.v4.new_code_cell("raise ValueError('boom')"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _run(kernel: ReusedKernel, source: Path, out: Path):
    try:
        executed = papermill.execute_notebook(str(source), str(out), kernel_name="python3", progress_bar=False,
                                              km=kernel.manager())
    except papermill.PapermillExecutionError:
        kernel.done(ok=False)
        raise
    kernel.done(ok=True)
    return executed


def _shown(notebook) -> list:
    """What a reader sees: execution counts and outputs (the process id aside, compared separately)."""
    return [(cell.execution_count, [{k: v for k, v in o.items() if k != "data"} for o in cell.outputs])
            for cell in notebook.cells[:-1]]


def test_a_reused_kernel_shows_what_a_fresh_one_shows_and_keeps_its_process(tmp_path):
    source = _write(tmp_path / "leaky.ipynb", LEAKY)
    kernel = ReusedKernel(tmp_path)
    try:
        first = _run(kernel, source, tmp_path / "first.ipynb")
        second = _run(kernel, source, tmp_path / "second.ipynb")
    finally:
        kernel.stop()
    assert kernel.started == 1  # one kernel did both
    assert "clean" in first.cells[1].outputs[0]["text"]
    assert _shown(second) == _shown(first)
    assert [cell.execution_count for cell in second.cells] == [1, 2, 3, 4]  # the counter starts afresh
    assert "clean" in second.cells[1].outputs[0]["text"]  # no variable of the first notebook survives
    assert any(o.get("name") == "stderr" for o in second.cells[0].outputs)  # the warning shows again
    assert second.cells[2].outputs[0]["text"].strip() == tmp_path.name  # back in the run's folder
    pid = [cell.outputs[0]["data"]["text/plain"] for cell in (first.cells[-1], second.cells[-1])]
    assert pid[0] == pid[1]


def test_a_failed_notebook_discards_its_kernel(tmp_path):
    failing = _write(tmp_path / "failing.ipynb", LEAKY, fail=True)
    clean = _write(tmp_path / "clean.ipynb", LEAKY)
    kernel = ReusedKernel(tmp_path)
    try:
        with pytest.raises(papermill.PapermillExecutionError):
            _run(kernel, failing, tmp_path / "failed.ipynb")
        after = _run(kernel, clean, tmp_path / "after.ipynb")
    finally:
        kernel.stop()
    assert kernel.started == 2  # the notebook after a failure gets a new kernel
    assert "clean" in after.cells[1].outputs[0]["text"]


def test_a_kernel_is_replaced_after_max_uses(tmp_path):
    source = _write(tmp_path / "leaky.ipynb", LEAKY)
    kernel = ReusedKernel(tmp_path, max_uses=1)
    try:
        first = _run(kernel, source, tmp_path / "first.ipynb")
        second = _run(kernel, source, tmp_path / "second.ipynb")
    finally:
        kernel.stop()
    assert kernel.started == 2
    assert first.cells[-1].outputs[0]["data"] != second.cells[-1].outputs[0]["data"]  # another process


def test_a_kernel_killed_between_notebooks_is_replaced_and_one_client_serves_a_kernel(tmp_path):
    """The kernel's client stays open from notebook to notebook (no wait for the kernel each time): a
    kernel that died meanwhile must still be noticed, by the reset, and replaced."""
    import signal

    source = _write(tmp_path / "leaky.ipynb", LEAKY)
    kernel = ReusedKernel(tmp_path)
    try:
        first = _run(kernel, source, tmp_path / "first.ipynb")
        client = kernel.manager().client()
        assert kernel.manager().client() is client  # one client, kept, for papermill and the resets
        pid = int(first.cells[-1].outputs[0]["data"]["text/plain"])
        os.kill(pid, signal.SIGKILL)
        _wait_until_dead(pid)
        after = _run(kernel, source, tmp_path / "after.ipynb")
    finally:
        kernel.stop()
    assert kernel.started == 2 and "clean" in after.cells[1].outputs[0]["text"]
    assert after.cells[-1].outputs[0]["data"] != first.cells[-1].outputs[0]["data"]  # another process


def _wait_until_dead(pid: int, timeout: float = 10) -> None:
    """Wait for a killed process to be gone or a zombie (never reaped here: its parent reads its status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        assert time.monotonic() < deadline, f"process {pid} still runs {timeout} s after SIGKILL"
        time.sleep(0.02)


# ---- the district template, as a render's worker runs it ------------------------------------------

@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    """A run's folder holding a saved forecast of three small districts, and a template whose district
    903 kills its own kernel (as a library aborting the kernel process would)."""
    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.model.projection import forecast
    from cdsanalysis.model.store import save_forecast

    base = tmp_path_factory.mktemp("kernels")
    data = write_tables(base / "data", small_tables())
    folder = base / "run"
    folder.mkdir()
    save_forecast(forecast(load_dataset(data), draws=100, seed=1), folder / "forecast.npz", data_dir=data)
    template = nbformat.read(template_path(), as_version=4)
    at = next(i for i, c in enumerate(template.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    template.cells.insert(at, nbformat.v4.new_code_cell("import os\nif str(district) == '903':\n    os._exit(1)"))
    nbformat.write(template, folder / "killing.ipynb")
    return folder


def _job(folder: Path, code: str, template: Path, retries: int = 2) -> DistrictJob:
    return DistrictJob(code=code, name=f"D{code}", stem=code, title=f"D{code}", lang="vi", folder=str(folder),
                       template=str(template), retries=retries,
                       parameters={"district": code, "forecast_file": "forecast.npz", "lang": "vi"})


def _outputs(path: Path) -> bytes:
    """A notebook's execution counts and outputs as bytes (papermill's timings in its metadata aside)."""
    cells = nbformat.read(path, as_version=4).cells
    return json.dumps([(c.get("execution_count"), c.get("outputs")) for c in cells], sort_keys=True).encode()


def _kernels_of_this_process() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def test_a_district_in_a_reused_kernel_is_byte_identical_to_one_in_a_fresh_kernel(run_folder, tmp_path):
    folder = tmp_path / "run"
    shutil.copytree(run_folder, folder)
    try:
        first, second = run_job(_job(folder, "901", template_path())), run_job(_job(folder, "902", template_path()))
        reused = {ext: (folder / f"902.{ext}").read_bytes() for ext in ("html", "png")}
        reused["ipynb"] = _outputs(folder / "902.ipynb")
        KERNELS.stop_all()
        alone = run_job(_job(folder, "902", template_path()))
        fresh = {ext: (folder / f"902.{ext}").read_bytes() for ext in ("html", "png")}
        fresh["ipynb"] = _outputs(folder / "902.ipynb")
    finally:
        KERNELS.stop_all()
    assert first.ok and second.ok and alone.ok, (first.error, second.error, alone.error)
    assert (first.kernel_use, second.kernel_use, alone.kernel_use) == (1, 2, 1)
    assert reused == fresh  # counters, text, tables and chart bytes: as in a kernel of its own
    counts = [c.execution_count for c in nbformat.read(folder / "902.ipynb", as_version=4).cells
              if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))  # as in a kernel of its own
    assert _kernels_of_this_process() == []  # stopped, not left behind


def test_a_district_that_kills_its_kernel_fails_alone_and_the_next_gets_a_fresh_kernel(run_folder, tmp_path):
    folder = tmp_path / "run"
    shutil.copytree(run_folder, folder)
    template = folder / "killing.ipynb"
    try:
        before = run_job(_job(folder, "901", template))
        killed = run_job(_job(folder, "903", template, retries=1))
        after = run_job(_job(folder, "902", template))
    finally:
        KERNELS.stop_all()
    assert before.ok and after.ok, (before.error, after.error)
    assert not killed.ok and killed.attempts == 2 and "DeadKernelError" in killed.error  # retried in a fresh one
    assert after.kernel_use == 1  # the district after a dead kernel starts a new one
    assert not (folder / "903.docx").exists() and (folder / "902.docx").exists()
    assert _kernels_of_this_process() == []


def test_reused_kernels_stop_with_their_folder(tmp_path):
    source = _write(tmp_path / "leaky.ipynb", LEAKY)
    kernel = KERNELS.for_folder(tmp_path)
    try:
        _run(kernel, source, tmp_path / "first.ipynb")
        assert KERNELS.for_folder(tmp_path) is kernel and len(_kernels_of_this_process()) == 1
        KERNELS.stop_folder(tmp_path)
        assert _kernels_of_this_process() == []
    finally:
        KERNELS.stop_all()
    assert os.path.isdir(tmp_path)


# ---- a render: one kernel per worker, stopped when the render ends -----------------------------

@pytest.mark.parametrize("scheduler", [None, "local"])
def test_a_render_reuses_one_kernel_per_worker_and_leaves_none_running(scheduler, tmp_path):
    from cdsanalysis.report.run.batch import render

    if scheduler:
        pytest.importorskip("distributed")
    data = write_tables(tmp_path / "data", small_tables())
    out = tmp_path / "out"
    result = render(data, jobs=1, out=out, draws=100, seed=5, progress=False, scheduler=scheduler)
    record = json.loads((result.out_dir / "run.json").read_text(encoding="utf-8"))
    assert result.ok and [d["kernel_use"] for d in record["districts"]] == [1, 2, 3]
    deadline = time.monotonic() + 10  # a Dask worker's exit hook runs as the cluster closes
    while time.monotonic() < deadline and _kernels_in(out):
        time.sleep(0.2)
    assert _kernels_in(out) == []


def _kernels_in(folder: Path) -> list[int]:
    """Kernels whose connection file lies in ``folder`` (a render's work folder lies inside its out)."""
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        line = " ".join(process.info["cmdline"] or [])
        if "ipykernel" in line and str(folder) in line:
            found.append(process.info["pid"])
    return found


# ---- a lost Dask worker: its district runs again elsewhere, and the record says so -----------------

def test_a_district_whose_dask_worker_dies_runs_again_elsewhere_and_is_recorded(run_folder, tmp_path):
    """District 902's notebook kills its Dask worker (the kernel's parent) the first time it runs; the
    scheduler gives the task to the other worker, every district is rendered, and the cluster's record
    names 902 as having lost its worker once."""
    pytest.importorskip("distributed")
    from cdsanalysis.report.run.cluster import DaskCluster

    marker = tmp_path / "killed-once"
    template = nbformat.read(template_path(), as_version=4)
    at = next(i for i, c in enumerate(template.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    template.cells.insert(at, nbformat.v4.new_code_cell(
        f"import os, pathlib, signal\nif str(district) == '902' and not pathlib.Path({str(marker)!r}).exists():\n"
        f"    pathlib.Path({str(marker)!r}).touch()\n    os.kill(os.getppid(), signal.SIGKILL)"))
    jobs = [_job(tmp_path, code, tmp_path / "unused.ipynb") for code in ("901", "902", "903")]
    template_file = tmp_path / "template.ipynb"
    nbformat.write(template, str(template_file))
    with DaskCluster("local", workers=2, scratch=str(tmp_path / "scratch")) as cluster:
        outcomes = {o.district_code: o for o in cluster.run(jobs, run_folder / "forecast.npz", template_file)}
        record = cluster.record()
    assert marker.exists()  # the worker was killed
    assert all(o.ok for o in outcomes.values()), {c: o.error for c, o in outcomes.items()}
    assert all(o.payload for o in outcomes.values())  # each district's files came back as bytes
    assert record["lost_worker_retries"] == {"902": 1}
