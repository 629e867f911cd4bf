# Everything a newcomer needs: `make demo` and `make test`. Both create .venv with
# the machine's python3 when it is missing and install what they need into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_project/manage.py

.PHONY: demo test lint format migrations-check openapi-snapshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A stamp per install, remade when the metadata changes.
$(VENV)/.installed-testing: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[testing,postgres,redis]"
	touch $@

$(VENV)/.installed-example: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[example,postgres,redis]"
	touch $@

demo: $(VENV)/.installed-example
	$(MANAGE) migrate --no-input
	$(MANAGE) load_runstrength_demo
	$(MANAGE) ensure_demo_admin
	@echo "Serving the demo clinic on http://127.0.0.1:$(PORT)/ (admin at /admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-testing
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-testing
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-testing
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-testing
	$(BIN)/python -m django makemigrations --check --dry-run --settings=tests.settings --pythonpath=.

# Regenerate the committed OpenAPI contract after an intended API change.
openapi-snapshot: $(VENV)/.installed-testing
	UPDATE_OPENAPI_SNAPSHOT=1 $(BIN)/python -m pytest -q tests/test_api_v3.py -k snapshot

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
