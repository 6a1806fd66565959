"""Issue 22.3: the grouping level is data. levels.csv names the top, group and unit levels in each language;
every sentence takes them from there, and a folder without it reads as before (tỉnh / huyện / xã)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.levels import load_levels
from cdsanalysis.exceptions import DataValidationError
from cdsanalysis.wording import LANGS, words
from cdsanalysis.wording.levels import DEFAULT_LEVELS, using_levels
from tests.builders import frame_folder, write_levels

REPOSITORY = Path(__file__).resolve().parents[1]
FORBIDDEN = re.compile(r"huyện|Huyện|HUYỆN|district|District")
# Every line of the commands speaks the chosen language (issue 19 obs. 8): no entry is borrowed from the English
# catalogue any more, so none may keep its plain words. Format names such as {district} are not words.
BORROWED: set[str] = set()


def _strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}/{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def test_a_folder_without_levels_csv_has_today_s_words():
    dataset = load_dataset()
    assert dataset.levels == DEFAULT_LEVELS
    assert "cấp huyện" in words("vi")["index"]["title"] and words("vi")["index"]["province"] == "Toàn tỉnh"
    assert words("en")["index"]["district"] == "District" and words("en")["province_name"] == "Whole province"
    for lang in LANGS:  # every placeholder is filled
        placeholder = re.compile(r"\{(All|all|[Tt]ops?|[Gg]roups?|[Uu]nits?)\}")
        assert not [path for path, text in _strings(words(lang)) if placeholder.search(text)]


@pytest.mark.parametrize("kind", ["nation", "reformed"])
def test_the_catalogue_with_other_levels_names_no_district(tmp_path, kind):
    write_levels(tmp_path, kind)
    levels = load_levels(tmp_path)
    with using_levels(levels):
        left = {(lang, path) for lang in LANGS for path, text in _strings(words(lang))
                if FORBIDDEN.search(re.sub(r"\{district\}", "", text))}
        group = "tỉnh"
        assert f"cấp {group}" in words("vi")["index"]["title"]
        assert words("en")["index"]["district"] == "Province"
        assert words("vi")["index"]["province"] == ("Cả nước" if kind == "nation" else "Toàn tỉnh")
    assert {path for _, path in left} <= BORROWED, sorted(left)
    assert words("vi")["index"]["province"] == "Toàn tỉnh"  # the block ended: the defaults again


def test_levels_are_read_onto_the_dataset_and_into_the_forecast_file(tmp_path):
    from cdsanalysis.model.projection import forecast
    from cdsanalysis.model.store import forecast_file_info, load_forecast, save_forecast, saved_levels

    data = frame_folder(tmp_path / "data", "nation")
    dataset = load_dataset(data)
    assert dataset.levels.get("top", "vi").all_of == "Cả nước"
    assert dataset.levels.get("group", "en").plural == "provinces"
    result = forecast(dataset, draws=50, seed=0)
    save_forecast(result, tmp_path / "f.npz")
    assert load_forecast(tmp_path / "f.npz").dataset.levels == dataset.levels
    assert saved_levels(forecast_file_info(tmp_path / "f.npz")) == dataset.levels
    save_forecast(forecast(load_dataset(), draws=50, seed=0), tmp_path / "g.npz")
    assert "levels" not in forecast_file_info(tmp_path / "g.npz")  # today's data: the file as before


def test_the_data_hash_covers_levels_csv(tmp_path):
    data = frame_folder(tmp_path / "data", "nation")
    before = load_dataset(data).data_hash
    (data / "levels.csv").write_text((data / "levels.csv").read_text(encoding="utf-8").replace("Cả nước", "Toàn quốc"),
                                     encoding="utf-8")
    assert load_dataset(data).data_hash != before


@pytest.mark.parametrize("edit, where, words_", [
    (lambda t: t.replace("group,vi,tỉnh", "grup,vi,tỉnh"), ("3", "level"), "none of top, group, unit"),
    (lambda t: t.replace(",Cả nước", ","), ("2", "all_of"), "needs 'all_of'"),
    (lambda t: t + "unit,vi,xã,xã,\n", ("8", "level"), "a second row"),
    (lambda t: t.replace("unit,en,commune,communes,\n", ""), ("", "level"), "no row for level 'unit' in 'en'"),
    (lambda t: t.replace("tỉnh,tỉnh,", "=1+1,tỉnh,", 1), ("3", "singular"), "formula"),
    (lambda t: t.replace("level,lang", "tier,lang"), ("", "level"), "missing column 'level'"),
])
def test_a_malformed_levels_csv_names_file_row_column_and_fix(tmp_path, edit, where, words_):
    path = write_levels(tmp_path, "nation")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_levels(tmp_path)
    cases = caught.value.failure_cases
    hit = cases[cases["message"].str.contains(words_, regex=False)]
    assert len(hit) >= 1, cases.to_dict("records")
    assert (str(hit["row"].iloc[0]), hit["column"].iloc[0]) == where
    assert hit["file"].iloc[0].endswith("levels.csv")


# --- the acceptance: render end to end, scan every file ------------------------------------------------

def _texts(path: Path):
    """What a reader sees in one output file, as text (embedded images left out)."""
    strip = re.compile(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+")
    suffix = path.suffix.lower()
    if suffix in (".html", ".csv", ".log"):
        yield strip.sub("", path.read_text(encoding="utf-8-sig", errors="replace"))
    elif suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    yield re.sub(r"<[^>]+>", " ", archive.read(name).decode("utf-8"))
    elif suffix == ".json":  # values: the keys ("districts") are the file format's, not words of a report
        payload = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "run.json":
            payload["parameters"].pop("template")  # the package's template file, district_forecast.ipynb
        yield "\n".join(text for _, text in _strings(payload))
    elif suffix == ".ipynb":  # what the notebook shows: its outputs (the code cells are the package's)
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                for kind, data in output.get("data", {}).items():
                    if kind.startswith("text"):
                        yield strip.sub("", "".join(data) if isinstance(data, list) else data)
                yield "".join(output.get("text", ""))
    else:
        assert suffix in (".png", ".npz", ""), f"{path.name}: a kind of output the scan does not read"


@pytest.mark.slow
@pytest.mark.parametrize("kind, lang, whole", [("reformed", "vi", "Toàn tỉnh"), ("nation", "vi", "Cả nước"),
                                               ("reformed", "en", "Whole province"), ("nation", "en", "Whole nation")])
def test_render_of_a_frame_without_districts_says_no_district(tmp_path, kind, lang, whole):
    """(b) Thanh Hóa after the 2025 reform as shipped (166 communes, the province its only group) and
    (c) a national office's frame of 34 provinces: every output file, no district named."""
    if kind == "reformed":
        data = Path(shutil.copytree(REPOSITORY / "examples" / "thanhhoa-2025", tmp_path / "data"))
        (data / "README.md").unlink()  # the folder's own description tells the reform's story (old districts)
        assert len(load_dataset(data).units) == 166
    else:
        data = frame_folder(tmp_path / "data", kind, groups=34)
        assert load_dataset(data).districts().shape[0] == 34
    run = subprocess.run([sys.executable, "-m", "cdsanalysis.cli", "render", "--data", str(data), "--out",
                          str(tmp_path / "out"), "--quiet", "--jobs", "2", "--lang", lang],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    files = [p for p in sorted((tmp_path / "out").rglob("*")) if p.is_file()]
    assert any(p.suffix == ".docx" for p in files) and any(p.suffix == ".xlsx" for p in files)
    found = {}
    for path in files:
        for text in _texts(path):
            hits = [text[max(0, m.start() - 40):m.end() + 40] for m in FORBIDDEN.finditer(text)]
            if hits:
                found[path.name] = hits[:3]
    assert found == {}
    index = (tmp_path / "out").rglob("index.html").__next__().read_text(encoding="utf-8")
    assert whole in index  # the top's row says the frame's own words


@pytest.mark.parametrize("lang", LANGS)
def test_a_refusal_of_the_command_line_names_the_folder_s_levels(tmp_path, capsys, monkeypatch, lang):
    """The CLI prints an error inside the folder's levels: 'no province progress', not 'no district progress'."""
    from cdsanalysis.cli import main
    from tests.catalogue import said_in

    data = frame_folder(tmp_path / "data", "nation")
    code = main(["forecast", "--data", str(data), "--as-of", "1990-01-01", "--lang", lang])
    output = "".join(capsys.readouterr())
    assert code == 1, output
    with using_levels(load_levels(data)):
        assert said_in(output, lang, "errors", "no_progress_before"), output
    assert not FORBIDDEN.search(output), output


def test_a_decision_s_group_column_may_be_named_by_the_folder_s_group_level(tmp_path):
    """The ambiguity message asks for a column named like the group level ('{Group}'); import then reads it."""
    from cdsanalysis.data.decision_import import _classify

    assert _classify("Huyện") == "district" and _classify("Tỉnh") != "district"
    with using_levels(load_levels(frame_folder(tmp_path / "data", "nation"))):
        assert _classify("Tỉnh") == "district" and _classify("Huyện") == "district"
        assert "'Tỉnh'" in words("vi")["errors"]["decision_ambiguous"]
