# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false

PORT    ?= 4200
API     := http://127.0.0.1:$(PORT)/api
CRON    ?= 0 * * * *

.PHONY: setup run test lint bench serve server-stop clean

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
	$(BIN)/mypy .
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy .

bench: setup
	$(BIN)/renda bench --mb 100

# A local Prefect server (SQLite in $(PREFECT_HOME), loopback only) and the scheduled deployment.
# Ctrl-C stops the deployment; `make server-stop` stops the server.
serve: setup
	@mkdir -p $(PREFECT_HOME)
	@if ! curl -sf $(API)/health >/dev/null; then \
	  nohup $(BIN)/prefect server start --host 127.0.0.1 --port $(PORT) > $(PREFECT_HOME)/server.log 2>&1 & \
	  echo $$! > $(PREFECT_HOME)/server.pid; \
	  for i in $$(seq 60); do curl -sf $(API)/health >/dev/null && break; sleep 1; done; \
	fi
	@echo "Prefect UI: http://127.0.0.1:$(PORT)  (server log: $(PREFECT_HOME)/server.log)"
	PREFECT_API_URL=$(API) $(BIN)/renda serve --cron "$(CRON)"

server-stop:
	-kill $$(cat $(PREFECT_HOME)/server.pid) && rm -f $(PREFECT_HOME)/server.pid

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/dq .prefect
