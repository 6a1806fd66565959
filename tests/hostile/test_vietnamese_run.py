"""The hostile-input corpus again, in the default language: Vietnamese from the first line to the last.

`test_hostile_inputs.py` checks each case's English message (``--lang en``). Here every case runs
as an analyst who gives no ``--lang`` meets it: the same exit code, no traceback, and no English
sentence, neither one of the English catalogue (`cdsanalysis.wording.en`) nor a stray one written
outside it.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from cdsanalysis.cli import LANG_VARIABLE, main
from cdsanalysis.wording import words
from tests.hostile.make_corpus import Case, build_corpus
from tests.hostile.test_hostile_inputs import _names

_WORD = re.compile(r"[A-Za-z]{2,}")
_ENGLISH = re.compile(r"\b(the|must|cannot|should|would|was|were|is not|does not|no such|not a|please|"
                      r"and|with|give|write|check|file|folder|row|column|sheet)\b")
"""Words of an English sentence that no Vietnamese message of the package needs (paths and quoted
values are removed first)."""


def _leaves(entry: object) -> list[str]:
    if isinstance(entry, dict):
        return [text for value in entry.values() for text in _leaves(value)]
    if isinstance(entry, (list, tuple)):
        return [text for value in entry for text in _leaves(value)]
    return [entry] if isinstance(entry, str) else []


def english_fragments() -> set[str]:
    """The literal runs of English catalogue sentences (three words or more) that the Vietnamese one lacks."""
    vietnamese = "\n".join(_leaves(words("vi")))
    found = set()
    for text in _leaves(words("en")):
        for literal, *_ in string.Formatter().parse(text):
            literal = literal.strip(" ,;:.()'\"")
            if len(_WORD.findall(literal)) >= 3 and literal not in vietnamese:
                found.add(literal)
    return found


def _without_paths_and_quotes(output: str, root: Path) -> str:
    """The output without the corpus's paths, the options and what it quotes of the user's input."""
    text = output.replace(str(root), "ROOT")
    text = re.sub(r"\S*/\S*", " ", text)  # paths, data/README.md, 30/6/2024
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", " ", text)  # quoted cells, names and values
    return re.sub(r"--[a-z-]+", " ", text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, Case]]:
    root = tmp_path_factory.mktemp("hostile-vi") / "corpus"
    return root, {case.name: case for case in build_corpus(root)}


def _default_language(argv: tuple[str, ...]) -> list[str]:
    """The case's command without a ``--lang`` it names (the corpus asks for English where it checks English)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def test_the_scan_finds_an_english_sentence():
    """Guard the guard: an English catalogue line is found, its Vietnamese counterpart is not."""
    fragments = english_fragments()
    english = words("en")["errors"]["cut_short"].format(path="p.csv", row=3, n=2, columns=4)
    vietnamese = words("vi")["errors"]["cut_short"].format(path="p.csv", row=3, n=2, columns=4)
    assert any(f in english for f in fragments) and not any(f in vietnamese for f in fragments)
    assert _ENGLISH.search(english) and not _ENGLISH.search(_without_paths_and_quotes(vietnamese, Path("/x")))


@pytest.mark.parametrize("name", _names())
def test_hostile_case_in_vietnamese(name: str, corpus, capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    root, cases = corpus
    case = cases[name]
    code = main(_default_language(case.argv))
    output = "".join(capsys.readouterr())
    assert code == case.exit_code, output
    assert "Traceback" not in output
    english = sorted(f for f in english_fragments() if f in output)
    assert english == [], f"English catalogue sentences in the Vietnamese run:\n{output}"
    stray = sorted({m.group(0) for m in _ENGLISH.finditer(_without_paths_and_quotes(output, root))})
    assert stray == [], f"English words {stray} in the Vietnamese run:\n{output}"
