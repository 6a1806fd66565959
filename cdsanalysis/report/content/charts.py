"""Every chart of the workbook, so notebooks, reports and Word pastes look alike.

Charts are altair specifications built from plain DataFrames (tested through
``chart.to_dict()``); labels are Vietnamese by default and English with ``lang="en"``.
They leave the package as static PNG through vl-convert (`to_png`, `show`), which needs
no network and is byte-identical from run to run, or as interactive HTML with the Vega
libraries inlined (`show_interactive`), which also opens offline.

altair is imported inside the functions: a kernel that only shows tables never pays for it.

Every PNG is drawn in the package's own typeface, `CHART_FONT` (Noto Sans, subset and renamed, in
``fonts/``, SIL Open Font License; ``scripts/make_chart_font.py``), never in whatever the machine has
installed: the same data give the same picture on every machine (issue 19, obs. 11).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cdsanalysis.data.provenance import illustrative_rows
from cdsanalysis.wording import DEFAULT_LANG, words
from cdsanalysis.wording.formats import format_date

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

CHART_FONT = "CDS Chart Sans"
"""The charts' typeface: a name no installed font shares, so vl-convert can only take the shipped files."""
FONT_DIR = Path(__file__).resolve().with_name("fonts")
"""The shipped font files (Regular and Bold) and their licence."""

WIDTH, HEIGHT = 560, 320
COMPACT_WIDTH, COMPACT_HEIGHT = 300, 240
"""The compact drawing phones get: at 390 px its text shows at about its design size (11-13 px)."""
_LEGEND = {False: {"orient": "right", "symbolType": "circle"},
           True: {"orient": "bottom", "direction": "vertical", "columns": 2, "symbolType": "circle",
                  "labelFontSize": 12, "titleFontSize": 12, "labelLimit": 170}}
_TICKS = {False: 8, True: 4}
_COMPACT_CONFIG = {"axis": {"labelFontSize": 12, "titleFontSize": 12, "labelOverlap": True}, "text": {"fontSize": 12}}
"""What the compact drawing changes beside its size and title: the legend, the date ticks, the text sizes."""

SERIES_COLORS = {
    "observed": "#1a1a1a",
    "observed_claim": "#7a4f01",
    "observed_illustrative": "#8c8c8c",
    "median": "#1f5fa8",
    "band50": "#6d9fd6",
    "band80": "#bcd3ee",
    "target": "#c0171d",
    "target_illustrative": "#f08a6c",
    "required": "#e07b00",
}
"""One colour per series; the legend shows only the series a chart draws."""

_OBSERVED_SERIES = {"actual": "observed", "derived": "observed", "claim": "observed_claim",
                    "illustrative": "observed_illustrative"}


def labels(lang: str) -> dict[str, str]:
    """The chart texts of ``lang`` (the catalogue's ``chart`` words)."""
    return words(lang)["chart"]


def _iso(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Dates as ISO strings: the spec then holds no time zone and is identical on every machine."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d")
    return out


def _series_color(present: list[str], text: dict[str, str], title: str, compact: bool = False) -> alt.Color:
    import altair as alt

    order = [key for key in SERIES_COLORS if key in present]
    return alt.Color(
        "series:N", title=title,
        scale=alt.Scale(domain=[text[key] for key in order], range=[SERIES_COLORS[key] for key in order]),
        legend=alt.Legend(**_LEGEND[compact]),
    )


def required_paths(as_of: object, completed: float, targets: pd.DataFrame) -> pd.DataFrame:
    """Straight lines from today's count to each open target not yet reached.

    Columns ``deadline, date, completed``: two rows per target (start and end), so a
    line per deadline draws the pace needed from ``as_of`` to meet it.
    """
    start = pd.Timestamp(as_of)
    open_targets = targets[(pd.to_datetime(targets["deadline"]) > start) & (targets["target"] > completed)]
    rows = []
    for deadline, target in zip(pd.to_datetime(open_targets["deadline"]), open_targets["target"], strict=False):
        rows += [{"deadline": deadline, "date": start, "completed": float(completed)},
                 {"deadline": deadline, "date": deadline, "completed": float(target)}]
    return pd.DataFrame(rows, columns=["deadline", "date", "completed"])


