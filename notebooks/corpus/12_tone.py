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
# # Tone over time, toward each country, by spokesperson
#
# Tone is the paragraph score of the tone notebook (`analysis.sentiment`: a domain lexicon of
# diplomatic Chinese with negation, degree, contrast and the rules of principle, demand and
# report), averaged over the answer paragraphs of a period. Tone toward a country is scored
# from the sentences that name it (`sentiment.party_tone_table`), not from the whole paragraph:
# sympathy for one party and an attack on another in the same answer do not cancel. Both were
# measured against two readers on paragraphs never used to tune them (the table below and
# `data/eval/README.md`). It reads words, not intent; a mean here is a mean of such scores,
# with a 95% interval from resampling the period's briefings. English documents are scored by
# the same rules with the English lexicons (drawn from how the Ministry's English versions render
# the Chinese terms); their quality table is measured on the readers' labels carried over to the
# English twins. With `doc_lang=both` each language has its own charts: compare the two with the
# twins notebook (17_twins), which pairs paragraphs, rather than the two charts' levels.
#
# **Parameters**: as the overview; `compare`, two periods whose terms the last section
# compares (`2017,2019`, `2018Q4,2019Q4` or `2018-11,2019-01`; empty: the first and last full
# years, years with briefings in ten months or more; the section says which were chosen).

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
compare = ""  # two periods to compare, comma-separated; empty: the first and last full years

# %%
import pandas as pd
from IPython.display import display

from analysis import plots, sentiment, trends
from analysis.display import show
from analysis.params import check_compare, describe_compare, open_selection

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date
events = trends.read_events(params.events) if params.events else None
coarser = {"M": "Q", "Q": "Y", "Y": "Y"}[params.freq]  # for tone toward one country, and by spokesperson
parts = [(suffix, part) for doc_lang, suffix, part in params.parts(tables)]  # each language scored apart

# %% [markdown]
# How well the paragraph scores agree with two careful readers (Spearman's ρ with a 95%
# bootstrap interval, per genre; `make eval`), beside the best plain general lexicon and the
# readers' agreement with each other. *split*: the rules were developed on the `development`
# documents; `evaluation` documents were set aside to measure them. *genre*: `briefing` (regular
# press conferences, this report's genre), `written` (written answers), `statement`, `npc` (the
# Foreign Minister's NPC press conference), `Ministry, all genres` (the first three together).
# *best general lexicon*: the Tsinghua praise/degrade lexicon alone, the better of with and
# without the negation rules. Tone toward a country (the section below) agrees less well:
# ρ 0.75 [0.66, 0.82] on the evaluation documents (`data/eval/README.md`).

# %%
for doc_lang in params.doc_langs:
    show_quality = sentiment.quality_table(doc_lang)
    display(show(show_quality, params.lang, digits=2))

# %% [markdown]
# ## The tone of the answers
# Mean tone of the answer paragraphs per period (each paragraph scored from -1 to 1), with its
# interval; numbers mark periods resting on few paragraphs, a hollow point a single briefing,
# grey bands periods with few briefings.

# %%
for suffix, part in parts:
    tone = trends.add_coverage(trends.tone_trend_table(part.segments, part.paragraphs, freq=params.freq),
                               part.segments, freq=params.freq)
    shown = trends.event_table(events, tone, freq=params.freq)
    fig = plots.plot_mean_trend(tone, freq=params.freq, ylabel="mean_answer_tone", title="tone_trend_title",
                                lang=params.lang, events=shown, zero=True)
    plots.save_figure(fig, f"12_tone_trend{suffix}", folder=params.figures_dir, data=tone, lang=params.lang,
                      extra={"events": shown})
    display(fig)

