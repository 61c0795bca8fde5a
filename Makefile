# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false

.PHONY: setup run test lint bench serve clean

setup: $(STAMP)

# Pinned: every package comes from requirements.lock; the project itself installs without deps.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: setup
	$(BIN)/renda run

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy flows transforms warehouse expectations
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy flows transforms warehouse expectations

bench: setup
	$(BIN)/renda bench --mb 100

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/dq .prefect
