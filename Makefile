# scrutiny: `make run` (install, run the pipeline on the bundled corpus, serve Datasette)
# and `make test` (install, run the tests). Everything installs into .venv from uv.lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BOOT := .uv-bootstrap
UV := $(shell command -v uv 2>/dev/null || echo $(BOOT)/bin/uv)
export UV_PYTHON := $(shell command -v $(PYTHON))
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: install run test lint bench browser clean help

help:
	@echo "make run     install, run the pipeline on the bundled offline corpus, serve Datasette on :8001"
	@echo "make test    install, then run the test suite"
	@echo "make lint    ruff and the README's generated sections (cog --check)"
	@echo "make bench   benchmarks (quick sizes), report in data/bench.json"

$(BOOT)/bin/uv:
	$(PYTHON) -m venv $(BOOT)
	$(BOOT)/bin/pip install --quiet uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

install: $(VENV)/.installed

# Debian's Chromium and its driver for the browser test; skipped (the test then skips) where apt is unusable.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will skip"; \
	else echo "note: install chromium and chromium-driver to run the browser tests"; fi

run: install
	$(VENV)/bin/scrutiny demo

test: install browser
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/cog --check README.md

bench: install
	$(VENV)/bin/scrutiny bench --quick --json data/bench.json

clean:
	rm -rf $(VENV) $(BOOT) data tests/artifacts
