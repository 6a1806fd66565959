"""Tests of cdsanalysis.data.names: canonical spellings and look-up by code or any spelling of a name.

Rows are copied from the national statistics office's unit list of Thanh Hóa (2023 frame).
"""

from __future__ import annotations

import math
import pickle
import unicodedata

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.names import NameIndex, canonical_tone, display_name, name_key, nfc, strip_prefix
from cdsanalysis.exceptions import CdsAnalysisError, NameLookupError

DISTRICTS = [
    ("380", "Thành phố Thanh Hóa"),
    ("381", "Thị xã Bỉm Sơn"),
    ("385", "Huyện Quan Hóa"),
    ("390", "Huyện Cẩm Thủy"),
    ("391", "Huyện Thạch Thành"),
    ("398", "Huyện Thiệu Hóa"),
    ("399", "Huyện Hoằng Hóa"),
    ("405", "Huyện Đông Sơn"),
    ("407", "Thị xã Nghi Sơn"),
]

# (district_code, district_name, commune_code, commune_name, commune_type)
COMMUNE_ROWS = [
    ("380", "Thành phố Thanh Hóa", "14785", "Phường Đông Sơn", "phường"),
    ("381", "Thị xã Bỉm Sơn", "14821", "Phường Đông Sơn", "phường"),
    ("390", "Huyện Cẩm Thủy", "15136", "Xã Cẩm Quý", "xã"),
    ("394", "Huyện Yên Định", "15469", "Thị trấn Quán Lào", "thị trấn"),
    ("396", "Huyện Thường Xuân", "15643", "Xã Xuân Lộc", "xã"),
    ("397", "Huyện Triệu Sơn", "15739", "Xã Xuân Lộc", "xã"),
    ("398", "Huyện Thiệu Hóa", "15772", "Thị trấn Thiệu Hóa", "thị trấn"),
    ("398", "Huyện Thiệu Hóa", "15823", "Xã Thiệu Hòa", "xã"),
    ("399", "Huyện Hoằng Hóa", "15877", "Xã Hoằng Xuân", "xã"),
    ("399", "Huyện Hoằng Hóa", "15886", "Xã Hoằng Quỳ", "xã"),
    ("399", "Huyện Hoằng Hóa", "15916", "Xã Hoằng Quý", "xã"),
    ("401", "Huyện Nga Sơn", "16123", "Xã Nga Thanh", "xã"),
    ("401", "Huyện Nga Sơn", "16141", "Xã Nga Thành", "xã"),
    ("403", "Huyện Như Thanh", "16240", "Xã Phượng Nghi", "xã"),
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def districts() -> NameIndex:
    return NameIndex(DISTRICTS, kind="district")


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    frame = pd.DataFrame(
        COMMUNE_ROWS, columns=["district_code", "district_name", "commune_code", "commune_name", "commune_type"]
    )
    return frame.assign(source="test")


@pytest.fixture(scope="module")
def communes(units: pd.DataFrame) -> NameIndex:
    return NameIndex.for_communes(units)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (nfd("Hoằng Hóa"), "Hoằng Hóa"),
        ("  Hoằng \t\n  Hóa  ", "Hoằng Hóa"),
        ("Hoằng\u00a0Hóa", "Hoằng Hóa"),  # non-breaking space
        ("Hoằng\u200b Hóa\ufeff", "Hoằng Hóa"),  # zero-width space, BOM
        ("", ""),
    ],
)
def test_nfc(text, expected):
    assert nfc(text) == expected
    assert unicodedata.is_normalized("NFC", nfc(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("Cẩm Thuỷ", "Cẩm Thủy"),
        ("HOÁ", "HÓA"),
        ("hoÁ", "hóA"),  # each letter keeps its own case
        ("Thuỵ", "Thụy"),
        ("khoẻ", "khỏe"),
        ("hoà.", "hòa."),  # punctuation ends a syllable
        ("Xoã Hoả Hoạ", "Xõa Hỏa Họa"),
        (nfd("Thanh Hoá"), "Thanh Hóa"),
        ("Thanh Hóa", "Thanh Hóa"),  # already canonical
        ("Quý", "Quý"),  # not after q
        ("QUÝ", "QUÝ"),
        ("Hoằng Quỳ", "Hoằng Quỳ"),
        ("Hoàng", "Hoàng"),  # not at the end of the syllable
        ("Lương Ngoại", "Lương Ngoại"),
        ("Hoạt Giang", "Hoạt Giang"),
        ("Thiệu Toán", "Thiệu Toán"),
        ("Hoa Lộc", "Hoa Lộc"),  # no tone to move
        ("Hoằng", "Hoằng"),  # oă is not oa
    ],
)
def test_canonical_tone(text, expected):
    assert canonical_tone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Huyện Hoằng Hóa", "Hoằng Hóa"),
        ("huyện Hoằng Hóa", "Hoằng Hóa"),
        ("HUYỆN Hoằng Hóa", "Hoằng Hóa"),
        ("H. Hoằng Hóa", "Hoằng Hóa"),
        ("H.Hoằng Hóa", "Hoằng Hóa"),
        ("huyen Hoang Hoa", "Hoang Hoa"),
        ("Thị xã Bỉm Sơn", "Bỉm Sơn"),
        ("thi xa Bim Son", "Bim Son"),
        ("TX Bỉm Sơn", "Bỉm Sơn"),
        ("TX. Bỉm Sơn", "Bỉm Sơn"),
        ("tx.Bỉm Sơn", "Bỉm Sơn"),
        ("Thành phố Thanh Hóa", "Thanh Hóa"),
        ("thanh pho Thanh Hoa", "Thanh Hoa"),
        ("TP Thanh Hóa", "Thanh Hóa"),
        ("Tp. Thanh Hóa", "Thanh Hóa"),
        ("Xã Hoằng Xuân", "Hoằng Xuân"),
        ("X. Hoằng Xuân", "Hoằng Xuân"),
        ("xa Hoang Xuan", "Hoang Xuan"),
        ("Phường Đông Sơn", "Đông Sơn"),
        ("P. Đông Sơn", "Đông Sơn"),
        ("phuong Dong Son", "Dong Son"),
        ("Thị trấn Quán Lào", "Quán Lào"),
        ("TT Quán Lào", "Quán Lào"),
        ("TT. Quán Lào", "Quán Lào"),
        ("thi tran Quan Lao", "Quan Lao"),
        (nfd("Huyện  Hoằng Hóa"), "Hoằng Hóa"),
        ("Xã Xuân", "Xuân"),
        ("Xã Phượng Nghi", "Phượng Nghi"),  # only one prefix is dropped
        # never part of a real name
        ("Thạch Thành", "Thạch Thành"),
        ("Thành Sơn", "Thành Sơn"),
        ("Phượng Nghi", "Phượng Nghi"),
        ("Quán Lào", "Quán Lào"),
        ("Xuân Lộc", "Xuân Lộc"),
        ("Hoằng Hóa", "Hoằng Hóa"),
        ("Huyện", "Huyện"),  # nothing would be left
        ("TP.", "TP."),
        ("Xã ", "Xã"),
        ("H Hoằng Hóa", "H Hoằng Hóa"),  # one-letter abbreviations need their dot
    ],
)
def test_strip_prefix(text, expected):
    assert strip_prefix(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("huyện  Hoằng Hoá", "Hoằng Hóa"),
        ("TP. Thanh Hoá", "Thanh Hóa"),
        ("Huyện Cẩm Thuỷ", "Cẩm Thủy"),
        ("Xã Cẩm Quý", "Cẩm Quý"),
        (nfd("Thị xã Bỉm Sơn"), "Bỉm Sơn"),
    ],
)
def test_display_name(text, expected):
    assert display_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H. Hoằng Hóa", "hoang hoa"),
        ("Huyện Hoằng Hoá", "hoang hoa"),
        (nfd("Huyện Hoằng Hóa"), "hoang hoa"),
        ("  HOẰNG   HÓA ", "hoang hoa"),
        ("Huyện Đông Sơn", "dong son"),
        ("Thành phố Thanh Hóa", "thanh hoa"),
        ("Hoằng Hóa, Thanh Hóa!", "hoang hoa thanh hoa"),
        ("Quán Lào", "quan lao"),
    ],
)
def test_name_key(text, expected):
    assert name_key(text) == expected


