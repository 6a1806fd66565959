"""The catalogue: every language has the same words, and no Vietnamese sentence lives outside it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording import LANGS, check_lang, words

PACKAGE = Path(__file__).resolve().parent.parent / "cdsanalysis"

INPUT_VOCABULARIES = {
    "data/names.py": "how offices spell unit names and types (read, never written)",
    "data/sheet_layout.py": "the headers an office's sheet may carry (read)",
    "data/sheet_import.py": "the sheet reader, whose messages quote the title line it reads",
    "data/decision_import.py": "the decision reader: the title and header words it looks for, the refusals that "
    "quote them, and the provenance it writes in the record's own language",
    "data/schema.py": "the commune types units.csv may hold (read)",
    "model/synthetic.py": "made-up units in the input layout (data, not wording)",
    "model/scenarios.py": "made-up units in the input layout (data, not wording)",
}
"""Modules allowed Vietnamese literals, and why: they describe input, not what a reader is told."""

_VIETNAMESE = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def _shape(value: object) -> object:
    """The keys and placeholders of a catalogue entry, without its words."""
    if isinstance(value, dict):
        return {key: _shape(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shape(v) for v in value]
    return sorted({name for _, name, _, _ in string.Formatter().parse(value) if name})


def test_every_language_has_the_same_keys_and_placeholders():
    first = _shape(words(LANGS[0]))
    for lang in LANGS[1:]:
        assert _shape(words(lang)) == first, f"{lang} differs from {LANGS[0]}"


@pytest.mark.parametrize("lang", [None, "fr", "VI", ""])
def test_an_unknown_language_is_an_error_naming_the_languages(lang):
    with pytest.raises(CdsAnalysisError, match="lang must be one of vi, en"):
        check_lang(lang)


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def _vietnamese_literals(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return sorted({node.lineno for node in ast.walk(tree) if isinstance(node, ast.Constant)
                   and isinstance(node.value, str) and id(node) not in skip and _VIETNAMESE.search(node.value)})


def test_no_vietnamese_literal_outside_the_catalogue_and_the_input_vocabularies():
    stray = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("wording/") or name in INPUT_VOCABULARIES:
            continue
        if lines := _vietnamese_literals(path):
            stray[name] = lines
    assert stray == {}, f"move these words into cdsanalysis/wording/: {stray}"


def test_the_literal_scan_sees_a_vietnamese_literal(tmp_path):
    """Guard the guard: a sentence in code is found; the same words in a docstring are not."""
    path = tmp_path / "m.py"
    path.write_text('"""Số liệu."""\nX = "Toàn tỉnh"\n', encoding="utf-8")
    assert _vietnamese_literals(path) == [2]
