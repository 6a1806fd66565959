# Two commands do all the set-up on a fresh machine: `make report` and `make test`.
# Each (re)builds .venv with pip when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lab notebooks validate bench clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# Every district's report into reports/<as_of>/ (HTML, PNG, summary.csv/.xlsx, index.html, run.json).
report: $(STAMP)
	$(BIN)/cdsanalysis render

# Unit tests and nbval over the committed notebooks (strict: outputs compared), in one pytest run.
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg
test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks $(NBVAL)

validate: $(STAMP)
	$(BIN)/cdsanalysis validate data

lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,lab]"
	$(BIN)/jupyter lab notebooks

notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_forecast.py
	$(BIN)/python benchmarks/bench_render.py

clean-venv:
	rm -rf $(VENV)