@pytest.mark.parametrize(
    "query",
    [
        "Hoằng Hóa",
        "Hoằng Hoá",
        "hoang hoa",
        "HOANG HOA",
        "H. Hoằng Hóa",
        "huyện Hoằng Hóa",
        "Huyện Hoằng Hóa",
        nfd("Hoằng Hóa"),
        nfd("Huyện Hoằng Hoá"),
        "  Hoằng   Hóa  ",
        "Hoằng\u00a0Hóa",
        "Hoàng Hóa",  # wrong accent: accent-free key, unique here
        "399",
        399,
        np.int64(399),
        399.0,
        "0399",
        " 399 ",
    ],
)
def test_resolve_spellings_of_hoang_hoa(districts, query):
    assert districts.resolve(query) == "399"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("TP. Thanh Hoá", "380"),
        ("Thanh Hoá", "380"),
        ("thanh hoa", "380"),
        ("tp thanh hoa", "380"),
        ("TX Bỉm Sơn", "381"),
        ("thi xa bim son", "381"),
        ("Cẩm Thuỷ", "390"),
        ("cam thuy", "390"),
        ("Quan Hoá", "385"),
        ("Thạch Thành", "391"),
        ("Đông Sơn", "405"),
        ("dong son", "405"),
        ("Huyện Nghi Sơn", "407"),  # wrong type, but one unit has the name
        (380, "380"),
        ("0380", "380"),
        ("00407", "407"),
    ],
)
def test_resolve_districts(districts, query, code):
    assert districts.resolve(query) == code


