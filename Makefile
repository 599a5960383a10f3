# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   – environment, database, demo data, server on http://127.0.0.1:8000
#   make test  – every test, on SQLite and on a throwaway PostgreSQL server
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_REPORTS ?= 12000
DEMO_QUARTERS ?= 8

.PHONY: setup run test test-sqlite test-postgres lint lock demo clean

# Every package comes from the lock, checked against its hashes; uof itself is installed without
# dependencies so nothing unpinned slips in.
$(BIN)/.installed: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(BIN)/.installed

# Two years of demo reports (uof/demo/story.py), each quarter published. --skip-checks: each command
# would import every URL module (about 2 s each) for checks that runserver makes anyway.
demo: setup
	$(BIN)/uof migrate --noinput -v0 --skip-checks
	$(BIN)/uof load-organisations --skip-checks uof/demo/data/eastern.json
	$(BIN)/uof demo-users --skip-checks
	$(BIN)/uof demo-data --skip-checks --reports $(DEMO_REPORTS) --quarters $(DEMO_QUARTERS) --seed 1 --if-empty
	$(BIN)/uof demo-publications --skip-checks --quarters $(DEMO_QUARTERS)

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (sign in with a demo login above)"
	$(BIN)/uof runserver 127.0.0.1:$(PORT)

test: setup
	scripts/ensure-test-deps
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: setup
	$(BIN)/pytest -p no:cacheprovider

test-postgres: setup
	scripts/with-postgres $(BIN)/pytest -p no:cacheprovider

lint: setup
	$(BIN)/ruff check uof bench scripts

# After changing dependencies in pyproject.toml: pin them again, with hashes (needs pip-tools).
lock: setup
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --allow-unsafe --extra=test --generate-hashes --no-emit-find-links \
	  --no-emit-index-url --output-file=requirements.lock --strip-extras pyproject.toml

clean:
	rm -rf $(VENV) var
