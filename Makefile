# Discourse-analysis notebooks for Chinese political transcripts.
# `make help` lists the targets. Real files are targets, so make rebuilds only what changed.
.DELETE_ON_ERROR:
# Keep every built file, including the executed notebooks (otherwise intermediates).
.SECONDARY:
# Notebooks and tables build in parallel, one job a core.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += --jobs=$(shell nproc 2>/dev/null || echo 2) --output-sync=target
endif
SHELL := /bin/bash
# Make runs one job a core; numerical libraries then use one thread each (no oversubscription,
# and the same floating-point results in every job).
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

## Parameters: make report TRANSCRIPT=data/raw/mfa_2020-05-25.txt LANG=en
##             make report CORPUS=../shared/mfa/pages [DOC_LANG=zh|en|both FROM= TO= FREQ=M|Q|Y ...]
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

PKG := pyproject.toml $(wildcard analysis/*.py analysis/plots/*.py analysis/styles/*.mplstyle)
TEMPLATE := $(wildcard analysis/templates/report/*)
WEBFONT := reports/fonts/wqy-microhei.ttf
# The per-document tables (data/interim/<id>/), computed once by the pipeline; every
# notebook reads them. Their code and data are the pipeline's inputs.
INTERIM := data/interim
PIPELINE := pyproject.toml $(addprefix analysis/,config.py errors.py textio.py pages.py transcript.py documents.py \
  outlets.py units.py tokens.py english.py cmfa.py sentiment.py countries.py pipeline.py) \
  $(wildcard data/lexicons/*) data/outlets.csv data/speakers.csv data/corpus_metadata.csv

ifdef CORPUS
# ---- A corpus: a folder of transcripts or pages (or several files), one report over time.
comma := ,
empty :=
space := $(empty) $(empty)
CORPUS_LIST := $(strip $(CORPUS))
ifndef CORPUS_ID
ifneq ($(words $(CORPUS_LIST)),1)
$(error CORPUS lists several paths: name the corpus with CORPUS_ID=)
endif
CORPUS_ID := $(if $(wildcard $(CORPUS_LIST)/.),$(notdir $(abspath $(CORPUS_LIST))),$(basename $(notdir $(CORPUS_LIST))))
endif
DOC_LANG ?= zh
FREQ ?= M
GENRE ?= briefing
BUILD_ID := $(CORPUS_ID)
SUFFIXES_ := .txt .html .shtml .htm .TXT .HTML .SHTML .HTM
# the files the build reads, and their folders (a file added or removed changes its folder)
BUILD_INPUTS := $(foreach p,$(CORPUS_LIST),$(if $(wildcard $(p)/.),$(p) $(wildcard $(addprefix $(p)/*,$(SUFFIXES_))),$(p)))
BUILD_ARGS := $(CORPUS_LIST)
REPORT_ID := $(CORPUS_ID)$(if $(filter zh,$(DOC_LANG)),,_$(DOC_LANG))$(if $(filter zh,$(REPORT_LANG)),,-$(REPORT_LANG))
NB_SRC := notebooks/corpus
NB_BUILD := build/notebooks/corpus
TABLE_DIR := data/processed/$(REPORT_ID)
OUTPUTS := $(TABLE_DIR)/tables.stamp
# The report's parameters: a file rewritten only when one of them changes, checked once
# before any notebook runs, then given to each notebook (the ones its parameters cell has).
PARAMS := build/params/$(REPORT_ID)
define PARAMS_TEXT
corpus=$(CORPUS_LIST)
corpus_id=$(CORPUS_ID)
metadata=$(METADATA)
date_from=$(FROM)
date_to=$(TO)
doc_lang=$(DOC_LANG)
spokespersons=$(SPOKESPERSONS)
freq=$(FREQ)
countries=$(COUNTRIES)
genre=$(GENRE)
lang=$(REPORT_LANG)
events=$(EVENTS)
compare=$(COMPARE)
pair=$(PAIR)
terms=$(TERMS)
query=$(QUERY)
endef
NB_FLAGS = -f $(PARAMS)/$*.yaml
RUN_NAME := $(CORPUS_LIST)
INDEX_PARAMS := --params $(PARAMS)/params.txt
else
# ---- One transcript.
DOC_ID := $(basename $(notdir $(TRANSCRIPT)))
BUILD_ID := $(DOC_ID)
BUILD_INPUTS := $(TRANSCRIPT)
BUILD_ARGS := $(TRANSCRIPT)
REPORT_ID := $(if $(filter zh,$(REPORT_LANG)),$(DOC_ID),$(DOC_ID)-$(REPORT_LANG))
NB_SRC := notebooks
NB_BUILD := build/notebooks
TABLE_DIR := data/processed/$(DOC_ID)
OUTPUTS := $(addprefix $(TABLE_DIR)/,segments.csv tokens.csv sentences.csv paragraphs.csv mentions.csv documents.csv)
PARAMS :=
# the transcript's other-language version (06_twin): TWIN=, or the file beside it named with or
# without _en; without one, the report has no twin notebook
TWIN_BESIDE := $(if $(filter %_en,$(basename $(TRANSCRIPT))),$(patsubst %_en,%,$(basename $(TRANSCRIPT))),$(basename $(TRANSCRIPT))_en)$(suffix $(TRANSCRIPT))
TWIN ?= $(wildcard $(TWIN_BESIDE))
NB_FLAGS = -p transcript '$(TRANSCRIPT)' -p lang '$(REPORT_LANG)' $(if $(filter 06_twin,$*),-p twin '$(TWIN)')
RUN_NAME := $(TRANSCRIPT), LANG=$(REPORT_LANG)
INDEX_PARAMS := --param transcript=$(TRANSCRIPT) --param lang=$(REPORT_LANG) $(if $(TWIN),--param twin=$(TWIN))
endif

REPORT_DIR := reports/$(REPORT_ID)
FIGURE_DIR := figures/$(REPORT_ID)
NOTEBOOKS := $(basename $(notdir $(wildcard $(NB_SRC)/[0-9]*.py)))
ifndef CORPUS
ifeq ($(strip $(TWIN)),)
NOTEBOOKS := $(filter-out 06_twin,$(NOTEBOOKS))
endif
endif
MANIFEST := $(INTERIM)/$(BUILD_ID)/manifest.parquet

# What each notebook reads besides the package: the data files behind its labels (a changed
# gazetteer reruns only the notebooks that name countries) ...
LABELS := data/labels.csv data/translations.csv data/outlets.csv data/speakers.csv data/lexicons/glosses.csv
WORDS := data/lexicons/diplomatic_terms.csv data/lexicons/stopwords_project.txt
TONE := $(WORDS) data/lexicons/tsinghua_praise_degrade.csv data/lexicons/sentiment_domain.csv data/lexicons/sentiment_modifiers.csv \
  data/lexicons/sentiment_domain_en.csv data/lexicons/sentiment_modifiers_en.csv data/lexicons/sentiment_calibration.csv
PLACES := data/lexicons/gazetteer.csv data/lexicons/gazetteer_blocklist.csv
SIGNALS := $(wildcard data/signals/*.csv data/eval/signals_quality.csv)
EVENTS_FILE := $(if $(filter-out none,$(EVENTS)),$(or $(EVENTS),data/events.csv))
# ... and the kept tables it reads (each stamp changes only when its table's content does)
KEPT = $(patsubst %,$(INTERIM)/$(BUILD_ID)/%.stamp,$(1))
DEPS_00_segments := $(LABELS) $(call KEPT,segments documents)
DEPS_01_words := $(LABELS) $(WORDS) $(call KEPT,segments tokens)
DEPS_02_topics := $(LABELS) $(WORDS) data/codebook.csv $(call KEPT,segments tokens)
DEPS_03_sentiment := $(LABELS) $(WORDS) $(call KEPT,segments tokens terms sentences paragraphs)
DEPS_04_countries := $(LABELS) $(PLACES) $(call KEPT,segments mentions sentences)
DEPS_05_signals := $(LABELS) $(PLACES) $(SIGNALS) $(call KEPT,segments tokens mentions documents)
DEPS_06_twin := $(LABELS) $(TONE) $(PLACES) data/twins_length_model.csv $(TWIN) $(call KEPT,segments tokens terms mentions)
DEPS_10_overview := $(LABELS) $(call KEPT,segments documents)
DEPS_11_countries := $(LABELS) $(PLACES) $(EVENTS_FILE) $(call KEPT,segments documents mentions)
DEPS_12_tone := $(LABELS) $(TONE) $(PLACES) $(EVENTS_FILE) $(call KEPT,segments documents tokens terms paragraphs mentions)
DEPS_13_topics := $(LABELS) $(WORDS) $(call KEPT,segments documents tokens)
DEPS_14_questions := $(LABELS) $(TONE) $(call KEPT,segments documents paragraphs)
DEPS_15_concordance := $(LABELS) $(call KEPT,segments documents tokens)
DEPS_16_signals := $(LABELS) $(PLACES) $(SIGNALS) $(EVENTS_FILE) $(call KEPT,segments documents tokens mentions)
DEPS_17_twins := $(LABELS) $(TONE) $(PLACES) data/twins_length_model.csv $(call KEPT,segments documents tokens terms mentions)
META := $(sort $(LABELS) $(TONE) $(PLACES) $(SIGNALS) data/codebook.csv)

.PHONY: help report test bench eval gazetteer lab lab-check clean lock

help: ## List the targets (this message)
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  Parameters: TRANSCRIPT=<file> (default $(TRANSCRIPT)), LANG=zh|en (labels),"
	@echo "              TWIN=<its other-language version> (default: <stem>_en beside it, or without _en)"
	@echo "  A corpus:   CORPUS=<folder, files, or a CMFA PressCon .xlsx/.csv> [CORPUS_ID= DOC_LANG=zh|en|both FROM= TO= FREQ=M|Q|Y"
	@echo "              SPOKESPERSONS= COUNTRIES= GENRE=briefing EVENTS=<csv>|none METADATA=<csv>"
	@echo "              COMPARE=<period>,<period> PAIR=<spokesperson>,<spokesperson> TERMS= QUERY=]"

report: $(REPORT_DIR)/index.html $(OUTPUTS) ## Build the report and figures (creates .venv if needed)
	@echo "report: $(REPORT_DIR)/index.html  figures: $(FIGURE_DIR)/  tables: $(TABLE_DIR)/, $(INTERIM)/$(BUILD_ID)/ (Parquet)"

test: $(STAMP) ## Run the test suite (creates .venv if needed)
	$(BIN)/python -m pytest -n $(shell nproc 2>/dev/null || echo 2)

bench: $(STAMP) ## Corpus-scale benchmark: pipeline speed against bare jieba, peak memory
	$(BIN)/python benchmarks/bench_pipeline.py

eval: $(STAMP) ## Measure: tone against two readers per genre and split, with intervals (and tone toward a party); English tone on the labels carried over; the twins' alignment; how the Ministry's archive imports; three findings read; the signal matchers' precision and recall
	$(BIN)/python benchmarks/eval_tone.py
	@echo
	$(BIN)/python benchmarks/eval_tone_en.py
	@echo
	$(BIN)/python benchmarks/eval_twins.py
	@echo
	$(BIN)/python benchmarks/eval_sentiment.py
	@echo
	$(BIN)/python benchmarks/eval_signals.py
	@echo
	$(BIN)/python benchmarks/eval_parse.py
	@echo
	$(BIN)/python benchmarks/eval_findings.py

gazetteer: $(STAMP) ## Rebuild data/lexicons/gazetteer.csv from CLDR (babel), UN membership and the alias files
	$(BIN)/python tools/build_gazetteer.py

# make lab's settings: the port (empty: 8888, or the next free one), the address it listens
# on, and whether it opens a browser (no: headless; it prints the URL with its token).
LAB_PORT ?=
LAB_IP ?= 127.0.0.1
LAB_BROWSER ?= yes
# The server's line is marked '+' (as a recursive make is) so that make does not hold its
# output back until it exits (--output-sync): the URL shows at once, and Ctrl-C reaches it.
lab: $(STAMP) ## JupyterLab on the project (CJK font, .py notebooks open as notebooks); headless: LAB_BROWSER=no LAB_PORT=8899 [LAB_IP=127.0.0.1]
	$(BIN)/python tools/lab_setup.py
	+$(BIN)/python tools/lab.py --ip $(LAB_IP) --browser $(LAB_BROWSER) $(if $(LAB_PORT),--port $(LAB_PORT))

# lab-check runs each notebook in JupyterLab with its own settings and workspace (temporary:
# no autosave, nothing saved, the user's workspace untouched); '+' shows its progress as it goes.
lab-check: report ## Run each notebook in JupyterLab (headless Chromium), report cell errors, screenshot all of it into build/lab-check/; with ../shared, one corpus notebook too
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/python tools/lab_setup.py
	+$(BIN)/python tools/lab_check.py $(REPORT_ID)
ifndef CORPUS
	+@if [ -d ../shared/mfa/pages ]; then \
	  $(MAKE) --no-print-directory report CORPUS=../shared/mfa/pages && \
	  $(BIN)/python tools/lab_check.py pages 10_overview; \
	else echo "lab-check: ../shared/mfa/pages is absent: no corpus notebook checked"; fi
endif

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
	$(BIN)/python -m analysis index $(REPORT_DIR) --figures $(FIGURE_DIR) $(INDEX_PARAMS) --notebooks $(NOTEBOOKS)

# The pipeline: the tables of every document computed once and kept (Parquet); unchanged
# inputs rebuild nothing. The manifest keeps its time when nothing changed, so it is touched.
$(MANIFEST): $(BUILD_INPUTS) $(PIPELINE) | $(STAMP)
	$(BIN)/python -m analysis build $(BUILD_ARGS) --corpus-id $(BUILD_ID) $(if $(METADATA),--metadata $(METADATA))
	@touch $@

# A table's stamp: written by the build when the table changes (make reads its time afresh).
$(INTERIM)/$(BUILD_ID)/%.stamp: $(MANIFEST) ;

# The same tables as CSV for other tools (read from the kept tables, not computed again).
ifndef CORPUS
$(OUTPUTS) &: $(call KEPT,segments tokens sentences paragraphs mentions documents)
	$(BIN)/python -m analysis tables $(DOC_ID) -o $(TABLE_DIR)
else
# A corpus report's tables (Parquet): its documents, segments, scores and mentions, and the
# three trend tables, for the selection the parameters make.
$(OUTPUTS): $(PARAMS)/checked $(call KEPT,segments documents paragraphs mentions) analysis/trends.py analysis/report.py
	$(BIN)/python -m analysis export $(PARAMS)/params.txt -o $(TABLE_DIR)
	@touch $@

# The parameters: rewritten only when they change; checked once, and written for each notebook.
$(PARAMS)/params.txt: FORCE
	@$(shell mkdir -p $(@D))$(file >$@.tmp,$(PARAMS_TEXT))if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(PARAMS)/checked: $(PARAMS)/params.txt analysis/params.py analysis/report.py $(wildcard $(NB_SRC)/[0-9]*.py) | $(MANIFEST)
	$(BIN)/python -m analysis check-params $(PARAMS)/params.txt --notebooks $(NB_SRC) -o $(PARAMS)
	@touch $@
endif
.PHONY: FORCE
FORCE:

$(WEBFONT): | $(STAMP)
	$(BIN)/python -c 'import sys; from analysis.report import export_web_font; export_web_font(sys.argv[1])' $@

# Notebooks are kept as jupytext py:percent files; papermill runs an .ipynb copy.
$(NB_BUILD)/%.ipynb: $(NB_SRC)/%.py | $(STAMP)
	@mkdir -p $(@D)
	$(BIN)/jupytext --quiet --to ipynb -o $@ $<

# Executed under a temporary name: a failing notebook leaves the previous report in
# place, and its partial run is kept as *.failed.ipynb to read the failing cell.
.SECONDEXPANSION:
$(REPORT_DIR)/%.ipynb: $(NB_BUILD)/%.ipynb $(PKG) $$(DEPS_$$*) $(if $(PARAMS),$(PARAMS)/checked)
	@mkdir -p $(@D)
	@rm -f $(@:.ipynb=.failed.ipynb)
	@echo "papermill $* ($(RUN_NAME)) -> $@"
	@$(BIN)/papermill --engine analysis --cwd . -k python3 --no-progress-bar --log-level WARNING \
	  $(NB_FLAGS) $< $(@:.ipynb=.tmp.ipynb) \
	  || { mv $(@:.ipynb=.tmp.ipynb) $(@:.ipynb=.failed.ipynb) 2>/dev/null; \
	       echo "make: notebook $* failed for $(RUN_NAME); see $(@:.ipynb=.failed.ipynb)" >&2; exit 1; }
	@mv $(@:.ipynb=.tmp.ipynb) $@

# HTML without code, in a template that adds a CJK web font (reports/fonts/).
$(REPORT_DIR)/%.html: $(REPORT_DIR)/%.ipynb $(TEMPLATE)
	@echo "nbconvert $< -> $@"
	@$(BIN)/jupyter nbconvert --log-level ERROR --to html --no-input --no-prompt \
	  --TemplateExporter.extra_template_basedirs=analysis/templates --template report \
	  --output-dir $(@D) --output $*.tmp $<
	@mv $(@D)/$*.tmp.html $@