def test_int_query_finds_zero_padded_code():
    index = NameIndex([("0380", "Thành phố Thanh Hóa"), ("0381", "Thị xã Bỉm Sơn")])
    assert index.resolve(380) == "0380"  # papermill turns "0380" into 380
    assert index.resolve("381") == "0381"
    assert index.resolve("0380") == "0380"


def test_zero_stripping_that_matches_two_codes_is_ambiguous():
    index = NameIndex([("380", "Thành phố Thanh Hóa"), ("0380", "Thành phố Sầm Sơn")])
    assert index.resolve("380") == "380"  # exact code first
    with pytest.raises(NameLookupError) as info:
        index.resolve("00380")
    assert info.value.ambiguous
    assert {code for code, _ in info.value.suggestions} == {"380", "0380"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Cẩm Quý", "15136"),
        ("Hoằng Quý", "15916"),  # "Quý" is not rewritten, so it stays apart from Quỳ
        ("Hoằng Quỳ", "15886"),
        ("Phượng Nghi", "16240"),
        ("phuong nghi", "16240"),  # "phuong" is a prefix, but the whole text names a commune
        ("Quán Lào", "15469"),
        ("quan lao", "15469"),
        ("TT Thiệu Hóa", "15772"),
        ("tt thieu hoa", "15772"),  # accent-free: two communes, the prefix picks the thị trấn
        ("Xã Thiệu Hoà", "15823"),
        ("Nga Thanh", "16123"),  # the exact spelling of the accent-free name
        ("Xã Nga Thanh", "16123"),
        ("Nga Thành", "16141"),
        ("Xã Xuân Lộc (Huyện Triệu Sơn)", "15739"),  # a label copied from a suggestion
        ("15643", "15643"),
    ],
)
def test_resolve_communes(communes, query, code):
    assert communes.resolve(query) == code


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("Xuân Lộc", {"15643", "15739"}),
        ("Xã Xuân Lộc", {"15643", "15739"}),
        ("xuan loc", {"15643", "15739"}),
        ("Đông Sơn", {"14785", "14821"}),
        ("P. Đông Sơn", {"14785", "14821"}),  # same type: the prefix does not help
        ("Hoàng Quý", {"15886", "15916"}),  # wrong accent, two accent-free matches
        ("hoang quy", {"15886", "15916"}),
        ("nga thanh", {"16123", "16141"}),  # typed without accents: could be either
        ("thieu hoa", {"15772", "15823"}),
    ],
)
def test_ambiguous_query_raises_with_all_candidates(communes, query, codes):
    with pytest.raises(NameLookupError) as info:
        communes.resolve(query)
    err = info.value
    assert err.ambiguous
    assert err.kind == "commune"
    assert {code for code, _ in err.suggestions} == codes


