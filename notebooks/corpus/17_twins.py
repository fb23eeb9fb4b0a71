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
# # Twins: what the English versions change
#
# The Ministry publishes each regular briefing in Chinese and in English. For every briefing of
# the selection that has both versions in the corpus (its `twin`), the two are aligned paragraph
# by paragraph (`analysis.twins.align`): turns first (each question and answer with its
# counterpart, matched by kind, length and the asking outlet), then Gale and Church's length
# model for what the turns leave (a turn one version cuts into more paragraphs). On twins whose
# turns match, the length model alone finds 98.7% of the true paragraph pairs; two readers found
# 96% of the groups it makes in real use correct (`data/eval/README.md`). This notebook then
# compares the two versions group by group: their tone, content in one and not the other, the
# countries each names, and how key Chinese terms are rendered.
#
# The two versions' tone comes from two lexicons, the Chinese one and an English one drawn from
# how these very versions render it: their scores of aligned groups correlate at ρ 0.90, but a
# level difference between them is partly the lexicons'. Read the differences between
# categories, and the texts behind them, rather than one difference as a fact of translation.
#
# **Parameters**: as the overview; `doc_lang` does not apply (both versions are read). A
# selection without twins gets a note and no chart.

# %% tags=["parameters"]
corpus = "../shared/mfa/pages"  # a folder of transcripts or saved pages, or files (comma-separated)
corpus_id = ""  # the name its kept tables go under; empty: the folder's name
metadata = ""  # a CSV of what the files do not say (see the README), or empty
date_from = ""  # YYYY, YYYY-MM or YYYY-MM-DD; empty: from the first document
date_to = ""  # as date_from, included; empty: to the last document
doc_lang = "zh"  # the documents' language: zh, en or both (here both versions are always read)
spokespersons = ""  # names, comma-separated (耿爽, Zhao Lijian); empty: all
freq = "M"  # periods: M (month), Q (quarter) or Y (year)
countries = ""  # codes or names, comma-separated (US, 加拿大, India); empty: the most named
genre = "briefing"  # npc, briefing, written, statement (comma-separated)
lang = "zh"  # the labels' language: zh or en
events = ""  # a CSV of dated events to mark; empty: data/events.csv; none: no markers
figures_dir = ""  # empty: figures/<report id>/

# %%
import dataclasses
import inspect

from IPython.display import display

from analysis import plots, twins
from analysis.display import show
from analysis.files import write_atomic
from analysis.params import ParameterError, check_corpus_params

names = inspect.signature(check_corpus_params).parameters
params = check_corpus_params(**{name: globals()[name] for name in names if name in globals()})
params = dataclasses.replace(params, doc_lang="both")  # both versions, whatever the report's documents
try:
    tables = params.load()
except ParameterError as exc:
    tables = None
    print(exc)
docs = tables.documents if tables is not None else None
pairs = docs[(docs["lang"] == "zh") & docs["twin"].isin(set(docs["doc_id"]))] if docs is not None else []
if len(pairs):
    alignment = twins.align_twins(tables.segments, docs, mentions=tables.mentions)
    shifts = twins.shift_table(alignment, tables.segments, tables.terms, tables.mentions)
    print(f"{len(pairs)} briefings of the selection have both versions in the corpus "
          f"({params.describe(docs)})")
else:
    for stem in ("17_translation_shifts",):
        print(plots.drop_figure(stem, folder=params.figures_dir, note="The selection holds no document with its "
                                "other-language version in the corpus: no twins to compare."))

# %% [markdown]
# ## The alignment
# How each twin was aligned: groups of paragraphs paired by turns, by the length model, and
# groups with one side only (a paragraph the other version lacks). The table lists the twins
# that needed the length model.

# %%
if len(pairs):
    summary = twins.pair_summary(alignment)
    print(f"{len(alignment)} groups: {int(summary['by_turns'].sum())} by turns, "
          f"{int(summary['by_length'].sum())} by length, in {int((summary['by_length'] > 0).sum())} of "
          f"{len(summary)} twins; {int(summary['zh_only'].sum())} Chinese and {int(summary['en_only'].sum())} "
          f"English groups have no counterpart")
    display(show(summary[summary["by_length"] > 0], params.lang))

