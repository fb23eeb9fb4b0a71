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
# # A corpus over time: what it holds, who spoke, who asked
#
# The first section of the corpus report. It reads a corpus (a folder of the Ministry's saved
# pages or of transcripts) through the pipeline, which keeps each document's tables once
# (`data/interim/<corpus_id>/`), selects documents by date, language, genre and spokesperson,
# and shows what the selection holds. Every trend in the report pools the documents of a
# period (month, quarter or year, by their dates) and states its denominator; intervals
# resample briefings, not paragraphs (`analysis.trends`).
#
# **Parameters** (set by `make report CORPUS=...`, or edit the next cell and rerun): the corpus
# and its selection; `freq`, the period; `lang`, the labels' language. Other notebooks of the
# report take the same ones.

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

from analysis import pipeline, plots, trends
from analysis.display import show
from analysis.params import open_selection

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date

# %% [markdown]
# ## What the selection holds
# Documents per year and language, their first and last dates, questions (Q&As), characters,
# and how many spokespersons held them. Below: the files the build could not read, and why
# (listing pages of the Ministry's site, error pages); a corpus never stops for one bad file.

# %%
display(show(trends.document_summary_table(tables.documents), params.lang))
skipped = pipeline.skipped_table(params.corpus_id)
print(f"{len(skipped)} files skipped")
show(skipped["reason"].str.replace(r"\(.*", "", regex=True).value_counts().rename_axis("reason").reset_index(),
     params.lang)

# %% [markdown]
# ## Briefings and questions
# Briefings held per period (a month without briefings is a gap, as in the 2016 start of the
# archive), and questions per briefing with a 95% interval from resampling the period's
# briefings.

# %%
for doc_lang, suffix, part in params.parts(tables):
    activity = trends.activity_table(part.segments, freq=params.freq)
    fig = plots.plot_activity(activity, freq=params.freq, lang=params.lang)
    plots.save_figure(fig, f"10_activity{suffix}", folder=params.figures_dir, data=activity, lang=params.lang)
    display(fig)

# %% [markdown]
# ## Spokespersons: tenures and shares
# One tick per briefing held; on the right the number held and the share of the selection.
# Tenures overlap: the spokespersons rotate within a month, which is what lets the tone
# notebook compare them within the same periods.

# %%
for doc_lang, suffix, part in params.parts(tables):
    tenure = trends.tenure_table(part.segments)
    fig = plots.plot_spokespersons(trends.period_table(part.segments), tenure, lang=params.lang)
    plots.save_figure(fig, f"10_spokespersons{suffix}", folder=params.figures_dir, data=tenure, lang=params.lang)
    display(fig, show(tenure, params.lang))

# %% [markdown]
# ## Who asked
# The origin of the outlet the transcript names for each question (`data/outlets.csv`):
# domestic (the PRC, Hong Kong, Macao), foreign, or named but not yet in the table (add a row);
# "unnamed" where the transcript prints 问 or 记者 without an outlet. The Ministry's
# transcripts name outlets only from 2020: before that, who asked cannot be told from them,
# and the figure starts at the first period whose transcripts name one (the note above the
# bars counts the questions left out).

# %%
for doc_lang, suffix, part in params.parts(tables):
    origins = trends.origin_trend_table(part.segments, freq=params.freq, named_only=True)
    if origins.empty:
        print("No transcript of the selection names an outlet: who asked cannot be told.")
        continue
    if origins.attrs["unnamed_before"]:
        print(f"{origins.attrs['unnamed_before']} questions before {origins.attrs['first_named']} name no outlet.")
    fig = plots.plot_origins(origins, freq=params.freq, lang=params.lang)
    plots.save_figure(fig, f"10_origins{suffix}", folder=params.figures_dir, data=origins, lang=params.lang)
    display(fig)

# %% [markdown]
# ## How long the answers run
# Mean characters per answer (one answer turn: the answer to a question, or to a follow-up),
# per period, with its interval; numbers mark periods resting on few answers, grey bands
# periods with few briefings.

# %%
for doc_lang, suffix, part in params.parts(tables):
    length = trends.add_coverage(trends.answer_length_table(part.segments, freq=params.freq), part.segments,
                                 freq=params.freq)
    fig = plots.plot_mean_trend(length, freq=params.freq, ylabel="answer_chars_per_turn",
                                title="answer_length_trend_title", lang=params.lang, n_note="small_n_answers_note")
    plots.save_figure(fig, f"10_answer_length{suffix}", folder=params.figures_dir, data=length, lang=params.lang)
    display(fig)
