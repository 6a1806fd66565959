"""Issue 17: forecasts that survive the monthly round (reports monthly, recognitions in rounds).

The default model reads rates only between half-year anchors, conditions on what was recognised
since, and simulates each district from its own last report. These tests build the cases the
issue describes and assert what must hold whatever the model: a round in one month does not make
the forecast certain; the cadence of the reports does not change the answer beyond noise; claims
are not fitted; a stale district's months since its report are forecast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis import load_dataset
from cdsanalysis.data.dataset import Dataset
from cdsanalysis.model.anchors import (
    DEFAULT_CONCENTRATION,
    anchor_rows,
    open_segments,
    round_timing,
    timing_concentration,
)
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.scenarios import make_scenario


def _at(summary: pd.DataFrame, code: str, date: str) -> pd.Series:
    return summary[(summary["district_code"] == code) & (summary["date"] == pd.Timestamp(date))].iloc[0]


def _with_rows(dataset: Dataset, rows: list[pd.DataFrame]) -> Dataset:
    progress = pd.concat([dataset.progress, *rows], ignore_index=True)
    return Dataset(dataset.units, progress, dataset.targets, source="test", recognitions=dataset.recognitions)


def _bundled_plus_a_round() -> Dataset:
    """The bundled data plus 31/7/2024 (+0 or +1 a district, 14 in all) and 31/8/2024 (+1 to +3 each, 50)."""
    dataset = load_dataset()
    progress = dataset.progress
    june = progress[(progress["district_code"] != "") & (progress["as_of"] == "2024-06-30")].copy()
    rng = np.random.default_rng(17)
    july = june.assign(as_of=pd.Timestamp("2024-07-31"), status="illustrative")
    plus = np.zeros(len(july), dtype=np.int64)
    plus[rng.choice(len(july), 14, replace=False)] = 1
    july["completed"] = july["completed"] + plus
    step = np.ones(len(july), dtype=np.int64)
    step[rng.choice(len(july), 23, replace=False)] += 1  # 27 + 23 = 50 ...
    assert step.sum() == 50
    august = july.assign(as_of=pd.Timestamp("2024-08-31"), completed=july["completed"] + step)
    return _with_rows(dataset, [july, august])


def test_a_round_in_one_month_does_not_make_the_forecast_certain():
    dataset = _bundled_plus_a_round()
    total = int(dataset.districts()["communes_total"].sum())
    result = forecast(dataset, draws=2000, seed=0)
    assert result.as_of == pd.Timestamp("2024-08-31")
    p_meet = result.p_at_least("", "2025-12-31", 477)
    assert p_meet < 0.9, p_meet
    end = _at(result.summary(), "", "2025-12-31")
    assert end["lower"] < 0.95 * total and end["upper"] - end["lower"] > 0.03 * total, end.to_dict()
    # The interval model of issue 8 was certain here (the failure the issue reports).
    old = forecast(dataset, draws=2000, seed=0, model="hazard_interval").p_at_least("", "2025-12-31", 477)
    assert old > p_meet


def test_the_months_since_the_last_anchor_are_conditioned_on_not_read_as_a_pace():
    dataset = _bundled_plus_a_round()
    anchors = anchor_rows(dataset.progress)
    assert anchors["as_of"].max() == pd.Timestamp("2024-06-30")  # July and August are not rates
    codes = tuple(dataset.districts()["district_code"])
    segments = open_segments(dataset.progress, codes)
    assert (segments["anchor_date"] == pd.Timestamp("2024-06-30")).all()
    assert (segments["last_date"] == pd.Timestamp("2024-08-31")).all()
    result = forecast(dataset, draws=500, seed=0)
    # Never below what has been recognised: each path starts from each district's August figure.
    assert (result.paths[:, :, 0] == segments["last_count"].to_numpy()[None, :]).all()
    assert (np.diff(result.paths, axis=2) >= 0).all()


def test_a_year_end_round_reported_in_january_closes_the_year_it_was_held_in():
    # One district reports on days that are not month ends: 14/12 (before the December round), 15/1 (after it).
    # 2023-H2 is closed by 15/1, which holds the round, not by 14/12; 2024-H1 by 20/7; 2024-H2 by 10/12, since
    # nothing came in the month after its end.
    code = load_dataset().districts()["district_code"].iloc[0]
    dates = ["2023-07-12", "2023-12-14", "2024-01-15", "2024-06-10", "2024-07-20", "2024-12-10", "2025-03-02"]
    rows = pd.DataFrame({"district_code": code, "as_of": pd.to_datetime(dates), "completed": [2, 2, 9, 9, 9, 9, 9],
                         "status": "actual"})
    anchors = anchor_rows(rows, as_of="2025-03-02")
    assert list(anchors["as_of"].dt.strftime("%Y-%m-%d")) == ["2023-07-12", "2024-01-15", "2024-07-20", "2024-12-10"]
    # a report on the half-year end itself keeps it, whatever comes in January
    rows.loc[1, "as_of"] = pd.Timestamp("2023-12-31")
    assert pd.Timestamp("2023-12-31") in set(anchor_rows(rows, as_of="2025-03-02")["as_of"])


@pytest.mark.parametrize("family", ["rounds", "hardcore"])
def test_the_answer_does_not_depend_on_the_cadence_of_the_reports(family):
    scenario = make_scenario(family, 11)
    monthly = scenario.dataset
    progress = monthly.progress
    half_yearly = progress[progress["as_of"].dt.month.isin([6, 12])]
    coarse = Dataset(monthly.units, half_yearly.reset_index(drop=True), monthly.targets, source="test")
    total = int(monthly.districts()["communes_total"].sum())
    origin = "2023-12-31"
    dates = ["2024-12-31", "2025-06-30"]
    fine = forecast(monthly, as_of=origin, until="2025-06-30", draws=3000, seed=1).summary()
    rough = forecast(coarse, as_of=origin, until="2025-06-30", draws=3000, seed=1).summary()
    for date in dates:
        a, b = _at(fine, "", date), _at(rough, "", date)
        for column in ("median", "lower", "upper"):
            assert abs(a[column] - b[column]) <= 0.02 * total, (date, column, a[column], b[column])


def test_claims_are_not_fitted():
    dataset = load_dataset()
    progress = dataset.progress
    latest = progress[(progress["district_code"] != "") & (progress["as_of"] == "2024-06-30")]
    claims = latest.assign(as_of=pd.Timestamp("2024-05-31"), status="claim",
                           completed=np.minimum(latest["completed"] + 5, 99))
    with_claims = _with_rows(dataset, [claims])
    a = forecast(dataset, as_of="2024-06-30", draws=300, seed=3)
    b = forecast(with_claims, as_of="2024-06-30", draws=300, seed=3)
    assert np.array_equal(a.paths, b.paths)


def test_a_stale_district_is_forecast_from_its_own_last_report():
    dataset = load_dataset()
    progress = dataset.progress
    code = dataset.districts()["district_code"].iloc[0]
    later = progress[(progress["district_code"] != "") & (progress["district_code"] != code)
                     & (progress["as_of"] == "2024-06-30")]
    december = later.assign(as_of=pd.Timestamp("2024-12-31"), completed=later["completed"] + 1)
    result = forecast(_with_rows(dataset, [december]), draws=1000, seed=0)
    j = result.district_codes.index(code)
    assert result.start_dates[j] == pd.Timestamp("2024-06-30")
    # Six months since its report were simulated, not assumed to have passed without change.
    assert (result.paths[:, j, 0] > result.start[j]).mean() > 0.2


def test_timing_concentration_tells_rounds_from_a_smooth_flow():
    lumpy = timing_concentration(make_scenario("rounds", 2).dataset.progress)
    smooth = timing_concentration(make_scenario("hardcore", 2).dataset.progress)
    assert lumpy < smooth, (lumpy, smooth)


def _decisions_from_truth(truth: pd.DataFrame) -> pd.DataFrame:
    """One record per commune recognised, dated on the 20th of the month its district's count rose."""
    rows = truth[truth["district_code"] != ""].sort_values(["district_code", "date"])
    new = rows.groupby("district_code")["actual"].diff().fillna(rows["actual"]).astype(int)
    days = rows["date"] - pd.offsets.MonthBegin(1) + pd.Timedelta(days=19)
    return pd.DataFrame({"district_code": np.repeat(rows["district_code"].to_numpy(), new.clip(lower=0)),
                         "decision_date": np.repeat(days.to_numpy(), new.clip(lower=0))})


