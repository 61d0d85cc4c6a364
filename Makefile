# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HYC_PORT ?= 8501
# Localhost unless opened on purpose: the store holds personal data and Streamlit serves plain HTTP.
HYC_ADDRESS ?= 127.0.0.1
# Debian's Chromium for the browser tests; apt needs root (CI runs as root), sudo otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve install lock test test-fast lint bench chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package, those below the direct ones included, pinned with its hashes: two installs a week apart are the
# same program. `make lock` writes the lock files again from requirements.txt and requirements-dev.txt.
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@

LOCK := pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q pip-tools==7.7.0
	.venv-lock/bin/$(LOCK) -o requirements.lock requirements.txt
	.venv-lock/bin/$(LOCK) -o requirements-dev.lock requirements-dev.txt

# The one-command demo: an empty store gets invented people and the README's demo accounts.
run: $(VENV)/.runtime
	$(BIN)/python -m hyc init --demo-if-empty
	$(BIN)/streamlit run app.py --server.port $(HYC_PORT) --server.address $(HYC_ADDRESS)

# The team's server: the schema's upgrade steps, then the app with the work it does from its start (serve.py:
# backups whether or not anyone visits, a health route); never any demo data (an empty store stays empty until
# `python -m hyc users add` creates the first founder). deploy/hyc.service runs the same two commands.
serve: $(VENV)/.runtime
	$(BIN)/python -m hyc init
	$(BIN)/streamlit run serve.py --server.port $(HYC_PORT) --server.address $(HYC_ADDRESS)

# At deploy time (the service itself installs nothing): the environment and the pinned packages.
install: $(VENV)/.runtime

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

# Two processes (pytest-xdist): the browser tests wait on their servers, the others compute; together they keep
# both cores busy (about 16 minutes where one process took 24).
test: $(VENV)/.dev chromium
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2

test-fast: $(VENV)/.dev
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Each benchmark exits with 1 when it misses a target: the leading '-' lets the others run and report.
bench: $(VENV)/.dev
	-$(BIN)/python bench/bench_demo.py
	-$(BIN)/python bench/bench_pages.py
	-$(BIN)/python bench/bench_switch.py
	-$(BIN)/python bench/bench_datasette.py
	-$(BIN)/python bench/bench_sessions.py
	-$(BIN)/python bench/bench_search.py
	-$(BIN)/python bench/bench_matching.py
	-$(BIN)/python bench/bench_imports.py
	-$(BIN)/python bench/bench_console.py
	-$(BIN)/python bench/bench_fragments.py
	-$(BIN)/python bench/bench_annuaire.py

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache .ruff_cache
