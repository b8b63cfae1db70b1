# The developer contract: `make run` and `make test` work on a fresh clone.
# Everything else is a step of those two.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded shape is a development one: DEBUG on unless the caller says otherwise (without DEBUG the
# settings refuse to start with no SECRET_KEY). Tests and checks use config.settings_test (a test key).
DEV := DEBUG=$${DEBUG:-true}
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings_test

.PHONY: run test setup migrate demo lint check messages bench worker beat e2e-deps clean targets-score

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	@touch $(STAMP)

# The project's catalogues (locale/en: the product in English; locale/vi: libraries' messages in
# Vietnamese), compiled with polib.
setup: $(STAMP)
	$(PY) -m config.compile_locale

migrate: setup
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py load_demo

# Embedded default: SQLite, Celery eager, demo data, dev server, and the beat schedule in-process
# (reports/runs/schedule.py: the same django-celery-beat jobs as production).
run: demo
	DEBUG=true $(PY) manage.py serve $(HOST):$(PORT)

# The whole suite. Uses PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set,
# SQLite and eager Celery otherwise. Browser tests need /usr/bin/chromium.
test: setup
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_SETTINGS) $(PY) manage.py check
	$(PY) -m config.catalogue check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .

check: setup
	$(TEST_SETTINGS) $(PY) manage.py check
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m config.catalogue check

# After marking a text with gettext / {% translate %}: add it to locale/en (GNU gettext's xgettext), then
# write its English there. `make check` and `make test` fail while a text has none (config/catalogue.py).
messages: setup
	$(PY) -m config.catalogue update

# DESIGN.md §8 on a synthetic province (bench/__init__.py): PostgreSQL only. Without DATABASE_URL it
# uses (and creates) cds_kpi_bench and cds_kpi_bench_tenth on 127.0.0.1. BENCH_ONLY=dashboard,report
# runs a part; BENCH_LOAD_SECONDS (60) the length of the load test. Timings never fail `make test`.
bench: setup
	$(PY) -m bench

# The reader of target sentences on its labelled corpus of public texts (docs/targets-from-text.md):
# targets found, right in level/operator/value/year, invented. Exits non-zero below the thresholds.
targets-score: setup
	$(PY) -m tests.resolutions.target_corpus.score

worker: setup
	$(DEV) $(VENV)/bin/celery -A config worker -l info

beat: setup
	$(DEV) $(VENV)/bin/celery -A config beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