def trajectory_chart(
    history: pd.DataFrame,
    band: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    name: str,
    as_of: object,
    communes_total: int,
    lang: str = DEFAULT_LANG,
    model: str = "hazard",
    draws: int | None = None,
    compact: bool = False,
    illustrative: bool = False,
    frame_totals: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Observed counts, the forecast median with its 50 % and 80 % bands, targets and the required paths.

    ``illustrative``: the chart rests on illustrative figures; its subtitle says so, so the PNG
    pasted alone into a document keeps the caveat (the legend alone does not carry it).

    ``history``: ``as_of, completed, status`` (observations on or before ``as_of``);
    ``band``: ``date, median, lower50, upper50, lower80, upper80`` (may be empty);
    ``targets``: ``deadline, target, status`` (``target`` or ``illustrative``).
    The y axis runs from 0 to ``communes_total``, drawn as a dotted rule. ``compact``: a
    narrower drawing with larger text and the legend below, for phones. ``frame_totals``: the
    province's communes in each administrative frame (``valid_from``, NaT for the first, and
    ``communes``; `Dataset.province_totals`): with more than one frame the total is drawn as a step
    at each change (559, 558, 547), not as one rule.
    """
    import altair as alt

    text = labels(lang)
    as_of = pd.Timestamp(as_of)
    history = history.sort_values("as_of", kind="stable")
    observed = history.assign(series=history["status"].map(_OBSERVED_SERIES).fillna("observed"))
    latest = float(history["completed"].iloc[-1]) if len(history) else 0.0
    path = required_paths(as_of, latest, targets)
    targets = targets.assign(series=np.where(illustrative_rows(targets["status"]), "target_illustrative", "target"))
    present = sorted(set(observed["series"]) | set(targets["series"])
                     | ({"median", "band50", "band80"} if len(band) else set())
                     | ({"required"} if len(path) else set()))
    color = _series_color(present, text, text["series"], compact)
    x_title, y_title = text["date"], text["completed"]
    first = min([*pd.to_datetime(history["as_of"]), *pd.to_datetime(targets["deadline"]), as_of])
    last = max([as_of, *pd.to_datetime(band["date"]), *pd.to_datetime(targets["deadline"])])
    pad = pd.Timedelta(days=max(20, (last - first).days // 40))  # room for the markers at the edges
    x_scale = alt.Scale(domain=[f"{first - pad:%Y-%m-%d}", f"{last + pad:%Y-%m-%d}"])
    x = alt.X("date:T", title=x_title, scale=x_scale, axis=alt.Axis(format="%m/%Y", tickCount=_TICKS[compact]))
    y_scale = alt.Scale(domain=[0, int(communes_total)], nice=False)
    number = ".0f"

    layers = []
    if len(band):
        band_data = _iso(band, "date")
        for key, low, high in (("band80", "lower80", "upper80"), ("band50", "lower50", "upper50")):
            layers.append(
                alt.Chart(band_data.assign(series=text[key])).mark_area(opacity=0.85)
                .encode(x=x, y=alt.Y(f"{low}:Q", title=y_title, scale=y_scale), y2=f"{high}:Q", color=color,
                        tooltip=[alt.Tooltip("date:T", title=x_title, format="%d/%m/%Y"),
                                 alt.Tooltip(f"{low}:Q", title=f"{text[key]} – {text['lower']}", format=number),
                                 alt.Tooltip(f"{high}:Q", title=f"{text[key]} – {text['upper']}", format=number)]))
        layers.append(
            alt.Chart(band_data.assign(series=text["median"])).mark_line(strokeWidth=2.5)
            .encode(x=x, y=alt.Y("median:Q", title=y_title, scale=y_scale), color=color,
                    tooltip=[alt.Tooltip("date:T", title=x_title, format="%d/%m/%Y"),
                             alt.Tooltip("median:Q", title=text["median"], format=number)]))
    if len(path):
        layers.append(
            alt.Chart(_iso(path, "date", "deadline").assign(series=text["required"]))
            .mark_line(strokeDash=[6, 4], strokeWidth=1.8)
            .encode(x=x, y=alt.Y("completed:Q", title=y_title, scale=y_scale), detail="deadline:N", color=color))
    total = pd.DataFrame({"completed": [int(communes_total)], "label": [f"{text['total']}: {int(communes_total)}"]})
    if frame_totals is not None and len(frame_totals) > 1:  # issue 22: the total follows the frame
        counts = [int(n) for n in frame_totals["communes"]]
        total["label"] = f"{text['total']}: " + " → ".join(str(n) for n in counts)  # 559 → 558 → 547
        steps = pd.DataFrame({"date": [first - pad if pd.isna(d) else d for d in frame_totals["valid_from"]]
                              + [last + pad], "completed": [*counts, counts[-1]]})
        layers.append(alt.Chart(_iso(steps, "date")).mark_line(interpolate="step-after", strokeDash=[2, 3],
                                                                 color="#555555")
                      .encode(x=x, y=alt.Y("completed:Q", scale=y_scale),
                              tooltip=[alt.Tooltip("date:T", title=x_title, format="%d/%m/%Y"),
                                       alt.Tooltip("completed:Q", title=text["total"])]))
    else:
        layers.append(alt.Chart(total).mark_rule(strokeDash=[2, 3], color="#555555").encode(y=alt.Y("completed:Q",
                                                                                                    scale=y_scale)))
    layers.append(alt.Chart(total).mark_text(align="left", baseline="bottom", dx=4, dy=-2, color="#555555")
                  .encode(y=alt.Y("completed:Q", scale=y_scale), x=alt.value(0), text="label:N"))
    if len(history):
        obs = _iso(observed, "as_of").rename(columns={"as_of": "date"})
        obs["series"] = obs["series"].map(text)
        layers.append(alt.Chart(obs).mark_line(color="#1a1a1a", strokeWidth=1.2)
                      .encode(x=x, y=alt.Y("completed:Q", title=y_title, scale=y_scale)))
        layers.append(
            alt.Chart(obs).mark_point(filled=True, size=70, opacity=1)
            .encode(x=x, y=alt.Y("completed:Q", title=y_title, scale=y_scale), color=color,
                    tooltip=[alt.Tooltip("date:T", title=x_title, format="%d/%m/%Y"),
                             alt.Tooltip("completed:Q", title=y_title), alt.Tooltip("series:N", title=text["status"])]))
    if len(targets):
        marks = _iso(targets, "deadline").rename(columns={"deadline": "date"})
        marks["series"] = marks["series"].map(text)
        marks["label"] = marks["target"].astype(int).astype(str)
        layers.append(
            alt.Chart(marks).mark_point(shape="diamond", filled=True, size=150, opacity=1)
            .encode(x=x, y=alt.Y("target:Q", title=y_title, scale=y_scale), color=color,
                    tooltip=[alt.Tooltip("date:T", title=text["deadline"], format="%d/%m/%Y"),
                             alt.Tooltip("target:Q", title=text["target"]),
                             alt.Tooltip("series:N", title=text["status"])]))
        layers.append(alt.Chart(marks).mark_text(align="right", dx=-9, dy=-9, fontWeight="bold", color="#8f1014")
                      .encode(x=x, y=alt.Y("target:Q", scale=y_scale), text="label:N"))
    title = _trajectory_title(name=name, as_of=as_of, lang=lang, model=model, draws=draws, compact=compact,
                              illustrative=illustrative)
    if compact:
        return (alt.layer(*layers).properties(width=COMPACT_WIDTH, height=COMPACT_HEIGHT, title=title)
                .configure_view(stroke=None).configure_axis(**_COMPACT_CONFIG["axis"])
                .configure_text(**_COMPACT_CONFIG["text"]))
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT, title=title).configure_view(stroke=None)


def _trajectory_title(*, name: str, as_of: pd.Timestamp, lang: str, model: str, draws: int | None, compact: bool,
                      illustrative: bool) -> alt.TitleParams:
    """The trajectory chart's title and subtitle (the compact one on more, shorter lines)."""
    import altair as alt

    text = labels(lang)
    subtitle = text["trajectory_subtitle"].format(as_of=format_date(as_of, lang), model=model,
                                                  draws=draws if draws is not None else "–")
    caveat = [text["illustrative_subtitle"]] if illustrative else []
    if compact:
        head, _, tail = text["trajectory_title"].format(name=name).partition(": ")
        first, _, rest = subtitle.partition("; ")
        lines = [first, *([rest] if rest else []), *caveat]
        return alt.TitleParams([f"{head}:", tail] if tail else head, subtitle=lines if len(lines) > 1 else first,
                               anchor="start", fontSize=14, subtitleFontSize=12)
    return alt.TitleParams(text["trajectory_title"].format(name=name),
                           subtitle=[subtitle, *caveat] if caveat else subtitle, anchor="start")