@pytest.mark.parametrize("family, lumpy", [("rounds", True), ("hardcore", False)])
def test_decision_dates_tell_the_timing_that_half_yearly_reports_cannot(family, lumpy):
    """Round dates are data when known: with half-yearly reports alone the timing falls back to
    its default; the recognition records' own dates tell rounds from a smooth flow."""
    scenario = make_scenario(family, 2)
    progress = scenario.dataset.progress
    half_yearly = progress[progress["as_of"].dt.month.isin([6, 12]) & progress["as_of"].dt.is_month_end]
    origin = pd.Timestamp("2024-12-31")
    records = _decisions_from_truth(scenario.truth[scenario.truth["date"] <= origin])
    from_reports = round_timing(half_yearly, None, origin)
    from_records = round_timing(half_yearly, records, origin)
    assert from_reports == timing_concentration(half_yearly) == DEFAULT_CONCENTRATION  # nothing inside half-years
    if lumpy:
        assert from_records < DEFAULT_CONCENTRATION, from_records
    else:
        assert from_records > 5 * DEFAULT_CONCENTRATION, from_records
    later = records.assign(decision_date=records["decision_date"] + pd.DateOffset(years=5))
    assert round_timing(half_yearly, later, origin) == from_reports  # decisions after the origin are not read


