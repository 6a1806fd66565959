"""Everything one district's (or the province's) report shows: its facts, tables and chart, as values.

`unit_report` computes a `DistrictReport` from a forecast; the template notebook's entry point
(`cdsanalysis.report.run.notebook.build_district_report`) loads or fits that forecast first. No
files and no markup here: `cdsanalysis.report.writers` turn a report into pages, Word and cells.
The province is reported like a district (code ``PROVINCE_CODE``, its history the districts' sum
where it has none of its own); `cdsanalysis.report.content.province` builds it. The words are
`cdsanalysis.wording`'s.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.data.freshness import district_freshness, stale_data_note
from cdsanalysis.data.provenance import illustrative_sources
from cdsanalysis.data.province_series import province_history
from cdsanalysis.data.schema import RECOGNISED
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.anchors import half_years_covered
from cdsanalysis.model.assessment import assess, closed_note
from cdsanalysis.model.store import load_forecast
from cdsanalysis.report.content.charts import to_png, trajectory_specs
from cdsanalysis.report.content.current import (
    district_behind_lines,
    own_figure_dates,
    province_figure,
    unit_figures,
    with_current_figures,
)
from cdsanalysis.report.content.forecast_cache import SharedForecasts, shared_forecasts
from cdsanalysis.report.content.text import interval_text, ratio_label
from cdsanalysis.settings import DEFAULT_THRESHOLDS, PROVINCE_CODE
from cdsanalysis.wording import status_label, words
from cdsanalysis.wording.formats import format_chance, format_date, format_number, format_percent
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover

    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.projection import Forecast


# --------------------------------------------------------------------------------------------
# The report of one district
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class DistrictReport:
    """One district's report: the facts, the tables and the chart a reader sees.

    Made by `unit_report`. ``assessment`` is `cdsanalysis.model.assessment.assess` restricted
    to the district (the same numbers as the batch summary); ``band`` holds the forecast
    median with its 50 % and 80 % intervals per forecast date; ``baselines`` the baseline
    counts at each deadline.
    """

    district_code: str
    district_name: str
    short_name: str
    communes_total: int
    completed: int
    observed_on: pd.Timestamp
    data_status: str
    as_of: pd.Timestamp
    lang: str
    model: str
    draws: int
    seed: int | None
    forecast_source: str
    forecast_file: str | None
    history: pd.DataFrame
    targets: pd.DataFrame
    assessment: pd.DataFrame
    band: pd.DataFrame
    baselines: pd.DataFrame
    illustrative: tuple[str, ...]
    stale: str = ""
    """The stale-data warning (`cdsanalysis.data.freshness`), "" when the figures are recent enough."""
    periods: int = 0
    """Observation dates the pooled model was fitted on (every district's, up to ``as_of``): the
    number the "how sure" sentence quotes, for the province and every district alike."""
    frame_totals: pd.DataFrame | None = None
    """The province's communes in each administrative frame (the chart's stepped total; province only)."""
    closed: str = ""
    """Why the district's later targets are closed (it ceased by a merger, issue 22); "" when it did not."""
    records: tuple[str, ...] = ()
    """What the offices' other records say: the district's own claim beside the province's recognitions,
    and the communes no decision has recognised yet (issue 21); empty when the data hold neither."""
    own_periods: int | None = None
    """Dates the district's own recognised figures cover (None for the province): the "how sure" sentence
    of a district with one figure must not quote the pooled model's five dates as its own."""
    quiet_since: pd.Timestamp | None = None
    """The province's last round when no commune has been recognised since and the forecast counts the
    communes made ready meanwhile as a backlog for the next round (`anchors.backlog_since`); None otherwise."""
    standing: tuple[str, ...] = ()
    """The province's standing in words when its current figure is the sum of the districts' latest figures
    (`cdsanalysis.report.content.current`); empty: `standing_line` says it."""
    behind: str = ""
    """"Chưa có số liệu mới từ 30/06/2024 …" for a district the latest round left behind; "" otherwise."""
    units: pd.DataFrame | None = field(default=None, repr=False)
    """The province's table of each district's latest figure, its date and freshness (None for a district)."""
    chart_note: str = ""
    """Under the chart: why the forecast can start above the last observed point (the months since a
    unit's latest figure are simulated); "" when every figure is current."""
    prepared_png: bytes | None = field(default=None, repr=False)
    prepared_compact_png: bytes | None = field(default=None, repr=False)

    TARGET_KEYS = ["deadline", "target", "kind", "target_status", "p_meet", "forecast", "status"]
    PACE_KEYS = ["deadline", "target", "current_pace", "required_pace", "pace_ratio", "pace_note"]
    BASELINE_KEYS = ["deadline", "target", "model", "model_meets", "steady_meets", "linear", "last"]
    """What each column of `targets_frame`, `pace_frame` and `baselines_frame` holds (for the page tables)."""

    @property
    def text(self) -> dict:
        return words(self.lang)["report"]

    # ---- prose ----------------------------------------------------------------------------
    def standing_lines(self) -> list[str]:
        """The "Hiện trạng" sentences: the province's sum beside its official total, or the one figure."""
        return list(self.standing) if self.standing else [self.standing_line()]

    def standing_line(self) -> str:
        kind = self.text["data_kind"].get(self.data_status, self.data_status)
        return self.text["standing_line"].format(
            done=self.completed, total=self.communes_total,
            share=format_percent(self.completed / self.communes_total, self.lang),
            date=format_date(self.observed_on, self.lang), kind=kind)

    def interval_line(self) -> str:
        """The median and 80 % interval at each open target deadline, in words; why, when wide.

        For the province (code "") the reason speaks of the province's rounds; for a district, of
        the rounds every district feels. "" when no open deadline is forecast.
        """
        deadlines = sorted(self.assessment.loc[self.assessment["deadline"] > self.as_of, "deadline"].unique())
        band = self.band.set_index("date")
        rows = [(format_date(d, self.lang), *band.loc[d, ["median", "lower80", "upper80"]].astype(float))
                for d in deadlines if d in band.index]
        province = self.district_code == PROVINCE_CODE
        place = self.text["province_place"] if province else self.short_name
        text = interval_text(self.lang, place=place, rows=rows, pending=self.communes_total - self.completed,
                             periods=self.periods, province=province, own=self.own_periods)
        if text and self.quiet_since is not None:
            months = (self.as_of.to_period("M") - self.quiet_since.to_period("M")).n
            text += " " + self.text["backlog_line"].format(date=format_date(self.quiet_since, self.lang),
                                                            months=months)
        return text

    def method_note_list(self) -> list[str]:
        """The method notes, one sentence group each, in the report's language."""
        on_track = format_percent(DEFAULT_THRESHOLDS.on_track, self.lang)
        at_risk = format_percent(DEFAULT_THRESHOLDS.at_risk, self.lang)
        return [note.format(draws=self.draws, seed=self.seed, on_track=on_track, at_risk=at_risk)
                for note in self.text["method_notes"]]

    # ---- tables ---------------------------------------------------------------------------
    def targets_frame(self) -> pd.DataFrame:
        """Per target: deadline, target, kind, its source, P(meet), the forecast (median and interval), status.

        One forecast figure: the median of the paths at the deadline, with the interval of
        `interval_level` around it ("—" for deadlines that have passed).
        """
        t, lang, a = self.text, self.lang, self.assessment
        cols = t["columns"]
        median = self.band.set_index("date")["median"] if len(self.band) else pd.Series(dtype=float)

        def forecast(deadline, lower, upper) -> str:
            if pd.isna(lower) or deadline not in median.index:
                return "—"
            return f"{format_number(median[deadline], lang, 0)} ({int(lower)}–{int(upper)})"

        return pd.DataFrame({
            cols["deadline"]: [format_date(d, lang) for d in a["deadline"]],
            cols["target"]: a["target"].astype(int).tolist(),
            cols["kind"]: [t["target_kind"].get(k, k) for k in a["kind"]],
            cols["target_status"]: [t["target_status"].get(s, s) for s in a["target_status"]],
            cols["p_meet"]: [format_chance(p, lang, status=s, certain=bool(n > self.communes_total))
                             for p, s, n in zip(a["p_meet"], a["status"], a["target"], strict=False)],
            cols["forecast"]: [forecast(d, lo, hi)
                               for d, lo, hi in zip(a["deadline"], a["lower"], a["upper"], strict=False)],
            cols["status"]: [status_label(s, lang) for s in a["status"]],
        })

    def pace_frame(self) -> pd.DataFrame:
        """Per open target: current and required pace (communes a month), their ratio and its label."""
        t, lang = self.text, self.lang
        cols = t["columns"]
        a = self.assessment[self.assessment["deadline"] > self.as_of]
        return pd.DataFrame({
            cols["deadline"]: [format_date(d, lang) for d in a["deadline"]],
            cols["target"]: a["target"].astype(int).tolist(),
            cols["current_pace"]: [format_number(v, lang, 2) for v in a["current_pace"]],
            cols["required_pace"]: [format_number(v, lang, 2) for v in a["required_pace"]],
            cols["pace_ratio"]: [format_number(v, lang, 2) for v in a["pace_ratio"]],
            cols["pace_note"]: [words(lang)["ratio"][ratio_label(v)] for v in a["pace_ratio"]],
        })

    def baselines_frame(self) -> pd.DataFrame:
        """Per open target: the model's median and P(meet), the same with today's rate held (the
        `steady` sensitivity), the linear trend and the last value."""
        t, lang = self.text, self.lang
        cols = t["columns"]
        b = self.baselines

        def met(values: pd.Series) -> list[str]:
            return [f"{int(v)} ({t['yes'] if v >= target else t['no']})"
                    for v, target in zip(values, b["target"], strict=False)]

        return pd.DataFrame({
            cols["deadline"]: [format_date(d, lang) for d in b["deadline"]],
            cols["target"]: b["target"].astype(int).tolist(),
            cols["model"]: [format_number(v, lang, 0) for v in b["model_median"]],
            cols["model_meets"]: [format_chance(p, lang) for p in b["p_meet"]],
            cols["steady_meets"]: [format_chance(p, lang) for p in b["steady_p_meet"]],
            cols["linear"]: met(b["linear"]),
            cols["last"]: met(b["last"]),
        })

    # ---- chart and facts ------------------------------------------------------------------
    def _chart_options(self) -> dict:
        return {"name": self.district_name, "as_of": self.as_of, "communes_total": self.communes_total,
                "lang": self.lang, "model": self.model, "draws": self.draws, "illustrative": bool(self.illustrative),
                "frame_totals": self.frame_totals}

    def chart_png(self) -> bytes:
        """The chart as PNG (drawn offline by vl-convert, the same bytes on every run; drawn once)."""
        return self.prepared_png if self.prepared_png is not None else self._drawn_png

    def compact_chart_png(self) -> bytes:
        """The compact chart as PNG, for screens narrower than the wide chart (drawn once)."""
        return self.prepared_compact_png if self.prepared_compact_png is not None else self._drawn_compact_png

    @functools.cached_property
    def _chart_specs(self) -> tuple[dict, dict]:
        # Drawing is most of a report's time (altair's spec, then vl-convert): the page's chart
        # section and the notebook's PNG output both ask for it; altair builds the wide chart only.

        return trajectory_specs(self.history, self.band, self.targets, **self._chart_options())

    @functools.cached_property
    def _drawn_png(self) -> bytes:
        return to_png(self._chart_specs[0])

    @functools.cached_property
    def _drawn_compact_png(self) -> bytes:
        return to_png(self._chart_specs[1])

    def to_frame(self) -> pd.DataFrame:
        """The assessment rows of this district (the batch summary's columns)."""
        return self.assessment.copy()

    def _repr_html_(self) -> str:
        return (f"<b>DistrictReport</b> {self.district_name} ({self.district_code}), as of "
                f"{self.as_of:%Y-%m-%d}: {self.completed}/{self.communes_total} completed; "
                f"{len(self.assessment)} targets")