# %% [markdown]
# ## Is the English milder, and where?
# For the aligned groups holding a term of each category (protest, accusation … cooperation,
# approval; `general` the general lexicon's words), the mean difference in intensity, |English
# score| − |Chinese score|: below zero the English scores milder (a cooler welcome or a softer
# protest alike), with a 95% interval from resampling twins. Each category has two bars: the
# groups chosen by their Chinese terms (solid) and by their English terms (hatched). Choosing by
# one side picks groups where that side is intense, so the other side looks milder by selection
# alone; a shift only one bar shows is that artefact. The table gives the two versions' mean
# scores and the signed difference too.
#
# **Read it as a comparison of the two scorers first.** On the Ministry's 2016–2020 twins the
# adversarial categories are milder in English only when chosen by the Chinese terms, and as
# intense or more when chosen by the English ones: selection, not translation. The friendly
# categories are milder in English both ways, most for approval; but a reader of 20 random
# approval groups found the English cooler in none of them (the same in 18, warmer in 2): the
# English lexicon weighs approval words less. A category that moves against the others over
# time, or one group read in both languages, says more than a bar's level (`data/eval/README.md`).

# %%
if len(pairs):
    by_category = twins.shift_summary(shifts)
    fig = plots.plot_translation_shifts(by_category, lang=params.lang)
    plots.save_figure(fig, "17_translation_shifts", folder=params.figures_dir, data=by_category, lang=params.lang)
    display(fig)
    display(show(by_category, params.lang))

# %% [markdown]
# The groups where the two versions' tone differs most (the English minus the Chinese score),
# each way: read them before citing a difference.

# %%
if len(pairs):
    paired = twins.aligned_texts(shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()], tables.segments)
    columns = ["zh_doc", "group", "zh_score", "en_score", "zh_text", "en_text"]
    display(show(paired.nsmallest(3, "tone_diff")[columns], params.lang))
    display(show(paired.nlargest(3, "tone_diff")[columns], params.lang))

# %% [markdown]
# ## Content in one version and not the other
# Groups with no paragraph in the other version, and groups whose English is much shorter than
# the length model expects from the Chinese (under 0.6 of it: a sentence or clause left out, or
# a condensed rendering). The whole list is written beside the figures (`17_omissions.csv`).

# %%
if len(pairs):
    omissions = twins.omission_table(shifts, tables.segments)
    out = params.figures_dir / "17_omissions.csv"
    write_atomic(out, lambda f: omissions.to_csv(f, index=False))
    print(omissions["missing"].value_counts().rename({"en": "no English", "zh": "no Chinese",
                                                      "shorter": "English much shorter"}).to_string())
    display(show(omissions.sort_values("length_ratio").head(8), params.lang))

# %% [markdown]
# ## Countries named in one version only
# For each country or region, the aligned groups that name it in both versions, in the Chinese
# only and in the English only (China left out). A one-sided mention is a translation choice or a
# gap of the country rules in one language (半岛 for the Korean Peninsula; 新 in 巴新 or 新时期 read
# as Singapore): read the groups behind it. On the 2016–2020 twins the Chinese names the US in 207
# groups whose English does not; a reader of 20 of them found every one a real drop (美国总统特朗普
# → "President Trump", 美国《纽约时报》 → "the New York Times", 美方 cut from the sentence).

# %%
if len(pairs):
    mention_shifts = twins.mention_shift_table(shifts, min_count=10)
    display(show(mention_shifts.head(15), params.lang, digits=2))

# %% [markdown]
# ## How key terms are rendered
# For each key Chinese term, the English word sequences (lemmas) most associated with it in the
# aligned groups (Dice coefficient), how many of the term's groups hold each, and an example.
# The table for every term of the tone lexicon is written beside the figures
# (`17_renderings.csv`).

# %%
if len(pairs):
    from analysis import sentiment

    lexicon = sentiment.read_lexicon()
    domain = lexicon.loc[(lexicon["source"] == "domain") & (lexicon["polarity"] != 0), "term"].tolist()
    renderings = twins.rendering_table(alignment, tables.segments, tables.tokens,
                                       list(dict.fromkeys(list(twins.KEY_TERMS) + domain)), top=3, min_count=2)
    out = params.figures_dir / "17_renderings.csv"
    write_atomic(out, lambda f: renderings.to_csv(f, index=False))
    key = renderings[renderings["term"].isin(twins.KEY_TERMS)]
    display(show(key[["term", "n_term", "rendering", "n_both", "share", "example"]], params.lang, digits=2))
