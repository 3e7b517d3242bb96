# Sightline: `make demo` serves a populated demo council; `make test` runs the whole suite.
# Both bootstrap everything they need (.venv with uv, npm assets) on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
DEMO_POPULATION ?= 50000
DEMO_YEARS ?= 5
DEMO_SEED ?= 1

.PHONY: demo test install assets lint format bench clean

install: $(VENV)/.stamp-synced

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.stamp-synced: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --inexact --quiet
	touch $@

node_modules/.stamp-installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.stamp-installed
	npm run --silent assets

# The demo labels every page as synthetic data and signs in without a second factor.
demo: export SIGHTLINE_DEMO = true
demo: install assets
	$(BIN)/sightline migrate --no-input -v 0
	$(BIN)/sightline collectstatic --no-input -v 0
	$(BIN)/sightline seed --if-empty --population $(DEMO_POPULATION) --years $(DEMO_YEARS) --seed $(DEMO_SEED)
	$(BIN)/sightline tick
	$(BIN)/sightline demo_logins
	$(BIN)/sightline runserver --noreload 127.0.0.1:8000

test: install assets
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Every benchmark behind bench/results.md (about an hour on 2 idle cores; see each script's --help).
bench: install
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/seed_bench.py --populations 50000 300000 --runs 3
	$(BIN)/python bench/worklist_bench.py --db var/bench-300k.sqlite3 --population 300000 --years 5 --as-at 2026-03-31

clean:
	rm -rf $(VENV) node_modules var src/sightline/static/vendor
