"""Every word users read, one catalogue per language, below every layer of the package.

`words(lang)` is the one place a language is checked: an unknown language is an error, never a
silent fallback. The catalogues (`vi.py`, `en.py`) hold every sentence, label, header, status name,
notice and form header; `cdsanalysis.wording.formats` writes dates, numbers and chances. Nothing here
imports a layer, so `data/`, `model/` and `report/` can all use it. `words`, `check_lang` and the
languages are defined in `cdsanalysis.wording.messages` (a refused language is itself a catalogue
message) and read from here.
"""

from __future__ import annotations

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import DEFAULT_LANG, LANGS, check_lang, said, words

__all__ = ["DEFAULT_LANG", "LANGS", "check_lang", "status_label", "words"]


def status_label(status: object, lang: str = DEFAULT_LANG) -> str:
    """Display text of a status (its machine value, e.g. ``"on_track"``) in ``lang``."""
    labels = words(lang)["status"]
    key = getattr(status, "value", status)
    if key not in labels:
        raise CdsAnalysisError(said("no_status_label", status=repr(status), lang=repr(lang)))
    return labels[key]
