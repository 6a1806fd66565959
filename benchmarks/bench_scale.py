"""Throughput and memory of `render` at scale: the local process pool or a Dask cluster, any number of districts.

One render (in this process, as `cdsanalysis render` runs it) of the bundled data or of a
`cdsanalysis synthetic` nation, through the process pool (default) or a Dask cluster
(``--scheduler local`` starts a `LocalCluster` of ``--workers`` single-threaded workers
here; ``--scheduler tcp://host:port`` uses a running one). It prints:

- districts per second while the districts ran, and the whole run's wall time;
- peak memory (VmHWM, the kernel's own high-water mark of resident memory) of this
  process (the client: data, fit, forecast, summaries), of the largest worker process and
  of the largest Jupyter kernel, sampled from /proc every 0.2 s (Linux);
- the per-district cost (the busy time of the workers divided by the districts) and, from it,
  a projection of the wall time on N workers: fixed part + districts x cost / N.

    .venv/bin/python benchmarks/bench_scale.py                                 # 27 districts, pool
    .venv/bin/python benchmarks/bench_scale.py --scheduler local --workers 2   # 27 districts, Dask
    .venv/bin/python benchmarks/bench_scale.py --synthetic 700 --scheduler local --workers 2

Results are appended to benchmarks/results/bench_scale.jsonl (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_WORKERS = (2, 8, 32, 64, 128)


class PeakMemory:
    """Peak resident memory of this process and of every process started under it, by kind."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @staticmethod
    def _status(pid: int) -> dict[str, str]:
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return {}
        return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)

    def _descendants(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                ppid = self._status(int(entry.name)).get("PPid", "").strip()
                if ppid.isdigit():
                    parents.setdefault(int(ppid), []).append(int(entry.name))
        found, todo = [], [os.getpid()]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += parents.get(pid, [])
        return found

    @staticmethod
    def _command(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return ""

    def _kind(self, pid: int) -> str:
        if pid == os.getpid():
            return "client"
        command = self._command(pid)
        if not command:
            return "other"
        if "ipykernel" in command:
            return "kernel"
        if "forkserver" in command:
            # The pool's workers are forked by the fork server and keep its command line.
            parent = self._status(pid).get("PPid", "").strip()
            return "worker" if parent.isdigit() and "forkserver" in self._command(int(parent)) else "helper"
        if "resource_tracker" in command:
            return "helper"
        return "worker"

    def _sample(self) -> None:
        for pid in self._descendants():
            peak = self._status(pid).get("VmHWM", "").split()
            if peak:
                kind = self.peaks.get(pid, (None, 0))[0] or self._kind(pid)
                self.peaks[pid] = (kind, max(int(peak[0]), self.peaks.get(pid, (kind, 0))[1]))

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def largest(self, kind: str) -> float:
        """The largest peak of a process of this kind, in MB (0 when none was seen)."""
        return max((kb for k, kb in self.peaks.values() if k == kind), default=0) / 1024

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.peaks.values() if k == kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, metavar="N", help="render a synthetic nation of N districts "
                        "(`cdsanalysis synthetic --districts N --communes 14N`) instead of the bundled data")
    parser.add_argument("--scheduler", help="'local' (a LocalCluster started here) or tcp://host:port; "
                        "default: the local process pool")
    parser.add_argument("--workers", type=int, default=2, help="pool processes or LocalCluster workers (default 2)")
    parser.add_argument("--draws", type=int, default=4000)
    args = parser.parse_args(argv)

    from cdsanalysis.report.run.batch import render

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        data = None
        if args.synthetic:
            from cdsanalysis.model.synthetic import write_synthetic

            data = write_synthetic(Path(tmp) / "data", districts=args.synthetic, communes=14 * args.synthetic)
        cluster, scheduler = None, args.scheduler
        if scheduler == "local":  # started here, so that its workers are this process's descendants
            from dask.distributed import LocalCluster

            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            scheduler = cluster.scheduler_address
        try:
            with PeakMemory() as memory:
                start = time.perf_counter()
                kwargs = {"scheduler": scheduler} if scheduler else {}
                result = render(data, out=Path(tmp) / "out", jobs=args.workers, draws=args.draws, progress=False,
                                **kwargs)
                wall = time.perf_counter() - start
        finally:
            if cluster is not None:
                cluster.close()
    districts, failed = len(result.outcomes), len(result.failed)
    running = result.timings["render_seconds"]
    busy = sum(o.seconds for o in result.outcomes)
    cost = busy / districts
    fixed = wall - running
    projection = {n: round(fixed + districts * cost / n, 1) for n in PROJECT_WORKERS}
    where = scheduler or f"process pool of {args.workers}"
    print(f"{districts} districts ({failed} failed) through {where}; cores: {os.cpu_count()}")
    print(f"wall {wall:.1f} s: fixed {fixed:.1f} s (load, fit, save, summaries), districts {running:.1f} s "
          f"= {districts / running:.2f} districts/s")
    print(f"per-district cost {cost:.2f} worker-seconds; projected wall on N workers: "
          + ", ".join(f"{n}: {s} s" for n, s in projection.items()))
    print(f"peak memory: client {memory.largest('client'):.0f} MB, largest worker {memory.largest('worker'):.0f} MB "
          f"({memory.count('worker')} seen), largest kernel {memory.largest('kernel'):.0f} MB "
          f"({memory.count('kernel')} started)")
    record = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "districts": districts, "failed": failed,
              "executor": where, "workers": args.workers, "cores": os.cpu_count(), "wall": round(wall, 1),
              "fixed": round(fixed, 1), "districts_per_second": round(districts / running, 3),
              "cost": round(cost, 3), "projection": projection, "client_mb": round(memory.largest("client")),
              "worker_mb": round(memory.largest("worker")), "kernel_mb": round(memory.largest("kernel")),
              "kernels": memory.count("kernel"), "python": platform.python_version()}
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    with (results / "bench_scale.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
