"""The real second case: rolling-origin backtest of examples/ntm-vietnam (Vietnam's "nông thôn mới").

Every origin from 2017 on (each published figure that has a later one; claims are neither origins
nor truth) forecasts every later published figure, and gives P(meet) for the 2020 and 2023 national
targets, whose outcomes are known (`outcomes.csv`: met, missed). Scores: randomised and closed 80 %
coverage of the later figures, the share of collapsed intervals (narrower than 3 % of the communes
and missing the truth), Brier score of P(meet). Real data are few (10 origins): the figures are
reported, nothing is tuned to them. Run: ``python benchmarks/ntm_backtest.py``; `calibration.py`
puts the same tables into docs/calibration.md.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "examples" / "ntm-vietnam"
MODELS = ("hazard", "hazard_iid", "hazard_rw", "hazard_interval", "steady", "linear", "last")
COLLAPSE_SHARE = 0.03


def ntm_backtest(models: tuple[str, ...] = MODELS, draws: int = 2000, seed: int = 0) -> tuple[pd.DataFrame, ...]:
    """(per-figure scores, P(meet) per origin and target, summary per model)."""
    from cdsanalysis import load_dataset
    from cdsanalysis.model.backtesting import _score_forecast
    from cdsanalysis.model.metrics import randomised_coverage
    from cdsanalysis.model.projection import forecast

    dataset = load_dataset(FOLDER)
    outcomes = pd.read_csv(FOLDER / "outcomes.csv", parse_dates=["deadline"])
    outcomes = outcomes[outcomes["outcome"].isin(["met", "missed"])]
    progress = dataset.progress
    figures = progress[(progress["district_code"] != "") & (progress["status"] != "claim")]
    truth = pd.DataFrame({"district_code": figures["district_code"].to_numpy(dtype=object),
                          "date": figures["as_of"].to_numpy(dtype="datetime64[ns]"),
                          "actual": figures["completed"].to_numpy(dtype=np.int64)})
    targets = dataset.targets[dataset.targets["district_code"] != ""][["district_code", "deadline", "target", "kind"]]
    communes = int(dataset.districts()["communes_total"].sum())
    dates = pd.DatetimeIndex(sorted(truth["date"].unique()))
    origins = dates[(dates >= pd.Timestamp("2017-01-01")) & (dates < dates[-1])]
    scored, chances = [], []
    for origin in origins:
        later = dates[dates > origin]
        due = outcomes[outcomes["deadline"] > origin]
        until = max(later[-1], due["deadline"].max() if len(due) else later[-1])
        for name in models:
            rng = np.random.default_rng([seed, origin.toordinal()])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                result = forecast(dataset, as_of=origin, until=until, model=name, draws=draws, seed=rng,
                                  extra_dates=list(later) + list(due["deadline"]))
            scored.append(_score_forecast(result, truth[truth["date"] > origin], targets.iloc[:0], 0.8))
            target_of = dataset.targets[dataset.targets["district_code"] == ""].set_index("deadline")["target"]
            for _, row in due.iterrows():
                p = result.p_at_least("", row["deadline"], int(target_of[row["deadline"]]))
                chances.append((name, origin, row["deadline"], int(target_of[row["deadline"]]), p,
                                row["outcome"] == "met"))
    table = pd.concat(scored, ignore_index=True)
    table["randomised"] = randomised_coverage(table["cdf_below"], table["cdf_at"], 0.8)
    narrow = (table["upper"] - table["lower"]) < COLLAPSE_SHARE * communes
    table["collapsed"] = narrow & ~table["covered"].astype(bool)
    chance = pd.DataFrame(chances, columns=["model", "origin", "deadline", "target", "p_meet", "met"])
    chance["squared"] = (chance["p_meet"] - chance["met"].astype(float)) ** 2
    summary = table.groupby("model", sort=False).agg(
        randomised=("randomised", "mean"), coverage=("covered", "mean"), collapsed=("collapsed", "mean"),
        width=("upper", "mean"), n=("rps", "size"), rps=("rps", "mean"))
    summary["width"] = table.assign(w=table["upper"] - table["lower"]).groupby("model", sort=False)["w"].mean()
    summary = summary.join(chance.groupby("model", sort=False).agg(
        brier=("squared", "mean"), n_brier=("squared", "size"),
        sure_of_a_miss=("p_meet", lambda p: int(((p >= 0.9) & ~chance.loc[p.index, "met"]).sum()))))
    return table, chance, summary.reset_index()


def goals(summary: pd.DataFrame, model: str = "hazard") -> pd.DataFrame:
    """Issue 17's goals on the real case for ``model``."""
    row = summary.set_index("model").loc[model]
    return pd.DataFrame([
        ("randomised 80 % coverage >= 0.6", row["randomised"], bool(row["randomised"] >= 0.6)),
        ("no collapsed interval", row["collapsed"], bool(row["collapsed"] == 0)),
        ("Brier of P(meet) <= 0.25", row["brier"], bool(row["brier"] <= 0.25)),
        ("no P(meet) >= 0.9 on a missed target", row["sure_of_a_miss"], bool(row["sure_of_a_miss"] == 0)),
    ], columns=["goal", "value", "met"])


