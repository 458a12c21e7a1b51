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

.PHONY: build generate site serve test lint eval bench clean deploy check golden eval-classify

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

# Pagefind indexes the built HTML (articles only, see site_config/overrides/main.html) and
# writes its chunked, CJK-aware search bundle to site/pagefind/.
site: generate
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m pagefind --site site --silent

# Serves the built site as a reader gets it (search included, which `mkdocs serve` cannot
# give: the Pagefind index exists only after a full build). Rebuild with `make serve` again.
# Pages link relatively, so browsing works locally; feeds and canonical URLs name SITE_URL.
serve: site
	@echo "Serving site/ at http://127.0.0.1:8000/ (Ctrl-C stops)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory site 8000

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

golden: $(VENV)/.synced ## regenerate tests/golden/*/expected; read the diff before committing
	$(BIN)/python tests/golden/regenerate.py

eval-classify: $(VENV)/.synced ## topic and country figures on tests/eval/data; CORPUS=wikinews.jsonl adds politics vs economy
	$(BIN)/python tests/eval/classification.py $(if $(CORPUS),--corpus $(CORPUS))

bench: CORPUS ?= ../shared/corpus/wikinews.jsonl
bench: SIZES ?= 1000,10000,50000
bench: $(VENV)/.synced ## time archives of SIZES articles built from CORPUS; prints one table
	$(BIN)/python tests/bench/bench.py --corpus $(CORPUS) --sizes $(SIZES)
