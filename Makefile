# Discourse-analysis notebooks for Chinese political transcripts.
# `make help` lists the targets. Real files are targets, so make rebuilds only what changed.
.DELETE_ON_ERROR:
# Keep every built file, including the executed notebooks (otherwise intermediates).
.SECONDARY:
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

## Parameters: make report TRANSCRIPT=data/raw/mfa_2020-05-25.txt LANG=en
TRANSCRIPT ?= data/raw/wangyi_2020-05-24_npc.txt
# LANG is also the locale variable every shell inherits: only a LANG given on the
# command line chooses the label language; recipes run under a UTF-8 locale.
ifeq ($(origin LANG),command line)
REPORT_LANG := $(LANG)
else
REPORT_LANG := zh
endif
override LANG := C.UTF-8
export LANG

DOC_ID := $(basename $(notdir $(TRANSCRIPT)))
REPORT_ID := $(if $(filter zh,$(REPORT_LANG)),$(DOC_ID),$(DOC_ID)-$(REPORT_LANG))
REPORT_DIR := reports/$(REPORT_ID)
NOTEBOOKS := $(basename $(notdir $(wildcard notebooks/[0-9]*.py)))
PKG := pyproject.toml $(wildcard analysis/*.py analysis/styles/*.mplstyle)
TEMPLATE := $(wildcard analysis/templates/report/*)
WEBFONT := reports/fonts/wqy-microhei.ttf
META := data/outlets.csv data/speakers.csv data/labels.csv data/translations.csv $(wildcard data/lexicons/*)
RAW := $(wildcard data/raw/*.txt)

.PHONY: help report test bench eval gazetteer lab clean lock

help: ## List the targets (this message)
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  Parameters: TRANSCRIPT=<file> (default $(TRANSCRIPT)), LANG=zh|en"

report: $(NOTEBOOKS:%=$(REPORT_DIR)/%.ipynb) $(NOTEBOOKS:%=$(REPORT_DIR)/%.html) $(WEBFONT) data/processed/segments.csv data/processed/documents.csv ## Build the report and figures (creates .venv if needed)
	@echo "report: $(REPORT_DIR)/  figures: figures/$(REPORT_ID)/  tables: data/processed/"

test: $(STAMP) ## Run the test suite (creates .venv if needed)
	$(BIN)/python -m pytest

bench: $(STAMP) ## Corpus-scale benchmark: pipeline speed against bare jieba, peak memory
	$(BIN)/python benchmarks/bench_pipeline.py

eval: $(STAMP) ## Tone scorer against the hand labels in data/eval (Spearman rho, with SnowNLP)
	$(BIN)/python benchmarks/eval_sentiment.py

gazetteer: $(STAMP) ## Rebuild data/lexicons/gazetteer.csv from CLDR (babel), UN membership and the alias files
	$(BIN)/python tools/build_gazetteer.py

lab: $(STAMP) ## Start JupyterLab on the project's environment
	$(BIN)/jupyter lab --notebook-dir=.

clean: ## Remove generated output (reports, figures, processed tables, build files)
	rm -rf build
	find data/processed figures reports -mindepth 1 ! -name .gitkeep -delete

lock: ## Re-pin requirements.txt from requirements.in in a fresh environment
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned by 'make lock' from requirements.in (pip freeze of a fresh venv). Edit requirements.in, not this file."; \
	  build/lock/bin/python -m pip freeze --exclude-editable; echo "-e ."; } > requirements.txt

# The environment: (re)installed when missing or older than requirements.txt.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Tidy tables for the whole corpus in data/raw (doc_id tells the transcripts apart).
data/processed/segments.csv: $(RAW) $(PKG) $(META) | $(STAMP)
	$(BIN)/python -m analysis segments data/raw -o $@

data/processed/documents.csv: $(RAW) $(PKG) $(META) | $(STAMP)
	$(BIN)/python -m analysis documents data/raw -o $@

$(WEBFONT): | $(STAMP)
	$(BIN)/python -c 'import sys; from analysis.report import export_web_font; export_web_font(sys.argv[1])' $@

# Notebooks are kept as jupytext py:percent files; papermill runs an .ipynb copy.
build/notebooks/%.ipynb: notebooks/%.py | $(STAMP)
	@mkdir -p $(@D)
	$(BIN)/jupytext --quiet --to ipynb -o $@ $<

# Executed under a temporary name: a failing notebook leaves the previous report in
# place, and its partial run is kept as *.failed.ipynb to read the failing cell.
$(REPORT_DIR)/%.ipynb: build/notebooks/%.ipynb $(TRANSCRIPT) $(PKG) $(META)
	@mkdir -p $(@D)
	@rm -f $(@:.ipynb=.failed.ipynb)
	@echo "papermill $* ($(TRANSCRIPT), LANG=$(REPORT_LANG)) -> $@"
	@$(BIN)/papermill --cwd . -k python3 --no-progress-bar --log-level WARNING \
	  -p transcript '$(TRANSCRIPT)' -p lang '$(REPORT_LANG)' $< $(@:.ipynb=.tmp.ipynb) \
	  || { mv $(@:.ipynb=.tmp.ipynb) $(@:.ipynb=.failed.ipynb) 2>/dev/null; \
	       echo "make: notebook $* failed for $(TRANSCRIPT); see $(@:.ipynb=.failed.ipynb)" >&2; exit 1; }
	@mv $(@:.ipynb=.tmp.ipynb) $@

# HTML without code, in a template that adds a CJK web font (reports/fonts/).
$(REPORT_DIR)/%.html: $(REPORT_DIR)/%.ipynb $(TEMPLATE)
	@echo "nbconvert $< -> $@"
	@$(BIN)/jupyter nbconvert --log-level WARN --to html --no-input --no-prompt \
	  --TemplateExporter.extra_template_basedirs=analysis/templates --template report \
	  --output-dir $(@D) --output $*.tmp $<
	@mv $(@D)/$*.tmp.html $@