MARKER = "## The real case: Vietnam's \"nông thôn mới\" communes, 2015–2025"


def section(markdown) -> str:
    """The docs/calibration.md section of the real case (``markdown``: a frame-to-table function)."""
    table, chance, summary = ntm_backtest()
    mine = chance[chance["model"] == "hazard"].assign(
        origin=lambda t: t["origin"].dt.strftime("%Y-%m-%d"), deadline=lambda t: t["deadline"].dt.strftime("%Y-%m-%d"))
    collapsed = table[(table["model"] == "hazard") & table["collapsed"]]
    where = "; ".join(f"from {r.origin:%d/%m/%Y} to {r.date:%d/%m/%Y}" for r in collapsed.itertuples()) or "none"
    held = goals(summary)
    return f"""{MARKER}

`examples/ntm-vietnam/` (built by `scripts/make_ntm_example.py` from its `sources.csv`, every figure
sourced, restated on the 8,227 communes of 30/6/2022; see its README). Generated by
`python benchmarks/ntm_backtest.py --write` (2,000 paths, seed 0); `make calibration` runs it too.
Every figure from 2017 on that has a later one is an origin ({table["origin"].nunique()} origins; the
2020 estimate is a claim and is neither an origin nor a truth); every later figure is scored
({int(summary["n"].iloc[0])} forecasts a model), and P(meet) of the 2020 target (50 %, met) and of the
2023 target (78 %, missed) from every origin before its deadline. Real data are few: these figures are
reported, nothing was tuned to them.

{markdown(summary)}

`sure_of_a_miss`: P(meet) >= 0.9 given to a target that was missed.

### Goals of issue 17 on the real case (default model)

{markdown(held)}

Collapsed intervals of the default: {where}.

### P(meet) of the default model, origin by origin

{markdown(mine[["origin", "deadline", "target", "p_meet", "met"]])}
"""


def write(path: Path = ROOT / "docs" / "calibration.md") -> None:
    """Replace (or add) the real case's section at the end of docs/calibration.md."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from calibration import _markdown

    text = path.read_text(encoding="utf-8")
    head = text.split(MARKER)[0].rstrip("\n")
    path.write_text(head + "\n\n" + section(_markdown), encoding="utf-8")


def main() -> int:
    if "--write" in sys.argv[1:]:
        write()
        print("wrote the real case into docs/calibration.md")
        return 0
    pd.set_option("display.width", 200)
    _, chance, summary = ntm_backtest()
    print(summary.to_string(index=False))
    print(chance[chance["model"] == "hazard"].to_string(index=False))
    print(goals(summary).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