def _irregular_at(origin: str) -> Dataset:
    """An irregular-family province cut at ``origin`` (reports on days that are not month ends)."""
    dataset = make_scenario("irregular", 100_023).dataset
    progress = dataset.progress[dataset.progress["as_of"] <= pd.Timestamp(origin)].reset_index(drop=True)
    return Dataset(dataset.units, progress, dataset.targets, source="test")


def test_an_unfinished_half_year_has_no_shock_of_its_own():
    from cdsanalysis.model.hazard import HazardModel, half_year_bounds

    origin = pd.Timestamp("2024-03-31")
    dataset = _irregular_at("2024-03-31")
    model = HazardModel(dataset, reference_date=origin)
    # some anchored interval reaches into January-March 2024 (a report a half-year after the last anchor) ...
    assert (model.table["end"] > pd.Timestamp("2023-12-31")).any()
    # ... yet the fit has no shock for that half-year: a few weeks of it would set it (a December round
    # reported in January), and the forecast would carry that lump over the months left.
    assert all(half_year_bounds(int(p))[1] <= origin for p in model.periods)
    assert len(model.periods) >= 3


@pytest.mark.parametrize("shocks", ["iid", "rw"])
def test_an_interval_across_a_half_year_end_takes_each_half_years_shock_by_its_days(shocks):
    from cdsanalysis.model.hazard import HazardModel

    model = HazardModel(_irregular_at("2024-06-30"), reference_date="2024-06-30", shocks=shocks)
    design, _ = model._design()
    shock_columns = design[:, len(model.fixed_effects()):]
    assert shock_columns.shape[1] > 0
    fractional = (np.abs(shock_columns) > 1e-9) & (np.abs(np.abs(shock_columns) - 1) > 1e-9)
    assert fractional.any(), "no interval straddles a half-year end in this case"
    assert (np.abs(shock_columns) <= 1 + 1e-12).all()


def test_the_default_pools_the_iid_and_the_random_walk_readings_in_equal_shares():
    from cdsanalysis.model.hazard import COMBINED_SHOCKS, simulate, simulate_shocks
    from cdsanalysis.model.registry import StartState

    dataset = load_dataset()
    state = StartState.from_dataset(dataset, pd.Timestamp("2024-06-30"))
    dates = pd.DatetimeIndex(["2024-12-31", "2025-12-31"])
    pooled, shown = simulate(dataset, state, dates, 101, np.random.default_rng(5))
    rng = np.random.default_rng(5)
    parts = [simulate_shocks(dataset, state, dates, n, rng, shocks=s)
             for s, n in zip(COMBINED_SHOCKS, (51, 50), strict=True)]
    assert COMBINED_SHOCKS == ("iid", "rw")
    assert np.array_equal(pooled, np.concatenate([parts[0][0], parts[1][0]], axis=0))
    assert shown.shocks == "iid"
    # the two readings differ: pooling them is not a relabelling of one model
    assert not np.array_equal(np.sort(parts[0][0][:50, :, -1].sum(axis=1)), np.sort(parts[1][0][:, :, -1].sum(axis=1)))


