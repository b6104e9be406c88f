# Two commands take a fresh Debian machine to a result:
#   make audit   set up .venv and audit seeds/ into reports/
#   make test    set up .venv and run ruff, mypy and the tests
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSDEPS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
# only the tests need a browser (the HTML report is checked in headless Chromium)
TESTDEPS := chromium

.PHONY: audit test lint golden devset seeds-score extraction-eval timex-eval bench bench-cluster fuzz sysdeps testdeps apt clean

audit: sysdeps $(STAMP)
	$(BIN)/audit run seeds --out reports --name seeds

test: sysdeps testdeps $(STAMP) lint
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check audit tests $(wildcard bench)
	$(BIN)/mypy audit

# rewrite the committed golden reports on purpose (review the diff before committing)
golden: audit

# score the tool on the annotated development set and on the seeds' acceptance items
devset: $(STAMP)
	$(BIN)/python ../shared/devset/score.py --data ../shared/devset --expected ../shared/devset/expected.yaml --verbose
	$(BIN)/python ../shared/devset/score.py --data tests/batches --expected tests/batches/expected.yaml --verbose

seeds-score: $(STAMP)
	$(BIN)/python ../shared/devset/score.py --data . --expected ../shared/acceptance/seeds-expected.yaml --only seeds --verbose

# precision/recall of the extractors and frame accuracy per field on the hand-labelled samples, and extraction throughput
extraction-eval: $(STAMP)
	$(BIN)/python -m tests.extraction_eval

# dates and times against TimeBank's TIMEX3 gold (TempEval-3 definitions), under a minute; not part of make test
timex-eval: $(STAMP)
	$(BIN)/python bench/timex_eval.py

bench: sysdeps $(STAMP)
	$(BIN)/python bench/run.py

# a local run against a Dask LocalCluster of 2 workers, 1,000 and 10,000 articles (issue 13)
bench-cluster: $(STAMP)
	$(BIN)/python bench/run.py --scheduler local:2

fuzz: $(STAMP)
	AUDIT_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q -m fuzz -p no:randomly tests/test_fuzz.py

# Debian libraries weasyprint needs (Pango, fonts) and poppler-utils for the PDF tests
sysdeps:
	@$(MAKE) --no-print-directory apt PKGS="$(SYSDEPS)"

testdeps:
	@$(MAKE) --no-print-directory apt PKGS="$(TESTDEPS)"

apt:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build *.egg-info
