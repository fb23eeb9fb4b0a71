# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Overview of a transcript: who asked, who answered, how long
#
# This notebook reads one transcript into the segments table (one row per paragraph)
# and shows who asked the questions, from which outlets, and how long each answer ran.
#
# **Parameters** (set by `make report`, or edit the next cell):
# - `transcript`: the transcript file, relative to the project root (default: Wang Yi's
#   2020 NPC press conference);
# - `lang`: `zh` or `en`, the language of table and figure labels;
# - `principal`: the principal speaker's label as printed (`王毅`), or empty to detect it;
# - `figures_dir`: where figures go, or empty for `figures/<doc_id>/` (`<doc_id>-en` for English labels).

# %% tags=["parameters"]
transcript = "data/raw/wangyi_2020-05-24_npc.txt"
lang = "zh"
principal = ""
figures_dir = ""

# %%
from IPython.display import Markdown, display

import analysis
from analysis import overview, pipeline, plots
from analysis.display import show

params = analysis.check_params(
    transcript=transcript, lang=lang, principal=principal, figures_dir=figures_dir
)
figures = params.figures_dir
if params.principal:  # an unusual answerer's label: parse with it (the kept tables use the detected one)
    segments = analysis.read_transcript(params.transcript, principal=params.principal)
    documents = analysis.documents_table(segments)
else:
    tables = pipeline.load_transcript(params.transcript)
    segments, documents = tables.segments, tables.documents

# %% [markdown]
# ## The document
# One row: its date, language, genre and spokesperson (from the page, a metadata file or the
# file name), and counts of paragraphs by kind. Every later number in the report rests on
# this parse.

# %%
if documents["lang"].iloc[0] == "en":
    display(Markdown(
        "**An English transcript.** It gets its segments, who asked and answered, answer lengths (in words), "
        "country mentions (English names, aliases and adjectives), English tokens (lemmas, English stop words, "
        "names such as Hong Kong kept whole) and tone from the English lexicons. It gets no codebook themes "
        "(the codebook is Chinese)."))
show(documents.T, params.lang, names=False)

# %% [markdown]
# ## Paragraphs by kind
# `headline` rows are the newspaper's headlines over each Q&A; `statement` rows are the
# principal's unprompted remarks; `narration` and `title` are editorial text.

# %%
segments["kind"].value_counts().rename("paragraphs").to_frame()

# %% [markdown]
# ## Questions per outlet

# %%
by_outlet = overview.outlet_question_table(segments)
if len(by_outlet) and by_outlet["questions"].max() > 1:
    fig = plots.plot_questions_by_outlet(by_outlet, lang=params.lang)
    plots.save_figure(fig, "00_questions_by_outlet", folder=figures, data=by_outlet, lang=params.lang)
    display(fig)
else:  # a chart of equal bars says nothing a sentence does not
    print(plots.drop_figure("00_questions_by_outlet", folder=figures,
                            note=f"Each of the {len(by_outlet)} outlets asked one question; no chart."))
display(show(by_outlet.drop(columns="doc_id"), params.lang))

# %% [markdown]
# Each bar is one outlet; its length is the number of questions it asked (a follow-up
# counts as a question of the outlet that asked the question it follows), red for outlets
# based in China (Hong Kong's Phoenix TV included, see `data/outlets.md`), blue for foreign
# ones. Where every outlet asked once, the table says it and no chart is drawn.

# %% [markdown]
# ## Domestic and foreign questioners
# Questions, answer paragraphs and answer length (characters) by the origin of the
# outlet that asked; `outlets.csv` records each outlet's country and kind.

# %%
show(overview.origin_table(segments), params.lang)

# %% [markdown]
# ## Answer length per question

# %%
qa = overview.qa_table(segments)
# English answers are measured in words, Chinese ones in characters
length = "answer_words" if documents["lang"].iloc[0] == "en" else "answer_chars"
qa = qa.drop(columns="answer_chars" if length == "answer_words" else "answer_words")
fig = plots.plot_answer_length(qa, lang=params.lang, value=length)
plots.save_figure(fig, "00_answer_length", folder=figures, data=qa, lang=params.lang)
fig

# %% [markdown]
# Bars run top to bottom in speaking order; a longer bar is a longer answer, in
# characters of the principal's reply (in words for an English transcript; labels and
# headlines not counted).

# %% [markdown]
# ## The questions and answers

# %%
import pandas as pd

with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
    display(show(qa.drop(columns=["doc_id"]), params.lang))
