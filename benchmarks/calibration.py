"""Calibration of every model on scenario families it was not built from: writes docs/calibration.md.

Runs `cdsanalysis.model.evaluation.evaluate` (ten scenario families, ``--replicates`` provinces
each, four month-end origins a province, every model of `EVALUATED_MODELS`) and writes:

- ``docs/calibration.md``: the goals of issue 8 (point 4) for the default model, the score
  table per family and model, the PIT histograms of the default model, and the charts;
- ``docs/calibration.csv``: the score table (the backtest notebook shows it);
- ``docs/calibration.png``: reliability of P(meet) over all families, one line per model.

Same arguments, same files (byte for byte). Run: ``make calibration`` or
``python benchmarks/calibration.py [--replicates 30] [--draws 1000] [--seed 0] [--jobs 2]``.
It takes a few minutes; the fast version is tests/test_evaluation.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _markdown(frame: pd.DataFrame, floats: str = "{:.3f}") -> str:
    """A GitHub table without extra dependencies (pandas' to_markdown needs tabulate)."""
    def cell(value: object) -> str:
        if isinstance(value, float):
            return "" if pd.isna(value) else floats.format(value)
        if value is None:
            return "not scored"
        return str(value)

    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _pit_table(evaluation, model: str) -> pd.DataFrame:
    pit = evaluation.pit()
    pit = pit[pit["model"] == model].pivot(index="family", columns="bin", values="share").fillna(0.0)
    pit = pit.reindex(list(evaluation.families))
    pit.columns = [f"{b / 10:.1f}–{(b + 1) / 10:.1f}" for b in pit.columns]
    return pit.reset_index()


def _narrow_section(scores: pd.DataFrame, model: str) -> str:
    """How many of the default's province intervals are narrow, and how many of those miss (the stall aside)."""
    from cdsanalysis.model.evaluation import UNSCORED_FOR_COVERAGE

    mine = scores[(scores["model"] == model) & ~scores["family"].isin(UNSCORED_FOR_COVERAGE)]
    narrow = (mine["narrow"] * mine["n_province"]).round().astype(int)
    missed = (mine["collapsed"] * mine["n_province"]).round().astype(int)
    rows = pd.DataFrame({"family": mine["family"], "province intervals": mine["n_province"],
                         "narrow": narrow, "narrow and missed": missed})
    total = rows[["province intervals", "narrow", "narrow and missed"]].sum()
    rows.loc[len(rows)] = ["all", *total.tolist()]
    said = (f"{total['narrow and missed'] / total['narrow']:.0%} of the default's narrow province intervals "
            "(the stall aside) missed" if total["narrow"] else "none of the default's province intervals was narrow")
    return f"""
Narrow intervals are not all failures: a slow province, or one next to its commune total, has an honest
interval narrower than 3 % of its communes, and a calibrated 80 % interval misses about one time in five,
narrow or not; {said}:

{_markdown(rows)}
"""


def oracle_table(scores: pd.DataFrame, model: str, seeds: tuple[int, ...], replicates: int,
                 draws: int) -> pd.DataFrame:
    """The oracle's province intervals (`cdsanalysis.model.oracle`) beside the default's, per family it covers."""
    from cdsanalysis.model.oracle import oracle_scores

    runs = {seed: oracle_scores(replicates=replicates, draws=draws, seed=seed).set_index("family") for seed in seeds}
    first = runs[seeds[0]]
    mine = scores[scores["model"] == model].set_index("family").reindex(first.index)
    table = pd.DataFrame({
        "family": first.index, "oracle randomised": first["province_randomised"].to_numpy(),
        "oracle narrow": first["narrow"].to_numpy(), "oracle collapsed": first["collapsed"].to_numpy(),
        "default narrow": mine["narrow"].to_numpy(), "default collapsed": mine["collapsed"].to_numpy()})
    for seed in seeds[1:]:
        table[f"oracle collapsed, seed {seed}"] = runs[seed]["collapsed"].reindex(first.index).to_numpy()
    linear = scores[scores["model"] == "linear"].set_index("family")["brier"].reindex(first.index).to_numpy()
    table["oracle Brier"] = first["brier"].to_numpy()
    table["default Brier"] = mine["brier"].to_numpy()
    table["linear Brier"] = linear
    table["gap closed"] = (linear - table["default Brier"]) / (linear - table["oracle Brier"])
    return table


def _oracle_section(oracle: pd.DataFrame | None, seed: int) -> str:
    """What the forecast that knows the process scores: the floor under the collapsed goal."""
    if oracle is None or oracle.empty:
        return ""
    above = oracle[oracle["default collapsed"] > oracle["oracle collapsed"]]["family"].tolist()
    verdict = (f"Here it is above the oracle's in {', '.join(above)}: there its narrow intervals are too sure."
               if above else "Here it is at or below the oracle's in every family.")
    return f"""
### What a perfect forecast scores

The oracle (`cdsanalysis/model/oracle.py`) knows each family's hidden process and every district's true
count at the origin, and draws only what is still to come (the monthly steps, the shocks of half-years not
begun, the rounds not yet held and their yields); the same provinces, origins and horizons, seed {seed}
unless named. Its intervals are calibrated by construction (its randomised coverage is 0.80 up to the
noise of 30 provinces), and they are narrow wherever the process is predictable: a province next to its
commune total, or one whose flow has no shared shock. So a calibrated forecast has **collapsed** intervals
too: the goal of none in every family holds only for a forecast wider than the process itself. A model
must estimate what the oracle knows, so it is wider and its collapsed share is lower; what it must not do is
miss with narrow intervals more often than the oracle (too sure from thin evidence). {verdict}

The oracle's Brier score of P(meet) (the same district targets) is the floor of the Brier goal: `gap
closed` is the share of the way from the linear baseline to the oracle that the default goes (1: as good
as knowing the process).

{_markdown(oracle)}
"""


def _seeds_section(seeds: pd.DataFrame | None) -> str:
    """Goals missed by the default on other seeds: one seed's goal table hides the tails' luck."""
    if seeds is None or seeds.empty:
        return ""
    return f"""

The same goals for the default on other seeds (`hazard` and `linear` only, the same settings), since
a goal of 0 % collapsed intervals in 360 cases turns on one or two tail cases; the goals missed:

{_markdown(seeds)}
"""


def seed_goals(seeds: tuple[int, ...], replicates: int, draws: int, jobs: int) -> pd.DataFrame:
    """Per other seed: how many goals the default meets and which it misses (with the value)."""
    from cdsanalysis.model.evaluation import evaluate

    rows = []
    for seed in seeds:
        goals = evaluate(models=("hazard", "linear"), replicates=replicates, draws=draws, seed=seed,
                         jobs=jobs).goals()
        held = goals["met"].dropna()
        missed = goals[goals["met"].eq(False)]
        rows.append((seed, f"{int(held.sum())} of {len(held)}",
                     "; ".join(f"{r.family}: {r.goal} ({r.value:.3f})" for r in missed.itertuples()) or "none"))
    return pd.DataFrame(rows, columns=["seed", "goals met", "missed"])


def write(evaluation, seconds: float, command: str, seed: int, seeds: pd.DataFrame | None = None,
          oracle: pd.DataFrame | None = None) -> None:
    from cdsanalysis.model.plots import calibration_chart
    from cdsanalysis.report.content.charts import to_png

    scores = evaluation.scores()
    goals = evaluation.goals()
    held = goals["met"].dropna()
    (DOCS / "calibration.csv").write_text(scores.to_csv(index=False, float_format="%.4f"), encoding="utf-8")
    chart = calibration_chart(evaluation.calibration(), lang="en")
    (DOCS / "calibration.png").write_bytes(to_png(chart))
    counts = scores[scores["model"] == evaluation.models[0]].set_index("family")[["n", "n_province", "n_brier"]]
    text = f"""# Calibration on scenarios the model was not built from

Generated by `{command}` (seed {seed}, {evaluation.replicates} provinces per family, {evaluation.draws} paths
per forecast); do not edit by hand. Each province has 6–30 districts of 5–40 communes whose true counts are
drawn month by month from December 2021 to June 2026; the offices report part of them on the family's
cadence (from June 2022). Every model forecasts from four month ends of 2024 a province (rotating: the
provinces of a family together start from every month end of the year) and is scored on the true
counts 6, 12 and 18 months later, of each district and of the province total, reported or not, and on
the district targets (set at the end of 2023) due by then (Brier score of P(meet)). The families
(`cdsanalysis/model/scenarios.py`):

- **hazard**: district hazards with a log-linear trend, no shared shocks; half-yearly reports;
- **shock**: the same plus a province-wide shock each half-year (sd 0.3–0.9 on the log hazard);
- **readiness**: every commune has its own gamma hazard multiplier, so the ready ones go first;
- **capacity**: the province recognises an overdispersed batch each June and December around a
  drifting mean, drawn from what each district has left;
- **scurve**: each district follows its own logistic curve, with noise;
- **stall**: like *shock* until a month of 2024, then recognition nearly stops (reported, not held to
  the coverage goals: no model can see a stop coming);
- **rounds**: monthly reports; recognitions only in rounds (a December round in most years and one or
  two more at random months), each round's yield a shock shared by every district;
- **yearend**: quarterly reports; 70–85 % of a year's recognitions in its last quarter;
- **hardcore**: monthly reports of a smooth flow, a fifth to a third of the communes far from ready;
- **irregular**: reports on days that are not month ends with gaps of one to five months, from a
  rounds process with half-year shocks.

Models: `hazard` (the default: equal shares of paths from `hazard_iid` and `hazard_rw`, the two
readings of the shared shocks, pooled as forecast combination does), `hazard_iid` (the default of
issue 17's first rounds: rates read between half-year anchors, what was recognised since
conditioned on, recognitions timed within a half-year as the reports show, season and depletion
effects, a half-year's shock drawn afresh around the trend), `hazard_rw` (the same with the shocks
a random walk: the latest half-year's pace persists and drifts), `hazard_interval` (the default of
issue 8: a rate read from every interval), `steady` (the default with the rate held at its level at
the origin), `ets` (damped-trend exponential smoothing), `linear` (Excel's FORECAST.LINEAR) and
`last` (no change). The deterministic baselines have
intervals of width 0, so their coverage is the share of counts they hit exactly.

## Goals of issues 8 and 17 for the default model (`hazard`)

{_markdown(goals)}

{int(held.sum())} of {len(held)} goals hold on this seed.{_seeds_section(seeds)}
The coverage goals are held against the
*randomised* coverage: the share of the randomised PIT inside [0.1, 0.9], computed exactly (Czado, Gneiting and
Held 2009; `evaluation.randomised_coverage`). It is 0.80 in expectation for a calibrated forecast,
whatever the counts' size. The closed interval the reports print, [q(0.1), q(0.9)] in whole
communes, holds at least 80 % of the forecast's own probability and much more for a district with a
few communes left, so its coverage (`coverage` below) sits above 0.80 even for a perfect forecast:
even for a calibrated forecast. `collapsed`: the share of province intervals narrower than 3 % of the
communes that miss the truth (the failure of issue 17: certainty from one lumpy month).
{_narrow_section(scores, evaluation.models[0])}{_oracle_section(oracle, seed)}

## Scores per family and model

`coverage`: share of held-out district counts inside the closed 80 % interval; `randomised`: the
randomised coverage of the same (0.80 for a calibrated forecast); `province_coverage`,
`province_randomised`: the same for the province total; `width`, `province_width`: mean interval width in communes
(sharpness); `narrow`: share of province intervals narrower than 3 % of the communes; `collapsed`: share of
province intervals that are narrow and miss the truth;
`brier`: Brier score of P(meet) over district targets (`province_brier`: province
targets); `rps`: ranked probability score of district counts (communes); `n`, `n_province`,
`n_brier`: numbers of cases.

{_markdown(scores)}

## PIT histogram of the default model (district counts)

Share of held-out counts in each tenth of the randomised PIT; a calibrated forecast puts 0.10 in
each. Heavy end bins: too narrow; a slope: biased.

{_markdown(_pit_table(evaluation, "hazard"))}

## Reliability of P(meet)

![Forecast probability against observed frequency, all families pooled](calibration.png)

Cases per family (default model): {", ".join(f"{f} {int(r.n)} district counts, {int(r.n_province)} province "
                                              f"totals, {int(r.n_brier)} targets" for f, r in counts.iterrows())}.
"""
    (DOCS / "calibration.md").write_text(text, encoding="utf-8")
    print(f"wrote docs/calibration.md, .csv, .png in {seconds:.0f} s; {int(held.sum())}/{len(held)} goals hold")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=30)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--other-seeds", type=int, nargs="*", default=[1, 2],
                        help="seeds on which the default's goals are also checked (none: skip)")
    args = parser.parse_args(argv)
    from cdsanalysis.model.evaluation import evaluate

    start = time.perf_counter()
    evaluation = evaluate(replicates=args.replicates, draws=args.draws, seed=args.seed, jobs=args.jobs)
    command = "make calibration" if (args.replicates, args.draws, args.seed) == (30, 1000, 0) else \
        f"python benchmarks/calibration.py --replicates {args.replicates} --draws {args.draws} --seed {args.seed}"
    seeds = seed_goals(tuple(args.other_seeds), args.replicates, args.draws, args.jobs) if args.other_seeds else None
    oracle = oracle_table(evaluation.scores(), evaluation.models[0], (args.seed, *args.other_seeds),
                          args.replicates, args.draws)
    write(evaluation, time.perf_counter() - start, command, args.seed, seeds, oracle)
    from ntm_backtest import write as write_real_case

    write_real_case()
    return 0


if __name__ == "__main__":
    sys.exit(main())
