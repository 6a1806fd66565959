"""Loading the bundled data, cutting it at a date, looking districts up by any spelling."""

from __future__ import annotations

import hashlib
import unicodedata

import pandas as pd
import pytest

import cdsanalysis
from cdsanalysis import Dataset, load_dataset
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.names import display_name
from cdsanalysis.exceptions import CdsAnalysisError, NameLookupError


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def test_bundled_frame_is_decision_969s(dataset):
    districts = dataset.districts()
    assert len(districts) == 27
    assert districts["communes_total"].sum() == 559
    assert list(districts.columns) == ["district_code", "district_name", "short_name", "communes_total"]
    assert districts["district_code"].is_monotonic_increasing


def test_until_hides_what_was_not_known(dataset):
    earlier = dataset.until("2023-12-31")
    assert earlier.progress["as_of"].max() == pd.Timestamp("2023-12-31")
    assert earlier.latest_date() == pd.Timestamp("2023-12-31")
    assert len(earlier.progress) < len(dataset.progress)
    assert earlier.targets.equals(dataset.targets)
    assert dataset.latest_date() == pd.Timestamp("2024-06-30")


def test_until_rejects_a_non_date(dataset):
    with pytest.raises(CdsAnalysisError, match="not a date"):
        dataset.until("mid 2024")


def _variants(official: str) -> list[str]:
    short = display_name(official)
    accent_free = "".join(c for c in unicodedata.normalize("NFD", short) if not unicodedata.combining(c))
    accent_free = accent_free.replace("Đ", "D").replace("đ", "d")
    old_tone = short.replace("óa", "oá").replace("òa", "oà").replace("ủy", "uỷ").replace("ùy", "uỳ")
    return [official, short, short.lower(), accent_free, old_tone, unicodedata.normalize("NFD", official),
            f"  {official.upper()}  ", old_tone.replace(" ", "  ")]


def test_every_district_resolves_from_common_spellings(dataset):
    for code, official in zip(dataset.districts()["district_code"], dataset.districts()["district_name"], strict=False):
        assert dataset.district_code(code) == code
        for spelling in _variants(official):
            assert dataset.district_code(spelling) == code, spelling


@pytest.mark.parametrize("query", ["Hoằng Hoá", "hoang hoa", "H. Hoằng Hóa", "huyện Hoằng Hóa",
                                   unicodedata.normalize("NFD", "Hoằng Hóa"), "  Hoằng   Hóa "])
def test_issue_spellings_of_hoang_hoa(dataset, query):
    assert dataset.district_code(query) == "399"


def test_unknown_district_suggests_nearest(dataset):
    with pytest.raises(NameLookupError) as info:
        dataset.district_code("Hoang Hoa X")
    assert info.value.suggestions[0] == ("399", "Huyện Hoằng Hóa")


def test_loading_never_modifies_the_raw_files():
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in REPOSITORY_DATA.glob("*.csv")}
    load_dataset()
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in REPOSITORY_DATA.glob("*.csv")}
    assert before == after


def test_from_frames_round_trips_the_typed_tables(dataset):
    again = Dataset.from_frames(dataset.units, dataset.progress, dataset.targets)
    pd.testing.assert_frame_equal(again.progress, dataset.progress)
    pd.testing.assert_frame_equal(again.targets, dataset.targets)
    assert again.districts().equals(dataset.districts())


def test_any_province_layout_works():
    """Nothing assumes Thanh Hóa: a made-up two-district province loads and looks up."""
    units = pd.DataFrame({
        "district_code": ["001", "001", "002"],
        "district_name": ["Quận Ba Đình", "Quận Ba Đình", "Huyện Thanh Trì"],
        "commune_code": ["00001", "00004", "00640"],
        "commune_name": ["Phường Phúc Xá", "Phường Trúc Bạch", "Xã Tả Thanh Oai"],
        "commune_type": ["phường", "phường", "xã"],
        "source": ["test"] * 3,
    })
    progress = pd.DataFrame({"district_code": ["001", "002"], "as_of": ["2024-06-30"] * 2,
                             "completed": [1, 0], "source": ["test"] * 2, "status": ["actual"] * 2})
    targets = pd.DataFrame({"district_code": ["001"], "deadline": ["2025-12-31"], "target": [2],
                            "kind": ["all_communes"], "source": ["test"], "status": ["target"]})
    small = Dataset.from_frames(units, progress, targets)
    assert small.districts()["communes_total"].tolist() == [2, 1]
    assert small.district_code("1") == "001"
    assert small.district_code("thanh tri") == "002"


def test_public_api_is_lazy_and_complete():
    assert {"load_dataset", "Dataset", "validate", "DataValidationError"} <= set(dir(cdsanalysis))
    with pytest.raises(AttributeError):
        cdsanalysis.no_such_thing  # noqa: B018


def test_empty_targets_table_is_valid(dataset):
    empty = Dataset.from_frames(dataset.units, dataset.progress, dataset.targets.iloc[:0])
    assert empty.targets.empty
    assert empty.targets["deadline"].dtype == "datetime64[ns]"


def test_every_commune_resolves_within_its_district(dataset):
    for row in dataset.units.itertuples(index=False):
        for spelling in (row.commune_code, row.commune_name, display_name(row.commune_name),
                         unicodedata.normalize("NFD", row.commune_name.lower())):
            assert dataset.commune_code(spelling, district=row.district_code) == row.commune_code


def test_repeated_commune_name_is_ambiguous_without_a_district(dataset):
    with pytest.raises(NameLookupError) as info:
        dataset.commune_code("Phường Ba Đình")
    assert info.value.ambiguous
    assert {code for code, _ in info.value.suggestions} == {"14776", "14812"}
    assert any("Bỉm Sơn" in label for _, label in info.value.suggestions)
    assert dataset.commune_code("P. Ba Đình", district="TX. Bỉm Sơn") == "14812"
    assert dataset.commune_code("Xã Hoằng Xuân") == dataset.commune_code("hoang xuan", district="399")
