# Two commands on a fresh machine: `make site` and `make test`.
# Everything they need is installed here, from exact pins, into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make site YEAR=2024` builds another year; without it, mkdocs.yml's extra.report_year.
ifdef YEAR
export CMRKIT_YEAR := $(YEAR)
endif

# Material's end-of-life banner is known (see guides/maintaining.md); keep build output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast lint lock clean install browser lint-workflows publish

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

# The same year built with Zensical (Material's successor, pinned in requirements.lock) into
# build/zensical/<year>/site, and its fidelity to the filed record: a measurement, not the
# production build (guides/maintaining.md: "A path off Material: Zensical"). `make site-zensical YEAR=2024`.
.PHONY: site-zensical
site-zensical: $(STAMP)
	$(BIN)/python -m cmrkit.website.zensical

lint: $(STAMP)
	$(BIN)/ruff check src macros tests benchmarks
	$(BIN)/ruff format --check src macros tests benchmarks
	$(BIN)/mypy

# Every test, in one process per core with pytest-xdist (PYTEST_WORKERS=N to choose): a test
# file's tests stay in one worker (--dist loadfile), so a module's published repository or a
# session's built site and Chromium are made once per worker, never once per test.
PYTEST_WORKERS ?= auto
PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile
test: $(STAMP) lint lint-workflows browser dist
	$(BIN)/pytest $(PARALLEL)

# The fast loop while editing: every test that builds no site, drives no browser and installs no
# wheel (markers by folder: tests/README.md), CMRT workbooks kept by content in .pytest_cache.
# pytest-xdist runs them in one process per core (PYTEST_WORKERS=N to choose), a test file's
# tests in one worker (--dist loadfile), so a file's fixtures are built once. Bytecode is kept
# even where PYTHONDONTWRITEBYTECODE is set: recompiling the engine and rewriting every test
# module's asserts on each run would cost seconds.
FAST := not build and not browser and not package
test-fast: export PYTHONDONTWRITEBYTECODE :=
test-fast: $(STAMP)
	$(BIN)/pytest -q $(PARALLEL) -m "$(FAST)"

# The wheel and the sdist into dist/ (tests/package installs the wheel in a fresh virtual
# environment and runs it from another folder; CMRKIT_SOURCE=dist/cmrkit-*.whl for a filer).
.PHONY: dist
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -c "from setuptools import build_meta as b; b.build_sdist('dist'); b.build_wheel('dist')"
	rm -rf build/lib build/bdist.* src/*.egg-info
	ls dist

# The workflow `cmrkit init` writes into a filer's repository is linted with ours.
FILER_WORKFLOWS := src/cmrkit/website/template/dot-github/workflows/ci.yml
# The GitHub workflows, offline: schema (check-jsonschema's built-in copy) and security (zizmor).
lint-workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml \
	  $(FILER_WORKFLOWS)
	$(BIN)/zizmor --offline --no-progress .github/workflows $(FILER_WORKFLOWS)

# `make publish YEAR=2024`: deploy that year to the local gh-pages branch with mike (no push).
publish: $(STAMP)
	test -n "$(YEAR)" || { echo "usage: make publish YEAR=2024" >&2; exit 2; }
	$(BIN)/cmrkit publish $(YEAR)

# Benchmark `cmrkit ingest` against openpyxl (builds its own corpus from the real templates).
# `make bench FILES=1000` for the 1,000-file run.
FILES ?= 200
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_bench.py --files $(FILES)

# Benchmark `cmrkit import` and the build of twelve imported years against a one-year build.
.PHONY: bench-import
bench-import: $(STAMP)
	$(BIN)/python benchmarks/import_bench.py

# Benchmark the start of `cmrkit --help` against a bare interpreter (issue 22: within 0.35 s).
.PHONY: bench-cli
bench-cli: $(STAMP)
	$(BIN)/python benchmarks/cli_bench.py

# Regenerate requirements.lock from requirements.in (exact pins, no pre-releases, and the sha256
# of every file PyPI offers for each pin: `make install` refuses any file whose hash differs).
lock:
	test -x $(VENV)-lock/bin/pip-compile || ($(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/pip install --quiet pip-tools==7.6.2)
	# Start from the current pins: pip-compile keeps them (add --upgrade to move them).
	cp requirements.lock requirements.lock.tmp
	$(VENV)-lock/bin/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes \
	  --no-emit-index-url \
	  --no-emit-find-links --no-header -o requirements.lock.tmp requirements.in
	{ echo "# Exact pins for every Python package the project installs (make lock regenerates it)."; \
	  echo "# Pre-releases are never admitted: every line is an exact release version, with the"; \
	  echo "# sha256 of its files: pip install --require-hashes installs nothing else."; \
	  cat requirements.lock.tmp; } > requirements.lock && rm requirements.lock.tmp

clean:
	rm -rf site .pytest_cache

# Browser tests, PDF and benchmark: Debian's chromium, poppler-utils and a font (apt, as root, only
# when absent) and axe-core (exact pin in package-lock.json, test-only) into node_modules.
.PHONY: chromium pdf bench-annex
AXE := node_modules/axe-core/axe.min.js

# A bare container (CI's debian:bookworm) may lack all three, fonts included: chromium only
# recommends them, and without a font it prints no text into the PDF.
chromium:
	missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	find /usr/share/fonts \( -name '*.ttf' -o -name '*.otf' \) 2>/dev/null | grep -q . \
	  || missing="$$missing fonts-liberation"; \
	test -z "$$missing" || (apt-get update && apt-get install -y --no-install-recommends $$missing)

browser: chromium $(AXE)

$(AXE): package.json package-lock.json
	command -v npm >/dev/null || (apt-get update && apt-get install -y --no-install-recommends npm)
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The whole report (every page, in navigation order) as one PDF.
pdf: site chromium
	$(BIN)/cmrkit pdf --site site --out build/report.pdf

# Bytes and filter latency of the Annex page against a baseline measured in the same run.
bench-annex: site browser
	$(BIN)/python benchmarks/annex_bench.py --site site

# Pre-filing checks and the EDGAR documents of every year into build/edgar/YEAR, each checked
# against EDGAR's HTML rules (make test runs the same through tests/checks and tests/edgar).
.PHONY: filing
filing: $(STAMP)
	for year in $$(ls data | grep -E '^[0-9]{4}$$'); do \
	  $(BIN)/cmrkit check $$year && \
	  $(BIN)/cmrkit edgar $$year --out build/edgar/$$year && \
	  $(BIN)/cmrkit edgar --check build/edgar/$$year/*.htm || exit 1; \
	done

# Material's search index (bytes, entries, Annex words found whole) against `main`, built in the
# same run. `make bench-search BASE=<rev>` for another baseline.
BASE ?= main
.PHONY: bench-search
bench-search: $(STAMP)
	$(BIN)/python benchmarks/search_bench.py --base $(BASE)
