"""Command-line and API arguments: bounds, dates, closed pipes; a clear message instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from cdsanalysis import forecast, load_dataset
from cdsanalysis.cli import main
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError
from cdsanalysis.settings import MAX_DRAWS


def test_a_closed_pipe_ends_quietly():
    """`cdsanalysis progress | head -1`: the reader closes early; no BrokenPipeError traceback."""
    command = [sys.executable, "-c", "import sys; from cdsanalysis.cli import main; sys.exit(main(['progress']))"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()  # as `head -1` does
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert code == 0


@pytest.mark.parametrize("argv", [
    ["forecast", "--seed", "-1"], ["forecast", "--draws", "0"], ["forecast", "--draws", str(MAX_DRAWS + 1)],
    ["render", "--seed", "-1"], ["render", "--draws", "0"], ["render", "--draws", "1e9"],
    ["progress", "--as-of", "2024-02-30"], ["forecast", "--until", "soon"],
])
def test_out_of_range_arguments_are_misuse(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert repr(argv[-1]) in err and "Traceback" not in err


def test_the_command_line_reads_ambiguous_dates_day_first(capsys):
    assert main(["progress", "--as-of", "1/1/2024", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2023-12-31" in out and "2024-06-30" not in out  # 1 January 2024, not 2024-01-01's 7th month


def test_forecast_out_creates_no_folder(tmp_path, capsys):
    target = tmp_path / "x" / "y" / "table.csv"
    assert main(["forecast", "--model", "last", "--draws", "10", "--out", str(target), "--lang", "en"]) == 2
    assert not (tmp_path / "x").exists()
    assert "does not exist" in capsys.readouterr().err


def test_a_stale_as_of_is_warned_about(capsys):
    assert main(["forecast", "--model", "last", "--draws", "10", "--as-of", "2025-03-01", "--lang", "en"]) == 0
    assert "Warning: the latest figure is from 2024-06-30" in capsys.readouterr().err


def test_forecast_wants_a_dataset_not_a_dataframe():
    with pytest.raises(CdsAnalysisError, match="needs a Dataset"):
        forecast(load_dataset().progress)


@pytest.mark.parametrize("draws", [float("inf"), float("nan"), 0, 2.5, "many", MAX_DRAWS + 1, True])
def test_forecast_refuses_impossible_draws(draws):
    with pytest.raises(CdsAnalysisError, match="draws"):
        forecast(load_dataset(), model="last", draws=draws)


def test_forecast_refuses_a_negative_seed():
    with pytest.raises(CdsAnalysisError, match="seed"):
        forecast(load_dataset(), model="last", draws=10, seed=-1)


def test_a_timezone_aware_as_of_is_its_calendar_day():
    dataset = load_dataset()
    aware = forecast(dataset, as_of=pd.Timestamp("2024-06-30 22:00", tz="Asia/Ho_Chi_Minh"), model="last", draws=5)
    assert aware.as_of == pd.Timestamp("2024-06-30")


def test_the_problem_list_is_capped_and_counted(data_copy):
    with (data_copy / "progress.csv").open("a", encoding="utf-8") as handle:
        for i in range(500):
            handle.write(f"399,,2030-01-{i % 28 + 1:02d},x{i},test,actual,,\n")
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    message = str(caught.value)
    assert len(caught.value.failure_cases) > 500
    assert message.count("\n  - ") == 50 and "more problems not listed" in message


def test_validate_names_a_fifo_for_what_it_is(data_copy, capsys):
    os.remove(data_copy / "targets.csv")
    os.mkfifo(data_copy / "targets.csv")
    assert main(["validate", str(data_copy), "--lang", "en"]) == 1
    assert "targets.csv: is a FIFO" in capsys.readouterr().err
