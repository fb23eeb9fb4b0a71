# Discourse-analysis notebooks for Chinese political transcripts.
# `make help` lists the targets. Real files are targets, so make rebuilds only what changed.
.DELETE_ON_ERROR:
# Keep every built file, including the executed notebooks (otherwise intermediates).
.SECONDARY:
# Notebooks and tables build in parallel, one job a core.
MAKEFLAGS += --jobs=$(shell nproc 2>/dev/null || echo 2) --output-sync=target
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
FIGURE_DIR := figures/$(REPORT_ID)
TABLE_DIR := data/processed/$(DOC_ID)
TABLES := $(addprefix $(TABLE_DIR)/,segments.csv tokens.csv sentences.csv paragraphs.csv mentions.csv documents.csv)
# The transcript's per-document tables (data/interim/<doc_id>/), computed once by the
# pipeline; every notebook reads them. Their code and data are the pipeline's inputs.
INTERIM := data/interim
MANIFEST := $(INTERIM)/$(DOC_ID)/manifest.parquet
PIPELINE := pyproject.toml $(addprefix analysis/,config.py errors.py textio.py pages.py transcript.py documents.py \
  outlets.py units.py tokens.py sentiment.py countries.py pipeline.py) \
  $(wildcard data/lexicons/*) data/outlets.csv data/speakers.csv data/corpus_metadata.csv

# What each notebook reads besides the package: the data files behind its labels (a changed
# gazetteer reruns only the notebooks that name countries) ...
LABELS := data/labels.csv data/translations.csv data/outlets.csv data/speakers.csv
WORDS := data/lexicons/diplomatic_terms.csv data/lexicons/stopwords_project.txt
TONE := $(WORDS) data/lexicons/tsinghua_praise_degrade.csv data/lexicons/sentiment_domain.csv data/lexicons/sentiment_modifiers.csv
PLACES := data/lexicons/gazetteer.csv data/lexicons/gazetteer_blocklist.csv
# ... and the kept tables it reads (each stamp changes only when its table's content does)
KEPT = $(patsubst %,$(INTERIM)/$(DOC_ID)/%.stamp,$(1))
DEPS_00_segments := $(LABELS) $(call KEPT,segments documents)
DEPS_01_words := $(LABELS) $(WORDS) $(call KEPT,segments tokens)
DEPS_02_topics := $(LABELS) $(WORDS) data/codebook.csv $(call KEPT,segments tokens)
DEPS_03_sentiment := $(LABELS) $(WORDS) $(call KEPT,segments tokens terms sentences paragraphs)
DEPS_04_countries := $(LABELS) $(PLACES) $(call KEPT,segments mentions sentences)
META := $(sort $(LABELS) $(TONE) $(PLACES) data/codebook.csv)

.PHONY: help report test bench eval gazetteer lab lab-check clean lock

help: ## List the targets (this message)
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  Parameters: TRANSCRIPT=<file> (default $(TRANSCRIPT)), LANG=zh|en"

report: $(REPORT_DIR)/index.html $(TABLES) ## Build the report and figures (creates .venv if needed)
	@echo "report: $(REPORT_DIR)/index.html  figures: $(FIGURE_DIR)/  tables: $(TABLE_DIR)/ (CSV), $(INTERIM)/ (Parquet)"

test: $(STAMP) ## Run the test suite (creates .venv if needed)
	$(BIN)/python -m pytest -n $(shell nproc 2>/dev/null || echo 2)

bench: $(STAMP) ## Corpus-scale benchmark: pipeline speed against bare jieba, peak memory
	$(BIN)/python benchmarks/bench_pipeline.py

eval: $(STAMP) ## Measure: tone scorer against the hand labels in data/eval; how the Ministry's archive imports
	$(BIN)/python benchmarks/eval_sentiment.py
	@echo
	$(BIN)/python benchmarks/eval_parse.py

gazetteer: $(STAMP) ## Rebuild data/lexicons/gazetteer.csv from CLDR (babel), UN membership and the alias files
	$(BIN)/python tools/build_gazetteer.py

lab: $(STAMP) ## Start JupyterLab on the project's environment (CJK font, notebooks open as notebooks)
	$(BIN)/python tools/lab_setup.py
	JUPYTER_CONFIG_DIR=$(CURDIR)/build/jupyter $(BIN)/jupyter lab --notebook-dir=. --LabApp.custom_css=True

lab-check: report ## Screenshot each executed notebook in JupyterLab (headless Chromium) into build/lab-check/
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/python tools/lab_setup.py
	$(BIN)/python tools/lab_check.py $(REPORT_ID)

clean: ## Remove generated output (reports, figures, kept and processed tables, build files)
	rm -rf build
	find data/interim data/processed figures reports -mindepth 1 ! -name .gitkeep -delete

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

# The report's front page: every section, a gallery of the figures, what it was built with.
$(REPORT_DIR)/index.html: $(NOTEBOOKS:%=$(REPORT_DIR)/%.html) $(WEBFONT) analysis/report.py
	$(BIN)/python -m analysis index $(REPORT_DIR) --figures $(FIGURE_DIR) \
	  --param transcript=$(TRANSCRIPT) --param lang=$(REPORT_LANG)

# The pipeline: the transcript's tables computed once and kept (Parquet); unchanged
# inputs rebuild nothing.
$(MANIFEST): $(TRANSCRIPT) $(PIPELINE) | $(STAMP)
	$(BIN)/python -m analysis build $(TRANSCRIPT) --corpus-id $(DOC_ID)

# A table's stamp: written by the build when the table changes (make reads its time afresh).
$(INTERIM)/$(DOC_ID)/%.stamp: $(MANIFEST) ;

# The same tables as CSV for other tools (read from the kept tables, not computed again).
$(TABLES) &: $(MANIFEST)
	$(BIN)/python -m analysis tables $(DOC_ID) -o $(TABLE_DIR)

$(WEBFONT): | $(STAMP)
	$(BIN)/python -c 'import sys; from analysis.report import export_web_font; export_web_font(sys.argv[1])' $@

# Notebooks are kept as jupytext py:percent files; papermill runs an .ipynb copy.
build/notebooks/%.ipynb: notebooks/%.py | $(STAMP)
	@mkdir -p $(@D)
	$(BIN)/jupytext --quiet --to ipynb -o $@ $<

# Executed under a temporary name: a failing notebook leaves the previous report in
# place, and its partial run is kept as *.failed.ipynb to read the failing cell.
.SECONDEXPANSION:
$(REPORT_DIR)/%.ipynb: build/notebooks/%.ipynb $(PKG) $$(DEPS_$$*)
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
	@$(BIN)/jupyter nbconvert --log-level ERROR --to html --no-input --no-prompt \
	  --TemplateExporter.extra_template_basedirs=analysis/templates --template report \
	  --output-dir $(@D) --output $*.tmp $<
	@mv $(@D)/$*.tmp.html $@