def test_ambiguous_suggestions_name_the_district(communes):
    with pytest.raises(NameLookupError) as info:
        communes.resolve("Xuân Lộc")
    labels = {label for _, label in info.value.suggestions}
    assert labels == {"Xã Xuân Lộc (Huyện Thường Xuân)", "Xã Xuân Lộc (Huyện Triệu Sơn)"}
    assert "Huyện Triệu Sơn" in str(info.value)


@pytest.fixture(scope="module")
def twin_districts() -> NameIndex:
    # A hypothetical huyện sharing its name with the thị xã.
    return NameIndex([("407", "Thị xã Nghi Sơn"), ("999", "Huyện Nghi Sơn"), ("399", "Huyện Hoằng Hóa")])


@pytest.mark.parametrize(
    ("query", "code"),
    [("TX. Nghi Sơn", "407"), ("Thị xã Nghi Sơn", "407"), ("Huyện Nghi Sơn", "999"), ("huyen nghi son", "999")],
)
def test_prefix_type_settles_a_shared_name(twin_districts, query, code):
    assert twin_districts.resolve(query) == code


@pytest.mark.parametrize("query", ["Nghi Sơn", "nghi son", "Xã Nghi Sơn"])
def test_shared_name_without_a_telling_prefix_is_ambiguous(twin_districts, query):
    with pytest.raises(NameLookupError) as info:
        twin_districts.resolve(query)
    assert info.value.ambiguous
    assert [code for code, _ in info.value.suggestions] == ["407", "999"]  # in entry order


@pytest.mark.parametrize(
    ("query", "first"),
    [("Hoang Hoa X", "399"), ("Hoằng Hoá xyz", "399"), ("Cam Thuyy", "390"), ("Bim Sonn", "381")],
)
def test_unknown_name_suggests_nearest_first(districts, query, first):
    with pytest.raises(NameLookupError) as info:
        districts.resolve(query)
    err = info.value
    assert not err.ambiguous
    assert err.kind == "district"
    assert 1 <= len(err.suggestions) <= 3
    assert err.suggestions[0] == (first, dict(DISTRICTS)[first])


@pytest.mark.parametrize("query", ["xyz", "999", 999, "Hà Nội", "Sài Gòn"])
def test_unknown_far_from_every_name_has_no_suggestions(districts, query):
    with pytest.raises(NameLookupError) as info:
        districts.resolve(query)
    assert not info.value.ambiguous
    assert info.value.suggestions == []


@pytest.mark.parametrize("query", [None, "", "   ", "\u00a0", math.nan, np.nan, pd.NA, pd.NaT])
def test_missing_query_raises_without_suggestions(districts, query):
    with pytest.raises(NameLookupError) as info:
        districts.resolve(query)
    assert info.value.suggestions == []
    assert not info.value.ambiguous
    assert districts.suggest(query) == []
    assert query not in districts


