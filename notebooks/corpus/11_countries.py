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
# # Countries over time
#
# Which countries the questions and the answers name, period by period. A country counts in a
# question (or an answer) when any paragraph of it names the country (`analysis.countries`:
# names, 美方-style side forms, compounds such as 中美, governed characters such as 访华); the
# share is of the period's questions (answers), so that a busy month does not look like a
# country's month. Dated events (`data/events.csv`, sourced; pass your own with `events=`)
# are numbered on the time axes.
#
# **Parameters**: as the overview; `countries` chooses the small multiples (default: the nine
# countries the questions name most, China left out).

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
events = trends.read_events(params.events) if params.events else None

# %% [markdown]
# ## The countries the questions name, period by period
# The twenty countries and territories the questions name most, their share of each period's
# questions (%; a square-root grey scale, so that a 5% share stays visible beside the United
# States' 50%). Chinese documents are read for names, aliases, side forms (美方), compounds
# (中美) and governed characters (访华); English documents for the English names and aliases
# as whole words only (`analysis/countries.py`), so shares in the two languages are close but
# not the same measure.

# %%
chosen = {}
for doc_lang, suffix, part in params.parts(tables):
    trend = trends.mention_trend_table(part.segments, part.mentions, freq=params.freq)
    top = trends.top_countries(trend, n=20)
    heat = trends.mention_trend_table(part.segments, part.mentions, freq=params.freq, countries=top)
    fig = plots.plot_mention_heatmap(heat, freq=params.freq, lang=params.lang)
    plots.save_figure(fig, f"11_country_heatmap{suffix}", folder=params.figures_dir, data=heat, lang=params.lang)
    display(fig)
    chosen[doc_lang] = list(params.countries) or trends.top_countries(trend, n=9)

# %% [markdown]
# ## Questions and answers naming each country
# For each country of interest, the share of the period's questions (orange) and of its
# answers (blue) that name it. A hollow point is carried by a single briefing; numbers give
# the period's questions where they are few; grey bands mark periods with few briefings. Each
# panel has its own scale; the events marked are those of the countries drawn.

# %%
for doc_lang, suffix, part in params.parts(tables):
    table = trends.country_trend_table(part.segments, part.mentions, freq=params.freq, countries=chosen[doc_lang])
    table = trends.add_coverage(table, part.segments, freq=params.freq)
    shown = trends.event_table(events, table, freq=params.freq, countries=chosen[doc_lang])
    fig = plots.plot_country_trends(table, freq=params.freq, lang=params.lang, events=shown)
    plots.save_figure(fig, f"11_country_trends{suffix}", folder=params.figures_dir, data=table, lang=params.lang,
                      extra={"events": shown})
    display(fig)

# %% [markdown]
# ## The peaks, and how far they spread
# Each country's three periods with the largest share of questions naming it, with the
# briefings in the period, how many of them carry the mentions (`n_docs_with`) and Gries' DP
# over the period's briefings (0: spread as the questions are; near 1: all in one briefing).

# %%
for doc_lang, suffix, part in params.parts(tables):
    spread = trends.mention_dispersion_table(part.segments, part.mentions, freq=params.freq,
                                             countries=chosen[doc_lang])
    peaks = spread.sort_values("share", ascending=False).groupby("country", sort=False).head(3)
    display(show(peaks.sort_values(["country", "share"], ascending=[True, False]), params.lang))

# %% [markdown]
# ## Read the questions behind a peak
# The questions of the highest peak of the first country of interest: check that the
# mentions are what they seem before you cite the number.

# %%
for doc_lang, suffix, part in params.parts(tables):
    country = chosen[doc_lang][0]
    spread = trends.mention_dispersion_table(part.segments, part.mentions, freq=params.freq, countries=[country])
    peak = spread.sort_values("share", ascending=False).iloc[0]["period"]
    display(show(trends.mention_lines_table(part.segments, part.mentions, country=country, period=peak,
                                            freq=params.freq, kind="question").head(20), params.lang))
