"""Past the last deadline the round keeps working (issue 19, obs. 10): ``render --until``.

The bundled targets end on 31/12/2025; a form for 30/6/2026 (every district filled) used to stop every
later render with "until (2025-12-31) is before as_of (2026-06-30)". Now the forecast runs a year past
the as-of date by default (the same default as ``forecast --until``), ``--until`` sets it, a bad horizon
is refused before anything runs (exit 2), and the pages say in words that there is no future target.
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from cdsanalysis.cli import main
from cdsanalysis.data.dataset import bundled_data_dir, load_dataset
from cdsanalysis.data.freshness import district_freshness
from cdsanalysis.model.store import load_forecast
from cdsanalysis.report.run.batch import RenderArgumentError, render
from cdsanalysis.settings import MAX_HORIZON_YEARS
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date
from tests.catalogue import said_in

pytestmark = pytest.mark.slow  # renders a district and the province

AS_OF = pd.Timestamp("2026-06-30")


@pytest.fixture(scope="module")
def late_data(tmp_path_factory):
    """A copy of the bundled data with a figure for 30/6/2026 for every district (three more communes each,
    within its total): every target's deadline has passed."""
    folder = tmp_path_factory.mktemp("late") / "data"
    shutil.copytree(bundled_data_dir(), folder)
    data = load_dataset(folder)
    totals = data.districts().set_index("district_code")["communes_total"]
    with (folder / "progress.csv").open("a", encoding="utf-8") as out:
        for r in district_freshness(data).itertuples():
            count = min(int(r.latest_count) + 3, int(totals[r.district_code]))
            out.write(f"{r.district_code},{r.district_name},2026-06-30,{count},test,actual,,recognised\n")
    assert (pd.to_datetime(load_dataset(folder).targets["deadline"]) < AS_OF).all()
    return folder


def _render(data, out, **options):
    result = render(data, districts=["399"], jobs=1, out=out, draws=50, seed=1, progress=False, **options)
    assert result.ok, [o.error for o in result.failed]
    assert result.as_of == AS_OF
    return result


@pytest.mark.parametrize("until, horizon", [(None, "2027-06-30"), ("2027-06-30", "2027-06-30"),
                                            ("31/12/2027", "2027-12-31")])
def test_a_folder_past_every_deadline_renders_to_the_horizon_asked(late_data, tmp_path, until, horizon):
    result = _render(late_data, tmp_path / "out", until=until)
    record = json.loads((result.out_dir / "run.json").read_text(encoding="utf-8"))
    assert record["parameters"]["until"] == horizon
    saved = load_forecast(result.out_dir / "forecast.npz")
    assert saved.dates[-1] == pd.Timestamp(horizon) and saved.as_of == AS_OF
    # every deadline has passed: its result is on the index, and the pages say there is no future target
    index = (result.out_dir / "index.html").read_text(encoding="utf-8")
    assert words("vi")["index"]["no_future_target"].format(as_of=format_date(AS_OF, "vi")) in index
    said = words("vi")["report"]["no_future_target"].format(as_of=format_date(AS_OF, "vi"))
    for page in ("province.html", "399-hoang-hoa.html"):
        assert said in (result.out_dir / page).read_text(encoding="utf-8"), page
    province = result.table[result.table["district_code"] == ""].iloc[0]
    assert province["last_deadline"] == pd.Timestamp("2025-12-31") and province["last_deadline_result"]
    assert pd.isna(province["shortfall"]) and pd.isna(province["next_deadline"])


@pytest.mark.parametrize("until, why", [("2026-01-01", "before as_of"),
                                        (f"{2026 + MAX_HORIZON_YEARS + 1}-06-30", f"{MAX_HORIZON_YEARS} years"),
                                        ("not a date", "until")])
def test_a_bad_horizon_is_refused_before_anything_runs(late_data, tmp_path, until, why):
    with pytest.raises(RenderArgumentError, match=why):
        render(late_data, districts=["399"], jobs=1, out=tmp_path / "out", draws=50, progress=False, until=until)
    assert not list((tmp_path / "out").glob("20*"))  # no run folder was made


def test_the_cli_passes_until_and_exits_2_on_a_bad_one(late_data, tmp_path, capsys):
    assert main(["render", "--data", str(late_data), "--districts", "399", "--draws", "50", "--jobs", "1",
                 "--out", str(tmp_path / "out"), "--quiet", "--until", "2026-01-01"]) == 2
    assert said_in(capsys.readouterr().err, "vi", "errors", "until_before")  # the analyst's language
    assert main(["render", "--data", str(late_data), "--districts", "399", "--draws", "50", "--jobs", "1",
                 "--out", str(tmp_path / "out"), "--quiet", "--until", "2027-12-31"]) == 0
    record = json.loads((tmp_path / "out" / "2026-06-30" / "run.json").read_text(encoding="utf-8"))
    assert record["parameters"]["until"] == "2027-12-31"


def test_a_partial_render_keeps_the_horizon_of_the_folder_it_updates(late_data, tmp_path):
    """Updating some districts of a run made to another horizon would mix two forecasts in one folder."""
    _render(late_data, tmp_path / "out")
    with pytest.raises(RenderArgumentError, match="other data or parameters"):
        render(late_data, districts=["399"], jobs=1, out=tmp_path / "out", draws=50, seed=1, progress=False,
               until="2027-12-31")
    assert _render(late_data, tmp_path / "out", until="2027-06-30").rendered == ("399",)  # the same horizon


def test_a_partial_render_never_mixes_pages_of_two_model_revisions(late_data, tmp_path):
    """A run made by an earlier revision of the model (before this one pooled its readings) is not updated
    district by district: its pages and the new ones would disagree with no visible cause."""
    from cdsanalysis.model.registry import MODEL_REVISION

    first = _render(late_data, tmp_path / "out")
    record_file = first.out_dir / "run.json"
    record = json.loads(record_file.read_text(encoding="utf-8"))
    assert record["parameters"]["model_revision"] == MODEL_REVISION
    record["parameters"]["model_revision"] = "2026-11-30"  # as an earlier version would have written it
    record_file.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(RenderArgumentError, match="other data or parameters"):
        _render(late_data, tmp_path / "out")
    del record["parameters"]["model_revision"]  # a run from before revisions were recorded
    record_file.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(RenderArgumentError, match="other data or parameters"):
        _render(late_data, tmp_path / "out")
