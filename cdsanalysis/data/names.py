"""Canonical Vietnamese unit names, and look-up of a district or commune by code or any spelling.

Users type names as the press writes them ("Thanh Hoá", "TX Bỉm Sơn", "hoang hoa"), the code list
writes "Thành phố Thanh Hóa", and papermill turns "0380" into 380. This module turns all of these
into one code, or raises :class:`NameLookupError` with suggestions: it never guesses between units.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from numbers import Integral, Real
from typing import Any

from cdsanalysis.exceptions import NameLookupError

__all__ = ["NameIndex", "canonical_tone", "display_name", "name_key", "nfc", "strip_prefix"]

# Zero-width characters and soft hyphens arrive with text copied from web pages and Excel.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")  # Unicode-aware: includes the non-breaking space

# Tone marks in NFD: grave, acute, tilde, hook above, dot below.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# A tone on the second vowel of oa/oe/uy that ends a syllable (not followed by a letter or mark),
# except after q: "quý" is spelt the same way in both styles.
_SECOND_VOWEL_TONE = re.compile(
    rf"(?<![qQ])([oO](?=[aAeE])|[uU](?=[yY]))([aAeEyY])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])"
)

_SEPARATOR = r"(?:\s*\.\s*|\s+)"  # "TP. X", "TP.X", "TP X"
_DOT = r"\s*\.\s*"  # one-letter abbreviations only with a dot: "H. X", never "H X"
# (pattern, unit type), tried in order; accent-free spellings are matched only as plain ASCII, so
# "Phượng Nghi" or "Quán Lào" (real names) are never taken for "phường" or "quận".
_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{words})(?=\S)", re.IGNORECASE), unit_type)
    for words, unit_type in (
        (rf"(?:thành phố|thanh pho|tp){_SEPARATOR}", "thành phố"),
        (rf"(?:thị xã|thi xa|tx){_SEPARATOR}", "thị xã"),
        (rf"(?:thị trấn|thi tran|tt){_SEPARATOR}", "thị trấn"),
        (rf"(?:huyện|huyen){_SEPARATOR}|h{_DOT}", "huyện"),
        (rf"(?:phường|phuong){_SEPARATOR}|p{_DOT}", "phường"),
        (rf"(?:quận){_SEPARATOR}|q{_DOT}", "quận"),
        (rf"(?:xã|xa){_SEPARATOR}|x{_DOT}", "xã"),
    )
)


def nfc(text: str) -> str:
    """NFC, whitespace collapsed and stripped: the same name always has the same code points."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(text)))
    return _SPACES.sub(" ", text).strip()


def canonical_tone(text: str) -> str:
    """Move the tone of a final oa/oe/uy to the first vowel, as the code list writes it.

    "Thanh Hoá" -> "Thanh Hóa", "Cẩm Thuỷ" -> "Cẩm Thủy", "HOÁ" -> "HÓA"; "Hoàng" and "Quý" stay.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    return unicodedata.normalize("NFC", _SECOND_VOWEL_TONE.sub(r"\1\3\2", decomposed))


def _split_prefix(text: str) -> tuple[str | None, str]:
    """(unit type, rest) of an NFC name; (None, text) when it has no prefix or nothing follows it."""
    for pattern, unit_type in _PREFIXES:
        match = pattern.match(text)
        if match:
            return unit_type, text[match.end() :]
    return None, text


def strip_prefix(name: str) -> str:
    """Drop one leading "Huyện"/"TX."/"xa "… so that official and typed names compare equal."""
    return _split_prefix(nfc(name))[1]


def display_name(name: str) -> str:
    """Short name for tables and charts: "huyện  Hoằng Hoá" -> "Hoằng Hóa"."""
    return strip_prefix(canonical_tone(name))


def _fold(text: str) -> str:
    """Accent-free, lower-case, punctuation-free form of a name (no prefix handling)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def name_key(text: str) -> str:
    """Accent-free key for typed names: "H. Hoằng Hóa" -> "hoang hoa" (also from NFD input)."""
    return _fold(strip_prefix(text))


def _query_text(query: object) -> str | None:
    """The query as text (int 380 -> "380"), or None when it is empty or missing (None, NaN, NA)."""
    if query is None:
        return None
    if isinstance(query, Integral) and not isinstance(query, bool):
        return str(int(query))
    if isinstance(query, Real) and not isinstance(query, bool):
        value = float(query)
        if math.isnan(value):
            return None
        if value.is_integer():  # a code column read as float because of a gap: 380.0
            return str(int(value))
    try:
        if query != query:  # NaN-like objects such as pandas.NaT
            return None
    except TypeError:  # pandas.NA refuses to be a bool
        return None
    return nfc(str(query)) or None


