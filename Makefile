# news-digest: `make build` sets everything up and builds the site; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
UV_VERSION := 0.13.8
UV := .tools/bin/uv
BIN := $(VENV)/bin
SITE_URL ?= $(shell sed -n 's/^site_url: *//p' site_config/site.yml)
export SITE_URL
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1

.PHONY: build generate site serve test lint eval eval-segment bench clean deploy check golden

build: site ## set up, generate content/ from dumps/, build site/
	@echo "Site built in site/ for $(SITE_URL). Preview it with: make serve"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	touch $@

generate: $(VENV)/.synced
	$(BIN)/python -m generator generate --dumps dumps --out content

check: $(VENV)/.synced
	$(BIN)/python -m generator check --dumps dumps

site: generate
	$(BIN)/mkdocs build --strict --quiet

serve: generate
	$(BIN)/mkdocs serve --livereload

test: $(VENV)/.synced
	$(BIN)/ruff check generator tests
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.synced
	$(BIN)/ruff check generator tests

deploy: site
	$(BIN)/mkdocs gh-deploy --force

clean: ## remove what the build made (content/ is the committed published state and stays)
	rm -rf site .venv .tools .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +

eval-segment: $(VENV)/.synced ## segmentation P/R/F1, Pk, throughput per dump shape
	@test -n "$(CORPUS)" || { echo "usage: make eval-segment CORPUS=path/to/wikinews.jsonl"; exit 2; }
	$(BIN)/python tests/eval/segmentation.py $(CORPUS)

golden: $(VENV)/.synced ## regenerate tests/golden/*/expected; read the diff before committing
	$(BIN)/python tests/golden/regenerate.py
