"""How long a forecast takes and how much memory it needs: the province and a nation-sized case.

Each case runs in its own process (so max RSS is that case's alone) and measures:

- ``cold``: the first ``forecast(dataset, draws=4000)`` in the process (lazy imports included);
- ``warm``: the median of ``--repeats`` further runs, split into the hazard fit and the rest;
- two baselines measured in the same process, so the ratios mean something on a shared machine:
  ``numpy``: bare ``rng.binomial`` draws of the same size (draws x districts x steps), the
  floor of any simulation; ``last``: ``forecast(model="last")``, the plumbing without a model;
- ``tracemalloc`` peak of one warm run (numpy reports its buffers to tracemalloc) and the
  process's max RSS (``resource.getrusage``) before and after.

Goals (issue 3, on a 2-core machine): province < 1 s; nation < 20 s and < 2 GB.
Run: ``make bench`` or ``python benchmarks/bench_forecast.py [--repeats 5] [--json FILE]
[--profile nation]``. Not a test: the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

CASES = {
    "province": "bundled data: 27 districts, 559 communes, 4 half-years",
    "nation": "synthetic: 700 districts, 10,000 communes, 6 half-years",
}
GOALS = {"province": {"seconds": 1.0}, "nation": {"seconds": 20.0, "rss_mb": 2048.0}}
DRAWS = 4000
UNTIL = "2025-12-31"


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _load(case: str):
    if case == "province":
        from cdsanalysis.data.dataset import load_dataset

        return load_dataset()
    from cdsanalysis.model.synthetic import synthetic_dataset

    return synthetic_dataset(districts=700, communes=10_000, periods=6, seed=0)


def _timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def worker(case: str, repeats: int) -> dict:
    """Measure one case in this process; return the figures."""
    import numpy as np

    from cdsanalysis.model.hazard import HazardModel
    from cdsanalysis.model.projection import forecast, forecast_dates

    start = time.perf_counter()
    dataset = _load(case)
    load_seconds = time.perf_counter() - start
    rss_before = _max_rss_mb()

    districts = dataset.districts()
    origin = dataset.latest_date()
    n_dates = len(forecast_dates(origin, UNTIL, dataset.targets["deadline"]))
    run = lambda: forecast(dataset, until=UNTIL, draws=DRAWS, seed=0)  # noqa: E731

    cold = _timed(run, 1)[0]
    warm = _timed(run, repeats)
    known = dataset.until(origin)
    fit = _timed(lambda: HazardModel(known, reference_date=origin).fit(), repeats)
    last = _timed(lambda: forecast(dataset, until=UNTIL, model="last", draws=DRAWS, seed=0), repeats)

    shape = (DRAWS, len(districts))
    pending = np.repeat(districts["communes_total"].to_numpy()[None, :], DRAWS, axis=0)

    def bare_numpy():
        rng = np.random.default_rng(0)
        out = np.empty((*shape, n_dates), dtype=np.int32)
        for k in range(n_dates - 1):
            out[:, :, k + 1] = rng.binomial(pending, 0.1)

    numpy_times = _timed(bare_numpy, repeats)

    tracemalloc.start()
    run()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    warm_median = statistics.median(warm)
    return {
        "case": case,
        "description": CASES[case],
        "districts": len(districts),
        "communes": int(districts["communes_total"].sum()),
        "dates": n_dates,
        "draws": DRAWS,
        "load_seconds": load_seconds,
        "cold_seconds": cold,
        "warm_seconds": warm_median,
        "fit_seconds": statistics.median(fit),
        "last_seconds": statistics.median(last),
        "numpy_seconds": statistics.median(numpy_times),
        "ratio_to_numpy": warm_median / statistics.median(numpy_times),
        "ratio_to_last": warm_median / statistics.median(last),
        "tracemalloc_peak_mb": traced_peak / 2**20,
        "rss_before_mb": rss_before,
        "rss_max_mb": _max_rss_mb(),
    }


def profile(case: str) -> None:
    """cProfile of one warm forecast: where the time goes."""
    import cProfile
    import pstats

    from cdsanalysis.model.projection import forecast

    dataset = _load(case)
    forecast(dataset, until=UNTIL, draws=DRAWS, seed=0)
    profiler = cProfile.Profile()
    profiler.runcall(forecast, dataset, until=UNTIL, draws=DRAWS, seed=0)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


def _verdict(result: dict) -> str:
    goal = GOALS[result["case"]]
    checks = [f"{result['cold_seconds']:.2f} s < {goal['seconds']:g} s: "
              f"{'ok' if result['cold_seconds'] < goal['seconds'] else 'MISSED'}"]
    if "rss_mb" in goal:
        ok = result["rss_max_mb"] < goal["rss_mb"]
        checks.append(f"{result['rss_max_mb']:.0f} MB < {goal['rss_mb']:g} MB: {'ok' if ok else 'MISSED'}")
    return "; ".join(checks)


def _print(results: list[dict]) -> None:
    header = (f"{'case':<9}{'districts':>10}{'communes':>9}{'dates':>6}{'cold s':>8}{'warm s':>8}{'fit s':>7}"
              f"{'last s':>8}{'numpy s':>9}{'x numpy':>8}{'x last':>8}{'traced MB':>10}{'RSS MB':>8}")
    print(header)
    for r in results:
        print(f"{r['case']:<9}{r['districts']:>10}{r['communes']:>9}{r['dates']:>6}{r['cold_seconds']:>8.3f}"
              f"{r['warm_seconds']:>8.3f}{r['fit_seconds']:>7.3f}{r['last_seconds']:>8.3f}{r['numpy_seconds']:>9.3f}"
              f"{r['ratio_to_numpy']:>8.1f}{r['ratio_to_last']:>8.1f}{r['tracemalloc_peak_mb']:>10.1f}"
              f"{r['rss_max_mb']:>8.0f}")
    print()
    for r in results:
        print(f"{r['case']}: {r['description']}; {r['draws']} draws; goal: {_verdict(r)} "
              f"(RSS {r['rss_before_mb']:.0f} MB after imports and data, {r['rss_max_mb']:.0f} MB at the end)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="run only this case (repeatable)")
    parser.add_argument("--repeats", type=int, default=5, help="warm runs per measurement (median reported)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--profile", choices=sorted(CASES), help="print a cProfile of one forecast and stop")
    parser.add_argument("--worker", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.profile:
        profile(args.profile)
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeats)))
        return 0

    results = []
    for case in args.case or list(CASES):
        completed = subprocess.run([sys.executable, __file__, "--worker", case, "--repeats", str(args.repeats)],
                                   capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            return 1
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}; "
          f"median of {args.repeats} warm runs")
    _print(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"python": platform.python_version(), "cores": os.cpu_count(), "results": results},
                      handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
