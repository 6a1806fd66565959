"""What the data tables and spreadsheets may contain: the limits every input is checked against.

Data folders and spreadsheets arrive by e-mail from district offices, and codes become file
names and names go into web pages and Excel cells. So codes match a short safe pattern, text has
no control or invisible characters, numbers are plain ASCII digits, and a spreadsheet is read only
within sane sizes. These limits are documented for users in ``data/README.md``.
"""

from __future__ import annotations

import re
import unicodedata

from cdsanalysis.exceptions import MAX_LISTED_PROBLEMS  # noqa: F401 - one of the limits

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$"
"""A district or commune code: 1–20 ASCII letters, digits, '-' or '_', starting with a letter or digit.

Safe as a file name on every system: no '/', '\\', '..', spaces or dots."""
CODE_RULE = "1–20 ASCII letters or digits, '-' or '_', starting with a letter or digit (e.g. 399)"

MAX_NAME_LENGTH = 100
"""Longest district or commune name, in characters (the longest real one is under 40)."""
MAX_TEXT_LENGTH = 1000
"""Longest source or note cell, in characters."""
MAX_COUNT_DIGITS = 9
"""A count or target has at most this many digits (far above any province, far below int64)."""

MAX_SHEET_ROWS = 20_000
"""Rows of a worksheet that `import` reads (a district form has a few dozen; `template` writes one row
per district and refuses a data folder whose form would not fit, so 5,000 districts still import)."""
MAX_SHEET_COLUMNS = 100
"""Columns of a worksheet that `import` reads."""
MAX_SHEET_CELLS = 200_000
"""Rows × columns of the part of a worksheet that `import` reads."""
MAX_SHEETS = 50
"""Worksheets in one workbook."""
MAX_WORKBOOK_BYTES = 20_000_000
"""Size of an .xlsx file, and of its unpacked content, that `import` opens."""

_CODE = re.compile(CODE_PATTERN, re.ASCII)
# Unicode categories refused in text: control (Cc), format (Cf: zero-width, bidi, soft hyphen),
# line and paragraph separators (Zl, Zp), surrogates (Cs), private use (Co), unassigned (Cn).
_BAD_CATEGORIES = {"Cc": "a control character", "Cf": "an invisible formatting character",
                   "Zl": "a line separator", "Zp": "a paragraph separator", "Cs": "a surrogate",
                   "Co": "a private-use character", "Cn": "an unassigned character"}


def is_safe_code(code: str) -> bool:
    """True when ``code`` matches `CODE_PATTERN` (empty is not a code)."""
    return bool(_CODE.match(code))


def bad_character(text: str) -> str | None:
    """A description of the first character of ``text`` that may not appear in a name, or None.

    Names are shown in web pages, charts and Excel cells: a control character aborts the chart
    library, an invisible one makes two names look equal while they differ.
    """
    for position, char in enumerate(text, 1):
        category = unicodedata.category(char)
        if category in _BAD_CATEGORIES:
            return f"{_BAD_CATEGORIES[category]} (U+{ord(char):04X}) at character {position}"
    return None


def text_problem(text: str, limit: int = MAX_NAME_LENGTH) -> str | None:
    """Why ``text`` cannot be a name (or a source or note with ``limit``), or None when it can."""
    bad = bad_character(text)
    if bad:
        return f"contains {bad}; retype it with letters, digits, spaces and punctuation only"
    if len(text) > limit:
        return f"is {len(text)} characters long; at most {limit} are allowed"
    return None
