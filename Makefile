# Two commands do all the set-up on a fresh machine: `make report` and `make test`.
# Each (re)builds .venv with pip from the pinned, hashed requirements.lock when .venv is missing
# or older than the lock or pyproject.toml; `make lock` refreshes the lock after a change of specs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv report test test-fast lint lab notebooks validate bench calibration lock clean-venv

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Every district's report into reports/<as_of>/ (HTML, PNG, summary.csv/.xlsx, index.html, run.json).
report: $(STAMP)
	$(BIN)/cdsanalysis render

# Unit tests and nbval over the committed notebooks (strict: outputs compared), in one pytest run.
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg
test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks $(NBVAL)

# ruff (pyflakes, bugbear, import order, line length 120; settings in ruff.toml) over the repository.
lint: $(STAMP)
	$(BIN)/ruff check .

# The edit loop: every test but the slow ones (renders, kernels, signals, wheel, Chromium); under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not slow" -q

validate: $(STAMP)
	$(BIN)/cdsanalysis validate data

# JupyterLab on the repository root (data/, reports/, notebooks/), opening notebooks/explore.ipynb with
# the committed notebooks trusted (their interactive chart shows); --allow-root only when run as root.
lab: $(STAMP)
	$(BIN)/python scripts/lab.py

notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_forecast.py
	$(BIN)/python benchmarks/bench_render.py

# Every model on six scenario families it was not built from -> docs/calibration.md (+ .csv, .png); minutes.
calibration: $(STAMP)
	$(BIN)/python benchmarks/calibration.py

# The lock: every package of the runtime and test sets, exact versions with hashes, for any platform.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --universal \
		--generate-hashes --no-header -o requirements.lock

clean-venv:
	rm -rf $(VENV)
