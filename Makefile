# pdsite: `make run` serves the site, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install browser run test test-fast fuzz lint format migrations-check messages bench load stack screenshots lighthouse clean

$(STAMP): pyproject.toml package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check ".[test]"
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# Playwright uses Debian's Chromium when it is there, else its own browser build.
browser: $(STAMP)
	@test -x /usr/bin/chromium || $(VENV)/bin/playwright install chromium

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_pages
	$(PY) manage.py load_demo_workshops
	DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: install browser
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not e2e"

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest -p no:randomly --hypothesis-show-statistics --durations=0 tests/test_fuzz.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# The Spanish catalogue: collect the marked strings into locale/es/LC_MESSAGES/django.po, then
# compile django.mo. Needs GNU gettext; `make run` and `make test` do not (the .mo is committed).
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=build \
	--ignore=benchmarks --ignore=tests --ignore=test-artifacts
messages: install
	@command -v xgettext >/dev/null && command -v msgmerge >/dev/null && command -v msgfmt >/dev/null \
	  || { echo "make messages needs GNU gettext (xgettext, msgmerge, msgfmt):"; \
	       echo "  Debian/Ubuntu: sudo apt-get install gettext    macOS: brew install gettext"; exit 1; }
	$(PY) manage.py makemessages --locale=es --domain=django --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages --locale=es $(MESSAGES_IGNORE)

bench: install
	$(PY) benchmarks/run.py

load: install
	$(PY) benchmarks/load.py

# The deploy/ recipe on loopback: its own PostgreSQL, Redis, nginx and two app servers.
stack: install
	$(PY) -m deploy.stack

screenshots: install browser
	$(VENV)/bin/pytest tests/e2e/test_screenshots.py -m e2e --screenshots

lighthouse: install
	bash benchmarks/lighthouse.sh

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
