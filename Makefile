# Everything a newcomer needs: `make demo` and `make test`. Both create .venv with
# the machine's python3 when it is missing and install what they need into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_project/manage.py

.PHONY: demo frontend test lint format migrations-check messages compilemessages openapi-snapshot fuzz bench bench-breakdown bench-readpaths loadtest clean axe

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

# The example's settings default to DEBUG off and refuse the published demo key without it,
# so the demo turns DEBUG on for its own commands (clinic_site/settings.py).
# DEMO_LANGUAGES=en,fr makes a bilingual clinic with French demo content (docs/translation.md).
DEMO_LANGUAGES ?=
DEMO_MANAGE := DJANGO_DEBUG=1 DEMO_LANGUAGES=$(DEMO_LANGUAGES) $(MANAGE)

demo: $(VENV)/.installed-example
	$(DEMO_MANAGE) migrate --no-input
	$(DEMO_MANAGE) load_runstrength_demo
	$(DEMO_MANAGE) ensure_demo_admin
	@echo "Serving the demo clinic on http://127.0.0.1:$(PORT)/ (admin at /admin/)"
	$(DEMO_MANAGE) runserver 127.0.0.1:$(PORT)

# The demo site plus the reference headless frontend (example_project/frontend, Next.js; docs/headless.md):
# Django on 127.0.0.1:$(PORT) serves the API, `next start` on 127.0.0.1:$(FRONTEND_PORT) renders the pages.
# Publishing in the admin sends the signed revalidation webhook to the frontend, and the admin's
# "Headless frontend" preview opens it. Ctrl-C stops both. Needs Node.js 20.9+ and npm.
FRONTEND_DIR := example_project/frontend
FRONTEND_PORT ?= 3000
FRONTEND_URL := http://127.0.0.1:$(FRONTEND_PORT)
# Signs the webhook on the Django side and checks it on the frontend: a local, published value.
FRONTEND_REVALIDATE_SECRET ?= demo-only-revalidate-secret-not-for-production
FRONTEND_DJANGO := DJANGO_DEBUG=1 DEMO_LANGUAGES=$(DEMO_LANGUAGES) RUNSTRENGTH_FRONTEND_URL=$(FRONTEND_URL) \
	RUNSTRENGTH_REVALIDATE_SECRET=$(FRONTEND_REVALIDATE_SECRET) WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE)
FRONTEND_NEXT := env NEXT_TELEMETRY_DISABLED=1 RUNSTRENGTH_API_URL=http://127.0.0.1:$(PORT) \
	RUNSTRENGTH_REVALIDATE_SECRET=$(FRONTEND_REVALIDATE_SECRET)

# npm ci (from the committed lockfile) only when the lockfile is newer than the last install.
$(FRONTEND_DIR)/node_modules/.package-lock.json: $(FRONTEND_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js 20.9 or newer for make frontend" >&2; exit 1; }
	cd $(FRONTEND_DIR) && npm ci --no-audit --no-fund
	touch $@

frontend: $(VENV)/.installed-example $(FRONTEND_DIR)/node_modules/.package-lock.json
	cd $(FRONTEND_DIR) && $(FRONTEND_NEXT) npm run build
	$(FRONTEND_DJANGO) migrate --no-input
	$(FRONTEND_DJANGO) load_runstrength_demo
	$(FRONTEND_DJANGO) ensure_demo_admin
	@echo "API and admin on http://127.0.0.1:$(PORT)/admin/, the frontend on $(FRONTEND_URL)/ (Ctrl-C stops both)"
	@$(FRONTEND_DJANGO) runserver --noreload 127.0.0.1:$(PORT) & django=$$!; \
	(cd $(FRONTEND_DIR) && exec $(FRONTEND_NEXT) PORT=$(FRONTEND_PORT) node_modules/.bin/next start -H 127.0.0.1) & next=$$!; \
	trap 'kill $$django $$next 2>/dev/null; wait' INT TERM; \
	wait

# axe-core for the accessibility tests in real Chromium: fetched with npm, never committed.
AXE_VERSION := 4.14.1
AXE_DIR := tests/browser/.axe
AXE_JS := $(AXE_DIR)/node_modules/axe-core/axe.min.js

$(AXE_JS):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-save --no-audit --no-fund --prefix $(AXE_DIR) axe-core@$(AXE_VERSION); \
	else \
		echo "npm not found: the accessibility tests will be skipped (install Node.js to run them)"; \
	fi

axe: $(AXE_JS)

test: $(VENV)/.installed-testing axe
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-testing
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-testing
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-testing
	$(BIN)/python -m django makemigrations --check --dry-run --settings=tests.settings --pythonpath=.
	$(BIN)/python -m django makemigrations --check --dry-run --settings=tests.settings_custom_image --pythonpath=.

# Translation catalogues (docs/development.md, "Translations"); both need GNU gettext.
# `make messages` collects the marked strings into each language's .po; translate what is new,
# then `make compilemessages` writes the .mo files that ship in the wheel.
LOCALES := fr de es

messages: $(VENV)/.installed-testing
	cd wagtail_runstrength && ../$(BIN)/django-admin makemessages $(addprefix --locale ,$(LOCALES)) --no-obsolete --add-location file

compilemessages: $(VENV)/.installed-testing
	cd wagtail_runstrength && ../$(BIN)/django-admin compilemessages

# Regenerate the committed OpenAPI contract after an intended API change.
openapi-snapshot: $(VENV)/.installed-testing
	UPDATE_OPENAPI_SNAPSHOT=1 $(BIN)/python -m pytest -q tests/test_api_v3.py -k snapshot

# Fuzz the example site's APIs longer than CI does (tests/test_api_fuzz.py): FUZZ_MAX_EXAMPLES examples per
# operation (default 300), a new random seed each run; FUZZ_SEED=<n> repeats a run, FUZZ_DATABASE=postgres
# serves the site from a fresh PostgreSQL database. Reports of failures land in test-artifacts/fuzz/.
fuzz: $(VENV)/.installed-testing
	FUZZ_MAX_EXAMPLES=$${FUZZ_MAX_EXAMPLES:-300} $(BIN)/python -m pytest -m fuzz tests/test_api_fuzz.py

# Speed against a plain Wagtail blog on SQLite and PostgreSQL at 10, 1,000 and 100,000 articles
# (benchmarks/README.md). Quick run: BENCH_SIZES=10,1000 BENCH_DATABASES=sqlite make bench
bench: $(VENV)/.installed-testing
	BENCH_COMMAND="make bench" $(BIN)/python -m benchmarks $(BENCH_ARGS)

# Where a cold article render's time goes: the ORM against everything else, beside the plain blog.
bench-breakdown: $(VENV)/.installed-testing
	$(BIN)/python -m benchmarks.breakdown

# The article page, its plain-blog twin and the four API read paths of the article, warm and cold (1 minute).
bench-readpaths: $(VENV)/.installed-testing
	$(BIN)/python -m benchmarks.readpaths

# The demo under gunicorn (2 sync workers, PostgreSQL, Redis) loaded by wrk, beside a plain blog post
# (benchmarks/README.md, "Load test"). Shorter: LOAD_DURATION=5 make loadtest
loadtest: $(VENV)/.installed-testing
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && apt-get install -y --no-install-recommends wrk; \
		else \
			echo "wrk is not installed: run 'sudo apt-get install wrk' (Debian/Ubuntu), then make loadtest again" >&2; \
			exit 1; \
		fi; \
	}
	LOAD_COMMAND="make loadtest" $(BIN)/python -m benchmarks.loadtest $(LOAD_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache $(AXE_DIR)
