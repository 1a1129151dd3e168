# make build: the site from scratch into output/ · make serve: build, serve on
# http://localhost:8000 and rebuild on change · make test: every test · make validate: content only
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
PELICAN := $(VENV)/bin/pelican -s pelican.conf.py --fatal errors

BENCH_STAMP := $(VENV)/.bench-stamp

.PHONY: install build serve editor test test-js validate lint format schemas clean bench

$(STAMP): pyproject.toml requirements.lock package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	# Test and editing tools (the HTML validator, axe-core, decap-server, the YAML library
	# for the formats' unit tests); nothing from node_modules is served to visitors.
	npm ci --no-audit --no-fund --loglevel=error
	# The web editor's browser bundle (Decap CMS): one pinned, integrity-checked tarball.
	$(PY) scripts/vendor_editor.py
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	rm -rf output
	$(PELICAN)

# Serving rebuilds incrementally: only what changed is rendered again (README, Performance).
serve: build
	INCREMENTAL=1 $(PELICAN) --listen --autoreload --bind 127.0.0.1 --port 8000

# The web editor on this working copy, no GitHub needed (README, "The web editor"): the site as
# `make serve` serves it, and /admin/ saving through decap-server in its git mode (every change
# a branch, as on GitHub), both on 127.0.0.1 only. Stopping make stops both.
editor: build
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$(CURDIR)" \
		node_modules/.bin/decap-server & server=$$!; \
	trap 'kill $$server' EXIT INT TERM; \
	INCREMENTAL=1 $(PELICAN) --listen --autoreload --bind 127.0.0.1 --port 8000

# The benchmark (README, Performance): a few minutes; Pagefind is installed for it only.
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) scripts/bench.py

validate: $(STAMP)
	$(PY) scripts/validate.py

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/zizmor --offline --quiet .github/workflows/
	# The search modules' unit tests (theme/static/js), node's own test runner, no DOM.
	node --test tests/js/*.test.mjs
	$(PY) -m pytest -n 2

# The JavaScript unit tests alone (part of `make test`).
test-js:
	node --test tests/js/*.test.mjs

schemas: $(STAMP)
	$(PY) scripts/generate_schemas.py
	$(PY) scripts/generate_editor_config.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf output $(VENV) .pytest_cache node_modules cache .bench
