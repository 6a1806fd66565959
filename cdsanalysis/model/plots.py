"""Charts of how good the models are: calibration and interval coverage (altair).

They live with the model layer because `Backtest` draws them; report charts are in
`cdsanalysis.report.content.charts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.wording import DEFAULT_LANG, words

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt


def plot_labels(lang: str) -> dict[str, str]:
    """The texts of ``lang`` (the catalogue's ``plot`` words)."""
    return words(lang)["plot"]


def calibration_chart(table: pd.DataFrame, *, lang: str = DEFAULT_LANG) -> alt.LayerChart:
    """Forecast probability against observed frequency, one line per model, with the diagonal.

    ``table``: ``model, predicted, observed, count`` per model and probability bin (the layout
    of `cdsanalysis.model.backtesting.Backtest.calibration`); models keep their order of appearance.
    """
    import altair as alt

    text = plot_labels(lang)
    axis = alt.Scale(domain=[0, 1])
    x = alt.X("predicted:Q", title=text["predicted"], scale=axis, axis=alt.Axis(format=".0%"))
    y = alt.Y("observed:Q", title=text["observed_freq"], scale=axis, axis=alt.Axis(format=".0%"))
    diagonal = pd.DataFrame({"predicted": [0.0, 1.0], "observed": [0.0, 1.0]})
    reference = alt.Chart(diagonal).mark_line(color="#888888", strokeDash=[4, 4]).encode(x=x, y=y)
    color = alt.Color("model:N", title=text["model"], sort=list(dict.fromkeys(table["model"])))
    tooltip = [alt.Tooltip("model:N", title=text["model"]),
               alt.Tooltip("predicted:Q", title=text["predicted"], format=".2f"),
               alt.Tooltip("observed:Q", title=text["observed_freq"], format=".2f"),
               alt.Tooltip("count:Q", title=text["count"])]
    lines = alt.Chart(table).mark_line().encode(x=x, y=y, color=color, tooltip=tooltip)
    points = alt.Chart(table).mark_point(filled=True).encode(x=x, y=y, color=color, tooltip=tooltip,
                                                             size=alt.Size("count:Q", title=text["count"]))
    return alt.layer(reference, lines, points).properties(
        width=360, height=360, title=alt.TitleParams(text["calibration_title"], anchor="start"))


def coverage_chart(table: pd.DataFrame, *, lang: str = DEFAULT_LANG) -> alt.LayerChart:
    """Observed against nominal coverage of the central intervals, one line per model.

    ``table``: ``model, level, coverage, n`` (the layout of `Backtest.coverage`).
    """
    import altair as alt

    text = plot_labels(lang)
    axis = alt.Scale(domain=[0, 1])
    diagonal = alt.Chart(pd.DataFrame({"level": [0.0, 1.0], "coverage": [0.0, 1.0]})).mark_line(
        color="#888888", strokeDash=[4, 4]).encode(
        x=alt.X("level:Q", title=text["nominal"], scale=axis, axis=alt.Axis(format=".0%")),
        y=alt.Y("coverage:Q", title=text["covered"], scale=axis, axis=alt.Axis(format=".0%")))
    lines = alt.Chart(table).mark_line(point=True).encode(
        x=alt.X("level:Q", scale=axis), y=alt.Y("coverage:Q", scale=axis),
        color=alt.Color("model:N", title=text["model"]),  # same colours as calibration_chart
        tooltip=[alt.Tooltip("model:N", title=text["model"]),
                 alt.Tooltip("level:Q", title=text["nominal"], format=".0%"),
                 alt.Tooltip("coverage:Q", title=text["covered"], format=".1%"),
                 alt.Tooltip("n:Q", title=text["count"])])
    return alt.layer(diagonal, lines).properties(
        width=360, height=360, title=alt.TitleParams(text["coverage_title"], anchor="start"))
