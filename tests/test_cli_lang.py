"""Issue 19, obs. 8: every command speaks the chosen language (``--lang``, default Vietnamese, English available).

Each command runs twice: with no ``--lang`` (Vietnamese) and with ``--lang en``. The assertions name
catalogue keys (`tests.catalogue.said_in`), never copied sentences, and check that the other language's
line is absent, so a command that stays in one language fails here.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from cdsanalysis.cli import LANG_VARIABLE, main
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.freshness import district_freshness, no_figure_since
from cdsanalysis.data.schema import validate
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError
from cdsanalysis.model.evaluation import evaluate
from cdsanalysis.model.registry import get_simulator
from cdsanalysis.model.store import load_forecast
from cdsanalysis.model.synthetic import half_year_ends, synthetic_tables, write_synthetic
from cdsanalysis.report.run.notebook import build_district_report
from cdsanalysis.wording import check_lang, status_label, words
from cdsanalysis.wording.messages import Message, error_text, said
from tests.builders import break_four_rules
from tests.catalogue import said_in

SHEETS = Path(__file__).parent / "fixtures" / "sheets"
LANGS = [("vi", []), ("en", ["--lang", "en"])]
"""Each language and the arguments that ask for it (none: the default)."""


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def _other(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    return code, "".join(capsys.readouterr())


def _speaks(output: str, lang: str, *keys: str) -> None:
    """The output holds the entry ``keys`` in ``lang`` and not in the other language."""
    assert said_in(output, lang, *keys), f"{keys} in {lang} missing from:\n{output}"
    assert not said_in(output, _other(lang), *keys), f"{keys} in {_other(lang)} found in:\n{output}"


@pytest.mark.parametrize("lang, flag", LANGS)
def test_validate(lang, flag, capsys):
    code, output = _run(["validate", *flag], capsys)
    assert code == 0
    _speaks(output, lang, "command", "valid")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_validate_lists_data_problems_with_file_row_and_column(lang, flag, data_copy, edit_csv, capsys):
    edit_csv(data_copy / "progress.csv", break_four_rules)
    code, output = _run(["validate", str(data_copy), *flag], capsys)
    assert code == 1 and "Traceback" not in output
    errors = words(lang)["errors"]
    assert errors["invalid_data"] in output
    assert errors["at_column"].format(column="completed") in output
    _speaks(output, lang, "errors", "at_row")
    for key in ("unknown_code", "above_total", "never_falls", "duplicate"):
        _speaks(output, lang, "errors", key)


@pytest.mark.parametrize("lang, flag", LANGS)
def test_progress_table_and_its_headers(lang, flag, capsys):
    code, output = _run(["progress", *flag], capsys)
    assert code == 0
    console = words(lang)["console"]
    assert console["standing_title"].split("{")[0] in output
    assert "  ".join(console["standing_columns"][:2]) in output.replace("   ", "  ")
    assert words(lang)["report"]["data_kind"]["illustrative"] in output
    assert words(_other(lang))["console"]["standing_title"].split("{")[0] not in output


@pytest.mark.parametrize("lang, flag", LANGS)
def test_progress_marks_the_districts_the_latest_round_left_behind(lang, flag, data_copy, capsys):
    """Obs. 2: one district reports for 31/12/2024; the 26 others say since when they have no figure."""
    with (data_copy / "progress.csv").open("a", encoding="utf-8") as handle:
        handle.write("399,Huyện Hoằng Hóa,2024-12-31,18,test,actual,,recognised\n")
    code, output = _run(["progress", "--data", str(data_copy), *flag], capsys)
    assert code == 0
    rows = {line.split()[0]: line for line in output.splitlines() if line[:3].isdigit()}
    from cdsanalysis.data.dataset import load_dataset

    fresh = district_freshness(load_dataset(data_copy))
    behind = fresh[fresh["behind"]]
    assert len(behind) == 26 and "399" not in set(behind["district_code"])
    for code_, date in zip(behind["district_code"], behind["latest_date"], strict=True):
        assert no_figure_since(date, lang) in rows[code_], rows[code_]
    assert no_figure_since(pd.Timestamp("2024-06-30"), lang) not in rows["399"]
    assert words(lang)["freshness"]["no_figure_since"].split("{")[0] not in rows["399"]
    _speaks(output, lang, "command", "behind")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_import_summary(lang, flag, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    code, output = _run(["import", str(SHEETS / "clean_province.xlsx"), "--out", str(out), *flag], capsys)
    assert code == 0, output
    _speaks(output, lang, "command", "import_head")
    _speaks(output, lang, "import_summary", "added")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_import_problems_name_the_form_cells(lang, flag, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    code, output = _run(["import", str(SHEETS / "problems.xlsx"), "--out", str(out), *flag], capsys)
    assert code == 1 and "Traceback" not in output
    _speaks(output, lang, "errors", "problems_title")
    _speaks(output, lang, "errors", "problems_in")
    assert words(lang)["errors"]["at_row"].format(row=4) in output


@pytest.mark.parametrize("lang, flag", LANGS)
def test_import_date_errors(lang, flag, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    code, output = _run(["import", str(SHEETS / "clean_province.xlsx"), "--out", str(out), "--as-of",
                         "31/12/2999", *flag], capsys)
    assert code == 2
    _speaks(output, lang, "errors", "not_a_date_years")
    _speaks(output, lang, "command", "arg_error")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_import_decision(lang, flag, tmp_path, capsys):
    code, output = _run(["import-decision", "--out", str(tmp_path), *flag], capsys)
    assert code == 2
    assert words(lang)["command"]["what_decision"] in output
    _speaks(output, lang, "command", "give_file")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_template(lang, flag, tmp_path, capsys):
    code, output = _run(["template", "--out", str(tmp_path / "form.xlsx"), *flag], capsys)
    assert code == 0
    _speaks(output, lang, "cli", "form_written")
    code, output = _run(["template", "--out", str(tmp_path / "missing" / "form.xlsx"), *flag], capsys)
    assert code == 2
    _speaks(output, lang, "command", "no_parent")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_synthetic(lang, flag, tmp_path, capsys):
    code, output = _run(["synthetic", "--districts", "2", "--out", str(tmp_path / "s"), *flag], capsys)
    assert code == 0
    _speaks(output, lang, "command", "synthetic")
    code, output = _run(["synthetic", "--districts", "2", "--out", str(tmp_path / "s"), *flag], capsys)
    assert code == 2
    _speaks(output, lang, "command", "out_not_empty")


@pytest.mark.parametrize("lang, flag", LANGS)
def test_forecast_table_speaks_the_language(lang, flag, tmp_path, capsys):
    target = tmp_path / "table.csv"
    code, output = _run(["forecast", "--model", "last", "--draws", "20", "--out", str(target), *flag], capsys)
    assert code == 0, output
    _speaks(output, lang, "command", "forecast_head")
    _speaks(output, lang, "command", "wrote")
    columns = words(lang)["console"]["columns"]
    header = next(line for line in output.splitlines() if line.startswith(columns["code"]))
    assert columns["district"] in header and columns["status"] in header
    assert columns["target_on"].split("{")[0] in header
    shown = {status_label(s, lang) for s in words(lang)["status"]} & set(output.split("  "))
    assert shown, "no status label of the language in the table"


@pytest.mark.slow
@pytest.mark.parametrize("lang, flag", LANGS)
def test_render_console_table_and_summary(lang, flag, tmp_path, capsys):
    data = write_synthetic(tmp_path / "data", districts=1, seed=2)
    code, output = _run(["render", "--data", str(data), "--out", str(tmp_path / "out"), "--quiet", "--jobs", "1",
                         "--draws", "50", *flag], capsys)
    assert code == 0, output
    _speaks(output, lang, "command", "rendered")
    _speaks(output, lang, "command", "changes_none")
    assert words(lang)["console"]["columns"]["p_meet"] in output
    assert words(lang)["cli_illustrative"] in output


def test_help_is_vietnamese_by_default_and_english_on_request(capsys):
    code, output = _run(["--help"], capsys)
    assert code == 0
    assert words("vi")["command_help"]["validate"] in output and words("vi")["command"]["arg_usage"] in output
    code, output = _run(["--lang", "en", "import", "--help"], capsys)
    assert code == 0
    assert words("en")["command_help"]["import_undo"].split(" (")[0] in " ".join(output.split())
    assert words("vi")["command"]["arg_usage"] not in output


def test_one_lang_option_before_or_after_the_command_and_the_environment(monkeypatch, capsys):
    code, output = _run(["--lang", "en", "validate"], capsys)
    assert code == 0 and said_in(output, "en", "command", "valid")
    code, output = _run(["--lang", "en", "validate", "--lang", "vi"], capsys)  # the command's own wins
    assert code == 0 and said_in(output, "vi", "command", "valid") and not said_in(output, "en", "command", "valid")
    monkeypatch.setenv(LANG_VARIABLE, "en")
    code, output = _run(["validate"], capsys)
    assert code == 0 and said_in(output, "en", "command", "valid")
    code, output = _run(["validate", "--lang", "vi"], capsys)  # an option beats the environment
    assert code == 0 and said_in(output, "vi", "command", "valid")


@pytest.mark.parametrize("argv, variable", [(["validate", "--lang", "fr"], None), (["--lang", "VI", "validate"], None),
                                            (["validate"], "fr")])
def test_an_unknown_language_is_a_usage_error_naming_the_languages(argv, variable, monkeypatch, capsys):
    if variable:
        monkeypatch.setenv(LANG_VARIABLE, variable)
    code, output = _run(argv, capsys)
    assert code == 2 and "Traceback" not in output
    _speaks(output, "vi", "command", "bad_lang")


def test_a_message_reads_in_english_for_python_and_in_any_language_on_request():
    message = said("cut_short", path="p.csv", row=3, n=2, columns=4)
    assert isinstance(message, str) and str(message) == words("en")["errors"]["cut_short"].format(
        path="p.csv", row=3, n=2, columns=4)
    assert message.text("vi") == words("vi")["errors"]["cut_short"].format(path="p.csv", row=3, n=2, columns=4)
    nested = said("column_problem", column="source", problem=said("too_long", n=2000, limit=1000))
    assert words("vi")["errors"]["too_long"].format(n=2000, limit=1000) in nested.text("vi")
    again = pickle.loads(pickle.dumps(nested))  # errors cross process boundaries in a render
    assert isinstance(again, Message) and again.text("vi") == nested.text("vi") and again == nested


def test_a_validation_error_reads_the_same_in_english_from_python_and_from_the_cli(data_copy, edit_csv):
    """exceptions.py writes the API's English; the catalogue's English must say the same, line for line."""
    edit_csv(data_copy / "progress.csv", break_four_rules)
    with pytest.raises(DataValidationError) as caught:
        validate(data_copy)
    assert error_text(caught.value, "en") == str(caught.value)
    vietnamese = error_text(caught.value, "vi")
    assert vietnamese != str(caught.value) and words("vi")["errors"]["invalid_data"] in vietnamese
    again = pickle.loads(pickle.dumps(caught.value))
    assert error_text(again, "vi") == vietnamese


@pytest.mark.parametrize("key, call", [
    ("unknown_model", lambda tmp_path: get_simulator("nope")),
    ("no_forecast_file", lambda tmp_path: load_forecast(tmp_path / "missing.npz")),
])
def test_a_model_layer_error_reads_in_english_from_python_and_in_vietnamese_on_request(key, call, tmp_path):
    """The model's errors are catalogue messages too: English for Python, the analyst's language on the CLI."""
    _reads_in_both_languages(key, call, tmp_path)


def _reads_in_both_languages(key, call, tmp_path):
    with pytest.raises(CdsAnalysisError) as caught:
        call(tmp_path)
    english, vietnamese = str(caught.value), error_text(caught.value, "vi")
    assert error_text(caught.value, "en") == english and said_in(english, "en", "errors", key)
    assert vietnamese != english and said_in(vietnamese, "vi", "errors", key)
    assert not said_in(vietnamese, "en", "errors", key)
    assert error_text(pickle.loads(pickle.dumps(caught.value)), "vi") == vietnamese


def _not_a_forecast(tmp_path):
    path = tmp_path / "forecast.npz"
    path.write_text("not a forecast", encoding="utf-8")
    return build_district_report("399", forecast_file=path)


def _folder_with_data(tmp_path):
    (tmp_path / "units.csv").write_text("", encoding="utf-8")
    return write_synthetic(tmp_path, districts=1)


@pytest.mark.parametrize("key, call", [
    ("unknown_lang", lambda tmp_path: check_lang("fr")),
    ("unknown_families", lambda tmp_path: evaluate(families=["nope"])),
    ("too_few_units", lambda tmp_path: synthetic_tables(districts=3, communes=2)),
    ("start_not_half_year_end", lambda tmp_path: half_year_ends("2021-01-01", 2)),
    ("folder_holds_data", _folder_with_data),
    ("not_forecast_file_hint", _not_a_forecast),
])
def test_wording_synthetic_evaluation_and_notebook_errors_read_in_both_languages(key, call, tmp_path):
    """The last English-only raises (language, scenario evaluation, synthetic data, the notebook's forecast file)
    are catalogue messages: English for Python, Vietnamese on request, also after pickling."""
    _reads_in_both_languages(key, call, tmp_path)


@pytest.mark.parametrize("lang, flag", LANGS)
def test_forecast_long_table_writes_kinds_and_dates_in_the_language(lang, flag, capsys):
    from cdsanalysis.wording.formats import format_date

    code, output = _run(["forecast", "--model", "last", "--draws", "20", "--long", *flag], capsys)
    assert code == 0, output
    kinds = words(lang)["report"]["target_kind"]
    assert kinds["commune_quota"] in output and "commune_quota" not in output
    assert format_date(pd.Timestamp("2024-12-31"), lang) in output
    assert format_date(pd.Timestamp("2024-12-31"), _other(lang)) not in output


def test_a_message_parameter_may_not_take_a_level_placeholder_s_name():
    """words() fills {group}, {top}, {unit}... before a message's parameters: one named so would vanish."""
    with pytest.raises(ValueError, match="level placeholders"):
        said("merged_count", top=3)
    assert "3" in said("merged_count", first_row=3)


def test_progress_before_any_figure_is_refused_in_words_not_a_traceback(capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    code = main(["progress", "--as-of", "1990-01-01"])
    output = "".join(capsys.readouterr())
    assert code == 1 and "Traceback" not in output, output
    frame = district_freshness(load_dataset(), "1990-01-01")
    assert frame["behind"].all() and frame["latest_date"].isna().all()
    assert str(frame["latest_date"].dtype).startswith("datetime64")
