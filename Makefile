# The front door. `make demo` and `make test` are the two set-up commands in README.md:
# each creates .venv if needed, installs what is missing, then does its job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help demo test test-fast check lint format bench snap-update clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,serve,dev]'
	@# pip byte-compiles a wheel's modules; an editable install leaves ours to every start.
	$(BIN)/python -m compileall -q focusgroup
	@touch $(STAMP)

demo: $(STAMP) ## Install, build the demo meeting if missing and open it
	$(BIN)/focusgroup demo

test: $(STAMP) ## Install and run the test suite
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP) ## The suite without the slow (subprocess-heavy) tests
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

check: $(STAMP) ## ruff check + format check, mypy, import contracts (CI runs it before tests)
	$(BIN)/ruff check focusgroup tests bench
	$(BIN)/ruff format --check focusgroup tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check focusgroup tests bench
	$(BIN)/ruff format --check focusgroup tests bench

format: $(STAMP) ## ruff format and fix
	$(BIN)/ruff format focusgroup tests bench
	$(BIN)/ruff check --fix focusgroup tests bench

bench: $(STAMP) ## Run the speed benchmark and print its table
	$(BIN)/python -m bench

snap-update: $(STAMP) ## Accept new UI snapshots (review snapshot_report.html first)
	$(BIN)/python -m pytest tests/tui --snapshot-update

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
