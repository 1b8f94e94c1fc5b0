# Two commands on a fresh machine: `make lab` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# Jupyter refuses to start as root unless told; only add the flag where we are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for `make lab`, e.g. LAB_OPTS="--port=9999 --no-browser".
LAB_OPTS ?=
CHROMIUM := /usr/bin/chromium
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# One worker per core; a notebook's cells must stay together on one worker (loadfile).
PARALLEL := -n auto --dist loadfile

.PHONY: env lab test test-unit test-notebooks test-ui execute bench clean

env: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[ui]'
	$(BIN)/python -m pip check
	touch $(STAMP)

## Open JupyterLab on the course (localhost only, token authentication on).
lab: env
	cd notebooks && ../$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) $(LAB_OPTS) \
		00_start_here.ipynb

## Unit tests, headless widget tests and nbval over every notebook; then the browser check
## (tests/ui) when Debian's chromium is installed.
test: env
	$(BIN)/python -m pytest $(PARALLEL) tests notebooks $(NBVAL) --ignore=tests/ui
	@if [ -x $(CHROMIUM) ]; then $(MAKE) --no-print-directory test-ui; \
	else echo "browser check skipped: chromium not installed (see README)"; fi

test-unit: env
	$(BIN)/python -m pytest $(PARALLEL) tests --ignore=tests/ui

## Every notebook in JupyterLab in headless Chromium: run all, move each explorer's slider.
test-ui: env
	$(BIN)/python -m pytest tests/ui

test-notebooks: env
	$(BIN)/python -m pytest $(PARALLEL) notebooks $(NBVAL)

## Re-execute every notebook from a fresh kernel and save its outputs in place.
## Run after changing anything in helpers/ or data/; then commit the notebooks.
execute: env
	$(BIN)/python tests/execute_notebooks.py $(NOTEBOOKS)

## Benchmark: notebook run times, slider latency, the gradient, scikit-learn (about 6 min).
## Prints a table and writes tests/benchmarks/RESULTS.md; commit that file.
bench: env
	$(BIN)/python tests/benchmarks/bench.py --out tests/benchmarks/RESULTS.md

clean:
	rm -rf $(VENV) *.egg-info