def fitted_periods(result: Forecast) -> int:
    """How many half-years of figures the pooled model rests on: every district's, up to ``as_of``.

    The model reads its pace between half-years (monthly figures of one half-year are one point of
    the trend, not six), the province's own rows can be fewer than the districts', and a district's
    own history is not what the pooled trend was fitted on, so every report quotes this number.
    """
    progress = result.dataset.progress
    dates = progress.loc[(progress["district_code"] != PROVINCE_CODE) & (progress["as_of"] <= result.as_of), "as_of"]
    return half_years_covered(dates)


def forecast_band(result: Forecast, district_code: str) -> pd.DataFrame:
    """Per forecast date: mean, median and the 50 % and 80 % intervals of a district ("" = province).

    Columns ``date, mean, median, lower50, upper50, lower80, upper80``, from `Forecast.summary`.
    """
    return band_of(result.summary(DEFAULT_THRESHOLDS.interval_level), result.summary(0.5), district_code)


def band_of(wide: pd.DataFrame, narrow: pd.DataFrame, district_code: str) -> pd.DataFrame:
    """`forecast_band` from the summaries at the 80 % (``wide``) and 50 % (``narrow``) levels."""
    wide, narrow = wide[wide["district_code"] == district_code], narrow[narrow["district_code"] == district_code]
    return pd.DataFrame({"date": wide["date"].to_numpy(), "mean": wide["mean"].to_numpy(),
                         "median": wide["median"].to_numpy(), "lower50": narrow["lower"].to_numpy(),
                         "upper50": narrow["upper"].to_numpy(), "lower80": wide["lower"].to_numpy(),
                         "upper80": wide["upper"].to_numpy()})