class NameIndex:
    """Codes of one kind of unit (districts, or communes) found by code or any spelling of the name.

    ``entries`` are ``(code, official_name)`` or ``(code, official_name, label)``; the label (e.g.
    "Xã Xuân Lộc (Huyện Thường Xuân)") names the unit in suggestions, so that units sharing a name
    can be told apart. Matching goes: code (also zero-padded or as int), exact name, canonical name
    (tone, case, prefix; skipped for accent-free queries), accent-free key. A stage that matches
    more than one unit raises; it never falls through to a looser stage.
    """

    def __init__(self, entries: Iterable[Sequence[Any]], kind: str = "district"):
        self.kind = kind
        self._official: dict[str, str] = {}
        self._position: dict[str, int] = {}
        self._label: dict[str, str] = {}
        self._type: dict[str, str | None] = {}
        self._by_unpadded: dict[str, list[str]] = {}
        self._by_exact: dict[str, list[str]] = {}
        self._by_canonical: dict[str, list[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        for entry in entries:
            if len(entry) not in (2, 3):
                raise ValueError(f"{kind} entry must be (code, name) or (code, name, label): {entry!r}")
            code, name = nfc(entry[0]), nfc(entry[1])
            if not code or not name:
                raise ValueError(f"{kind} entry with an empty code or name: {entry!r}")
            if code in self._official:
                raise ValueError(f"duplicate {kind} code {code!r}")
            self._official[code] = name
            self._position[code] = len(self._position)
            self._label[code] = nfc(entry[2]) if len(entry) == 3 and entry[2] else name
            unit_type, short = _split_prefix(canonical_tone(name))
            self._type[code] = unit_type
            self._by_unpadded.setdefault(code.lstrip("0") or "0", []).append(code)
            # The label too, so that a suggestion copied from an error message resolves.
            for spelling in {canonical_tone(name), short, canonical_tone(self._label[code])}:
                self._by_exact.setdefault(spelling, []).append(code)
            self._by_canonical.setdefault(short.casefold(), []).append(code)
            self._by_key.setdefault(_fold(short), []).append(code)

    @classmethod
    def for_districts(cls, units: Any) -> NameIndex:
        """Index of the districts of a canonical ``units`` table (district_code, district_name)."""
        pairs = units.loc[:, ["district_code", "district_name"]].drop_duplicates()
        return cls(zip(pairs["district_code"].astype(str), pairs["district_name"], strict=False), kind="district")

    @classmethod
    def for_communes(cls, units: Any, district_code: str | None = None) -> NameIndex:
        """Index of the communes of one district, or of the province with the district in labels."""
        if district_code is not None:
            units = units[units["district_code"].astype(str) == str(district_code)]
            labels = list(units["commune_name"])
        else:
            labels = [f"{c} ({d})" for c, d in zip(units["commune_name"], units["district_name"], strict=False)]
        return cls(zip(units["commune_code"].astype(str), units["commune_name"], labels, strict=False), kind="commune")

    @property
    def codes(self) -> tuple[str, ...]:
        """Codes in the order the entries were given."""
        return tuple(self._official)

    def __len__(self) -> int:
        return len(self._official)

    def __contains__(self, query: object) -> bool:
        """True when ``resolve(query)`` would return a code (any accepted spelling, not only codes)."""
        try:
            self.resolve(query)
        except NameLookupError:
            return False
        return True

    def __repr__(self) -> str:
        return f"NameIndex(kind={self.kind!r}, units={len(self)})"

    def name_of(self, code: object) -> str:
        """Official name (with its prefix) of the unit a code, or any accepted spelling, refers to."""
        return self._official[self.resolve(code)]

    def label_of(self, code: object) -> str:
        """The label used in suggestions (the official name unless the entries gave one)."""
        return self._label[self.resolve(code)]

    def resolve(self, query: object) -> str:
        """The code of the one unit ``query`` names; NameLookupError if none or several do."""
        text = _query_text(query)
        if text is None:
            raise NameLookupError(query, self.kind)
        if text in self._official:
            return text
        if text.isdigit():  # "0380" or 380 for code "380", or 380 for code "0380"
            found = self._by_unpadded.get(text.lstrip("0") or "0", [])
            if len(found) > 1:
                raise self._error(query, found, ambiguous=True)
            if found:
                return found[0]
        whole = canonical_tone(text)
        unit_type, short = _split_prefix(whole)
        stages = [(self._by_exact, str), (self._by_canonical, str.casefold), (self._by_key, _fold)]
        if text.isascii():
            # Typed without accents, "nga thanh" may mean "Nga Thành" as well as "Nga Thanh": only
            # the exact spelling picks the accent-free name; otherwise the accent-free key decides.
            del stages[1]
        for table, fold in stages:
            as_short = table.get(fold(short), [])
            # Also the whole text, in case what looked like a prefix starts a real name.
            as_whole = table.get(fold(whole), []) if short != whole else []
            found = sorted(set(as_short + as_whole), key=self._position.__getitem__)
            if len(found) == 1:
                return found[0]
            if found:
                # "TX. Nghi Sơn" when a "Huyện Nghi Sơn" exists too; not when the whole text
                # names another unit ("phuong nghi": Phượng Nghi, or a phường Nghi?).
                typed = [code for code in as_short if self._type[code] == unit_type]
                if unit_type and len(typed) == 1 and set(as_whole) <= set(typed):
                    return typed[0]
                # Several of the typed kind: list only those ("Phường Ba Đình", not "Xã Ba Đình").
                narrowed = typed if unit_type and len(typed) > 1 and set(as_whole) <= set(typed) else found
                raise self._error(query, narrowed, ambiguous=True)
        raise self._error(query, [code for code, _ in self.suggest(query)], ambiguous=False)

    def suggest(self, query: object, n: int = 3) -> list[tuple[str, str]]:
        """Up to ``n`` nearest units as (code, label), by similarity of accent-free keys."""
        text = _query_text(query)
        if text is None or n <= 0:
            return []
        wanted = name_key(canonical_tone(text))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)
        scored = []
        for key, codes in self._by_key.items():
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    scored.extend((-ratio, self._position[code], code) for code in codes)
        return [(code, self._label[code]) for _, _, code in sorted(scored)[:n]]

    def _error(self, query: object, codes: Iterable[str], ambiguous: bool) -> NameLookupError:
        return NameLookupError(query, self.kind, [(c, self._label[c]) for c in codes], ambiguous)
