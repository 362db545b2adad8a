# VibeCraft — the two commands a newcomer needs: `make start` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      ?= .venv
PYTHON    ?= $(shell command -v python3.11 || command -v python3)
PY        := $(VENV)/bin/python
PORT      ?= 8000
# pytest-xdist workers for the backend suite; each takes its own Postgres and Redis databases.
TEST_WORKERS ?= 2
DATA_DIR  ?= $(CURDIR)/data
export PORT DATA_DIR

.PHONY: help start test bench load system-deps browser-deps backend backend-dev frontend frontend-deps test-backend test-frontend test-e2e clean

help:
	@echo "make start   install, build and run VibeCraft on http://localhost:$(PORT) (SQLite + files in $(DATA_DIR))"
	@echo "make test    install everything and run every test"
	@echo "make bench   run the benchmarks (analysis, lyrics, video, composition, pipeline, bundle size)"
	@echo "make load    50 users browsing while 5 pipelines run, embedded and PostgreSQL + Redis + 2 workers"

## System packages: installed with apt when we are root, otherwise a clear message.
system-deps:
	@bash scripts/ensure-system-deps.sh ffmpeg

browser-deps:
	@bash scripts/ensure-system-deps.sh chromium

## Python: one virtualenv at the repository root; reinstalled only when pyproject.toml changes.
$(VENV)/.stamp-runtime: backend/pyproject.toml scripts/install-backend.sh
	@bash scripts/install-backend.sh "$(PYTHON)" "$(VENV)" runtime
	@touch $@

$(VENV)/.stamp-dev: backend/pyproject.toml scripts/install-backend.sh
	@bash scripts/install-backend.sh "$(PYTHON)" "$(VENV)" dev
	@touch $@ $(VENV)/.stamp-runtime

backend: system-deps $(VENV)/.stamp-runtime
backend-dev: system-deps $(VENV)/.stamp-dev

## Web app: built once into frontend/dist, which the API serves at /.
frontend-deps:
	@if [ -f frontend/package.json ]; then cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }; fi

frontend: frontend-deps
	@if [ -f frontend/package.json ]; then cd frontend && npm run build; fi

start: backend frontend
	$(VENV)/bin/vibecraft migrate
	$(VENV)/bin/vibecraft serve --port $(PORT)

test: backend-dev frontend browser-deps
	$(MAKE) --no-print-directory test-backend test-frontend test-e2e

test-backend:
	cd backend && ../$(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist loadfile

test-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm test; fi

test-e2e:
	@if [ -f frontend/tests/e2e/run.mjs ]; then bash scripts/e2e.sh; fi

bench: backend-dev frontend
	bash scripts/bench.sh

load: backend-dev frontend
	cd backend && ../$(VENV)/bin/python load/load_test.py

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