def trajectory_specs(history: pd.DataFrame, band: pd.DataFrame, targets: pd.DataFrame,
                     **options: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The wide and the compact `trajectory_chart` as Vega-Lite dicts, ready to draw.

    The same dicts as ``trajectory_chart(..., compact=False/True).to_dict()``, but altair builds
    only the wide chart (building and serialising a chart costs half as much as drawing it, and a
    render draws both for every district): the compact one is the wide one with the compact
    legend, date ticks, text sizes, size and title. ``options``: those of `trajectory_chart`
    but ``compact``. The tests check both against altair's own.
    """
    import copy

    wide = trajectory_chart(history, band, targets, **options).to_dict(validate=False)
    compact = copy.deepcopy({key: value for key, value in wide.items() if key != "datasets"})
    for layer in compact["layer"]:
        encoding = layer.get("encoding", {})
        if "legend" in encoding.get("color", {}):
            encoding["color"]["legend"] = dict(_LEGEND[True])
        if "axis" in encoding.get("x", {}):
            encoding["x"]["axis"]["tickCount"] = _TICKS[True]
    title = _trajectory_title(name=options["name"], as_of=pd.Timestamp(options["as_of"]),
                              lang=options.get("lang", "vi"), model=options.get("model", "hazard"),
                              draws=options.get("draws"), compact=True, illustrative=options.get("illustrative", False))
    compact.update(width=COMPACT_WIDTH, height=COMPACT_HEIGHT, title=title.to_dict(validate=False),
                   config={**compact["config"], **copy.deepcopy(_COMPACT_CONFIG)}, datasets=wide["datasets"])
    return wide, compact


def overview_chart(
    districts: pd.DataFrame,
    history: pd.DataFrame,
    *,
    as_of: object,
    deadline: object,
    lang: str = DEFAULT_LANG,
    interactive: bool = True,
) -> alt.HConcatChart | alt.Chart:
    """Every district's count against its total and its next target; click one to see its history.

    ``districts``: ``district_code, short_name, completed, communes_total, target, status``
    (``target`` = cumulative target at ``deadline``; ``status`` = kind of the latest figure).
    ``history``: ``district_code, as_of, completed, status``. With ``interactive`` False, only
    the bars (a static picture for reports and nbval).
    """
    import altair as alt

    text = labels(lang)
    table = districts.assign(share=districts["completed"] / districts["communes_total"],
                             status_text=districts["status"].map(_OBSERVED_SERIES).fillna("observed").map(text))
    order = table.sort_values(["share", "short_name"], ascending=[False, True], kind="stable")["short_name"].tolist()
    y = alt.Y("short_name:N", title=text["district"], sort=order)
    tooltip = [alt.Tooltip("short_name:N", title=text["district"]),
               alt.Tooltip("completed:Q", title=text["completed"]),
               alt.Tooltip("communes_total:Q", title=text["total"]),
               alt.Tooltip("share:Q", title=text["share"], format=".0%"),
               alt.Tooltip("target:Q", title=text["next_target"]),
               alt.Tooltip("status_text:N", title=text["status"])]
    select = alt.selection_point(fields=["district_code"], name="pick", on="click", clear="dblclick")
    base = alt.Chart(table)
    opacity = alt.condition(select, alt.value(1.0), alt.value(0.35)) if interactive else alt.value(1.0)
    totals = base.mark_bar(color="#dde6f0").encode(y=y, x=alt.X("communes_total:Q", title=text["completed"]),
                                                   tooltip=tooltip)
    done = base.mark_bar(color=SERIES_COLORS["median"]).encode(y=y, x="completed:Q", opacity=opacity,
                                                               tooltip=tooltip)
    ticks = base.mark_tick(color=SERIES_COLORS["target"], thickness=3, size=14).encode(y=y, x="target:Q",
                                                                                      tooltip=tooltip)
    bars = alt.layer(totals, done, ticks).properties(
        width=380, height=alt.Step(16),
        title=alt.TitleParams(text["overview_title"].format(as_of=format_date(as_of, lang)),
                              subtitle=text["overview_subtitle"].format(deadline=format_date(deadline, lang)),
                              anchor="start"))
    if not interactive:
        return bars.configure_view(stroke=None)
    bars = bars.add_params(select)
    past = _iso(history, "as_of").merge(districts[["district_code", "short_name"]], on="district_code")
    past["status_text"] = past["status"].map(_OBSERVED_SERIES).fillna("observed").map(text)
    detail = alt.Chart(past).transform_filter(select).encode(
        x=alt.X("as_of:T", title=text["date"], axis=alt.Axis(format="%m/%Y")),
        y=alt.Y("completed:Q", title=text["completed"]),
        color=alt.Color("short_name:N", title=text["district"], legend=None),
        tooltip=[alt.Tooltip("short_name:N", title=text["district"]),
                 alt.Tooltip("as_of:T", title=text["date"], format="%d/%m/%Y"),
                 alt.Tooltip("completed:Q", title=text["completed"]),
                 alt.Tooltip("status_text:N", title=text["status"])])
    lines = alt.layer(detail.mark_line(), detail.mark_point(filled=True, size=50)).properties(
        width=300, height=300, title=text["history_title"])
    return alt.hconcat(bars, lines).configure_view(stroke=None)


def to_png(chart: alt.TopLevelMixin | dict[str, Any], scale: float = 2.0) -> bytes:
    """A PNG of the chart, drawn offline by vl-convert (the same bytes on every run)."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    # The schema check costs ~0.1 s a chart; the tests validate every chart through to_dict().
    spec = with_chart_font(chart if isinstance(chart, dict) else chart.to_dict(validate=False))
    register_chart_font()
    return vl_convert.vegalite_to_png(spec, scale=scale, vl_version=vl_version_for_vl_convert())


def with_chart_font(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` (a Vega-Lite dict, not changed) with `CHART_FONT` for every title, label and text mark."""
    return {**spec, "config": {**spec.get("config", {}), "font": CHART_FONT}}


@functools.cache
def register_chart_font() -> None:
    """Make vl-convert know `CHART_FONT` (once a process; it then serves every later conversion)."""
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))


def show(chart: alt.TopLevelMixin, scale: float = 2.0, alt_text: str | None = None):
    """The chart as a static PNG for a notebook (nbval does not compare PNG data).

    ``alt_text`` (default: the chart's title) describes the picture in exported HTML.
    """
    from IPython.display import Image

    png = to_png(chart, scale=scale)
    width = int.from_bytes(png[16:20], "big")  # PNG header: IHDR width
    if alt_text is None:
        title = chart.to_dict(validate=False).get("title", "")
        alt_text = title.get("text", "") if isinstance(title, dict) else str(title)
    return Image(data=png, format="png", width=int(width / scale), alt=alt_text or None)


def show_interactive(chart: alt.TopLevelMixin, name: str = "chart"):
    """The chart as HTML with the Vega libraries inlined: interactive and offline.

    ``name`` becomes the element id, so the output holds no random id.
    """
    from IPython.display import HTML

    return HTML(chart.to_html(fullhtml=False, inline=True, output_div=f"cds-{name}"))
