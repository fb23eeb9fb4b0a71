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
# # Topics and terms over time
#
# One topic model over the whole selection: NMF over the TF-IDF of the answer paragraphs'
# content words (scikit-learn, fixed seed), its number of topics chosen by NPMI coherence on
# the same paragraphs (`analysis.topics.theme_model`). Each topic's prevalence is its mean share
# of the answer paragraphs of a period (or of a spokesperson), with 95% intervals from
# resampling briefings. Then keyness between two periods and between two spokespersons
# (log-likelihood G², Bonferroni-corrected, with the Log Ratio effect size), and the terms you name, per
# million tokens with the share of briefings using them.
#
# **Parameters**: as the overview; `compare` (two periods), `pair` (two spokespersons; empty:
# the two with most briefings), `terms` (comma-separated; empty: a few of the period's
# watchwords), `n_topics` (0: chosen by coherence among 10, 20, 30, 40).

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
pair = ""  # two spokespersons, comma-separated; empty: the two with the most briefings
terms = ""  # terms to follow, comma-separated; empty: 霸凌, 抹黑, 合作共赢, 人类命运共同体 (English: bullying, smear, win-win, shared future)
n_topics = 0  # 0: chosen by coherence

# %%
from IPython.display import display

from analysis import labels, plots, topics, trends, words
from analysis.display import show
from analysis.params import check_compare, check_pair, check_terms, describe_compare, open_selection, positive_int

params, tables = open_selection(globals())  # checked; the kept tables, built first if missing or out of date
DEFAULT_TERMS = {"zh": ("霸凌", "抹黑", "合作共赢", "人类命运共同体"),
                 "en": ("bullying", "smear", "win-win", "shared future")}
chosen_terms = check_terms(terms)
k = positive_int("n_topics", n_topics) if n_topics else "auto"

# %% [markdown]
# ## The topic model and its coherence
# Mean NPMI of each topic's ten top terms (how often they occur in the same paragraphs, beyond
# chance) for each number of topics tried; the filled dot is the number kept, the most coherent.
# Below, each topic's eight top terms. In English documents the terms are lemmas, with names
# such as "Hong Kong" or "Belt and Road" kept whole.

# %%
models = {}
for doc_lang, suffix, part in params.parts(tables):
    model = topics.theme_model(part.segments, part.tokens, n_topics=k, ks=range(10, 41, 10))
    models[doc_lang] = model
    fig = plots.plot_coherence(model.coherence, chosen=model.k, lang=params.lang)
    plots.save_figure(fig, f"13_coherence{suffix}", folder=params.figures_dir, data=model.coherence,
                      lang=params.lang)
    display(fig)
    display(show(model.terms[model.terms["rank"] <= 8].pivot(index="theme", columns="rank", values="term")
                 .reindex(list(model.labels())), params.lang, names=False))

# %% [markdown]
# ## Topics over time
# Each topic's mean share of the period's answer paragraphs (%), with its interval, labelled by
# its three top terms.

# %%
for doc_lang, suffix, part in params.parts(tables):
    model = models[doc_lang]
    prevalence = trends.add_coverage(trends.theme_trend_table(model, part.segments, freq=params.freq),
                                     part.segments, freq=params.freq)
    fig = plots.plot_topic_trends(prevalence, freq=params.freq, labels=model.labels(), lang=params.lang)
    plots.save_figure(fig, f"13_topic_trends{suffix}", folder=params.figures_dir, data=prevalence,
                      lang=params.lang)
    display(fig)

# %% [markdown]
# ## Topics by spokesperson
# Each topic's mean share of each spokesperson's answer paragraphs, with intervals. The
# spokespersons served in different years (see the overview): a topic of 2020 is Zhao Lijian's
# by date, not necessarily by choice. Read this figure for who answered on what, not for
# differences of emphasis; the tone notebook compares spokespersons within shared periods.

# %%
for doc_lang, suffix, part in params.parts(tables):
    model = models[doc_lang]
    by_person = trends.theme_spokesperson_table(model, part.segments)
    fig = plots.plot_topic_by_spokesperson(by_person, labels=model.labels(), lang=params.lang)
    plots.save_figure(fig, f"13_topic_spokespersons{suffix}", folder=params.figures_dir, data=by_person,
                      lang=params.lang)
    display(fig)

# %% [markdown]
# ## Keyness: two periods, two spokespersons
# The answer terms over- and under-used in one group against the other: significant after
# Bonferroni's correction; the bars are their G² (the strength of the evidence, which grows with
# the corpus), and the number beside each bar its Log Ratio (the binary log of the ratio of
# relative frequencies, the size of the effect: +1 means twice as frequent). The CSV beside each
# figure has G², Log Ratio, p and the counts. The two periods are the compared ones of the tone
# notebook.

# %%
for doc_lang, suffix, part in params.parts(tables):
    before, after, compare_freq = check_compare(compare, part.segments)
    key = trends.group_keyness_table(part.segments, part.tokens, by="period", target=after, reference=before,
                                     freq=compare_freq)
    shown = words.key_terms_table(key, n=12)
    print(describe_compare(before, after, compare_freq, part.segments))
    fig = plots.plot_keyness(shown, target=after, reference=before, names=(after, before), annotate="log_ratio",
                             lang=params.lang)
    plots.save_figure(fig, f"13_keyness_periods{suffix}", folder=params.figures_dir, data=shown, lang=params.lang)
    display(fig)
    people = trends.tenure_table(part.segments).sort_values("n_docs", ascending=False)["spokesperson"].tolist()
    first, second = check_pair(pair, [p for p in people if p])
    key = trends.group_keyness_table(part.segments, part.tokens, by="spokesperson", target=first, reference=second)
    shown = words.key_terms_table(key, n=12)
    names = (labels.spokesperson_label(first, params.lang), labels.spokesperson_label(second, params.lang))
    fig = plots.plot_keyness(shown, target=first, reference=second, names=names, annotate="log_ratio",
                             lang=params.lang)
    plots.save_figure(fig, f"13_keyness_spokespersons{suffix}", folder=params.figures_dir, data=shown,
                      lang=params.lang)
    display(fig)

# %% [markdown]
# ## Terms over time
# Occurrences per million tokens (all paragraphs; a term is found as a concordancer finds it,
# whether or not the segmenter keeps it whole) and the share of the period's briefings that use
# it: a peak from one briefing shows as a low share.

# %%
for doc_lang, suffix, part in params.parts(tables):
    followed = chosen_terms or DEFAULT_TERMS[doc_lang]
    term_trend = trends.add_coverage(trends.term_trend_table(part.segments, part.tokens, followed, freq=params.freq),
                                     part.segments, freq=params.freq)
    fig = plots.plot_term_trends(term_trend, freq=params.freq, lang=params.lang)
    plots.save_figure(fig, f"13_term_trends{suffix}", folder=params.figures_dir, data=term_trend, lang=params.lang)
    display(fig)
