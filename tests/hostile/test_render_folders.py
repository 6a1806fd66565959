"""Issue 20, the render's side: folders it did not make, runs that render nothing, tampered run files.

Each case asserts the exit code, the message (by catalogue key where the sentence is ours), no
traceback, and that nothing outside the output folder changed. The cases that render use a
two-district synthetic data folder (a few seconds a render) and are marked slow.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pandas as pd
import pytest

from cdsanalysis.cli import main
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.synthetic import write_synthetic
from cdsanalysis.report.run.batch import render
from cdsanalysis.report.run.layout import NotARunFolder, OutputRoot, mark_run_folder
from cdsanalysis.report.run.template import template_path
from cdsanalysis.wording import words
from tests.catalogue import said_in

SAID = words("en")["render_run"]


def _head(key: str) -> str:
    """The fixed words of a catalogue sentence after its first placeholder (to find it in the output)."""
    return SAID[key].split("}", 1)[1].split("{", 1)[0]


def _state(folder: Path) -> dict[str, tuple]:
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            found[str(path.relative_to(folder))] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            found[str(path.relative_to(folder))] = ("other", stat.S_IFMT(info.st_mode))
    return found


# ---- fast: the output root's rules -------------------------------------------------------------

def test_a_folder_without_the_marker_is_not_replaced(tmp_path):
    """D2: the render's own check, before anything is replaced."""
    final = tmp_path / "2024-06-30"
    (final / "sub").mkdir(parents=True)
    (final / "thesis.docx").write_text("x", encoding="utf-8")
    before = _state(tmp_path)
    with OutputRoot(tmp_path, "en") as root, pytest.raises(NotARunFolder, match=re.escape(_head("not_a_run_folder"))):
        root.check_replaceable(final)
    assert _state(tmp_path) == before


def test_a_run_folder_someone_added_a_file_to_is_not_replaced(tmp_path):
    """D2: a marked run folder with a file the render did not write keeps that file."""
    final = tmp_path / "2024-06-30"
    final.mkdir()
    (final / "index.html").write_text("run", encoding="utf-8")
    mark_run_folder(final)
    with OutputRoot(tmp_path, "en") as root:
        root.check_replaceable(final)  # the render's own folder: fine
        (final / "thesis.docx").write_text("mine", encoding="utf-8")
        with pytest.raises(NotARunFolder, match="thesis.docx"):
            root.check_replaceable(final)
        link = tmp_path / "2024-07-31"
        link.symlink_to(final)
        with pytest.raises(NotARunFolder, match=re.escape(_head("not_a_run_folder"))):
            root.check_replaceable(link)  # a symlink is no run folder, even to one


def test_nested_output_roots_exclude_each_other(tmp_path):
    """D5: --out N and --out N/2024-06-30 at once: whichever comes second is refused, in either order."""
    outer, inner = tmp_path / "N", tmp_path / "N" / "2024-06-30"
    with OutputRoot(outer, "en"), pytest.raises(CdsAnalysisError, match="another render is writing into"):
        OutputRoot(inner, "en").lock()
    assert not inner.exists()  # refused before it was made: no stray folder inside the other run
    with OutputRoot(inner, "en"), pytest.raises(CdsAnalysisError, match="another render is writing here"):
        OutputRoot(outer, "en").lock()
    with OutputRoot(tmp_path / "M", "en"), OutputRoot(tmp_path / "K", "en"):
        pass  # siblings do not exclude each other


def test_an_out_inside_a_run_folder_is_refused_before_anything_is_made(tmp_path, capsys):
    """D5: a finished run folder given as --out (or a folder below it) gets no .rendering-* or dated folder."""
    run = tmp_path / "N" / "2024-06-30"
    run.mkdir(parents=True)
    (run / "index.html").write_text("run", encoding="utf-8")
    mark_run_folder(run)
    before = _state(tmp_path)
    for out in (run, run / "sub"):
        assert main(["render", "--out", str(out), "--quiet", "--lang", "en"]) == 2
        output = "".join(capsys.readouterr())
        assert _head("inside_run") in output and "Traceback" not in output
    assert _state(tmp_path) == before


