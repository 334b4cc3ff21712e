# The project's vocabulary: make demo, make test, make serve, make bench, make lint.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
OUT := out
DEMO_TIME_LIMIT ?= 90
# What WeasyPrint (the PDF reports) loads, and pdftotext/pdftoppm for their tests.
LIBDIR := /usr/lib/$(shell uname -m)-linux-gnu
REPORT_DEPS := libpango-1.0-0:$(LIBDIR)/libpango-1.0.so.0 libpangoft2-1.0-0:$(LIBDIR)/libpangoft2-1.0.so.0 fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf poppler-utils:pdftotext
PO := $(wildcard src/overgang/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)

.PHONY: setup demo serve test lint typecheck messages bench clean

$(STAMP): pyproject.toml
	@scripts/system-deps.sh python3-venv:$(PYTHON) gettext:msgfmt chromium:/usr/bin/chromium
	@scripts/system-deps.sh $(REPORT_DEPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

%.mo: %.po
	msgfmt --check -o $@ $<

setup: $(STAMP) $(MO)

demo: setup
	@mkdir -p $(OUT)
	$(BIN)/overgang demo-data $(OUT)/demo.xlsx
	$(BIN)/overgang import $(OUT)/demo.xlsx
	$(BIN)/overgang scenario defaults
	$(BIN)/overgang plan --time-limit $(DEMO_TIME_LIMIT) --json $(OUT)/plan.json
	$(BIN)/overgang demo-users
	@# After demo-users, which sets the demo clock the report is dated by.
	$(BIN)/overgang report --format pdf --out $(OUT)/statusrapport.pdf
	$(BIN)/overgang report --format html --out $(OUT)/statusrapport.html
	@echo
	@echo "Demo workbook: $(OUT)/demo.xlsx"
	@echo "Plan file:     $(OUT)/plan.json  (overgang show-plan $$($(BIN)/python -c 'import json, sys; print(json.load(open(sys.argv[1]))["plan_id"])' $(OUT)/plan.json) --decisions lists every decision)"
	@echo "Status report: $(OUT)/statusrapport.pdf and $(OUT)/statusrapport.html"
	@echo "Database:      $${DATABASE_URL:-sqlite:///$(CURDIR)/overgang.sqlite3}"
	@$(MAKE) --no-print-directory serve

# Serve the web application on http://127.0.0.1:8000 from the stored database (Ctrl-C stops it),
# as in production (docs/deployment.md): gunicorn, and a worker for the plans started on the pages.
serve: setup
	BIN=$(BIN) scripts/serve.sh

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: setup lint
	scripts/run-tests.sh SQLite
	DATABASE_URL=$$(scripts/postgres.sh start) scripts/run-tests.sh PostgreSQL

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(OUT) overgang.sqlite3 .pytest_cache .mypy_cache .ruff_cache
