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

# A second, small environment with Colab's widget stack (ipywidgets 7.7.1) and the oldest
# matplotlib the course supports: the explorers and the exercise checkers must work under
# ipywidgets 7.7 and 8 alike. Kernel side only: no JupyterLab, so ipywidgets goes in without
# its front-end packages (--no-deps), and so does the course. pyparsing < 3.2: newer ones
# make matplotlib 3.8 warn. scikit-learn and sympy (Colab ships both) for the checkers of 08
# and 13 and the notebooks' import lines the checker tests run; hypothesis for their property
# tests.
VENV7 := .venv-widgets7
BIN7 := $(VENV7)/bin
STAMP7 := $(VENV7)/.installed
WIDGETS7 := ipywidgets==7.7.1 "matplotlib==3.8.4" "pyparsing<3.2" numpy pillow \
	"ipykernel>=6.29" ipython_genutils traitlets "pytest>=8" "pytest-xdist>=3.5" \
	"scikit-learn>=1.4" "hypothesis>=6.100" "sympy>=1.12"
# The tests run there: explorers (framework, canvas, pixel cache) and checkers (tests of
# helpers.checks and a tests/checks folder, when there is one).
WIDGETS7_TESTS := tests/test_explorers.py tests/test_explorer_canvas.py tests/test_background.py \
	$(wildcard tests/test_checks*.py tests/checks)
# ipywidgets 7.7 makes ipykernel warn that ipykernel.comm.Comm is deprecated; only there.
WIDGETS7_COMM_WARNING := The \`ipykernel.comm.Comm\` class has been deprecated
WIDGETS7_PYTEST := -n auto -W "ignore:$(WIDGETS7_COMM_WARNING):DeprecationWarning"

HTML_OUT := build/html

.PHONY: env env-widgets7 lab test test-unit test-widgets7 test-notebooks test-notebooks-one-thread \
	test-ui html execute \
	bench clean

env: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[ui,html]'
	$(BIN)/python -m pip check
	touch $(STAMP)

env-widgets7: $(STAMP7)

$(STAMP7): pyproject.toml Makefile
	test -x $(BIN7)/python || $(PYTHON) -m venv $(VENV7)
	$(BIN7)/python -m pip install --quiet --upgrade pip
	$(BIN7)/python -m pip install --quiet $(WIDGETS7)
	$(BIN7)/python -m pip install --quiet --no-deps ipywidgets==7.7.1 -e .
	touch $(STAMP7)

## Open JupyterLab on the course (localhost only, token authentication on).
lab: env
	cd notebooks && ../$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) $(LAB_OPTS) \
		00_start_here.ipynb

## Unit tests, headless widget tests and nbval over every notebook (then nbval again with one
## BLAS thread); the explorers and checkers again under ipywidgets 7.7 (Colab's); then the
## browser check (tests/ui) when Debian's chromium is installed.
test: env env-widgets7
	$(BIN)/python -m pytest $(PARALLEL) tests notebooks $(NBVAL) --ignore=tests/ui
	$(MAKE) --no-print-directory test-notebooks-one-thread
	$(MAKE) --no-print-directory test-widgets7
	@if [ -x $(CHROMIUM) ]; then $(MAKE) --no-print-directory test-ui; \
	else echo "browser check skipped: chromium not installed (see README)"; fi

## The explorer and checker tests under ipywidgets 7.7.1 and matplotlib 3.8 (.venv-widgets7).
test-widgets7: env-widgets7
	$(BIN7)/python -m pytest $(WIDGETS7_PYTEST) $(WIDGETS7_TESTS)

test-unit: env
	$(BIN)/python -m pytest $(PARALLEL) tests --ignore=tests/ui

## The course in headless Chromium: every notebook in JupyterLab 4 and the explorers'
## notebooks in Notebook 7 (run all, move every control of every explorer, what a screen
## reader is told, no sideways scrolling), and the static HTML copy with the network cut off.
test-ui: env
	$(BIN)/python -m pytest tests/ui

## A static copy of the course: one HTML page per notebook and an index, in build/html/.
## Needs no network to show; the explorers show their picture at the default settings.
html: env
	$(BIN)/python tests/export_html.py --out $(HTML_OUT) $(NOTEBOOKS)

test-notebooks: env
	$(BIN)/python -m pytest $(PARALLEL) notebooks $(NBVAL)

## nbval again with one BLAS thread: the stored numbers must not depend on how many
## threads sum a product (the last digits of a sum depend on its order).
test-notebooks-one-thread: env
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest $(PARALLEL) notebooks $(NBVAL)

## Re-execute every notebook from a fresh kernel and save its outputs in place.
## Run after changing anything in helpers/ or data/; then commit the notebooks.
execute: env
	$(BIN)/python tests/execute_notebooks.py $(NOTEBOOKS)

## Benchmark: notebook run times, slider latency in the kernel and in the page (JupyterLab
## in headless Chromium), the gradient, scikit-learn (about 12 min).
## Prints a table and writes tests/benchmarks/RESULTS.md; commit that file.
bench: env
	$(BIN)/python tests/benchmarks/bench.py --out tests/benchmarks/RESULTS.md

clean:
	rm -rf $(VENV) $(VENV7) *.egg-info $(HTML_OUT)
