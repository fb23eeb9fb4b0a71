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
# # Questions and answers: does a pressing question get a harder answer?
#
# Each Q&A's question and answer get the mean tone of their paragraphs (`analysis.sentiment`).
# A question's sentences that report what others said or did (据报道, X称 …, and any sentence
# that does not ask) count 0: a journalist quoting an accusation is not accusing, and careful
# readers rate most questions neutral (`data/eval/README.md`). So a question is *pressing* when
# its own asking words are negative (是否担忧…, 难道不是…), *friendly* when they are positive,
# *neutral* otherwise. The table under the first figure gives how many Q&As fall in each group:
# in the Ministry's 2016–2020 briefings most are neutral (5,097 of 6,958), 1,344 friendly and 517
# pressing. The answer's tone is then compared across these groups, across the
# outlet's origin where the transcript names it, and through the slope of answer tone on
# question tone, per period, with 95% intervals from resampling briefings. English documents are
# scored with the English lexicons (the counts above are the Chinese briefings'). The scorer was
# validated on answers and statements more than on questions: read the questions behind a group
# before citing it.
#
# **Parameters**: as the overview.

# %% tags=["parameters"]
corpus = "../shared/mfa/pages"  # a folder of transcripts or saved pages, or files (comma-separated)
corpus_id = ""  # the name its kept tables go under; empty: the folder's name
metadata = ""  # a CSV of what the files do not say (see the README), or empty
date_from = ""  # YYYY, YYYY-MM or YYYY-MM-DD; empty: from the first document
date_to = ""  # as date_from, included; empty: to the last document
doc_lang = "zh"  # the documents' language: zh, en or both
spokespersons = ""  # names, comma-separated (耿爽, Zhao Lijian); empty: all
freq = "M"  # periods: M (month), Q (quarter) or Y (year)
countries = ""  # codes or names, comma-separated (US, 加拿大, India); empty: the most named
genre = "briefing"  # npc, briefing, written, statement (comma-separated)
lang = "zh"  # the labels' language: zh or en
events = ""  # a CSV of dated events to mark; empty: data/events.csv; none: no markers
figures_dir = ""  # empty: figures/<report id>/

# %%
from IPython.display import display

from analysis import plots, trends
from analysis.display import show
from analysis.params import open_selection

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date
coarser = {"M": "Q", "Q": "Y", "Y": "Y"}[params.freq]  # Q&As of one kind are too few by month
parts = [(suffix, part) for doc_lang, suffix, part in params.parts(tables)]  # each language scored apart
# each Q&A with its question's and answer's tone, its outlet's origin and its period (every section reads it)
qa_tables = {suffix: trends.qa_tone_table(part.segments, part.paragraphs, freq=coarser) for suffix, part in parts}

# %% [markdown]
# ## Answer tone by the tone of the question
# Mean answer tone per period (-1 to 1) for pressing, neutral and friendly questions; grey
# bands mark periods with few briefings.

# %%
for suffix, part in parts:
    qa = qa_tables[suffix]
    by_tone = trends.add_coverage(trends.answer_tone_by_table(qa, by="pressing"), part.segments, freq=coarser)
    fig = plots.plot_answer_tone_by(by_tone, by="pressing", freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"14_answer_by_question{suffix}", folder=params.figures_dir, data=by_tone,
                      lang=params.lang)
    display(fig)
    display(show(qa.groupby("pressing").agg(qas=("qa_no", "size"), question_tone=("question", "mean"),
                                            answer_tone=("answer", "mean")).reset_index(), params.lang))

# %% [markdown]
# ## How far the answer follows the question
# Per period, the least-squares slope of answer tone on question tone over the period's Q&As:
# 0 means the answer's tone does not depend on the question's; 1 that it moves one for one.

# %%
for suffix, part in parts:
    qa = qa_tables[suffix]
    slope = trends.add_coverage(trends.qa_slope_table(qa), part.segments, freq=coarser)
    fig = plots.plot_qa_slope(slope, freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"14_qa_slope{suffix}", folder=params.figures_dir, data=slope, lang=params.lang)
    display(fig)

# %% [markdown]
# ## Answer tone by the questioner's origin
# Only where the transcripts name the outlet (the Ministry's, from 2020): the answers to
# domestic and to foreign outlets, per period.

# %%
for suffix, part in parts:
    qa = qa_tables[suffix]
    named = qa[qa["origin"].isin(["domestic", "foreign"])]
    if named.empty:
        print("No question in the selection names its outlet: there is no origin to compare.")
        continue
    by_origin = trends.add_coverage(trends.answer_tone_by_table(named, by="origin"), part.segments, freq=coarser)
    fig = plots.plot_answer_tone_by(by_origin, by="origin", freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"14_answer_by_origin{suffix}", folder=params.figures_dir, data=by_origin,
                      lang=params.lang)
    display(fig, show(by_origin, params.lang))

# %% [markdown]
# ## Read them
# The most pressing questions (tone below 0) of the last period that has any, and the tone of the
# answers they got.

# %%
for suffix, part in parts:
    qa = qa_tables[suffix]
    pressing = qa[qa["question"] < 0]
    last = pressing[pressing["period"] == pressing["period"].max()].nsmallest(5, "question")
    display(show(trends.qa_lines_table(part.segments, last), params.lang))
