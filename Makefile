# news-digest: `make build` sets everything up and builds the site; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
# The interpreter's own path and base, asked once: uv reads a name (`python3.11`) as a version
# and keeps a .venv made from any Python 3.11, but makes .venv again from the one a path names.
PYTHON_INFO := $(shell $(PYTHON) -c "import sys; print(sys.executable, sys.base_prefix)" 2>/dev/null)
PYTHON_EXE := $(or $(word 1,$(PYTHON_INFO)),$(PYTHON))
VENV := .venv
UV_VERSION := 0.13.8
UV := .tools/bin/uv
BIN := $(VENV)/bin
# The site's address is site_config/site.yml's site_url unless SITE_URL is set in the
# environment (the Pages workflow sets it): make passes it on, and the generator and
# generator/site_build.py both read it.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1
# UTF-8 whatever the locale: under a Latin-1 one, a dump named näws.txt was recorded as
# nÃ¤ws.txt, and mkdocs stopped on a repository path with non-ASCII characters.
export PYTHONUTF8 := 1

.PHONY: help build generate site serve test lint bench clean deploy check golden eval-classify fuzz audit train-topics eval-segment

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 18

build: site ## set up, generate content/ from dumps/, build site/
	@echo "Site built in site/. Preview it with: make serve"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# A .venv whose Python cannot start or find its packages (the Python it was made from was
# upgraded or removed; the folder was half deleted), or that was made from another interpreter
# than $(PYTHON) (`make build PYTHON=/usr/bin/python3.11`), is synced again: its stamp would
# keep it.
ifneq ($(wildcard $(VENV)/.synced),)
ifneq ($(shell $(BIN)/python -c "import sys, yaml; print(sys.base_prefix)" 2>/dev/null),$(word 2,$(PYTHON_INFO)))
$(shell rm -f $(VENV)/.synced)
endif
endif

# --compile-bytecode: where Python writes no bytecode (PYTHONDONTWRITEBYTECODE), every run
# would compile its ~115 library modules again (0.2 s of a 2.5 s incremental run).
$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON_EXE) --quiet --compile-bytecode
	touch $@

generate: $(VENV)/.synced ## content/ from dumps/ (only what changed)
	$(BIN)/python -m generator generate --dumps dumps --out content

check: $(VENV)/.synced ## validate dumps/ and site_config/, print the audit; write nothing
	$(BIN)/python -m generator check --dumps dumps

# generator/site_build.py: `mkdocs build` split into shards (the articles dealt out by name,
# one shard a core) beside the search index (Pagefind's chunked, CJK-aware bundle, built from
# content/), then put together in site/: the same site one `mkdocs build` makes, sooner.
site: generate ## site/ from content/ (mkdocs in shards beside the search index)
	$(BIN)/python -m generator.site_build

# Serves the built site as a reader gets it (search included, which `mkdocs serve` cannot
# give: the Pagefind index exists only after a full build). Rebuild with `make serve` again.
# Pages link relatively, so browsing works locally; feeds and canonical URLs name SITE_URL.
serve: site ## build, then serve site/ at http://127.0.0.1:8000/
	@echo "Serving site/ at http://127.0.0.1:8000/ (Ctrl-C stops)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory site 8000

test: $(VENV)/.synced node_modules/.package-lock.json ## ruff, then every test (browser and audit ones too)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.synced ## ruff check and format check
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

# Publishes site/ exactly as `make site` built and checked it (search index included), with
# ghp-import (what `mkdocs gh-deploy` runs after building the site once more).
# generator/site_size.py stops a site over GitHub Pages' 1 GB limit (and warns past 80% of it)
# before anything is pushed; the Pages workflow runs it too.
deploy: site ## publish from a laptop: push site/ to the gh-pages branch of origin
	@$(BIN)/python -c "from generator.config import load_config as c; from pathlib import Path as P; \
	  print('Publishing for', c(P('site_config'), curation=False).site_url, \
	  '(another address: SITE_URL=https://you.github.io/repo/ make deploy)')"
	$(BIN)/python -m generator.site_size site
	@echo "Pushing site/ to the gh-pages branch of origin: $$(git remote get-url origin 2>/dev/null || echo 'none set')"
	$(BIN)/ghp-import --no-jekyll --push --force --message "Publish $$(git rev-parse --short HEAD 2>/dev/null || echo site)" site

clean: ## remove what the build made (content/ is the committed published state and stays)
	rm -rf site .site-shards .site-search .site-state.json .site-build.lock .venv .tools .pytest_cache .ruff_cache .hypothesis .cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +

eval-segment: $(VENV)/.synced ## segmentation P/R/F1, Pk, throughput per dump shape
	@test -n "$(CORPUS)" || { echo "usage: make eval-segment CORPUS=path/to/wikinews.jsonl"; exit 2; }
	$(BIN)/python tests/eval/segmentation.py $(CORPUS)

golden: $(VENV)/.synced ## regenerate tests/golden/*/expected; read the diff before committing
	$(BIN)/python tests/golden/regenerate.py

train-topics: $(VENV)/.synced ## retrain generator/data/topic_words.json from CORPUS=wikinews.jsonl
	@test -n "$(CORPUS)" || { echo "usage: make train-topics CORPUS=path/to/wikinews.jsonl"; exit 2; }
	$(BIN)/python tests/eval/train_topic_model.py --corpus $(CORPUS)

eval-classify: $(VENV)/.synced ## topic and country figures on tests/eval/data; CORPUS=wikinews.jsonl adds politics vs economy and the place tags
	$(BIN)/python tests/eval/classification.py $(if $(CORPUS),--corpus $(CORPUS))

N ?= 10000
fuzz: $(VENV)/.synced ## N generated dumps through ingest .. render: no crash, no lost line
	$(BIN)/python tests/fuzz/fuzz.py --count $(N)

SIZES ?= 1000,10000,50000
REPEATS ?= 1
bench: $(VENV)/.synced ## time archives of SIZES articles built from CORPUS (default ../shared/corpus/wikinews.jsonl)
	$(BIN)/python tests/bench/bench.py --corpus $(or $(CORPUS),../shared/corpus/wikinews.jsonl) --sizes $(SIZES) --repeats $(REPEATS)

# npm ci writes node_modules/.package-lock.json; --ignore-scripts because vnu-jar's postinstall
# would download a Java runtime, and the machine's Java 17 runs vnu.jar.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

audit: site node_modules/.package-lock.json ## Lighthouse, Nu HTML checker, feeds on a fresh site/
	$(BIN)/python -m tests.audit