def test_a_planted_old_symlink_is_never_followed_or_moved(tmp_path):
    """S4: `.<date>.old-*` as a symlink (to a folder elsewhere) stays a symlink; nothing is renamed or removed."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("planted", encoding="utf-8")
    mark_run_folder(elsewhere)  # even one that looks like a run
    out = tmp_path / "out"
    out.mkdir()
    (out / ".2024-06-30.old-abc").symlink_to(elsewhere)
    (out / ".2024-05-31.old-def").mkdir()  # a hidden folder without the marker: not ours either
    before = _state(tmp_path)
    with OutputRoot(out, "en") as root:
        assert root.clean_stale() == []
    assert _state(tmp_path) == before


def test_control_characters_never_reach_the_terminal(tmp_path, capsys):
    """S2: whatever a message quotes (here a file name with ESC and BEL) is printed without them."""
    planted = tmp_path / "out\x1b[2J\x07\x9b"
    planted.write_text("", encoding="utf-8")
    assert main(["render", "--out", str(planted), "--quiet", "--lang", "en"]) == 1
    output = "".join(capsys.readouterr())
    assert "not a folder" in output and "out[2J" in output
    assert not any(c in output for c in "\x1b\x07\x9b")


# ---- slow: real renders ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, str]:
    data = write_synthetic(tmp_path_factory.mktemp("small") / "data", districts=2, seed=3)
    as_of = f"{load_dataset(data).progress['as_of'].max():%Y-%m-%d}"
    return Path(data), as_of


def _failing_template(folder: Path) -> Path:
    notebook = json.loads(template_path().read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                              "source": ["from cdsanalysis.data.dates import parse_date\n",
                                         "parse_date('planted failure', 'as_of')  # a traceback through the package"]})
    path = folder / "failing.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _assert_no_machine_path(final: Path, *roots: Path) -> None:
    """S3: run.json, the forecast's metadata and every notebook name no absolute path of this machine."""
    from cdsanalysis.model.store import forecast_file_info

    machine = {str(p.resolve()) for p in roots} | {str(Path(__file__).resolve().parents[2]), os.path.expanduser("~")}
    texts = {"forecast.npz": json.dumps(forecast_file_info(final / "forecast.npz"))}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in final.iterdir()
                  if p.suffix in (".json", ".ipynb", ".log")})
    assert any(name.endswith(".ipynb") for name in texts)
    for name, text in texts.items():
        for path in machine:
            assert path not in text, f"{path} in {name}"
    assert ".rendering-" not in "".join(texts.values())


@pytest.mark.slow
def test_a_run_in_which_every_district_fails_replaces_nothing(small, tmp_path):
    """D3: the previous good run stays as it was and the message says why, naming each district's error."""
    data, as_of = small
    out = tmp_path / "out"
    first = render(data, as_of=as_of, out=out, jobs=2, progress=False, lang="en")
    assert first.ok
    before = _state(out)
    with pytest.raises(CdsAnalysisError) as err:
        render(data, as_of=as_of, out=out, jobs=2, progress=False, lang="en", template=_failing_template(tmp_path))
    assert _head("all_failed") in str(err.value) and "planted failure" in str(err.value)
    assert _state(out) == before
    # S3, where nothing was replaced before: the failed notebooks and kernels.log name no folder of this machine
    fresh = tmp_path / "fresh"
    failed = render(data, as_of=as_of, out=fresh, jobs=2, progress=False, lang="en",
                    template=_failing_template(tmp_path))
    assert not failed.ok and (fresh / as_of).is_dir()
    _assert_no_machine_path(fresh / as_of, tmp_path, data)
    notebook = next((fresh / as_of).glob("*.ipynb")).read_text(encoding="utf-8")
    assert "planted failure" in notebook


