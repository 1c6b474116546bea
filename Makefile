# The front door. `make run` and `make test` work on a fresh machine: they create the
# virtualenv, install what is missing and then do their job.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
PRODUCTION := DJANGO_SETTINGS_MODULE=portal.settings.production
# Catalogs are compiled for our own locale/ and locale_upstream/ (LOCALE_PATHS) only, never for
# the packages in the virtualenv.
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=test-artifacts

.PHONY: run serve bench lighthouse test mutations install system-packages browser compilemessages messages \
	check-messages lint format check clean

run: install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --renditions
	$(MANAGE) ensure_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	@# The scheduler, the mail worker and the webhooks worker run beside the web server, as in
	@# production, and stop with it.
	$(MANAGE) run_scheduled_publishing --every 60 & scheduler=$$!; \
		$(MANAGE) db_worker --backend outbox --interval 2 --no-reload & worker=$$!; \
		$(MANAGE) db_worker --backend webhooks --interval 2 --no-reload & hooks=$$!; \
		trap 'kill $$scheduler $$worker $$hooks 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:$(PORT)

# The production stack on this machine, configured by the environment (README: "Running in
# production"): the web server (portal/server.py), the mail worker, the webhooks worker and the
# scheduler, stopped together.
serve: install compilemessages
	@$(PRODUCTION) $(BIN)/python -m portal.check_environment
	$(PRODUCTION) $(MANAGE) collectstatic --noinput --verbosity 0
	$(PRODUCTION) $(MANAGE) migrate --noinput
	$(PRODUCTION) $(MANAGE) run_scheduled_publishing --every 60 & scheduler=$$!; \
		$(PRODUCTION) $(MANAGE) db_worker --backend outbox --interval 2 --no-reload & worker=$$!; \
		$(PRODUCTION) $(MANAGE) db_worker --backend webhooks --interval 2 --no-reload & hooks=$$!; \
		trap 'kill $$scheduler $$worker $$hooks 2>/dev/null' EXIT INT TERM; \
		$(PRODUCTION) BIND=$${BIND:-127.0.0.1:$(PORT)} \
		$(BIN)/python -m portal.server

# Throughput and latency under wrk, written to bench/results.md (README: "Benchmark"). Takes
# about eight minutes; uses PostgreSQL too if BENCH_DATABASE_URL (default: database "bench" on
# loopback) answers, and wipes that database. Then Lighthouse (`make lighthouse`).
bench: install compilemessages node_modules/.installed
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else \
			echo "Please install wrk (Debian: sudo apt-get install wrk)"; exit 1; \
		fi; }
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.lighthouse

# Lighthouse on home and a campaign, in English and Chinese, against the production stack:
# every category >= 0.98 and the campaign page <= 100 KB, written to bench/lighthouse.md and
# test-artifacts/lighthouse/ (bench/lighthouse.py). Takes about two minutes.
lighthouse: install compilemessages node_modules/.installed
	$(BIN)/python -m bench.lighthouse

# Lighthouse, pinned in package.json and package-lock.json, from the npm registry.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "NOTE: the Lighthouse check is skipped: sudo apt-get install nodejs npm"; \
	fi

# One test process per core (pytest-xdist; TEST_PROCESSES=1 for one), each with a test database
# of its own. Tests are handed out one by one in pytest-django's order, so that each process runs
# the tests that roll back before those that empty its database (--dist loadfile would send a
# file's transactional tests early, and later tests would miss the rows migrations made). Then
# what measures the machine's speed (the "alone" mark: Lighthouse), with the machine to itself.
# Exit code 5 is "no test selected" (PYTEST_ARGS may pick tests of one step only).
TEST_PROCESSES ?= auto
PYTEST := DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/pytest

test: install compilemessages browser node_modules/.installed
	$(PYTEST) -n $(TEST_PROCESSES) --dist load --alone=skip $(PYTEST_ARGS) || [ $$? = 5 ]
	$(PYTEST) --alone=only $(PYTEST_ARGS) || [ $$? = 5 ]

# Break each feature of the signing path on purpose (tests/mutations.py): a test must fail.
mutations: install compilemessages
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python tests/mutations.py

install: system-packages $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; its own browser download fails
# without network), and CJK fonts, without which Chinese is drawn as empty boxes in screenshots.
browser:
	@if ! [ -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium fonts-noto-cjk; \
		else \
			echo "NOTE: browser tests skipped: sudo apt-get install chromium fonts-noto-cjk"; \
		fi; \
	fi

# GNU gettext builds and checks the catalogs; a fresh Debian machine lacks it.
system-packages:
	@command -v msgfmt >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
		else \
			echo "Please install GNU gettext (Debian: sudo apt-get install gettext)"; exit 1; \
		fi; }

compilemessages: install
	$(MANAGE) compilemessages $(I18N_IGNORE) --verbosity 0

# Update the catalogs after changing interface strings, then translate what is new.
messages: install
	$(MANAGE) makemessages --locale zh_Hant --locale zh_Hans --no-obsolete \
		$(I18N_IGNORE) --ignore=tests --add-location=file
	@$(MAKE) --no-print-directory check-messages

# Fails if a string is untranslated or fuzzy, or if the code has strings the catalogs lack.
check-messages: install
	$(BIN)/python -m portal.check_messages

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --noinput

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates campaigns/templates home/templates webhooks/templates
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates campaigns/templates home/templates

clean:
	rm -rf $(VENV) node_modules static_collected test-artifacts
	find locale locale_upstream -name '*.mo' -delete