def _district_history(dataset: Dataset, code: str) -> pd.DataFrame:
    rows = dataset.progress[dataset.progress["district_code"] == code]
    rows = rows.reindex(columns=["as_of", "completed", "status", "source", "measure"]).fillna({"measure": RECOGNISED})
    return rows.sort_values("as_of", kind="stable").reset_index(drop=True)


def records_lines(dataset: Dataset, code: str, as_of: pd.Timestamp, lang: str) -> tuple[str, ...]:
    """The claim beside the recognitions and the communes still to go, in words (issue 21).

    The claim is the district's latest own statement on or before ``as_of`` with the province's
    recognised count on that date; the communes are listed only when recognition records exist.
    """
    text, lines = words(lang)["report"], []
    if code == PROVINCE_CODE:
        return ()
    claims = dataset.claims_beside_recognitions()
    claims = claims[(claims["district_code"] == code) & (claims["as_of"] <= as_of)]
    if len(claims):
        row = claims.sort_values("as_of", kind="stable").iloc[-1]
        lines.append(text["claim_line"].format(claimed=int(row["claimed"]), date=format_date(row["as_of"], lang),
                                               recognised=int(row["recognised"]), gap=int(row["gap"])))
    if dataset.recognitions is not None:
        left = dataset.communes_remaining(code, as_of)
        if left.empty:
            lines.append(text["remaining_none"])
        else:
            lines.append(text["remaining_line"].format(n=len(left), names=", ".join(left["commune_name"])))
    return tuple(lines)


