"""Asserting on catalogue keys, not copied sentences (docs/house-rules.md): does a text hold a filled-in entry?"""

from __future__ import annotations

import re
import string

from cdsanalysis.wording import words


def said_pattern(template: str, **known: object) -> re.Pattern:
    """A regular expression matching ``template`` with the ``known`` values in their placeholders, any other."""
    parts = []
    for literal, field, spec, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(re.escape(format(known[field], spec or "")) if field in known else r".*?")
    return re.compile("".join(parts), re.S)


def said_in(text: str, lang: str, *keys: str, **known: object) -> bool:
    """Whether ``text`` holds the catalogue entry ``words(lang)[keys[0]][keys[1]]…``, placeholders filled in
    (with the ``known`` values where given)."""
    entry = words(lang)
    for key in keys:
        entry = entry[key]
    return bool(said_pattern(entry, **known).search(text))