@pytest.mark.slow
def test_a_partial_render_trusts_files_not_flags_and_survives_a_tampered_run_json(small, tmp_path, capsys):
    """D4, T2, T3: a flipped ok flag keeps the good files; a non-object entry re-renders that district;
    a FIFO as run.json is an error at once, not a hang."""
    data, as_of = small
    out = tmp_path / "out"
    assert main(["render", "--data", str(data), "--as-of", as_of, "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    final = out / as_of
    _assert_no_machine_path(final, tmp_path, data)
    record = json.loads((final / "run.json").read_text(encoding="utf-8"))
    first, second = record["districts"]
    good = {name: (final / name).read_bytes() for name in first["files"]}
    record["districts"] = [dict(first, ok=False, error="flipped"), "not an object"]
    (final / "run.json").write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    code = main(["render", "--data", str(data), "--as-of", as_of, "--out", str(out), "--quiet",
                 "--districts", second["code"]])
    output = "".join(capsys.readouterr())
    assert code == 0, output
    assert "Traceback" not in output
    assert {name: (final / name).read_bytes() for name in good} == good  # kept, byte for byte
    after = json.loads((final / "run.json").read_text(encoding="utf-8"))
    assert [d["ok"] for d in after["districts"]] == [True, True]

    (final / "run.json").unlink()
    os.mkfifo(final / "run.json")
    before = _state(out)
    code = main(["render", "--data", str(data), "--as-of", as_of, "--out", str(out), "--quiet",
                 "--districts", second["code"]])
    output = "".join(capsys.readouterr())
    assert code == 2 and "Traceback" not in output
    assert said_in(output, "vi", "errors", "partial_mismatch", option="--districts"), output
    assert _state(out) == before


@pytest.mark.slow
def test_a_folder_the_render_did_not_make_is_refused_by_the_command(tmp_path, capsys):
    """D2 end to end: the user's files stay, exit 2, no traceback, nothing else written."""
    data = write_synthetic(tmp_path / "data", districts=1, seed=1)
    as_of = f"{load_dataset(data).progress['as_of'].max():%Y-%m-%d}"
    own = tmp_path / "OWN" / as_of
    (own / "sub").mkdir(parents=True)
    (own / "thesis.docx").write_text("x", encoding="utf-8")
    before = _state(tmp_path / "OWN")
    code = main(["render", "--data", str(data), "--out", str(tmp_path / "OWN"), "--quiet", "--lang", "en"])
    output = "".join(capsys.readouterr())
    assert code == 2 and _head("not_a_run_folder") in output and "Traceback" not in output
    assert _state(tmp_path / "OWN") == before
    assert pd.Timestamp(as_of)  # the folder named is the run's as-of date


# ---- T4: a district past its deadline on a Dask worker -----------------------------------------

def _import_tests() -> None:
    """Import this module on a worker before the clock starts (what the stand-in tasks are unpickled from)."""
    import tests.hostile.test_render_folders  # noqa: F401


def stalled_district(job, run, forecast, template):
    """A stand-in Dask task: the district coded "1" never finishes (as on a SIGSTOPped worker)."""
    import time

    from cdsanalysis.report.run.outcomes import DistrictOutcome

    time.sleep(300 if job.code == "1" else 0.2)
    return DistrictOutcome(job.code, job.name, job.stem, ok=True, payload={})


@pytest.mark.slow
def test_a_district_past_its_deadline_is_moved_then_failed_and_the_others_finish(tmp_path):
    import time

    from cdsanalysis.report.run.cluster import DaskCluster
    from cdsanalysis.report.run.job import DistrictJob

    jobs = [DistrictJob(code=str(i), name=f"D{i}", stem=f"{i}-d", title="t", lang="en", folder="/nonexistent",
                        template="/nonexistent", parameters={}) for i in range(4)]
    (tmp_path / "f").write_bytes(b"forecast")
    (tmp_path / "t").write_bytes(b"template")
    start = time.monotonic()
    with DaskCluster("local", retries=1, workers=2, scratch=str(tmp_path / "dask"), deadline=3.0, lang="en",
                     task=stalled_district) as cluster:
        cluster.client.run(_import_tests)  # under load, importing this module took a first task past 3 s
        outcomes = {o.district_code: o for o in cluster.run(jobs, tmp_path / "f", tmp_path / "t")}
    took = time.monotonic() - start
    assert sorted(outcomes) == ["0", "1", "2", "3"]
    errors = {c: o.error for c, o in outcomes.items()}
    assert not outcomes["1"].ok and outcomes["0"].ok and outcomes["2"].ok, errors
    # A district queued behind the stalled one on the dropped worker, which Dask sometimes cancels ("already
    # forgotten") under load instead of rerunning, is submitted again (test_a_district_dask_cancels_is_run_again).
    assert outcomes["3"].ok, errors
    assert SAID["deadline"].split("{")[0] in outcomes["1"].error
    assert took < 90, f"{took:.0f} s: the deadline did not stop the wait"


def slow_first_time(job, run, forecast, template):
    """A stand-in Dask task: the district coded "2" takes 30 s the first time it runs, 0.2 s after."""
    import time

    from distributed import get_worker

    from cdsanalysis.report.run.outcomes import DistrictOutcome

    again = "-again" in str(get_worker().get_current_task())
    time.sleep(30 if job.code == "2" and not again else 0.2)
    return DistrictOutcome(job.code, job.name, job.stem, ok=True, payload={})


@pytest.mark.slow
def test_a_district_dask_cancels_is_run_again(tmp_path):
    """T4's gap closed: a district Dask cancels (as it sometimes does, "already forgotten", to a district of a
    worker the deadline dropped) is submitted once more and renders; run.json counts the move."""
    import threading
    import time

    from distributed import Future

    from cdsanalysis.report.run.cluster import DaskCluster
    from cdsanalysis.report.run.job import DistrictJob

    jobs = [DistrictJob(code=str(i), name=f"D{i}", stem=f"{i}-d", title="t", lang="en", folder="/nonexistent",
                        template="/nonexistent", parameters={}) for i in range(4)]
    (tmp_path / "f").write_bytes(b"forecast")
    (tmp_path / "t").write_bytes(b"template")
    cancelled = []

    def cancel_district_2(cluster: DaskCluster) -> None:
        def running(dask_scheduler):
            return [k for k, t in dask_scheduler.tasks.items() if t.state == "processing" and str(k).endswith("-2")]

        for _ in range(600):
            keys = cluster.client.run_on_scheduler(running)
            if keys:
                cluster.client.cancel([Future(keys[0], cluster.client)])
                cancelled.append(keys[0])
                return
            time.sleep(0.1)

    with DaskCluster("local", retries=1, workers=2, scratch=str(tmp_path / "dask"), deadline=20.0, lang="en",
                     task=slow_first_time) as cluster:
        cluster.client.run(_import_tests)
        threading.Thread(target=cancel_district_2, args=(cluster,), daemon=True).start()
        outcomes = {o.district_code: o for o in cluster.run(jobs, tmp_path / "f", tmp_path / "t")}
        record = cluster.record()
    assert cancelled, "the test never saw district 2 running"
    assert sorted(outcomes) == ["0", "1", "2", "3"]
    assert all(o.ok for o in outcomes.values()), {c: o.error for c, o in outcomes.items()}
    assert record["lost_worker_retries"] == {"2-d": 1}


@pytest.mark.slow
def test_nested_renders_side_by_side_never_mix(tmp_path):
    """D5 with the real commands, started together three times: one of the two may be refused (in words),
    neither leaves a stray folder inside the other's run, and what is left is a run folder."""
    import subprocess
    import sys

    from cdsanalysis.report.run.layout import is_run_folder

    data = write_synthetic(tmp_path / "data", districts=1, seed=2)
    as_of = f"{load_dataset(data).progress['as_of'].max():%Y-%m-%d}"
    for trial in range(3):
        outer = tmp_path / f"N{trial}"
        inner = outer / as_of
        commands = [[sys.executable, "-m", "cdsanalysis.cli", "render", "--data", str(data), "--out", str(out),
                     "--quiet", "--jobs", "1", "--lang", "en"] for out in (outer, inner)]
        runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
        results = [(r.wait(timeout=300), r.stderr.read()) for r in runs]
        refusals = (_head("not_a_run_folder"), _head("inside_run"), _head("nested_busy"),
                    "another render is writing")
        for code, err in results:  # busy: exit 1 (try again later); a folder it may not touch: exit 2
            assert "Traceback" not in err and (code == 0 or (code in (1, 2) and any(r in err for r in refusals))), err
        assert any(code == 0 for code, _ in results), results
        if results[0][0] == 0:  # the outer run won: its folder is a clean run folder, nothing of the inner one
            assert is_run_folder(inner), sorted(p.name for p in inner.iterdir())
        else:  # the inner run won: it made N/<date> as its own root, and the outer one replaced nothing
            assert _head("not_a_run_folder") in results[0][1] or "another render is writing" in results[0][1]
            assert is_run_folder(inner / as_of)
        assert not [p.name for p in outer.rglob(".rendering-*")]
