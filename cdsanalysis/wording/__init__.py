"""Every word users read, one catalogue per language, below every layer of the package.

`words(lang)` is the one place a language is checked: an unknown language is an error, never a
silent fallback. The catalogues (`vi.py`, `en.py`) hold every sentence, label, header, status name,
notice and form header; `cdsanalysis.wording.formats` writes dates, numbers and chances. Nothing here
imports a layer, so `data/`, `model/` and `report/` can all use it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording import en, vi
from cdsanalysis.wording.levels import Levels, active_levels, fill

LANGS = ("vi", "en")
"""The languages of the catalogue; the first is the default everywhere."""

DEFAULT_LANG = LANGS[0]

_CATALOGUES: dict[str, Mapping[str, Any]] = {"vi": vi.WORDS, "en": en.WORDS}


def check_lang(lang: object) -> str:
    """``lang`` if the catalogue has it; a `CdsAnalysisError` naming the languages otherwise."""
    if not isinstance(lang, str) or lang not in _CATALOGUES:
        raise CdsAnalysisError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def words(lang: str) -> Mapping[str, Any]:
    """The catalogue of ``lang`` (checked): ``words("en")["index"]["title"]``, its level words ("{group}":
    huyện, district) filled in with the levels in force (`cdsanalysis.wording.levels`)."""
    return _filled(check_lang(lang), active_levels())


@functools.lru_cache(maxsize=16)
def _filled(lang: str, levels: Levels) -> Mapping[str, Any]:
    return fill(_CATALOGUES[lang], levels.placeholders(lang))


def status_label(status: object, lang: str = DEFAULT_LANG) -> str:
    """Display text of a status (its machine value, e.g. ``"on_track"``) in ``lang``."""
    labels = words(lang)["status"]
    key = getattr(status, "value", status)
    if key not in labels:
        raise CdsAnalysisError(f"no label for status {status!r} in language {lang!r}")
    return labels[key]
