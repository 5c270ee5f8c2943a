# Two commands on a fresh machine: `make site` and `make test`.
# Everything they need is installed here, from exact pins, into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
YEAR ?=
export CMRKIT_YEAR := $(YEAR)

.PHONY: site serve test lint lock clean install browser

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

lint: $(STAMP)
	$(BIN)/ruff check src macros tests
	$(BIN)/ruff format --check src macros tests

test: $(STAMP) lint
	$(BIN)/pytest

# Benchmark `cmrkit ingest` against openpyxl (builds its own corpus from the real templates).
# `make bench FILES=1000` for the 1,000-file run.
FILES ?= 200
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_bench.py --files $(FILES)

# Regenerate requirements.lock from requirements.in (exact pins, no pre-releases).
lock:
	test -x $(VENV)-lock/bin/pip-compile || ($(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/pip install --quiet pip-tools==7.6.2)
	$(VENV)-lock/bin/pip-compile --quiet --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-header -o requirements.lock.tmp requirements.in
	{ echo "# Exact pins for every Python package the project installs (make lock regenerates it)."; \
	  echo "# Pre-releases are never admitted: every line is an exact release version."; \
	  cat requirements.lock.tmp; } > requirements.lock && rm requirements.lock.tmp

clean:
	rm -rf site .pytest_cache