def unit_report(result: Forecast, code: str, lang: str, *, forecast_file: str | os.PathLike | None = None,
                source: str = "file", shared: SharedForecasts | None = None) -> DistrictReport:
    """The report of district ``code`` ("" = the province) from a forecast.

    ``shared``: what `build_district_report` already has of ``result`` (from its cache).
    """
    if shared is None:
        shared = shared_forecasts(result, load_forecast(forecast_file, model="steady") if forecast_file else None)
    dataset = result.dataset
    names = dataset.districts().set_index("district_code")
    if code == PROVINCE_CODE:
        name = short = words(lang)["report"]["province"]
        total = int(result.communes_total.sum())
        history = province_history(dataset, result.as_of)
    else:
        name, short = str(names.at[code, "district_name"]), str(names.at[code, "short_name"])
        total = int(names.at[code, "communes_total"])
        history = _district_history(dataset, code)
    if history.empty:
        raise CdsAnalysisError(said("no_figure_to_forecast", name=name, code=code, date=result.as_of))
    targets = dataset.targets[dataset.targets["district_code"] == code]
    targets = targets[["deadline", "target", "kind", "status", "source"]].sort_values(
        ["deadline", "kind"], kind="stable").reset_index(drop=True)

    fresh = district_freshness(dataset, result.as_of)  # read once: the table, the notices and the units list
    table = with_current_figures(assess(result, targets=dataset.targets[dataset.targets["district_code"] == code]),
                                 dataset, result.as_of, lang, fresh)
    status_of = {(d, k, t): s for d, k, t, s in zip(targets["deadline"], targets["kind"], targets["target"],
                                                    targets["status"], strict=False)}
    table["target_status"] = [status_of.get((d, k, t), "target")
                              for d, k, t in zip(table["deadline"], table["kind"], table["target"], strict=False)]

    band = band_of(shared.wide, shared.narrow, code)

    open_rows = table[(table["deadline"] > result.as_of) & (table["deadline"] <= result.dates[-1])]
    position = result.dates.get_indexer(pd.DatetimeIndex(open_rows["deadline"]))
    baseline_values = {model: _unit_paths(simple, code)[0, simple.dates.get_indexer(
        pd.DatetimeIndex(open_rows["deadline"]))] for model, simple in shared.simple.items()}
    keys = ["deadline", "kind", "target"]
    steady_p = assess(shared.steady, targets=open_rows[["district_code", *keys]]).set_index(keys)["p_meet"].reindex(
        pd.MultiIndex.from_frame(open_rows[keys]))
    model_paths = _unit_paths(result, code)
    medians = np.quantile(model_paths[:, position], 0.5, axis=0, method="inverted_cdf") if len(position) else []
    baselines = pd.DataFrame({
        "deadline": open_rows["deadline"].to_numpy(), "target": open_rows["target"].to_numpy(),
        "model_median": np.asarray(medians, dtype=float), "p_meet": open_rows["p_meet"].to_numpy(),
        "steady_p_meet": steady_p.to_numpy(dtype=float),
        "linear": np.asarray(baseline_values["linear"], dtype=np.int64),
        "last": np.asarray(baseline_values["last"], dtype=np.int64),
    })

    illustrative = illustrative_sources(history["status"], targets["status"], dataset.progress["status"],
                                        pooled=result.model == "hazard")
    recognised = history[history["measure"] == RECOGNISED] if "measure" in history else history
    last = (recognised if len(recognised) else history).iloc[-1]
    figure = province_figure(dataset, result.as_of, fresh) if code == PROVINCE_CODE else None
    behind, chart_note = ("", figure.chart_note(lang)) if figure else \
        district_behind_lines(dataset, code, result.as_of, lang, fresh)
    return DistrictReport(
        district_code=code, district_name=name, short_name=short,
        communes_total=total, completed=figure.figure if figure else int(last["completed"]),
        observed_on=pd.Timestamp(last["as_of"]), data_status=str(last["status"]), as_of=result.as_of,
        lang=lang, model=result.model, draws=result.draws, seed=result.seed, forecast_source=source,
        forecast_file=str(forecast_file) if forecast_file else None,
        history=history, targets=targets, assessment=table.reset_index(drop=True), band=band,
        baselines=baselines, illustrative=illustrative,
        stale=stale_data_note(dataset.until(result.as_of), result.as_of, lang=lang),
        records=records_lines(dataset, code, result.as_of, lang),
        periods=fitted_periods(result),
        own_periods=None if figure else own_figure_dates(dataset, code, result.as_of),
        quiet_since=shared.quiet_since,
        standing=tuple(figure.sentences(lang)) if figure and not figure.same_as_official else (),
        behind=behind, chart_note=chart_note,
        units=unit_figures(dataset, result.as_of, lang, fresh) if figure else None,
        frame_totals=dataset.province_totals() if code == PROVINCE_CODE else None,
        closed=_closed_text(dataset, table, lang),
    )


def _closed_text(dataset: Dataset, table: pd.DataFrame, lang: str) -> str:
    """The reform that closed this district's later targets, with its last state ("" if none is closed)."""
    closed = table[table["status"] == "closed"]
    if closed.empty:
        return ""
    row = closed.iloc[0]
    return closed_note(dataset, str(row["district_code"]), row["completed"], row["communes_total"], lang)


def _unit_paths(result: Forecast, code: str) -> np.ndarray:
    """draws x dates paths of a district, or of the province (the sum of the districts) for ""."""
    return result.province_paths() if code == PROVINCE_CODE else result.district_paths(code)
