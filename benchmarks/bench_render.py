"""Side by side, in one run: a sequential loop of the raw papermill CLI vs `cdsanalysis render`.

Both execute notebooks/district_forecast.ipynb for the same districts on the bundled data.
The loop is what an analyst would script without the package's runner: one `papermill`
process per district, each kernel fitting the model itself. `cdsanalysis render` fits
once, saves the forecast, runs the districts in a process pool of warm workers (one kernel
per worker, reused district after district) and also writes HTML, PNG, Word, summary.csv/.xlsx, the
province report and index.html. Goal (issue 11): render time <= 0.20 x loop time.

    .venv/bin/python benchmarks/bench_render.py                 # all districts
    .venv/bin/python benchmarks/bench_render.py --districts 6   # the first 6 (quick look)

Results are printed and appended to benchmarks/results/bench_render.jsonl (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "notebooks" / "district_forecast.ipynb"
BIN = Path(sys.executable).parent
GOAL = 0.20


def district_codes(limit: int | None) -> list[str]:
    from cdsanalysis.data.dataset import load_dataset

    codes = list(load_dataset().districts()["district_code"])
    return codes[:limit] if limit else codes


def papermill_loop(codes: list[str], folder: Path) -> float:
    """One `papermill` CLI process per district, one after another (the kernel fits the model)."""
    start = time.perf_counter()
    for code in codes:
        subprocess.run([str(BIN / "papermill"), str(TEMPLATE), str(folder / f"{code}.ipynb"), "-p", "district", code,
                        "-k", "python3", "--no-progress-bar", "--log-level", "ERROR"],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cdsanalysis_render(codes: list[str], folder: Path, jobs: int | None) -> float:
    """`cdsanalysis render` for the same districts, as a user runs it (CLI process start included)."""
    command = [str(BIN / "cdsanalysis"), "render", "--out", str(folder), "--districts", ",".join(codes), "--quiet"]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, help="only the first N districts (default: all)")
    parser.add_argument("--jobs", type=int, help="processes for render (default: its own, the number of cores)")
    args = parser.parse_args(argv)

    codes = district_codes(args.districts)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        loop_dir, render_dir = Path(tmp, "loop"), Path(tmp, "render")
        loop_dir.mkdir()
        # Warm the file cache and bytecode once, outside the timings, so neither side pays it.
        subprocess.run([str(BIN / "python"), "-c",
                        "import papermill, cdsanalysis.report.run.batch, altair, vl_convert"],
                       check=True, cwd=ROOT)
        render_seconds = cdsanalysis_render(codes, render_dir, args.jobs)
        loop_seconds = papermill_loop(codes, loop_dir)
    ratio = render_seconds / loop_seconds
    print(f"districts: {len(codes)}; cores: {os.cpu_count()}")
    print(f"sequential papermill CLI loop: {loop_seconds:7.1f} s  ({loop_seconds / len(codes):.2f} s a district)")
    print(f"cdsanalysis render:            {render_seconds:7.1f} s  ({render_seconds / len(codes):.2f} s a district)")
    print(f"ratio render / loop:           {ratio:7.3f}  (goal <= {GOAL}: {'met' if ratio <= GOAL else 'NOT met'})")
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    record = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "districts": len(codes), "cores": os.cpu_count(),
              "jobs": args.jobs, "loop_seconds": round(loop_seconds, 2), "render_seconds": round(render_seconds, 2),
              "ratio": round(ratio, 3), "python": platform.python_version()}
    with (results / "bench_render.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
