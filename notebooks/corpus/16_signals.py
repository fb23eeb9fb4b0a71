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
# # Diplomatic signals over time: protest, set phrases, non-answers, people
#
# The dictionaries of `data/signals/` (`analysis.signals`) over the selection: how far up the
# protest ladder the answers climb, and toward which countries; when each set phrase arrives
# and how often it is used; how often and to whom the spokespersons decline to answer; whom
# they name. Intervals are 95%, from resampling briefings. The matchers' measured precision
# and recall are in the first table (`make eval`).
#
# **Parameters**: as the overview; `countries` chooses the countries of the chart of targets
# (empty: the twelve whose answers reach a step most often), `events` the events numbered on
# the ladder's trend.

# %% tags=["parameters"]
corpus = "../shared/mfa/pages"  # a folder of transcripts or saved pages, or files (comma-separated)
corpus_id = ""  # the name its kept tables go under; empty: the folder's name
metadata = ""  # a CSV of what the files do not say (see the README), or empty
date_from = ""  # YYYY, YYYY-MM or YYYY-MM-DD; empty: from the first document
date_to = ""  # as date_from, included; empty: to the last document
doc_lang = "zh"  # the documents' language: zh, en or both
spokespersons = ""  # names, comma-separated (耿爽, Zhao Lijian); empty: all
freq = "M"  # periods: M (month), Q (quarter) or Y (year)
countries = ""  # codes or names, comma-separated (US, 加拿大, India); empty: the twelve most protested
genre = "briefing"  # npc, briefing, written, statement (comma-separated)
lang = "zh"  # the labels' language: zh or en
events = ""  # a CSV of dated events to mark; empty: data/events.csv; none: no markers
figures_dir = ""  # empty: figures/<report id>/

# %%
from IPython.display import display

from analysis import plots, signals, trends
from analysis.display import show
from analysis.params import open_selection

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date
coarser = {"M": "Q", "Q": "Q", "Y": "Y"}[params.freq]  # steps of the ladder are rare: by quarter at least
parts = list(params.parts(tables))
events = trends.read_events(params.events) if params.events else None
hits = {suffix: signals.find_signals(part.segments, part.tokens, part.mentions) for _, suffix, part in parts}
show(signals.quality_table(), params.lang)

# %% [markdown]
# ## Escalation: how far up the protest ladder the answers climb

# %%
turns = {}
for _, suffix, part in parts:
    turns[suffix] = signals.protest_turn_table(hits[suffix], part.segments, part.mentions)
    trend = signals.protest_trend_table(turns[suffix], part.segments, freq=coarser)
    shown = trends.event_table(events, trend, freq=coarser)
    fig = plots.plot_protest_trend(trend, freq=coarser, lang=params.lang, events=shown)
    plots.save_figure(fig, f"16_protest_trend{suffix}", folder=params.figures_dir, data=trend, lang=params.lang,
                      extra={"events": shown})
    display(fig)

# %% [markdown]
# Each line is the share of the period's answers that reach at least that step of the ladder
# (strong dissatisfaction, stern representations) or its top (countermeasures). An answer is
# all answer paragraphs of one Q&A; the step is that of the formula, whoever it is aimed at.

# %% [markdown]
# ## Toward which countries

# %%
for _, suffix, part in parts:
    toward = signals.protest_country_table(turns[suffix], countries=params.countries)
    if toward.empty:
        print(plots.drop_figure(f"16_protest_countries{suffix}", folder=params.figures_dir,
                                note="No question names a country often enough."))
        continue
    fig = plots.plot_protest_countries(toward, lang=params.lang)
    plots.save_figure(fig, f"16_protest_countries{suffix}", folder=params.figures_dir, data=toward, lang=params.lang)
    display(fig)

# %% [markdown]
# For each country the journalists' questions named (China aside), the answers to those
# questions by the highest step they reached. The country is inferred from the question: an
# answer about the Hong Kong bill to a question naming the United States and Hong Kong counts
# for both. The twelve countries with the most answers that reach any step are drawn, of those
# named in five questions or more.

# %% [markdown]
# ## Set phrases: arrival and use

# %%
for _, suffix, part in parts:
    trend = signals.phrase_trend_table(hits[suffix], part.segments, freq=coarser)
    if trend.empty:
        print(plots.drop_figure(f"16_phrase_trends{suffix}", folder=params.figures_dir, note="No set phrase is used."))
        continue
    fig = plots.plot_phrase_trends(trend, signals.phrase_names(params.lang), freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"16_phrase_trends{suffix}", folder=params.figures_dir, data=trend, lang=params.lang)
    display(fig)
    first = trend.drop_duplicates("entry")[["entry", "category", "first_date", "first_doc"]]
    totals = trend.groupby("entry")["hits"].sum().rename("hits")
    display(show(first.join(totals, on="entry").sort_values("first_date"), params.lang))

# %% [markdown]
# Rows are the set phrases in order of first use in the selection (a black tick marks the
# period); the shade is hits per hundred answers in the period. A first use at the start of
# the selection says only that the phrase was in use already: the archive begins in
# November 2016.

# %% [markdown]
# ## Non-answers: how often, and to whom

# %%
for _, suffix, part in parts:
    declined = signals.nonanswer_table(hits[suffix], part.segments)
    trend = signals.nonanswer_trend_table(declined, part.segments, freq=coarser)
    by_origin = signals.nonanswer_origin_table(declined)
    fig = plots.plot_nonanswers(trend, by_origin, freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"16_nonanswers{suffix}", folder=params.figures_dir, data=trend,
                      extra={"by_origin": by_origin}, lang=params.lang)
    display(fig)
    display(show(by_origin, params.lang))
    display(show(signals.nonanswer_topic_table(declined, part.segments), params.lang))

# %% [markdown]
# An answer declines in full when every sentence carries a non-answer formula (请向主管部门询问,
# 我不掌握, 我已经回答过, 没有可以发布的消息 …), in part when it also answers. Who asked is the
# outlet the transcript names: the Ministry's Chinese transcripts name outlets only from 2020
# (before, the questions are `unnamed`), so compare origins within 2020. The second table gives
# the same shares by the topic of the question (the codebook themes it names, `data/codebook.csv`;
# a question may name several, and `other` names none).

# %% [markdown]
# ## People named

# %%
for _, suffix, part in parts:
    people = signals.person_table(hits[suffix], part.segments, lang=params.lang)
    if people.empty:
        print(plots.drop_figure(f"16_people{suffix}", folder=params.figures_dir, note="No one in the gazetteer is named."))
        continue
    fig = plots.plot_people(people, lang=params.lang, top=20)
    plots.save_figure(fig, f"16_people{suffix}", folder=params.figures_dir, data=people.head(20), lang=params.lang)
    display(fig)
