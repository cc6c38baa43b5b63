# Two commands do all set-up from a fresh clone: `make serve` and `make test`.
# Prerequisites: Python 3.11+, Node 20+ with npm, make; Chromium for the browser tests.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PROFILE ?=
SITE_URL ?=
OFFLINE ?= 1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve test bench clean

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@node -e 'if (+process.versions.node.split(".")[0] < 20) { console.error("Node 20 or newer is needed"); process.exit(1) }'
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

## build: write the deployable site to site/ (PROFILE=path/to/profile.toml for an agency edition;
## SITE_URL=https://host/path/ when the final address is known; OFFLINE=0 without the offline cache)
build: setup
	ASN_PROFILE="$(PROFILE)" ASN_SITE_URL="$(SITE_URL)" ASN_OFFLINE="$(OFFLINE)" $(PY) -m mkdocs build --strict --quiet

## serve: build, then serve site/ on http://127.0.0.1:$(PORT) with the MIME types and CSP it needs
serve: build
	$(PY) -m sitegen.serve --host 127.0.0.1 --port $(PORT) site

## test: set up, build, then run every test (browser tests need Chromium)
test: build
	$(PY) -m pytest

## bench: print the engine's speed figures and the checker page's start-up figures (not a test)
bench: build
	$(PY) bench/engine.py
	$(PY) bench/browser.py --site site

clean:
	rm -rf site .pytest_cache .hypothesis
