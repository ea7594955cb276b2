# Guidebook: `make` builds the tool (release) and the site; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := site

SWIFT ?= swift
# Debian packages the build and the tests need; nodejs (the JavaScript tests) only where there is no node.
NODE ?= node
NODE_PACKAGE := $(if $(shell command -v $(NODE) 2>/dev/null),,nodejs)
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libmimalloc-dev chromium default-jre-headless python3-venv poppler-utils git $(NODE_PACKAGE)
VENV := .venv
PYTHON := $(VENV)/bin/python
RELEASE_BIN := .build/release/guidebook
DEBUG_BIN := .build/debug/guidebook
TEST_SITES := .build/test-sites

.PHONY: site build deps venv test format lint swift-test js-test search-relevance test-sites browser-test content-test clean screenshots

site: build
	$(RELEASE_BIN) build

build: deps
	$(SWIFT) build -c release

# Installs missing system packages with apt-get when run as root on Debian; otherwise prints the command.
deps:
	@bash scripts/install-system-packages.sh $(APT_PACKAGES)

$(VENV)/.installed: Tests/browser/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/browser/requirements.txt
	touch $@

venv: deps $(VENV)/.installed

test: deps venv lint js-test swift-test test-sites search-relevance content-test browser-test

# swift-format, from the Swift toolchain, with the project's .swift-format: `make format` rewrites the
# Swift sources in place; `make lint` (part of make test) fails on any file it would change.
SWIFT_SOURCES := Sources Tests Package.swift
format:
	$(SWIFT) format format --in-place --recursive $(SWIFT_SOURCES)

lint:
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)

swift-test:
	$(SWIFT) build
	$(SWIFT) test

# The theme's scripts under node's own test runner, no npm packages: search.js against the shared
# table of text-rule cases (Tests/Fixtures/rules/cases.json) that the Swift tests check too.
js-test: deps
	$(NODE) --test-reporter=spec Tests/js/run.js

# The real guide must build with no errors and no warnings; the fixture sites feed the browser tests.
test-sites:
	rm -rf $(TEST_SITES)
	$(DEBUG_BIN) build --strict --output $(TEST_SITES)/guide
	$(DEBUG_BIN) build --strict --source Tests/Fixtures/sites/basic --output $(TEST_SITES)/basic
	$(DEBUG_BIN) build --strict --source Tests/Fixtures/sites/search --output $(TEST_SITES)/search
	$(DEBUG_BIN) build --strict --source Tests/Fixtures/sites/checklists --output $(TEST_SITES)/checklists

# The relevance set on the built guide's real index (README, "Search"): at least 38 of its 41 queries
# must find an answer in the first three rows.
search-relevance: test-sites
	$(NODE) Tests/js/relevance.js $(TEST_SITES)/guide --min 38

content-test: venv
	$(PYTHON) -m pytest -q Tests/content

browser-test: venv test-sites
	GUIDEBOOK_SITE=$(TEST_SITES)/guide GUIDEBOOK_FIXTURE_SITE=$(TEST_SITES)/basic \
	GUIDEBOOK_SEARCH_SITE=$(TEST_SITES)/search GUIDEBOOK_CHECKLIST_SITE=$(TEST_SITES)/checklists \
		$(PYTHON) -m pytest -q Tests/browser

# Pictures of the guide for the README (home, a content page, the phone menu, search, My checklists).
screenshots: venv
	$(SWIFT) build
	$(DEBUG_BIN) build --strict --output $(TEST_SITES)/screenshots
	$(PYTHON) Tests/browser/screenshots.py $(TEST_SITES)/screenshots docs/screenshots

clean:
	rm -rf .build site $(VENV)

# Benchmarks (issue 7): Guidebook beside Hugo, Pagefind and cmark-gfm on generated guides of 1,000 and
# 10,000 pages; writes BENCHMARKS.md. Not part of `make test`. More: make bench BENCH_ARGS="--pages 1000,10000,100000"
.PHONY: bench
bench: deps
	$(SWIFT) build -c release
	bash bench/run.sh $(BENCH_ARGS)