def _bundled_then_quiet() -> Dataset:
    """The bundled data (rises at 30/6/2024) then six monthly reports without a single recognition."""
    dataset = load_dataset()
    june = dataset.progress[(dataset.progress["district_code"] != "")
                            & (dataset.progress["as_of"] == "2024-06-30")]
    months = pd.date_range("2024-07-31", "2024-12-31", freq="ME")
    return _with_rows(dataset, [june.assign(as_of=month, status="illustrative") for month in months])


def test_a_quiet_stretch_after_the_last_round_is_a_backlog_for_the_next(monkeypatch):
    from cdsanalysis.model import anchors

    quiet = _bundled_then_quiet()
    codes = tuple(quiet.districts()["district_code"])
    segments = open_segments(quiet.progress, codes)
    assert (segments["anchor_date"] == pd.Timestamp("2024-12-31")).all()
    assert (segments["backlog_from"] == pd.Timestamp("2024-06-30")).all()  # the last rise anywhere
    with_backlog = forecast(quiet, until="2025-06-30", draws=2000, seed=0)
    monkeypatch.setattr(anchors, "last_round_date", lambda rows: None)  # as before: the quiet months count
    without = forecast(quiet, until="2025-06-30", draws=2000, seed=0)
    gain = {name: result.paths[:, :, -1].sum(axis=1).mean() - result.start.sum()
            for name, result in (("with", with_backlog), ("without", without))}
    # Communes made ready since the June round wait for the next one: more of them come in 2025's first half.
    assert gain["with"] > 1.08 * gain["without"], gain


def test_no_quiet_stretch_no_backlog(monkeypatch):
    from cdsanalysis.model import anchors

    dataset = load_dataset()  # every district's last figure is a rise or sits on its last anchor
    segments = open_segments(dataset.progress, tuple(dataset.districts()["district_code"]))
    assert (segments["backlog_from"] == segments["anchor_date"]).all()
    a = forecast(dataset, draws=300, seed=3)
    monkeypatch.setattr(anchors, "last_round_date", lambda rows: None)
    b = forecast(dataset, draws=300, seed=3)
    assert np.array_equal(a.paths, b.paths)


@pytest.mark.parametrize("lang, words", [("vi", "chưa có xã nào được công nhận thêm"),
                                         ("en", "no commune has been recognised")])
def test_the_reports_name_the_quiet_stretch_the_forecast_counts_as_a_backlog(lang, words):
    from cdsanalysis.report.content.district import unit_report

    quiet = forecast(_bundled_then_quiet(), draws=300, seed=0)
    page = unit_report(quiet, "", lang)
    assert page.quiet_since == pd.Timestamp("2024-06-30")
    line = page.interval_line()
    assert words in line.lower() and "6" in line, line
    district = unit_report(quiet, quiet.district_codes[0], lang)  # every page: the rounds are the province's
    assert words in district.interval_line().lower()
    plain = unit_report(forecast(load_dataset(), draws=300, seed=0), "", lang)
    assert plain.quiet_since is None and words not in plain.interval_line().lower()


def test_a_first_figure_after_the_last_round_shows_no_quiet_stretch():
    """A partial return whose districts' illustrative history was replaced: their first figure cannot show
    a rise, so it cannot show the months since the last round quiet either (no backlog, no sentence)."""
    from cdsanalysis.report.content.district import unit_report

    dataset = load_dataset()
    progress = dataset.progress
    codes = list(dataset.districts()["district_code"][:3])
    june = progress[progress["district_code"].isin(codes) & (progress["as_of"] == "2024-06-30")]
    july = june.assign(as_of=pd.Timestamp("2024-07-31"), completed=june["completed"] + 2, status="actual")
    kept = progress[~progress["district_code"].isin(codes)]
    partial = Dataset(dataset.units, pd.concat([kept, july], ignore_index=True), dataset.targets, source="test")
    segments = open_segments(partial.progress, tuple(partial.districts()["district_code"]))
    assert (segments.loc[codes, "anchor_date"] == pd.Timestamp("2024-07-31")).all()
    assert (segments["backlog_from"] == segments["anchor_date"]).all()
    page = unit_report(forecast(partial, draws=300, seed=0), "", "vi")
    assert page.quiet_since is None and "chưa có xã nào được công nhận thêm" not in page.interval_line()
