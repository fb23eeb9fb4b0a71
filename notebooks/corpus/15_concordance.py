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
# # Concordance: every occurrence, with who said it and when
#
# Keyword in context across the selection (`analysis.trends.concordance_table`): each line
# with the document's date and spokesperson and the outlet that asked (where the transcript
# names it). Matching is on characters, as Chinese concordancers do; set `regex=True` in
# the call for a pattern. The whole concordance is written as CSV beside the figures
# (`15_concordance.csv`, linked from the report's front page).
#
# **Parameters**: as the overview; `query`, the string to find (empty: 霸凌, or bullying in
# English documents).

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
query = ""  # the string to find; empty: 霸凌 (English documents: bullying)

# %%
from IPython.display import display

from analysis import plots, trends
from analysis.display import show
from analysis.files import write_atomic
from analysis.params import open_selection

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date
DEFAULT_QUERY = {"zh": "霸凌", "en": "bullying"}

# %% [markdown]
# ## How often, and in how many briefings
# The query per million tokens per period, and the share of briefings that use it; grey bands
# mark periods with few briefings.

# %%
for doc_lang, suffix, part in params.parts(tables):
    pattern = query.strip() or DEFAULT_QUERY[doc_lang]
    trend = trends.add_coverage(trends.term_trend_table(part.segments, part.tokens, [pattern], freq=params.freq),
                                part.segments, freq=params.freq)
    fig = plots.plot_term_trends(trend, freq=params.freq, lang=params.lang)
    plots.save_figure(fig, f"15_query_trend{suffix}", folder=params.figures_dir, data=trend, lang=params.lang)
    display(fig)

# %% [markdown]
# ## The lines
# The first and the last occurrences (the whole concordance is in the CSV file named below):
# twenty characters each side in Chinese, sixty (whole words) in English.

# %%
for doc_lang, suffix, part in params.parts(tables):
    pattern = query.strip() or DEFAULT_QUERY[doc_lang]
    lines = trends.concordance_table(part.segments, pattern)
    out = params.figures_dir / f"15_concordance{suffix}.csv"
    write_atomic(out, lambda f, t=lines: t.to_csv(f, index=False))
    print(f"{len(lines)} lines of {pattern!r} in {lines['doc_id'].nunique()} documents: {out.name}")
    display(show(lines.head(10), params.lang), show(lines.tail(10), params.lang))
