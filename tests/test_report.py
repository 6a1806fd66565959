"""The batch renderer: outputs, offline HTML, failures kept and reported, re-runs, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import nbformat
import pandas as pd
import pytest

from cdsanalysis.cli import main
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.model.projection import forecast
from cdsanalysis.report.content.text import STATUS_COLORS
from cdsanalysis.report.run.batch import RenderArgumentError, render
from cdsanalysis.report.run.index import index_html
from cdsanalysis.report.run.job import DistrictJob, _is_kernel_start_failure, run_job
from cdsanalysis.report.run.layout import RUN_MARKER, safe_stem
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.report.run.template import template_path
from cdsanalysis.report.writers.export import CHART_TAG, chart_png, notebook_html
from cdsanalysis.settings import MAX_DRAWS
from cdsanalysis.wording import words
from tests.builders import small_tables, write_tables
from tests.catalogue import said_in
from tests.spreadsheets import live_formula_cells

pytestmark = pytest.mark.slow  # renders through Jupyter kernels, the pool and Dask

DRAWS = 100
NETWORK_ASSET = re.compile(r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def test_stem_is_code_and_accent_free_name():
    assert safe_stem("399", "Hoằng Hóa") == "399-hoang-hoa"
    assert safe_stem("07", "Đông Sơn") == "07-dong-son"


def _notebook():
    hidden = nbformat.v4.new_markdown_cell("ANALYST NOTE", metadata={"tags": ["remove-cell"]})
    code = nbformat.v4.new_code_cell("SECRET_CODE = 1", metadata={"tags": [CHART_TAG]})
    code.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "img"}),
                    nbformat.v4.new_output("execute_result", data={"text/markdown": "## Tiêu đề"}, execution_count=1)]
    return nbformat.v4.new_notebook(cells=[hidden, code])


def test_notebook_html_hides_inputs_and_tagged_cells_and_needs_no_network():
    page = notebook_html(_notebook(), title="Huyện Thử", lang="vi")
    assert "SECRET_CODE" not in page and "ANALYST NOTE" not in page
    assert "Tiêu đề" in page and "data:image/png;base64,iVBORw0KGgo=" in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    assert not NETWORK_ASSET.search(page)


def test_chart_png_comes_from_the_tagged_cell():
    assert chart_png(_notebook()) == b"\x89PNG\r\n\x1a\n"
    assert chart_png(nbformat.v4.new_notebook()) is None


def test_kernel_start_failures_are_retried_cell_errors_are_not():
    from papermill.exceptions import PapermillExecutionError

    assert _is_kernel_start_failure(RuntimeError("Kernel died before replying to kernel_info"))
    assert _is_kernel_start_failure(TimeoutError("Kernel didn't respond in 60 seconds"))
    cell_error = PapermillExecutionError(3, 3, "x = 1", "NameLookupError", "unknown district", [])
    assert not _is_kernel_start_failure(cell_error)


def test_index_ranks_by_the_next_deadline_and_lists_failures_last():
    as_of = pd.Timestamp("2024-06-30")
    rows = []
    for code, p in (("", 0.5), ("1", 0.2), ("2", 0.9), ("3", 0.6)):
        rows.append({"district_code": code, "district_name": code, "communes_total": 10, "completed": 1,
                     "deadline": pd.Timestamp("2024-12-31"), "target": 5, "p_meet": p,
                     "status": "on_track" if p >= 0.8 else "at_risk"})
    outcomes = [DistrictOutcome("1", "Huyện Một", "1-mot", True), DistrictOutcome("2", "Huyện Hai", "2-hai", True),
                DistrictOutcome("3", "Huyện Ba", "3-ba", False, error="boom")]
    page = index_html(pd.DataFrame(rows), outcomes, as_of, "vi", illustrative=True)
    assert page.index("2-hai.html") < page.index("1-mot.html") < page.index("3-ba.ipynb")
    assert "boom" in page and words("vi")["index"]["illustrative"] in page
    assert f"background-color: {STATUS_COLORS['on_track'][0]}" in page
    assert not NETWORK_ASSET.search(page)


# ---- end to end (small data, 2 districts in parallel, few draws) ------------------------------

@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return write_tables(tmp_path_factory.mktemp("render") / "data", small_tables())


@pytest.fixture(scope="module")
def rendered(data_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = render(data_dir, districts=["901", "Bình Minh"], jobs=2, out=out, draws=DRAWS, seed=5, progress=False)
    return result, out


def test_render_writes_every_output(rendered):
    result, out = rendered
    assert result.ok and result.out_dir == out / "2024-01-01"
    names = sorted(p.name for p in result.out_dir.iterdir())
    assert names == [RUN_MARKER, "901-an-binh.docx", "901-an-binh.html", "901-an-binh.ipynb", "901-an-binh.png",
                     "902-binh-minh.docx", "902-binh-minh.html", "902-binh-minh.ipynb", "902-binh-minh.png",
                     "forecast.npz", "index.html", "province.docx", "province.html", "province.png", "run.json",
                     "snapshot.json",
                     "summary.csv", "summary.xlsx"]
    for page in ("901-an-binh.html", "902-binh-minh.html", "index.html", "province.html"):
        text = (result.out_dir / page).read_text(encoding="utf-8")
        assert not NETWORK_ASSET.search(text), page
    page = (result.out_dir / "901-an-binh.html").read_text(encoding="utf-8")
    assert "Huyện An Bình" in page and words("vi")["report"]["illustrative_title"] in page  # the banner
    assert "build_district_report" not in page  # inputs hidden
    index = (result.out_dir / "index.html").read_text(encoding="utf-8")
    assert words("vi")["index"]["changes_none"] in index and result.changes.previous is None  # the first render
    assert 'href="province.html"' in index and "data:image/png;base64," in index  # province chart on top
    assert (result.out_dir / "902-binh-minh.png").read_bytes()[:4] == b"\x89PNG"
    word = docx.Document(str(result.out_dir / "901-an-binh.docx"))  # the Word report, with the same chart
    assert word.paragraphs[0].text.endswith("Huyện An Bình") and "01/01/2024" in word.paragraphs[1].text
    assert len(word.tables) >= 3 and len(word.inline_shapes) == 1
    blip = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    assert word.part.related_parts[blip.embed].blob == (result.out_dir / "901-an-binh.png").read_bytes()
    province = docx.Document(str(result.out_dir / "province.docx"))
    assert words("vi")["report"]["province"] in province.paragraphs[0].text
    assert len(province.inline_shapes) == 1 and province.tables
    for workbook in result.out_dir.glob("*.xlsx"):
        assert live_formula_cells(workbook) == [], workbook.name
    run = json.loads((result.out_dir / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["districts"] == ["901", "902"] and run["parameters"]["draws"] == DRAWS
    assert run["data"]["hash"] and run["versions"]["papermill"] and run["failed"] == []


def test_summary_numbers_are_those_of_assess_on_the_same_forecast(rendered, data_dir):
    from cdsanalysis.model.assessment import assess

    result, _ = rendered
    summary = pd.read_csv(result.out_dir / "summary.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    head, book = words("vi")["workbook_columns"], words("vi")["workbook"]
    assert summary[head["district_code"]].tolist() == ["", "901", "901", "902"]
    expected = assess(forecast(load_dataset(data_dir), draws=DRAWS, seed=5))
    expected = expected[expected["district_code"].isin(["", "901", "902"])]
    # A deadline already past (901's end of 2023) has no chance left to give, only its status.
    chances = [round(p, 4) if d > result.as_of else None
               for p, d in zip(expected["p_meet"], expected["deadline"], strict=False)]
    assert [float(p) if p else None for p in summary[head["p_meet"]]] == chances
    assert summary[head["report"]].tolist() == [""] + [book["report"]["ok"]] * 3
    sources = words("vi")["report"]["target_status"]
    assert summary[head["target_status"]].tolist() == [sources["target"], sources["illustrative"],
                                                        sources["illustrative"], sources["target"]]


def test_executed_notebook_loaded_the_saved_forecast_with_the_code_as_text(rendered):
    result, _ = rendered
    notebook = nbformat.read(result.out_dir / "902-binh-minh.ipynb", as_version=4)
    injected = next(c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert 'district = "902"' in injected.source and 'forecast_file = "forecast.npz"' in injected.source


def test_rerun_writes_the_same_numbers_and_never_deletes_a_file_it_did_not_write(rendered, data_dir):
    result, out = rendered
    planted = result.out_dir / "999-old.html"  # a file the render did not write: refused, never deleted (D2)
    planted.write_text("mine", encoding="utf-8")
    with pytest.raises(RenderArgumentError, match="999-old.html"):
        render(data_dir, districts=["901", "902"], jobs=2, out=out, draws=DRAWS, seed=5, progress=False)
    assert planted.read_text(encoding="utf-8") == "mine"
    planted.unlink()
    before = {name: (result.out_dir / name).read_bytes() for name in ("summary.csv", "901-an-binh.png")}
    again = render(data_dir, districts=["901", "902"], jobs=2, out=out, draws=DRAWS, seed=5, progress=False)
    assert again.out_dir == result.out_dir
    for name, data in before.items():
        assert (again.out_dir / name).read_bytes() == data, name
    assert [p.name for p in out.iterdir()] == ["2024-01-01"]  # no staging folder left behind
    # It replaced the run of the same as-of date, so it compared itself with that one: same data, same seed.
    assert again.changes.compared and again.changes.to_frame().empty
    assert words("vi")["index"]["changes_nothing"] in (again.out_dir / "index.html").read_text(encoding="utf-8")


def test_a_failing_district_is_reported_kept_and_the_others_rendered(tmp_path, capsys):
    folder = write_tables(tmp_path / "data", small_tables(without_progress="903"))
    code = main(["render", "--data", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2",
                 "--draws", str(DRAWS), "--quiet"])
    assert code == 1
    printed = capsys.readouterr()
    err = printed.err
    assert said_in(err, "vi", "command", "failed", name="Thị xã Cẩm Lâm", code="903")
    assert "has no progress figure" in err
    # The table of every district's standing and chances is printed too, the failed one included.
    table = [line for line in printed.out.splitlines() if line[:3] in ("901", "902", "903")]
    assert [line[:3] for line in table] == ["901", "902", "903"]
    assert "—/" in table[2]  # no count for the district without data
    out = tmp_path / "out" / "2024-01-01"
    assert (out / "903-cam-lam.ipynb").exists()  # the failed notebook is kept, with its error
    assert not (out / "903-cam-lam.html").exists() and not (out / "903-cam-lam.docx").exists()
    failed = nbformat.read(out / "903-cam-lam.ipynb", as_version=4)
    assert any(o.get("ename") == "CdsAnalysisError" for c in failed.cells for o in c.get("outputs", []))
    for stem in ("901-an-binh", "902-binh-minh"):
        assert (out / f"{stem}.html").exists() and (out / f"{stem}.png").exists()
    summary = pd.read_csv(out / "summary.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    head, done = words("vi")["workbook_columns"], words("vi")["workbook"]["report"]
    status = dict(zip(summary[head["district_code"]], summary[head["report"]], strict=True))
    assert (status["901"], status["902"], status["903"]) == (done["ok"], done["ok"], done["failed"])
    assert "has no progress figure" in summary.loc[summary[head["district_code"]] == "903", head["error"]].iloc[0]
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["failed"] == ["903"]
    assert (out / "kernels.log").exists()  # the kernels' own messages, kept when a district failed
    assert "903-cam-lam.ipynb" in (out / "index.html").read_text(encoding="utf-8")


def test_unknown_district_stops_before_rendering(data_dir, tmp_path, capsys):
    assert main(["render", "--data", str(data_dir), "--out", str(tmp_path), "--districts", "An Binh X",
                 "--quiet"]) == 1
    assert "Huyện An Bình (901)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_kernel_that_fails_to_start_is_retried(rendered, tmp_path, monkeypatch):
    import shutil

    import papermill

    result, _ = rendered
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(result.out_dir / "forecast.npz", folder / "forecast.npz")
    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(kwargs.get("km"))
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")  # as a port clash looks
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    job = DistrictJob(code="902", name="Huyện Bình Minh", stem="902-binh-minh", title="t", lang="vi",
                      folder=str(folder), template=str(template_path()), retries=2,
                      parameters={"district": "902", "as_of": "2024-01-01", "data_dir": None,
                                  "forecast_file": "forecast.npz", "draws": DRAWS, "seed": 5, "lang": "vi"})
    outcome = run_job(job)
    assert outcome.ok and outcome.attempts == 2 and len(calls) == 2
    assert (folder / "902-binh-minh.html").exists() and (folder / "902-binh-minh.png").exists()


def test_a_cell_error_is_not_retried(rendered, tmp_path):
    import shutil

    result, _ = rendered
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(result.out_dir / "forecast.npz", folder / "forecast.npz")
    job = DistrictJob(code="x", name="x", stem="x", title="t", lang="vi", folder=str(folder),
                      template=str(template_path()), retries=2,
                      parameters={"district": "An Binh X", "as_of": None, "data_dir": None,
                                  "forecast_file": "forecast.npz", "draws": DRAWS, "seed": 5, "lang": "vi"})
    outcome = run_job(job)
    assert not outcome.ok and outcome.attempts == 1
    assert outcome.error.startswith("NameLookupError: unknown district 'An Binh X'; did you mean: Huyện An Bình (901)")
    assert (folder / "x.ipynb").exists() and not (folder / "x.html").exists()
    # The template's error is one line (the message), not forty lines of the package's frames.
    errors = [o for c in nbformat.read(folder / "x.ipynb", as_version=4).cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert [e["traceback"] for e in errors] == [[outcome.error.split(" (cell")[0]]]


# ---- no pickle: prepared reports are JSON, and a planted file runs no code ----------------------

def test_a_render_writes_no_pickle_and_the_package_reads_none(rendered):
    result, out = rendered
    assert [p for p in out.rglob("*") if p.suffix in (".pickle", ".pkl")] == []
    package = Path(__file__).resolve().parents[1] / "cdsanalysis"
    users = [p.name for p in package.rglob("*.py")
             if re.search(r"^\s*(import pickle|from pickle |import cloudpickle)|pickle\.loads?\(", p.read_text(
                 encoding="utf-8"), re.MULTILINE)]
    assert users == []


def test_a_planted_prepared_report_runs_no_code(rendered, tmp_path):
    import pickle
    import shutil

    from cdsanalysis.report.run.notebook import build_district_report, prepare_report
    from cdsanalysis.report.run.prepared import prepared_path

    result, _ = rendered
    forecast_file = tmp_path / "forecast.npz"
    shutil.copy(result.out_dir / "forecast.npz", forecast_file)
    marker = tmp_path / "code-ran"

    class Planted:
        def __reduce__(self):
            return (Path.touch, (marker,))

    path = prepared_path(forecast_file, "901", "vi")
    path.parent.mkdir()
    path.write_bytes(pickle.dumps(Planted()))  # where the kernel looks, and where it used to look
    (path.parent / path.name.replace(".json", ".pickle")).write_bytes(pickle.dumps(Planted()))
    report = build_district_report("901", forecast_file=forecast_file)
    assert report.district_code == "901" and report.prepared_png is None and not marker.exists()

    prepare_report(forecast_file, "901")  # the real hand-over: JSON that gives the same report back
    assert path.read_text(encoding="utf-8").startswith("{")
    again = build_district_report("901", forecast_file=forecast_file)
    assert again.prepared_png and again.targets_frame().equals(report.targets_frame())
    assert again.assessment.equals(report.assessment) and again.band.equals(report.band)


# ---- a partial render updates only its districts ------------------------------------------------

def test_a_partial_render_updates_only_its_districts_and_keeps_the_others(rendered, data_dir, tmp_path, capsys):
    import shutil

    result, out = rendered
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    folder = copy / "2024-01-01"
    kept = {p.name: p.read_bytes() for p in folder.glob("901-*")}
    summary = (folder / "summary.csv").read_bytes()
    assert main(["render", "--data", str(data_dir), "--out", str(copy), "--districts", "902", "--jobs", "1",
                 "--draws", str(DRAWS), "--seed", "5", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert said_in(printed, "vi", "command", "updated", n=1, names="902", kept=1, done=2, total=2)
    assert {p.name: p.read_bytes() for p in folder.glob("901-*")} == kept
    assert (folder / "902-binh-minh.html").is_file() and (folder / "summary.csv").read_bytes() == summary
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["districts"] == ["901", "902"] and run["parameters"]["rendered"] == ["902"]


def test_a_partial_render_over_other_parameters_is_refused_and_changes_nothing(rendered, data_dir, tmp_path,
                                                                               capsys):
    import shutil

    _, out = rendered
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = {p.name: p.read_bytes() for p in (copy / "2024-01-01").iterdir()}
    assert main(["render", "--data", str(data_dir), "--out", str(copy), "--districts", "902", "--jobs", "1",
                 "--draws", str(DRAWS), "--seed", "6", "--quiet"]) == 2
    assert said_in(capsys.readouterr().err, "vi", "errors", "partial_mismatch", option="--districts")
    assert {p.name: p.read_bytes() for p in (copy / "2024-01-01").iterdir()} == before
    assert [p.name for p in copy.iterdir()] == ["2024-01-01"]


@pytest.mark.parametrize("arguments, message", [
    (["--districts", ","], "--districts names no district"),
    (["--districts", " , ,"], "--districts names no district"),
    (["--draws", "0"], "--draws: must be a whole number between 1 and 100000, got '0'"),
    (["--draws", "100001"], "--draws: must be a whole number between 1 and 100000"),
    (["--seed", "-1"], "--seed: must be a whole number between 0"),
    (["--jobs", "0"], "jobs must be a whole number from 1 to 64"),
])
def test_render_misuse_exits_2_with_a_message_and_writes_nothing(arguments, message, data_dir, tmp_path, capsys):
    assert main(["render", "--data", str(data_dir), "--out", str(tmp_path / "out"), "--quiet", "--lang", "en",
                 *arguments]) == 2
    err = capsys.readouterr().err
    assert message in err.strip().splitlines()[-1] and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("draws, seed", [(0, 0), (MAX_DRAWS + 1, 0), (10, -1), (10, 2**32), (1.5, 0), (10, True)])
def test_render_refuses_impossible_numbers_before_anything_is_written(draws, seed, data_dir, tmp_path):
    with pytest.raises(RenderArgumentError, match="must be a whole number"):
        render(data_dir, out=tmp_path / "out", draws=draws, seed=seed, progress=False)
    assert not (tmp_path / "out").exists()


# ---- the Dask path: a LocalCluster gives the same files and tables as the process pool ------------

def test_a_dask_render_writes_the_same_files_and_tables_as_the_pool(rendered, data_dir, tmp_path):
    pytest.importorskip("distributed")
    result, _ = rendered
    dask = render(data_dir, districts=["901", "902"], jobs=2, out=tmp_path, draws=DRAWS, seed=5, progress=False,
                  scheduler="local")
    assert dask.ok and dask.out_dir == tmp_path / "2024-01-01"
    assert sorted(p.name for p in dask.out_dir.iterdir()) == sorted(p.name for p in result.out_dir.iterdir())
    for name in ("summary.csv", "901-an-binh.png", "902-binh-minh.png", "forecast.npz"):
        assert (dask.out_dir / name).read_bytes() == (result.out_dir / name).read_bytes(), name
    for page in ("901-an-binh.html", "902-binh-minh.html"):
        ours, theirs = (pd.read_html(folder / page) for folder in (dask.out_dir, result.out_dir))
        assert len(ours) == len(theirs) > 0 and all(a.equals(b) for a, b in zip(ours, theirs, strict=False)), page
    run = json.loads((dask.out_dir / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["executor"]["kind"] == "dask" and len(run["parameters"]["executor"]["workers"]) == 2
    assert {d["worker"] for d in run["districts"]} <= set(run["parameters"]["executor"]["workers"])
    assert not list(tmp_path.glob(".rendering-*"))


def test_an_unreachable_scheduler_is_a_message(data_dir, tmp_path, capsys):
    pytest.importorskip("distributed")
    code = main(["render", "--data", str(data_dir), "--out", str(tmp_path), "--districts", "901", "--quiet",
                 "--scheduler", "tcp://127.0.0.1:9", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err
