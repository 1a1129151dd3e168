# make build: the site from scratch into output/ · make serve: build, serve on
# http://localhost:8000 and rebuild on change · make test: every test · make validate: content only
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
PELICAN := $(VENV)/bin/pelican -s pelican.conf.py --fatal errors

.PHONY: install build serve test validate lint format schemas clean

$(STAMP): pyproject.toml requirements.lock package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	# Test tools only (the HTML validator, axe-core); nothing from npm is served to visitors.
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	rm -rf output
	$(PELICAN)

serve: build
	$(PELICAN) --listen --autoreload --bind 127.0.0.1 --port 8000

validate: $(STAMP)
	$(PY) scripts/validate.py

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n 2

schemas: $(STAMP)
	$(PY) scripts/generate_schemas.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf output $(VENV) .pytest_cache node_modules
