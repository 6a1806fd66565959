"""Assessment of targets on forecasts built by hand from known paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.assessment import Status, assess, current_pace
from cdsanalysis.model.projection import Forecast
from cdsanalysis.settings import DAYS_PER_MONTH, Thresholds
from cdsanalysis.wording import LANGS, status_label, words

AS_OF = pd.Timestamp("2024-06-30")
DATES = pd.DatetimeIndex(["2024-06-30", "2024-12-31", "2025-06-30"])
MONTHS_TO_END_2024 = 184 / DAYS_PER_MONTH  # 2024-06-30 -> 2024-12-31

# code: (communes, observations (date, completed), paths of 5 draws on DATES[1] and DATES[2])
DISTRICTS = {
    "A": (20, [("2022-06-30", 0), ("2023-06-30", 4), ("2024-06-30", 10)],
          [[10, 12, 12, 12, 12], [11, 12, 13, 13, 14]]),
    "B": (10, [("2024-06-30", 2)], [[2, 2, 2, 2, 5], [2, 2, 3, 3, 5]]),  # one observation
    "C": (8, [("2024-01-01", 2), ("2024-06-30", 8)], [[8] * 5, [8] * 5]),  # already complete
}
TARGETS = [
    ("A", "2023-06-30", 4, "commune_quota"),    # passed, met by the deadline -> achieved
    ("A", "2023-12-31", 12, "commune_quota"),   # passed, not met -> missed
    ("A", "2023-12-31", 8, "all_communes"),     # passed; 4 by the deadline, 10 now -> achieved late
    ("C", "2023-12-31", 1, "commune_quota"),    # passed; nothing recorded by then, 8 now -> no figure (issue 19)
    ("A", "2024-12-31", 12, "commune_quota"),   # 4 of 5 paths -> p = 0.8 exactly -> on track
    ("A", "2025-06-30", 14, "commune_quota"),   # 1 of 5 -> p = 0.2 exactly -> at risk
    ("A", "2025-06-30", 15, "all_communes"),    # 0 of 5 -> off track
    ("A", "2026-12-31", 20, "all_communes"),    # after the last forecast date
    ("B", "2024-12-31", 5, "commune_quota"),    # p = 0.2, pace unknown (one observation)
    ("C", "2024-12-31", 8, "all_communes"),     # already achieved
    ("", "2025-06-30", 23, "commune_quota"),    # province sums 21, 22, 24, 24, 27 -> p = 0.6
]


def make_dataset(districts: dict, targets: list) -> Dataset:
    units = pd.DataFrame([
        {"district_code": code, "district_name": f"Huyện Thử {code}", "district_type": "huyện",
         "commune_code": f"{code}{i:04d}", "commune_name": f"Xã Số {code} {i}", "commune_type": "xã",
         "source": "test"}
        for code, (total, _, _) in districts.items() for i in range(total)])
    progress = pd.DataFrame([
        {"district_code": code, "district_name": "", "as_of": date, "completed": n, "source": "test",
         "status": "illustrative", "note": ""}
        for code, (_, observations, _) in districts.items() for date, n in observations])
    targets = pd.DataFrame([
        {"district_code": code, "district_name": "", "deadline": deadline, "target": target, "kind": kind,
         "source": "test", "status": "illustrative", "note": ""}
        for code, deadline, target, kind in targets])
    return Dataset.from_frames(units, progress, targets, validate=False)


def hand_made_forecast(districts: dict = DISTRICTS, targets: list = TARGETS) -> Forecast:
    """A Forecast whose paths are given, not simulated; districts without observations have no data."""
    dataset = make_dataset(districts, targets)
    codes = tuple(districts)
    paths = np.zeros((5, len(codes), len(DATES)), dtype=np.int32)
    start = np.array([obs[-1][1] if obs else 0 for _, obs, _ in districts.values()])
    start_dates = pd.DatetimeIndex([obs[-1][0] if obs else pd.NaT for _, obs, _ in districts.values()])
    for j, (_, _, later) in enumerate(districts.values()):
        paths[:, j, 0] = start[j]
        paths[:, j, 1], paths[:, j, 2] = later
    return Forecast(dataset=dataset, as_of=AS_OF, model="hand", seed=None, dates=DATES, district_codes=codes,
                    communes_total=np.array([d[0] for d in districts.values()]), start=start,
                    start_dates=start_dates, paths=paths)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    result = assess(hand_made_forecast())
    return result.set_index(["district_code", result["deadline"].dt.strftime("%Y-%m-%d"), "target"])


@pytest.mark.parametrize("key, p_meet, status", [
    (("A", "2023-06-30", 4), 1.0, Status.ACHIEVED),
    (("A", "2023-12-31", 12), 0.0, Status.MISSED),
    (("A", "2023-12-31", 8), 0.0, Status.ACHIEVED_LATE),
    (("C", "2023-12-31", 1), np.nan, Status.NO_FIGURE),
    (("A", "2024-12-31", 12), 0.8, Status.ON_TRACK),
    (("A", "2025-06-30", 14), 0.2, Status.AT_RISK),
    (("A", "2025-06-30", 15), 0.0, Status.OFF_TRACK),
    (("A", "2026-12-31", 20), np.nan, Status.BEYOND_HORIZON),
    (("B", "2024-12-31", 5), 0.2, Status.AT_RISK),
    (("C", "2024-12-31", 8), 1.0, Status.ACHIEVED),
    (("", "2025-06-30", 23), 0.6, Status.AT_RISK),
])
def test_probability_and_status_by_hand(table, key, p_meet, status):
    row = table.loc[key]
    assert row["p_meet"] == pytest.approx(p_meet, nan_ok=True)
    assert row["status"] == status.value


def test_expected_interval_and_current_count(table):
    row = table.loc[("A", "2024-12-31", 12)]
    assert row["expected"] == pytest.approx(11.6)
    assert (row["lower"], row["upper"]) == (10, 12)  # 10 % and 90 % quantiles of 10, 12, 12, 12, 12
    province = table.loc[("", "2025-06-30", 23)]
    assert province["completed"] == 10 + 2 + 8 and province["communes_total"] == 38
    assert province["expected"] == pytest.approx((21 + 22 + 24 + 24 + 27) / 5)
    passed = table.loc[("A", "2023-12-31", 12)]
    assert np.isnan(passed["expected"]) and np.isnan(passed["required_pace"])


def test_paces_by_hand(table):
    # A: 12 months before 2024-06-30 lies 0.75 day after 2023-06-30 (366 days earlier), where
    # the interpolated count is 4 + 6 * 0.75 / 366.
    a_pace = (10 - (4 + 6 * 0.75 / 366)) / 12
    row = table.loc[("A", "2024-12-31", 12)]
    assert row["current_pace"] == pytest.approx(a_pace)
    assert row["required_pace"] == pytest.approx(2 / MONTHS_TO_END_2024)
    assert row["pace_ratio"] == pytest.approx(a_pace / (2 / MONTHS_TO_END_2024))
    # B: one observation, so no pace; required pace still known.
    b = table.loc[("B", "2024-12-31", 5)]
    assert np.isnan(b["current_pace"]) and np.isnan(b["pace_ratio"])
    assert b["required_pace"] == pytest.approx(3 / MONTHS_TO_END_2024)
    # C: under 12 months of data, so the whole span: 6 communes in 181 days; target met.
    c = table.loc[("C", "2024-12-31", 8)]
    assert c["current_pace"] == pytest.approx(6 / (181 / DAYS_PER_MONTH))
    assert c["required_pace"] == 0.0 and np.isnan(c["pace_ratio"])
    # The province's pace would sum the districts', but B's is unknown.
    assert np.isnan(table.loc[("", "2025-06-30", 23), "current_pace"])


def test_current_pace_of_a_district_without_observations_is_nan():
    progress = make_dataset(DISTRICTS, TARGETS).progress
    assert np.isnan(current_pace(progress, ("A", "Z"))[1])


def test_table_layout_and_one_row_per_target(table):
    result = assess(hand_made_forecast())
    assert len(result) == len(TARGETS)
    assert result.columns[:2].tolist() == ["district_code", "district_name"]
    for column in ["deadline", "target", "kind", "p_meet", "expected", "lower", "upper", "current_pace",
                   "required_pace", "pace_ratio", "status"]:
        assert column in result.columns
    assert not [c for c in result.columns if c.startswith("status_")]  # labels are the writers' job, not the model's
    assert result.loc[result["district_code"] == "", "district_name"].item() == "Toàn tỉnh"


def test_thresholds_are_parameters():
    result = assess(hand_made_forecast(), thresholds=Thresholds(on_track=0.9, at_risk=0.1))
    row = result[(result["district_code"] == "A") & (result["target"] == 12)
                 & (result["deadline"] == "2024-12-31")]
    assert row["status"].item() == Status.AT_RISK.value
    with pytest.raises(CdsAnalysisError):
        Thresholds(on_track=0.2, at_risk=0.5)


def test_targets_passed_as_a_frame_with_iso_strings():
    targets = pd.DataFrame({"district_code": ["A", "B"], "deadline": ["2024-12-31", "2025-06-30"],
                            "target": [11, 3], "kind": ["commune_quota", "commune_quota"]})
    result = assess(hand_made_forecast(), targets)
    assert result["p_meet"].tolist() == pytest.approx([0.8, 0.6])


@pytest.mark.parametrize("targets, message", [
    (pd.DataFrame({"district_code": ["A"], "deadline": ["2024-09-30"], "target": [11], "kind": ["x"]}),
     "not forecast dates"),
    (pd.DataFrame({"district_code": ["Z"], "deadline": ["2024-12-31"], "target": [1], "kind": ["x"]}),
     "unknown district"),
])
def test_targets_the_forecast_cannot_answer_raise(targets, message):
    with pytest.raises(CdsAnalysisError, match=message):
        assess(hand_made_forecast(), targets)


def test_district_without_data_is_insufficient_and_so_is_the_province():
    districts = DISTRICTS | {"D": (6, [], [[0] * 5, [0] * 5])}
    targets = [("D", "2024-12-31", 3, "commune_quota"), ("", "2025-06-30", 23, "commune_quota"),
               ("A", "2024-12-31", 12, "commune_quota")]
    result = assess(hand_made_forecast(districts, targets)).set_index("district_code")
    for code in ("D", ""):
        assert result.loc[code, "status"] == Status.INSUFFICIENT_DATA.value
        assert np.isnan(result.loc[code, "p_meet"]) and pd.isna(result.loc[code, "completed"])
    assert result.loc["A", "status"] == Status.ON_TRACK.value


def test_labels_cover_every_status_in_both_languages():
    for lang in LANGS:
        assert set(words(lang)["status"]) == {s.value for s in Status}
    assert status_label("on_track", "vi") == words("vi")["status"]["on_track"]
    assert status_label(Status.OFF_TRACK, "en") == words("en")["status"]["off_track"]
    with pytest.raises(CdsAnalysisError):
        status_label("on_track", "fr")


def test_a_past_deadline_without_a_figure_is_not_achieved_and_statuses_follow_the_printed_chance():
    # Issue 19 (points 3 and 6): a district whose first figure comes after a deadline shows "no figure at
    # the deadline" for it, never "achieved"; and a chance printed "80 %" is on track however it rounds.
    from cdsanalysis.model.assessment import DISPLAY_DECIMALS, Status, assess
    from cdsanalysis.model.projection import forecast
    from tests.builders import make_dataset

    observations = [("A", "2024-12-31", 13), ("B", "2022-12-31", 1), ("B", "2024-12-31", 5)]
    dataset = make_dataset({"A": 20, "B": 10}, observations)
    targets = pd.DataFrame({"district_code": ["A", "B"], "deadline": ["2023-12-31", "2023-12-31"],
                            "target": [5, 1], "kind": "commune_quota"})
    table = assess(forecast(dataset, as_of="2024-12-31", until="2025-12-31", model="last"), targets)
    rows = table.set_index("district_code")
    assert rows.loc["A", "status"] == Status.NO_FIGURE and np.isnan(rows.loc["A", "p_meet"])
    assert rows.loc["B", "status"] == Status.ACHIEVED  # 1 recorded by 2022-12-31, so met on time
    assert DISPLAY_DECIMALS == 2
    assert np.round(0.79775, DISPLAY_DECIMALS) >= 0.8  # both of issue 19's "80 %" read as on track
