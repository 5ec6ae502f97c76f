# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest clean assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the dependencies change.
$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-runtime

# The pages' assets: GOV.UK Frontend (and axe-core for the browser tests) from npm, at the
# versions package-lock.json pins, copied where the service serves /assets. Never committed.
ASSETS := var/static/govuk
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(ASSETS)/.built: node_modules/.package-lock.json
	rm -rf $(ASSETS)
	mkdir -p $(ASSETS)
	cp $(GOVUK_DIST)/govuk-frontend.min.css $(GOVUK_DIST)/govuk-frontend.min.js $(ASSETS)/
	cp -R $(GOVUK_DIST)/assets/. $(ASSETS)/
	touch $@

assets: $(ASSETS)/.built

run: $(VENV)/.installed-runtime assets
	$(BIN)/adtp db upgrade
	$(BIN)/adtp seed-demo
	$(BIN)/adtp serve

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy service plan_schema validators tests

pytest: $(VENV)/.installed-dev assets
	$(BIN)/pytest -n auto --dist loadfile

test: lint typecheck pytest

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache
