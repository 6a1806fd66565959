"""Charts through their specifications (chart.to_dict()), plus the offline PNG and HTML outputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.content import charts
from cdsanalysis.wording.formats import format_date

AS_OF = pd.Timestamp("2024-06-30")


def _history(statuses=("actual", "illustrative")) -> pd.DataFrame:
    return pd.DataFrame({"as_of": pd.to_datetime(["2023-12-31", "2024-06-30"]), "completed": [2, 4],
                         "status": list(statuses)})


def _band() -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(["2024-06-30", "2024-12-31"]), "mean": [4.0, 6.2],
                         "median": [4.0, 6.0], "lower50": [4.0, 5.0], "upper50": [4.0, 7.0],
                         "lower80": [4.0, 5.0], "upper80": [4.0, 8.0]})


def _targets() -> pd.DataFrame:
    return pd.DataFrame({"deadline": pd.to_datetime(["2023-12-31", "2024-12-31", "2025-12-31"]),
                         "target": [3, 7, 10], "kind": ["commune_quota"] * 2 + ["all_communes"],
                         "status": ["illustrative", "illustrative", "target"]})


def _trajectory(lang="vi", **changes):
    args = dict(history=_history(), band=_band(), targets=_targets(), name="Huyện Thử", as_of=AS_OF,
                communes_total=10, lang=lang, draws=100)
    args.update(changes)
    return charts.trajectory_chart(args.pop("history"), args.pop("band"), args.pop("targets"), **args).to_dict()


def _marks(spec: dict) -> list[tuple[str, dict]]:
    return [((layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]), layer)
            for layer in spec["layer"]]


def _dataset(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_required_paths_join_today_to_each_open_unmet_target():
    targets = pd.DataFrame({"deadline": pd.to_datetime(["2024-06-30", "2024-12-31", "2025-12-31", "2025-12-31"]),
                            "target": [9, 4, 7, 4]})
    paths = charts.required_paths(AS_OF, 4, targets)
    # 2024-06-30 is not after as_of; a target equal to today's count is already met.
    assert paths["deadline"].unique().tolist() == [pd.Timestamp("2025-12-31")]
    assert paths[["date", "completed"]].values.tolist() == [[AS_OF, 4.0], [pd.Timestamp("2025-12-31"), 7.0]]


def test_trajectory_layers_bands_median_targets_and_required_paths():
    spec = _trajectory()
    kinds = [kind for kind, _ in _marks(spec)]
    assert kinds.count("area") == 2  # 80 % and 50 % bands
    assert "line" in kinds and "rule" in kinds and "text" in kinds
    diamonds = [layer for kind, layer in _marks(spec) if kind == "point" and layer["mark"].get("shape") == "diamond"]
    assert len(diamonds) == 1
    assert [row["target"] for row in _dataset(spec, diamonds[0])] == [3, 7, 10]
    dashed = [layer for kind, layer in _marks(spec) if kind == "line" and "strokeDash" in layer["mark"]]
    path_rows = _dataset(spec, dashed[0])
    assert {row["deadline"] for row in path_rows} == {"2024-12-31", "2025-12-31"}  # 3 at end-2023 is passed
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 10]


def test_trajectory_legend_lists_only_the_series_drawn_in_vietnamese():
    spec = _trajectory()
    domain = next(layer["encoding"]["color"]["scale"]["domain"] for _, layer in _marks(spec)
                  if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"])
    assert domain == ["Số liệu", "Số liệu (minh họa)", "Dự báo (trung vị)", "Khoảng dự báo 50 %",
                      "Khoảng dự báo 80 %", "Mục tiêu", "Mục tiêu (minh họa)", "Lộ trình cần đạt"]
    assert spec["title"]["text"] == "Huyện Thử: số xã hoàn thành chuyển đổi số"
    assert "30/06/2024" in spec["title"]["subtitle"]


def test_trajectory_in_english_and_without_a_band():
    spec = _trajectory(lang="en", band=_band().iloc[0:0], history=_history(("claim", "claim")))
    text = json.dumps(spec, ensure_ascii=False)
    assert "Communes completed (cumulative)" in text and "Số xã" not in text
    assert [kind for kind, _ in _marks(spec)].count("area") == 0
    assert "Observed (district's claim)" in text and "Forecast (median)" not in text
    assert "2024-06-30" in spec["title"]["subtitle"]


@pytest.mark.parametrize("lang, words", [("vi", "số liệu minh họa"), ("en", "illustrative figures")])
def test_a_chart_on_illustrative_figures_says_so_in_its_subtitle(lang, words):
    """The PNG travels alone into Word documents: the caveat must be in the picture, not only the legend."""
    spec = _trajectory(lang=lang, illustrative=True)
    assert isinstance(spec["title"]["subtitle"], list) and words in spec["title"]["subtitle"][1]
    assert words not in json.dumps(_trajectory(lang=lang)["title"], ensure_ascii=False)


@pytest.mark.parametrize("changes", [
    {}, {"lang": "en", "illustrative": True}, {"band": _band().iloc[0:0], "history": _history(("claim", "claim"))},
    {"name": "Thành phố Thử", "model": "steady", "draws": None}])
def test_both_specs_at_once_are_altairs_own_wide_and_compact_charts(changes):
    """A render draws the wide and the compact chart from `trajectory_specs` (altair builds only the wide one)."""
    args = dict(history=_history(), band=_band(), targets=_targets(), name="Huyện Thử", as_of=AS_OF,
                communes_total=10, lang="vi", draws=100)
    args.update(changes)
    frames = [args.pop(key) for key in ("history", "band", "targets")]
    wide, compact = charts.trajectory_specs(*frames, **args)
    assert wide == charts.trajectory_chart(*frames, **args).to_dict()  # to_dict() validates against the schema
    assert compact == charts.trajectory_chart(*frames, compact=True, **args).to_dict()
    assert compact != wide and compact["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"


def test_unknown_language_is_an_error():
    with pytest.raises(CdsAnalysisError, match="lang"):
        _trajectory(lang="fr")


def _overview():
    districts = pd.DataFrame({"district_code": ["1", "2"], "short_name": ["Ấp Một", "Ấp Hai"],
                              "completed": [1, 3], "communes_total": [4, 4], "target": [2, 4],
                              "status": ["actual", "illustrative"]})
    history = pd.DataFrame({"district_code": ["1", "2"], "as_of": pd.to_datetime(["2024-06-30"] * 2),
                            "completed": [1, 3], "status": ["actual", "illustrative"]})
    return districts, history


def test_overview_interactive_links_bars_and_history_through_a_selection():
    districts, history = _overview()
    spec = charts.overview_chart(districts, history, as_of=AS_OF, deadline="2024-12-31").to_dict()
    bars, detail = spec["hconcat"]
    (pick,) = spec["params"]  # altair lifts a layer's selection to the top level
    assert pick["name"] == "pick" and pick["select"]["fields"] == ["district_code"]
    assert bars["layer"][1]["encoding"]["opacity"]["condition"]["param"] == "pick"
    assert detail["layer"][0]["transform"] == [{"filter": {"param": "pick"}}]
    # Sorted by share completed, highest first.
    assert bars["layer"][0]["encoding"]["y"]["sort"] == ["Ấp Hai", "Ấp Một"]


def test_overview_static_has_no_selection():
    districts, history = _overview()
    spec = charts.overview_chart(districts, history, as_of=AS_OF, deadline="2024-12-31", interactive=False,
                                 lang="en").to_dict()
    assert "params" not in json.dumps(spec)
    assert "target for 2024-12-31" in spec["title"]["subtitle"]


def test_calibration_chart_takes_the_backtest_table():
    table = pd.DataFrame({"model": ["hazard", "hazard", "linear"], "predicted": [0.1, 0.8, 0.5],
                          "observed": [0.0, 1.0, 0.5], "count": [3, 2, 5]})
    from cdsanalysis.model.plots import calibration_chart

    spec = calibration_chart(table, lang="en").to_dict()
    reference, lines, points = spec["layer"]
    assert _dataset(spec, reference) == [{"predicted": 0.0, "observed": 0.0}, {"predicted": 1.0, "observed": 1.0}]
    assert lines["encoding"]["color"]["sort"] == ["hazard", "linear"]
    assert points["encoding"]["size"]["field"] == "count"
    assert spec["title"]["text"] == "Calibration: forecast probability against outcome"


def test_png_is_offline_deterministic_and_shown_at_half_its_pixel_width():
    chart = charts.trajectory_chart(_history(), _band(), _targets(), name="Huyện Thử", as_of=AS_OF,
                                    communes_total=10)
    first, second = charts.to_png(chart), charts.to_png(chart)
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == second
    image = charts.show(chart)
    assert image.width == int.from_bytes(first[16:20], "big") // 2


def test_interactive_html_has_a_fixed_id_and_no_network_script():
    districts, history = _overview()
    html = charts.show_interactive(charts.overview_chart(districts, history, as_of=AS_OF, deadline="2024-12-31"),
                                   name="overview").data
    assert 'id="cds-overview"' in html
    assert "altair-viz-" not in html
    assert "cdn.jsdelivr" not in html and 'src="http' not in html


@pytest.mark.parametrize(("lang", "expected"), [("vi", "05/01/2025"), ("en", "2025-01-05")])
def test_format_date(lang, expected):
    assert format_date("2025-01-05", lang) == expected


def test_the_charts_typeface_is_shipped_and_used_for_every_png():
    """Issue 19, obs. 11: the PNG's text is drawn in the package's font, whatever the machine has installed."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    files = sorted(p.name for p in charts.FONT_DIR.iterdir())
    assert files == ["CDSChartSans-Bold.ttf", "CDSChartSans-Regular.ttf", "OFL.txt"]
    assert "SIL OPEN FONT LICENSE" in (charts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8").upper()
    for name in files[:2]:  # the family name, as the font's name table stores it (UTF-16, big-endian)
        assert charts.CHART_FONT.encode("utf-16-be") in (charts.FONT_DIR / name).read_bytes()
    spec = {"data": {"values": [{"t": "Hoằng Hóa: Đúng tiến độ ≥ 80 %"}]}, "mark": {"type": "text", "fontSize": 24},
            "encoding": {"text": {"field": "t"}}, "title": "Quỹ đạo và dự báo", "width": 420, "height": 50}
    assert charts.with_chart_font(spec)["config"]["font"] == charts.CHART_FONT and "config" not in spec
    png = charts.to_png(spec, scale=1)
    assert png == charts.to_png(spec, scale=1)
    # the family is known to vl-convert: a font it does not know falls back to another face
    unknown = {**spec, "config": {"font": "No Such Font"}}
    assert png != vl_convert.vegalite_to_png(unknown, scale=1, vl_version=vl_version_for_vl_convert())
    assert png == vl_convert.vegalite_to_png(charts.with_chart_font(spec), scale=1,
                                             vl_version=vl_version_for_vl_convert())
