"""Every case of the hostile-input corpus: the right exit code and message, no traceback, nothing else touched.

The corpus (`make_corpus.py`) is written once per session into a temporary folder. Each case runs
the command in-process through `cdsanalysis.cli.main` (an exception escaping it would be the
traceback a user sees), then compares every file of the case's folder with what it was before:
only the files a case names may change, and nothing may appear outside the case's folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from cdsanalysis.cli import main
from tests.hostile.make_corpus import Case, build_corpus


def _state(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``: kind, permissions, and the content hash of regular files and links."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[str(path.relative_to(folder))] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(folder))] = ("file", stat.S_IMODE(info.st_mode), digest)
        else:  # folders and FIFOs: never opened (opening a FIFO would block)
            found[str(path.relative_to(folder))] = ("other", stat.S_IFMT(info.st_mode))
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, Case]]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return root, {case.name: case for case in build_corpus(root)}


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        return [case.name for case in build_corpus(Path(scratch) / "c")]


@pytest.mark.parametrize("name", _names())
def test_hostile_case(name: str, corpus, capsys):
    root, cases = corpus
    case = cases[name]
    folder = root / name
    before, neighbours = _state(folder), sorted(os.listdir(root))

    # The corpus's fragments are the English messages; `test_vietnamese_run.py` runs it again in Vietnamese.
    code = main(["--lang", "en", *case.argv])  # an uncaught exception here is a traceback for the user

    output = "".join(capsys.readouterr())
    assert code == case.exit_code, output
    assert "Traceback" not in output
    for fragment in case.expect:
        assert fragment in output, f"{fragment!r} missing from:\n{output}"
    for fragment in case.forbid:
        assert fragment not in output, f"{fragment!r} in:\n{output}"
    after = _state(folder)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    unexpected = {path for path in changed if not case.may_change(path)}
    assert not unexpected, f"unexpected changes: {sorted(unexpected)}"
    assert sorted(os.listdir(root)) == neighbours, "a file was written outside the case's folder"
    for path, fragment in case.written:
        assert fragment in (folder / path).read_text(encoding="utf-8"), f"{fragment!r} not in {path}"
    for path in case.changes:
        if code == 0 and path.endswith(".csv") and not case.optional(path):
            assert path in changed, f"{path} should have been written"
