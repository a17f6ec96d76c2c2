# The two set-up commands of README.md: `make demo` and `make test`.
# Both create .venv from the pinned constraints on first use; nothing else is needed.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install learned

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Optional: the learned role tagger (torch 2.13.0 CPU is a local wheel on these machines).
learned: $(BIN)/.installed
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev,learned]'

demo: $(BIN)/.installed
	$(BIN)/eventwire extract samples/ --published 2024-05-20 --format json

test: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench

# --- web dashboard (issue 6): the browser the end-to-end tests drive ----------------------
# Debian's chromium, installed when missing and apt is there (CI runs as root); the browser
# tests skip with a reason when /usr/bin/chromium is still absent. Never `playwright install`.
.PHONY: chromium
chromium:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing chromium for the browser tests" >&2; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "warning: could not install chromium; browser tests will skip" >&2; \
	fi

test: chromium
# --- end web dashboard ------------------------------------------------------------------------
