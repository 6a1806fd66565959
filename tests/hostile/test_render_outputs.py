"""Issue 20, what a render writes: the illustrative caveat's count (W7) and codes Excel would mangle (W8)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from cdsanalysis.data.provenance import illustrative_note, illustrative_parts
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import words


def _tables(codes: list[str]) -> SimpleNamespace:
    progress = pd.DataFrame({"district_code": codes, "status": ["illustrative"] * len(codes)})
    targets = pd.DataFrame({"district_code": ["1"], "status": ["actual"]})
    return SimpleNamespace(progress=progress, targets=targets)


def test_illustrative_province_rows_are_not_counted_as_a_district():
    """W7: three districts and the province's own rows are "3 districts" and the province, never "4"."""
    tables = _tables(["1", "2", "3", PROVINCE_CODE, PROVINCE_CODE])
    assert illustrative_parts(tables) == {"progress": 3, "province": 1, "targets": 0}
    for lang in ("vi", "en"):
        said = words(lang)["provenance"]
        note = illustrative_note(tables, lang=lang)
        assert said["progress"].format(n=3) in note and said["province"] in note
        assert said["progress"].format(n=4) not in note


def test_only_the_province_s_rows_illustrative_is_still_said():
    note = illustrative_note(_tables([PROVINCE_CODE]), lang="en")
    assert words("en")["provenance"]["province"] in note
    assert words("en")["provenance"]["progress"].format(n=0) not in note


def test_summary_csv_writes_codes_excel_would_change_as_text(tmp_path):
    """W8: 001 (leading zero), 1-2 (a date), 1E5 (a number) reach Excel as text; plain codes stay plain, and the
    formula guard still holds for everything else."""
    from cdsanalysis.report.writers.excel import write_summary_csv
    from tests.test_excel import AS_OF, HEAD, _table

    codes = ["", "", "001", "1-2", "1E5"]
    table = _table()
    table["district_code"] = codes
    table["district_name"] = ["", "", "=HYPERLINK(\"x\")", "B", "C"]
    frame = pd.read_csv(write_summary_csv(table, tmp_path / "s.csv", as_of=AS_OF), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert frame[HEAD["district_code"]].tolist() == ["", "", '="001"', '="1-2"', '="1E5"']
    assert frame[HEAD["district_name"]].tolist()[2].startswith("'=")
    plain = pd.read_csv(write_summary_csv(_table(), tmp_path / "p.csv", as_of=AS_OF), encoding="utf-8-sig",
                        dtype=str, keep_default_na=False)
    assert plain[HEAD["district_code"]].tolist() == ["", "", "399", "399", "401"]


def test_a_forecast_too_big_for_memory_is_refused_before_allocating(monkeypatch, capsys):
    """T6: draws × districts × dates is checked against the memory there is (here made small), with a message
    saying how many draws would fit, not a MemoryError."""
    import cdsanalysis.settings as settings
    from cdsanalysis.cli import main

    monkeypatch.setattr(settings, "_memory_bytes", lambda: 50_000_000)
    assert main(["forecast", "--draws", "100000", "--lang", "en"]) == 1
    output = "".join(capsys.readouterr())
    assert "need about" in output and "Use fewer draws (at most" in output and "Traceback" not in output
    monkeypatch.setattr(settings, "_memory_bytes", lambda: 16_000_000_000)
    settings.check_path_memory(4000, 5000, 7)  # the documented scale (default draws) fits in 16 GB
    with pytest.raises(CdsAnalysisError, match="at most"):
        settings.check_path_memory(100_000, 5000, 7)


def test_jobs_are_bounded(tmp_path, capsys):
    """T6: --jobs 10000 would start as many kernels; refused before anything is written."""
    from cdsanalysis.cli import main
    from cdsanalysis.settings import MAX_JOBS

    assert main(["render", "--jobs", str(MAX_JOBS + 1), "--out", str(tmp_path / "out"), "--quiet", "--lang", "en"]) == 2
    output = "".join(capsys.readouterr())
    assert f"from 1 to {MAX_JOBS}" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_too_few_file_handles_is_one_clean_message(tmp_path):
    """T7: under ``ulimit -n 32`` (soft and hard) a render refuses before any worker starts: no forkserver
    traceback, no Rust panic, nothing written."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))

    done = subprocess.run([sys.executable, "-m", "cdsanalysis.cli", "render", "--out", str(tmp_path / "out"),
                           "--quiet", "--lang", "en", "--jobs", "2"], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit)
    said = words("en")["render_run"]["file_handles"]
    assert done.returncode == 1, done.stderr
    assert said.split("{")[1].split("}")[1] in done.stderr  # " files at once (ulimit -n) and cannot raise it..."
    assert "Traceback" not in done.stderr + done.stdout and "panicked" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_no_forecast_is_called_so(tmp_path):
    """U3: ``-p forecast_file=/etc/passwd`` (any text file) says "not a forecast file", not numpy's pickle hint."""
    from cdsanalysis.report.run.notebook import build_district_report

    planted = tmp_path / "passwd"
    planted.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    for path in (planted, tmp_path / "empty.npz"):
        path.touch()
        with pytest.raises(CdsAnalysisError, match="not a forecast file") as err:
            build_district_report("399", forecast_file=path)
        assert "pickle" not in str(err.value)


def test_stems_never_collide_on_a_case_blind_disk_nor_use_a_windows_reserved_name():
    """U3: codes ABC and abc, and CON/NUL/COM1 (with no short name), give file names Windows and macOS can hold."""
    from cdsanalysis.report.run.layout import WINDOWS_RESERVED, safe_stem

    stems = [safe_stem(code, name) for code, name in
             [("ABC", "x"), ("abc", "x"), ("Abc", "x"), ("CON", ""), ("con", ""), ("nul", ""), ("COM1", ""),
              ("lpt9", ""), ("399", "Hoằng Hóa")]]
    assert len({s.lower() for s in stems}) == len(stems)
    assert not [s for s in stems if s.split(".")[0].upper() in WINDOWS_RESERVED]
    assert safe_stem("399", "Hoằng Hóa") == "399-hoang-hoa"  # plain codes keep their stem


def test_render_has_the_model_option_its_messages_suggest(tmp_path, capsys):
    """U3: the hazard model's refusal suggests model='last'; render now takes --model (a bad one is exit 2)."""
    from cdsanalysis.cli import build_parser, main

    assert build_parser().parse_args(["render", "--model", "last"]).model == "last"
    assert main(["render", "--model", "bogus", "--out", str(tmp_path / "out"), "--quiet", "--lang", "en"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