# %% [markdown]
# ## Tone toward each country and region
# For each answer paragraph that names a country or region of interest, the tone toward it: the
# terms of the sentences that name it, pooled (`sentiment.party_tone_table`), so that praise of
# one party and an attack on another in the same answer are kept apart. The chart gives the mean
# over such paragraphs (a paragraph counts once however often it names the party), by quarter
# when the report runs by month; periods with fewer than five such paragraphs are left out. The
# table gives each year's mean and its n (the paragraphs). Against two readers' tone toward each
# named party, Spearman's ρ is 0.75 [0.66, 0.82] on the evaluation documents (the paragraph's
# own tone would give 0.68).

# %%
for suffix, part in parts:
    party = sentiment.party_tone_table(part.terms, part.mentions)  # tone toward each country named
    trend = trends.mention_trend_table(part.segments, part.mentions, freq=params.freq)
    chosen = list(params.countries) or trends.top_countries(trend, n=9)
    country_tone = trends.country_tone_trend_table(part.segments, party, part.mentions, freq=coarser,
                                                   countries=chosen)
    country_tone = trends.add_coverage(country_tone, part.segments, freq=coarser)
    fig = plots.plot_country_tone_trends(country_tone, freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"12_country_tone{suffix}", folder=params.figures_dir, data=country_tone,
                      lang=params.lang)
    display(fig)
    by_year = trends.country_tone_trend_table(part.segments, party, part.mentions, freq="Y",
                                              countries=chosen)
    means = by_year.pivot(index="country", columns="period", values="mean").reindex(chosen)
    counts = by_year.pivot(index="country", columns="period", values="n").reindex(chosen).fillna(0).astype(int)
    wide = pd.concat({"mean": means, "n": counts}, axis=1).swaplevel(axis=1).sort_index(axis=1)
    wide.columns = [f"{period} {what}" for period, what in wide.columns]
    display(show(wide.rename_axis("country").reset_index(), params.lang, digits=2))

# %% [markdown]
# ## Spokespersons, side by side
# Tone differs between periods, and spokespersons serve in different periods: a plain mean per
# spokesperson mixes the two. First each spokesperson's mean in the quarters they shared with
# another; then a regression of paragraph tone on spokesperson and period (fixed effects for
# each period), whose spokesperson terms compare people *within the same periods* (filled, with
# intervals from resampling briefings within periods), beside the plain differences of means
# (open diamonds).

# %%
for suffix, part in parts:
    side = trends.spokesperson_tone_table(part.segments, part.paragraphs, freq=coarser)
    fig = plots.plot_spokesperson_tone(side, freq=coarser, lang=params.lang)
    plots.save_figure(fig, f"12_spokesperson_tone{suffix}", folder=params.figures_dir, data=side, lang=params.lang)
    display(fig)
    effects = trends.spokesperson_effect_table(part.segments, part.paragraphs, freq=params.freq)
    fig = plots.plot_spokesperson_effects(effects, lang=params.lang)
    plots.save_figure(fig, f"12_spokesperson_effects{suffix}", folder=params.figures_dir, data=effects,
                      lang=params.lang)
    display(fig, show(effects, params.lang))

# %% [markdown]
# ## What changed between two periods
# The scored terms whose weight per 10,000 answer tokens changed most between the two periods
# (red: pulling the tone down, a negative term more frequent or a positive one rarer), with the
# briefings each scores in, before → after. A term counts wherever it stands: read the
# paragraphs below before citing a term as the cause.

# %%
for suffix, part in parts:
    before, after, compare_freq = check_compare(compare, part.segments)
    print(describe_compare(before, after, compare_freq, part.segments))
    change = trends.tone_change_table(part.segments, part.terms, before=before, after=after, freq=compare_freq)
    fig = plots.plot_tone_change(change, lang=params.lang)
    plots.save_figure(fig, f"12_tone_change{suffix}", folder=params.figures_dir, data=change, lang=params.lang)
    display(fig)
    print(f"The most combative answer paragraphs of {after}:")
    display(show(trends.paragraph_lines_table(part.segments, part.paragraphs, period=after, freq=compare_freq),
                 params.lang))
