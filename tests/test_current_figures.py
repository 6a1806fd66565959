"""One current figure per unit (issue 19, obs. 2 and 4), without rendering: the rules the pages and summaries share."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.freshness import no_figure_since
from cdsanalysis.data.province_series import province_history
from cdsanalysis.model.assessment import province_pace
from cdsanalysis.report.content.current import (
    district_behind_lines,
    own_figure_dates,
    province_figure,
    unit_figures,
    with_current_figures,
)
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import words

ROUND = pd.Timestamp("2024-12-31")


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


@pytest.fixture(scope="module")
def partial(bundled):
    """The bundled data with three districts one commune up on 31/12/2024 (their older rows kept)."""
    latest = bundled.progress[bundled.progress["district_code"] != PROVINCE_CODE].groupby("district_code").tail(1)
    three = latest[latest["measure"] == "recognised"].head(3)
    rows = three.assign(as_of=ROUND, completed=three["completed"] + 1, status="actual", source="test")
    progress = pd.concat([bundled.progress, rows], ignore_index=True)
    return type(bundled)(bundled.units, progress, bundled.targets), list(three["district_code"])


def test_on_the_bundled_data_the_province_figure_is_the_official_one(bundled):
    figure = province_figure(bundled)
    assert (figure.total, figure.official, figure.figure) == (95, 95, 95) and figure.same_as_official
    assert figure.behind == 0 and figure.chart_note("vi") == ""


def test_after_a_partial_return_the_province_figure_is_the_dated_sum_beside_the_official(partial):
    dataset, reporting = partial
    figure = province_figure(dataset)
    assert figure.total == 98 and figure.figure == 98 and figure.official == 95
    assert figure.groups == ((ROUND, 3), (pd.Timestamp("2024-06-30"), 24)) and figure.behind == 24
    vi = words("vi")["current"]
    parts = vi["separator"].join([vi["part"].format(n=3, date="31/12/2024"),
                                  vi["part"].format(n=24, date="30/06/2024")])
    standing, official = figure.sentences("vi")
    assert standing.startswith("98/559") and parts in standing
    assert "95" in official and "30/06/2024" in official
    assert "24" in figure.chart_note("en") and "98" in figure.chart_note("en")


def test_the_province_s_observed_points_reach_the_figure_the_forecast_starts_from(partial):
    dataset, _ = partial
    points = province_history(dataset)
    assert list(points["completed"]) == [35, 95, 98] and points["as_of"].iloc[-1] == ROUND
    assert points["status"].iloc[-1] == "illustrative"  # the sum of illustrative terms is illustrative
    assert list(province_history(dataset, as_of="2024-06-30")["completed"]) == [35, 95]
    pace = province_pace(dataset)
    # 12 months (365.25 days) before 31/12/2024 lies 0.75 day after 31/12/2023, between the 35 and the 95
    then = 35 + 0.75 / (pd.Timestamp("2024-06-30") - pd.Timestamp("2023-12-31")).days * (95 - 35)
    assert math.isclose(pace, (98 - then) / 12, rel_tol=1e-9)


def test_a_district_the_round_left_behind_says_since_when(partial):
    dataset, reporting = partial
    behind = next(c for c in dataset.districts()["district_code"] if c not in reporting)
    notice, note = district_behind_lines(dataset, behind, ROUND, "vi")
    since = no_figure_since(pd.Timestamp("2024-06-30"), "vi")
    assert notice.lower().startswith(since) and "31/12/2024" in notice and "30/06/2024" in note
    assert district_behind_lines(dataset, reporting[0], ROUND, "vi") == ("", "")
    assert own_figure_dates(dataset, reporting[0], ROUND) == own_figure_dates(dataset, reporting[0], "2024-06-30") + 1


def test_the_summary_rows_carry_each_figure_s_date_freshness_and_the_province_s_pace(partial):
    dataset, reporting = partial
    table = pd.DataFrame({"district_code": ["", reporting[0], "387"], "completed": pd.array([98, 1, 3], "Int64"),
                          "current_pace": [math.nan, 0.1, 0.2], "required_pace": [10.0, 1.0, 1.0],
                          "pace_ratio": [math.nan, 0.1, 0.2], "data_status": ["actual", "actual", "illustrative"]})
    out = with_current_figures(table, dataset, ROUND, "en").set_index("district_code")
    assert out.at["387", "freshness"] == "no figure since 2024-06-30"
    assert out.at["387", "latest_date"] == pd.Timestamp("2024-06-30")
    assert out.at[reporting[0], "freshness"] == "" and out.at[reporting[0], "latest_date"] == ROUND
    assert out.at["", "completed"] == 98 and out.at["", "latest_date"] == ROUND
    assert "95" in out.at["", "freshness"] and out.at["", "data_status"] == "illustrative"
    assert math.isnan(out.at["", "current_pace"])  # the pace is assess's, not rewritten here


def test_assess_gives_the_province_the_pace_of_its_own_series(partial):
    """The API (and so the CLI) gives the province the pace of the one series its pages show, not a sum of
    district paces (unknown as soon as a district has a single figure)."""
    from cdsanalysis.model.assessment import assess
    from cdsanalysis.model.projection import forecast

    dataset, _ = partial
    result = forecast(dataset, as_of=ROUND, draws=50, seed=0)
    table = assess(result)
    pace = float(table.loc[table["district_code"] == PROVINCE_CODE, "current_pace"].iloc[0])
    assert math.isclose(pace, province_pace(dataset, ROUND)) and pace > 0


def test_the_province_page_lists_each_unit_s_figure_date_and_freshness(partial):
    dataset, reporting = partial
    table = unit_figures(dataset, ROUND, "vi")
    heads = words("vi")["workbook_columns"]
    assert list(table.columns) == [heads[k] for k in ("district_name", "completed", "latest_date", "freshness")]
    assert len(table) == 27 and (table[heads["freshness"]] != "").sum() == 24
    reported = table[table[heads["latest_date"]] == "31/12/2024"]
    assert len(reported) == 3 and (reported[heads["freshness"]] == "").all()
