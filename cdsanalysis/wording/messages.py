"""Error messages that can be read in any language: a catalogue key and its parameters.

The data layer raises errors long before anyone knows who reads them, and Python callers (a notebook,
a test) expect ``str(err)`` to be a sentence. So a message is a `Message`: a ``str`` that reads in
English (the API's default), and that remembers its key of the catalogue's ``errors`` section and its
parameters, so the command line can print it in the language the analyst chose (`error_text`).

The catalogues themselves (`words`, `check_lang`, `LANGS`) live here too, and `cdsanalysis.wording` hands
them on: a message is read from a catalogue, and a language no catalogue has is refused with a message, so
the two need each other and share one module (the package imports this one, never the other way round).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import pandas as pd

from cdsanalysis.exceptions import MAX_LISTED_PROBLEMS, CdsAnalysisError, DataValidationError, NameLookupError
from cdsanalysis.wording.en import WORDS as EN_WORDS
from cdsanalysis.wording.levels import LEVEL_PLACEHOLDER, Levels, active_levels, fill
from cdsanalysis.wording.vi import WORDS as VI_WORDS

LANGS = ("vi", "en")
"""The languages of the catalogue; the first is the default everywhere."""

DEFAULT_LANG = LANGS[0]

API_LANG = "en"
"""The language of ``str()`` of a message and of an error raised from the package."""

_CATALOGUES: dict[str, Mapping[str, Any]] = {"vi": VI_WORDS, "en": EN_WORDS}


def check_lang(lang: object) -> str:
    """``lang`` if the catalogue has it; a `CdsAnalysisError` naming the languages otherwise."""
    if not isinstance(lang, str) or lang not in _CATALOGUES:
        raise CdsAnalysisError(said("unknown_lang", langs=", ".join(LANGS), value=repr(lang)))
    return lang


def words(lang: str) -> Mapping[str, Any]:
    """The catalogue of ``lang`` (checked): ``words("en")["index"]["title"]``, its level words ("{group}":
    huyện, district) filled in with the levels in force (`cdsanalysis.wording.levels`)."""
    return _filled(check_lang(lang), active_levels())


@functools.lru_cache(maxsize=16)
def _filled(lang: str, levels: Levels) -> Mapping[str, Any]:
    return fill(_CATALOGUES[lang], levels.placeholders(lang))


class Listed(tuple):
    """Items a sentence lists, joined by the ``errors`` word ``conjunction`` ("and", "or") of the language."""

    conjunction: str

    def __new__(cls, items, conjunction: str = "and") -> Listed:
        self = super().__new__(cls, items)
        self.conjunction = conjunction
        return self

    def __reduce__(self):
        return (Listed, (tuple(self), self.conjunction))


def _rendered(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Listed):
        return words(lang)["errors"][value.conjunction].join(str(_rendered(v, lang)) for v in value)
    if isinstance(value, (list, tuple)):  # a list of items reads as one text, "; " between them
        return "; ".join(str(_rendered(v, lang)) for v in value)
    return value


def _format(key: str, params: Mapping[str, Any], lang: str) -> str:
    template = words(lang)["errors"][key]
    return template.format(**{name: _rendered(value, lang) for name, value in params.items()})


class Message(str):
    """A sentence of the catalogue's ``errors`` section, filled in: English as a ``str``, any language by `text`.

    Parameters that are `Message` themselves (a problem inside a sentence) are read in the same language.
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Message:
        clash = sorted(name for name in params if LEVEL_PLACEHOLDER.fullmatch(name))
        if clash:  # words() fills {group}, {top}... with the level words before any parameter is read
            raise ValueError(f"message {key!r}: parameter names {clash} are level placeholders; rename them")
        self = super().__new__(cls, _format(key, params, API_LANG))
        self.key, self.params = key, params
        return self

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` (checked by `words`)."""
        return _format(self.key, self.params, lang)

    def __reduce__(self):  # a str subclass whose constructor takes a key: pickle the key and parameters
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def said(key: str, /, **params: Any) -> Message:
    """The message ``key`` of the ``errors`` section with ``params`` (English as a str, any language by `text`)."""
    return Message(key, **params)


def in_lang(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a `Message`; any other text as it is."""
    return text.text(lang) if isinstance(text, Message) else str(text)


def _present(value: object) -> bool:
    return not (value is None or (isinstance(value, float) and pd.isna(value))) and str(value) not in ("", "nan",
                                                                                                       "None")


def validation_text(err: DataValidationError, lang: str, listed: int) -> str:
    """A `DataValidationError` in ``lang``: its title and every problem with file, row and column."""
    w = words(lang)["errors"]
    cases = err.failure_cases
    n = len(cases)
    lines = [w["problems_title" if n != 1 else "problem_title"].format(title=in_lang(err.title, lang), n=n)]
    for case in cases.head(listed).itertuples(index=False):
        where = str(case.file)
        if _present(case.row):
            where += w["at_row"].format(row=case.row)
        if _present(case.column):
            where += w["at_column"].format(column=case.column)
        lines.append(f"  - {where}: {in_lang(case.message, lang)}")
    if n > listed:
        lines.append(w["problems_more"].format(n=n - listed))
    return "\n".join(lines)


def lookup_text(err: NameLookupError, lang: str) -> str:
    """A `NameLookupError` in ``lang``, with its suggestions."""
    w = words(lang)["errors"]
    kind = w["kinds"].get(err.kind, err.kind)
    listed = "; ".join(f"{name} ({code})" for code, name in err.suggestions)
    if err.ambiguous:
        return w["name_ambiguous"].format(kind=kind, query=err.query, listed=listed)
    if listed:
        return w["name_unknown_suggest"].format(kind=kind, query=err.query, listed=listed)
    return w["name_unknown"].format(kind=kind, query=err.query)


def error_text(err: BaseException, lang: str) -> str:
    """What the command line prints for ``err`` in ``lang``: its `Message` read again, else ``str(err)``."""
    if isinstance(err, DataValidationError):
        return validation_text(err, lang, MAX_LISTED_PROBLEMS)
    if isinstance(err, NameLookupError):
        return lookup_text(err, lang)
    first = err.args[0] if len(err.args) == 1 else None
    return in_lang(first, lang) if isinstance(first, Message) else str(err)