def test_lookup_error_is_a_package_error_and_a_lookup_error(districts):
    with pytest.raises(NameLookupError) as info:
        districts.resolve("xyz")
    assert isinstance(info.value, CdsAnalysisError)
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("query", ["Xuân Lộc", "Xuan Loc X", None])
def test_errors_survive_pickle(communes, query):
    with pytest.raises(NameLookupError) as info:
        communes.resolve(query)
    err = info.value
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is NameLookupError
    assert (copy.query, copy.kind, copy.suggestions, copy.ambiguous) == (
        err.query,
        err.kind,
        err.suggestions,
        err.ambiguous,
    )
    assert str(copy) == str(err)


def test_suggest_limits_and_orders(districts):
    assert districts.suggest("Hoang Hoa", n=1) == [("399", "Huyện Hoằng Hóa")]
    assert len(districts.suggest("Hoa", n=10)) <= 10
    assert districts.suggest("Hoang Hoa", n=0) == []
    three = districts.suggest("Thieu Hoa X")
    assert three[0][0] == "398"
    assert len(three) == len({code for code, _ in three}) <= 3


def test_container_protocol(districts):
    assert len(districts) == len(DISTRICTS)
    assert districts.codes == tuple(code for code, _ in DISTRICTS)
    assert "399" in districts
    assert 399 in districts
    assert "Hoằng Hoá" in districts
    assert "Hà Nội" not in districts
    assert districts.name_of("399") == "Huyện Hoằng Hóa"
    assert districts.name_of(380) == "Thành phố Thanh Hóa"
    assert districts.label_of("381") == "Thị xã Bỉm Sơn"
    assert "district" in repr(districts)


def test_name_of_unknown_code_raises(districts):
    with pytest.raises(NameLookupError):
        districts.name_of("12345")


@pytest.mark.parametrize(
    "entries",
    [
        [("399", "Huyện Hoằng Hóa"), ("399", "Huyện Hậu Lộc")],  # duplicate code
        [("399", "")],
        [("", "Huyện Hoằng Hóa")],
        [("399",)],
        [("399", "Huyện Hoằng Hóa", "label", "extra")],
    ],
)
def test_bad_entries_are_refused(entries):
    with pytest.raises(ValueError):
        NameIndex(entries)


def test_for_districts_and_communes_from_units_table(units):
    before = units.copy()
    districts = NameIndex.for_districts(units)
    assert districts.kind == "district"
    assert len(districts) == units["district_code"].nunique()
    assert districts.resolve("Thiệu Hoá") == "398"
    hoang_hoa = NameIndex.for_communes(units, district_code="399")
    assert hoang_hoa.kind == "commune"
    assert hoang_hoa.codes == ("15877", "15886", "15916")
    assert hoang_hoa.label_of("15877") == "Xã Hoằng Xuân"
    with pytest.raises(NameLookupError) as info:  # a commune of another district
        hoang_hoa.resolve("Cẩm Quý")
    assert info.value.kind == "commune"
    thuong_xuan = NameIndex.for_communes(units, district_code="396")
    assert thuong_xuan.resolve("Xuân Lộc") == "15643"  # unique within one district
    pd.testing.assert_frame_equal(units, before)  # inputs untouched


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Phường Nghi", "1"), ("P. Nghi", "1"), ("Phượng Nghi", "2"), ("Xã Phượng Nghi", "2"), ("phuong nghi", None)],
)
def test_prefix_like_word_that_starts_a_real_name(query, expected):
    # "phuong nghi" is either "Phường Nghi" (hypothetical) or the real "Xã Phượng Nghi".
    index = NameIndex([("1", "Phường Nghi"), ("2", "Xã Phượng Nghi")], kind="commune")
    if expected is not None:
        assert index.resolve(query) == expected
    else:
        with pytest.raises(NameLookupError) as info:
            index.resolve(query)
        assert info.value.ambiguous
        assert [code for code, _ in info.value.suggestions] == ["1", "2"]
